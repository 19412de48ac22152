import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from './seedArgs.ts';

const today = '2026-11-22';

function errorOf(argv: string[]): string {
  const r = parseSeedArgs(argv, today);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r.message;
}

describe('parseSeedArgs', () => {
  it('reads every option, in either form', () => {
    expect(
      parseSeedArgs(
        ['--claims', '100000', '--seed', '7', '--as-of', '2026-01-31', '--out', 'x/y.json'],
        today,
      ),
    ).toEqual({
      kind: 'run',
      options: { claims: 100000, seed: 7, asOf: '2026-01-31', out: 'x/y.json' },
    });
    expect(parseSeedArgs(['--claims=2000', '--seed=-3'], today)).toEqual({
      kind: 'run',
      options: { claims: 2000, seed: -3, asOf: today, out: 'data/demo-practice.json' },
    });
  });

  it('defaults seed 42, as-of today and the demo file', () => {
    expect(parseSeedArgs(['--claims', '10'], today)).toEqual({
      kind: 'run',
      options: { claims: 10, seed: 42, asOf: today, out: 'data/demo-practice.json' },
    });
  });

  it('accepts digit separators in the claim count', () => {
    const r = parseSeedArgs(['--claims', '200_000'], today);
    expect(r.kind === 'run' && r.options.claims).toBe(200000);
  });

  it('shows the usage on --help', () => {
    expect(parseSeedArgs(['--help'], today)).toEqual({ kind: 'help' });
  });

  it.each([
    [[], '--claims is required'],
    [['--claims'], '--claims needs a value'],
    [['--claims', '--seed', '3'], '--claims needs a value'],
    [['--claims', '0'], '--claims must be a whole number'],
    [['--claims', '1.5'], '--claims must be a whole number'],
    [['--claims', '2000000'], '--claims must be a whole number'],
    [['--claims', 'lots'], '--claims must be a whole number'],
    [['--claims', '10', '--seed', 'abc'], '--seed must be an integer'],
    [['--claims', '10', '--as-of', '2026-02-30'], '--as-of must be a date'],
    [['--claims', '10', '--as-of', '11/22/2026'], '--as-of must be a date'],
    [['--claims', '10', '--claims', '20'], '--claims given twice'],
    [['--claims', '10', '--verbose'], 'unknown argument "--verbose"'],
    [['10'], 'unknown argument "10"'],
    [['--claims', '10', '--out='], '--out needs a value'],
  ])('refuses %j: %s', (argv, problem) => {
    const message = errorOf(argv);
    expect(message).toContain(problem);
    expect(message).toContain('usage: npm run seed');
    expect(message).not.toContain('\n');
  });
});
