import { isoDateSchema } from '../../shared/domain/primitives.ts';
import { DEMO_KINDS, type DemoKind, MAX_DEMO_CLAIMS } from '../../shared/x12/837p/demoInput.ts';

/** What one `claimgrid` invocation asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'inspect'; file: string }
  | { kind: 'validate'; file: string }
  | {
      kind: 'demo-837p';
      claims: number;
      claimKind: DemoKind;
      out: string;
      seed: number;
      test: boolean;
      asOf: string | null;
    }
  | { kind: 'error'; message: string };

export const USAGE = [
  'usage: claimgrid <command>',
  '  claimgrid x12 inspect FILE      one JSON document describing an 837P, 835, 999 or 277CA',
  '  claimgrid x12 validate FILE     check an 837P; one finding per line; exit 1 on any error',
  `  claimgrid demo-837p --claims N --kind ${DEMO_KINDS.join('|')} --out FILE [--seed S] [--test] [--as-of YYYY-MM-DD]`,
  '                                  write an 837P of N synthetic claims through the real writer',
].join('\n');

const DEFAULT_SEED = 42;
const VALUE_FLAGS = new Set(['--claims', '--kind', '--out', '--seed', '--as-of']);

function error(problem: string): CliCommand {
  return { kind: 'error', message: `claimgrid: ${problem} (claimgrid --help shows the usage)` };
}

function isDemoKind(s: string): s is DemoKind {
  return (DEMO_KINDS as readonly string[]).includes(s);
}

function parseDemo(argv: readonly string[]): CliCommand {
  const values = new Map<string, string>();
  let test = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--test') {
      test = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(flag)) return error(`demo-837p: unknown argument "${arg}"`);
    if (values.has(flag)) return error(`demo-837p: ${flag} given twice`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      return error(`demo-837p: ${flag} needs a value`);
    }
    values.set(flag, value);
  }
  const claimsText = values.get('--claims');
  if (claimsText === undefined) return error('demo-837p: --claims is required');
  const claims = Number(claimsText);
  if (!/^\d+$/.test(claimsText) || claims < 1 || claims > MAX_DEMO_CLAIMS) {
    return error(`demo-837p: --claims must be a whole number from 1 to ${MAX_DEMO_CLAIMS}`);
  }
  const claimKind = values.get('--kind');
  if (claimKind === undefined) return error('demo-837p: --kind is required');
  if (!isDemoKind(claimKind)) return error(`demo-837p: --kind must be one of ${DEMO_KINDS.join(', ')}`);
  const out = values.get('--out');
  if (out === undefined) return error('demo-837p: --out is required');
  const seedText = values.get('--seed');
  const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
  if (seedText !== undefined && (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed))) {
    return error('demo-837p: --seed must be an integer');
  }
  const asOf = values.get('--as-of') ?? null;
  if (asOf !== null && !isoDateSchema.safeParse(asOf).success) {
    return error('demo-837p: --as-of must be a date YYYY-MM-DD');
  }
  return { kind: 'demo-837p', claims, claimKind, out, seed, test, asOf };
}

/**
 * The command line after `claimgrid`.
 * @example parseCli(['x12', 'inspect', 'a.x12']) // → { kind: 'inspect', file: 'a.x12' }
 */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help')
    return { kind: 'help' };
  if (first === 'x12') {
    if (second !== 'inspect' && second !== 'validate') {
      return error('x12 takes "inspect FILE" or "validate FILE"');
    }
    if (rest.length !== 1 || rest[0] === '') return error(`x12 ${second} takes exactly one FILE`);
    return { kind: second, file: rest[0]! };
  }
  if (first === 'demo-837p') return parseDemo(argv.slice(1));
  return error(`unknown command "${first}"`);
}
