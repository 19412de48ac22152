import { isoDateSchema } from '../shared/domain/primitives.ts';

/** What `npm run seed` generates and where it writes it. */
export interface SeedOptions {
  claims: number;
  seed: number;
  asOf: string;
  out: string;
}

/** The parsed command line: run with options, show the usage, or refuse with a one-line reason. */
export type SeedArgs =
  | { kind: 'run'; options: SeedOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** The one-line usage, shown on --help and after every argument error. */
export const SEED_USAGE =
  'usage: npm run seed -- --claims <1–1000000> [--seed <integer>] [--as-of YYYY-MM-DD] [--out <file.json>]';

/** Most claims one run may generate; 200,000 is the tested load, this leaves headroom. */
export const MAX_SEED_CLAIMS = 1_000_000;

const DEFAULT_SEED = 42;
const DEFAULT_OUT = 'data/demo-practice.json';
const FLAGS = new Set(['--claims', '--seed', '--as-of', '--out']);

function error(problem: string): SeedArgs {
  return { kind: 'error', message: `seed: ${problem}. ${SEED_USAGE}` };
}

/**
 * Parse `npm run seed` arguments (`--flag value` or `--flag=value`); `today` is the default as-of date.
 * @example parseSeedArgs(['--claims', '5000'], '2026-11-22') // → { kind: 'run', options: { claims: 5000, seed: 42, … } }
 */
export function parseSeedArgs(argv: readonly string[], today: string): SeedArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!FLAGS.has(flag)) return error(`unknown argument "${arg}"`);
    if (values.has(flag)) return error(`${flag} given twice`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      return error(`${flag} needs a value`);
    }
    values.set(flag, value);
  }

  const claimsText = values.get('--claims');
  if (claimsText === undefined) return error('--claims is required');
  const claims = Number(claimsText.replaceAll('_', ''));
  if (
    !/^\d[\d_]*$/.test(claimsText) ||
    !Number.isSafeInteger(claims) ||
    claims < 1 ||
    claims > MAX_SEED_CLAIMS
  ) {
    return error(`--claims must be a whole number from 1 to ${MAX_SEED_CLAIMS}, got "${claimsText}"`);
  }

  const seedText = values.get('--seed');
  const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
  if (seedText !== undefined && (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed))) {
    return error(`--seed must be an integer, got "${seedText}"`);
  }

  const asOf = values.get('--as-of') ?? today;
  if (!isoDateSchema.safeParse(asOf).success)
    return error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);

  return { kind: 'run', options: { claims, seed, asOf, out: values.get('--out') ?? DEFAULT_OUT } };
}
