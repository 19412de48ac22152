/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** One field value: primitives only, so nobody logs a whole claim, request body or user record by accident. */
export type LogValue = string | number | boolean | null;

/**
 * Extra fields of a log line. Pass ids, counts, durations and codes: never patient data (names, dates
 * of birth, member IDs, claim contents), never passwords or session tokens, never request bodies.
 * The keys `time`, `level` and `event` are reserved and ignored here.
 */
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ component: 'sync' }`). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are dropped. */
  level: LogLevel;
  /** Receives each line, newline included. Defaults to stdout. */
  write?: (line: string) => void;
  /** The clock stamped on each line. Defaults to the system clock. */
  now?: () => Date;
}

/** A logger that writes nothing: the default of components whose caller passes no logger. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

const reserved = new Set(['time', 'level', 'event']);
const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A JSON-lines logger: one object per line, `{"time":…,"level":…,"event":…,…fields}`.
 * Example: `createLogger({ level: 'info' }).info('login_succeeded', { userId: 'u_1' })`.
 */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const threshold = rank[options.level];
  return makeLogger(threshold, write, now, {});
}

function makeLogger(
  threshold: number,
  write: (line: string) => void,
  now: () => Date,
  base: LogFields,
): Logger {
  const emit = (level: LogLevel, event: string, fields?: LogFields): void => {
    if (rank[level] < threshold) return;
    const line: Record<string, LogValue> = { time: now().toISOString(), level, event };
    copyFields(line, base);
    if (fields) copyFields(line, fields);
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => makeLogger(threshold, write, now, { ...base, ...fields }),
  };
}

function copyFields(into: Record<string, LogValue>, fields: LogFields): void {
  for (const key of Object.keys(fields)) {
    if (reserved.has(key)) continue;
    const value = fields[key];
    // A caller bypassing the types with an object would otherwise serialize it whole.
    into[key] = value === undefined || (typeof value === 'object' && value !== null) ? null : value;
  }
}

/**
 * Fields that describe a thrown error without its message (messages can quote input, e.g. a JSON
 * parse error repeats the body): its name, its `code` when it has one, and the stack frames.
 */
export function errorFields(err: unknown): LogFields {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .map((l) => l.trim())
    .join(' | ');
  return {
    errorName: err.name,
    errorCode: typeof code === 'string' || typeof code === 'number' ? code : null,
    stack: frames,
  };
}
