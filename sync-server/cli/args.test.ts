import { describe, expect, it } from 'vitest';
import { parseCli } from './args.ts';

const problem = (argv: string[]) => {
  const r = parseCli(argv);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  expect(r.message.split('\n')).toHaveLength(1);
  return r.message;
};

describe('parseCli', () => {
  it('reads the x12 commands', () => {
    expect(parseCli(['x12', 'inspect', 'a.x12'])).toEqual({ kind: 'inspect', file: 'a.x12' });
    expect(parseCli(['x12', 'validate', 'dir/b.x12'])).toEqual({ kind: 'validate', file: 'dir/b.x12' });
  });

  it('reads demo-837p with defaults, --flag=value and --test', () => {
    expect(parseCli(['demo-837p', '--claims', '100', '--kind', 'void', '--out', 'o.x12'])).toEqual({
      kind: 'demo-837p',
      claims: 100,
      claimKind: 'void',
      out: 'o.x12',
      seed: 42,
      test: false,
      asOf: null,
    });
    expect(
      parseCli([
        'demo-837p',
        '--claims=5',
        '--kind=secondary',
        '--out=x',
        '--seed=-3',
        '--test',
        '--as-of=2026-01-31',
      ]),
    ).toEqual({
      kind: 'demo-837p',
      claims: 5,
      claimKind: 'secondary',
      out: 'x',
      seed: -3,
      test: true,
      asOf: '2026-01-31',
    });
  });

  it('shows help for no arguments, help, --help and -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h']]) expect(parseCli(argv)).toEqual({ kind: 'help' });
  });

  it('refuses bad command lines with one line saying what is wrong', () => {
    expect(problem(['frobnicate'])).toContain('unknown command "frobnicate"');
    expect(problem(['x12', 'explain', 'a'])).toContain('inspect FILE');
    expect(problem(['x12', 'inspect'])).toContain('exactly one FILE');
    expect(problem(['x12', 'inspect', 'a', 'b'])).toContain('exactly one FILE');
    expect(problem(['demo-837p', '--kind', 'original', '--out', 'o'])).toContain('--claims is required');
    expect(problem(['demo-837p', '--claims', '0', '--kind', 'original', '--out', 'o'])).toContain(
      '1 to 100000',
    );
    expect(problem(['demo-837p', '--claims', '1e3', '--kind', 'original', '--out', 'o'])).toContain(
      '--claims',
    );
    expect(problem(['demo-837p', '--claims', '3', '--kind', 'tertiary', '--out', 'o'])).toContain(
      'original, corrected, void, secondary',
    );
    expect(problem(['demo-837p', '--claims', '3', '--kind', 'void'])).toContain('--out is required');
    expect(problem(['demo-837p', '--claims', '3', '--kind', 'void', '--out', 'o', '--seed', 'x'])).toContain(
      '--seed',
    );
    expect(problem(['demo-837p', '--claims', '3', '--claims', '4'])).toContain('given twice');
    expect(problem(['demo-837p', '--claims', '--kind', 'void'])).toContain('--claims needs a value');
    expect(problem(['demo-837p', '--verbose'])).toContain('unknown argument "--verbose"');
    expect(
      problem(['demo-837p', '--claims', '3', '--kind', 'void', '--out', 'o', '--as-of', '2026-02-30']),
    ).toContain('--as-of');
  });
});
