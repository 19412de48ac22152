import { join } from 'node:path';
import { type LogLevel, logLevels } from './log.ts';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** The server's settings, read once at start from environment variables. */
export interface Config {
  /** TCP port to listen on (PORT, default 8080; 0 picks a free port). */
  port: number;
  /** Interface to bind (HOST, default 127.0.0.1: reachable from this machine only). */
  host: string;
  /** Directory holding everything the server stores (DATA_DIR, default ./data). */
  dataDir: string;
  /** SQLite database file (DB_PATH, default DATA_DIR/claimgrid.sqlite). */
  dbPath: string;
  /** How long a login lasts (SESSION_TTL_HOURS, default 12). */
  sessionTtlMs: number;
  /** Mark the session cookie `Secure` (COOKIE_SECURE, default false; set true behind TLS). */
  cookieSecure: boolean;
  /** SQLite `synchronous` pragma (SQLITE_SYNCHRONOUS, default FULL: an acknowledged update survives power loss). */
  sqliteSynchronous: SqliteSynchronous;
  /** Lowest level written to the log (LOG_LEVEL, default info). */
  logLevel: LogLevel;
  /**
   * How often each practice's clearinghouse `outbound/` is checked for 999, 277CA and 835 files
   * (CLEARINGHOUSE_POLL_SECONDS, default 120; 0 = only when someone asks).
   */
  inboundPollMs: number;
}

/** An environment variable with a value the server can't use. */
export class ConfigError extends Error {
  readonly code = 'invalid_config';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const MAX_SESSION_TTL_HOURS = 720;

/** Reads the configuration from `env` (pass `process.env`); throws ConfigError naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const dataDir = read('DATA_DIR') ?? './data';
  const sessionTtlHours = readSessionTtlHours(read('SESSION_TTL_HOURS'));
  return {
    port: readPort(read('PORT')),
    host: read('HOST') ?? '127.0.0.1',
    dataDir,
    dbPath: read('DB_PATH') ?? join(dataDir, 'claimgrid.sqlite'),
    sessionTtlMs: Math.round(sessionTtlHours * 3_600_000),
    cookieSecure: readBoolean('COOKIE_SECURE', read('COOKIE_SECURE'), false),
    sqliteSynchronous: readChoice(
      'SQLITE_SYNCHRONOUS',
      read('SQLITE_SYNCHRONOUS'),
      ['FULL', 'NORMAL'],
      'FULL',
    ),
    logLevel: readChoice('LOG_LEVEL', read('LOG_LEVEL')?.toLowerCase(), logLevels, 'info'),
    inboundPollMs: readPollSeconds(read('CLEARINGHOUSE_POLL_SECONDS')) * 1000,
  };
}

function readPort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError('PORT', `"${value}" is not a port number; use a whole number from 0 to 65535`);
  }
  return port;
}

function readSessionTtlHours(value: string | undefined): number {
  if (value === undefined) return 12;
  const hours = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(hours > 0 && hours <= MAX_SESSION_TTL_HOURS)) {
    throw new ConfigError(
      'SESSION_TTL_HOURS',
      `"${value}" is not a session length; use a number of hours above 0 and at most ${MAX_SESSION_TTL_HOURS}`,
    );
  }
  return hours;
}

function readPollSeconds(value: string | undefined): number {
  if (value === undefined) return 120;
  const seconds = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds === 0 || (seconds >= 5 && seconds <= 86_400))) {
    throw new ConfigError(
      'CLEARINGHOUSE_POLL_SECONDS',
      `"${value}" is not a polling interval; use 0 (off) or a whole number of seconds from 5 to 86400`,
    );
  }
  return seconds;
}

function readBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new ConfigError(name, `"${value}" is not true or false`);
}

function readChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const upper = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  if (upper === undefined) {
    throw new ConfigError(name, `"${value}" is not one of ${choices.join(', ')}`);
  }
  return upper;
}
