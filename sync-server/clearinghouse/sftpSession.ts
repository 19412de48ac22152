import SftpClient from 'ssh2-sftp-client';
import { errorFields, type Logger, silentLogger } from '../log.ts';
import { hostKeyFingerprint, hostKeyMatches, parseFingerprint } from './hostKey.ts';
import {
  HostKeyMismatchError,
  SftpAuthError,
  SftpError,
  SftpRemoteError,
  SftpSettingsError,
  SftpUnavailableError,
} from './sftpErrors.ts';

/** How to reach the clearinghouse. Secrets stay in this object: nothing here is logged or put in a message. */
export interface SftpConnection {
  host: string;
  port: number;
  username: string;
  privateKey?: string | Buffer;
  /** For an encrypted private key. */
  passphrase?: string;
  password?: string;
  /** The server's pinned host key, `SHA256:…` as `ssh-keygen -l` prints it. */
  hostKeySha256: string;
}

export interface SftpOptions {
  /** Further attempts after the first one on connection errors and timeouts (default 3). */
  retries?: number;
  /** Wait before the first retry; doubled for each later one (default 1000 ms). */
  backoffMs?: number;
  /** Upper bound of one wait (default 30 s). */
  maxBackoffMs?: number;
  /** SSH handshake and login must finish within this (default 20 s). */
  readyTimeoutMs?: number;
  /** One whole attempt (connect, transfer, rename) must finish within this (default 2 min): a hung server. */
  attemptTimeoutMs?: number;
  log?: Logger;
  /** Called after a failed attempt, before the backoff wait (tests restart a server they dropped here). */
  beforeRetry?: (attempt: number) => Promise<void> | void;
}

/** The connected client handed to one attempt's work. */
export type Sftp = SftpClient;

/** Thrown by work that failed in a way another attempt may fix (a short write seen after the fact). */
export class RetryableSftpError extends Error {
  constructor(readonly code: string) {
    super(`retryable SFTP failure: ${code}`);
    this.name = 'RetryableSftpError';
  }
}

class AttemptTimeoutError extends Error {
  readonly code = 'attempt_timeout';
  constructor() {
    super('the SFTP attempt took too long');
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Runs `work` on a fresh SFTP connection, reconnecting with exponential backoff when the connection
 * fails, drops or hangs. Stops at once on what another attempt cannot fix: a host key mismatch, a
 * refused login, a server refusal (SFTP "no such file"/"permission denied") and any `SftpError` the work
 * throws. `work` must therefore be safe to run again from the start (see uploadFile).
 */
export async function withSftp<T>(
  connection: SftpConnection,
  operation: string,
  options: SftpOptions,
  work: (sftp: Sftp, attempt: number) => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  const log = (options.log ?? silentLogger).child({ component: 'sftp', operation });
  const pinned = checkSettings(connection);
  const maxAttempts = 1 + Math.max(0, Math.floor(options.retries ?? 3));
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;

  for (let attempt = 1; ; attempt++) {
    try {
      const value = await runAttempt(connection, pinned, options, log, (sftp) => work(sftp, attempt));
      return { value, attempts: attempt };
    } catch (raw) {
      const err = classify(raw);
      if (err instanceof SftpError) {
        err.attempts = attempt;
        log.warn('sftp_refused', { attempt, problem: err.code, errorName: err.name });
        throw err;
      }
      log.warn('sftp_attempt_failed', { attempt, maxAttempts, ...errorFields(err) });
      if (attempt >= maxAttempts) {
        const code = (err as { code?: unknown }).code;
        const failure = new SftpUnavailableError(
          connection.host,
          connection.port,
          attempt,
          typeof code === 'string' || typeof code === 'number' ? String(code) : err.name,
        );
        log.error('sftp_unavailable', { attempts: attempt, lastErrorCode: failure.lastErrorCode });
        throw failure;
      }
      await options.beforeRetry?.(attempt);
      const delayMs = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
      log.info('sftp_retry_scheduled', { attempt: attempt + 1, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function checkSettings(connection: SftpConnection): Buffer {
  if (typeof connection.host !== 'string' || connection.host.trim() === '')
    throw new SftpSettingsError('host');
  if (!Number.isInteger(connection.port) || connection.port < 1 || connection.port > 65535) {
    throw new SftpSettingsError('port');
  }
  if (typeof connection.username !== 'string' || connection.username === '') {
    throw new SftpSettingsError('username');
  }
  if (!connection.privateKey && !connection.password) throw new SftpAuthError('missing');
  const pinned = parseFingerprint(connection.hostKeySha256 ?? '');
  if (!pinned) throw new SftpSettingsError('hostKeySha256');
  return pinned;
}

/** One connection: connect, run the work, close; a timer bounds the whole of it. */
async function runAttempt<T>(
  connection: SftpConnection,
  pinned: Buffer,
  options: SftpOptions,
  log: Logger,
  work: (sftp: Sftp) => Promise<T>,
): Promise<T> {
  // ssh2-sftp-client reports connection events outside an operation here; they reach the work as
  // rejections anyway, so a debug line is enough (its defaults would print to the console).
  const sftp = new SftpClient('claimgrid', {
    error: (err) => log.debug('sftp_connection_event', { kind: 'error', ...errorFields(err) }),
    end: () => log.debug('sftp_connection_event', { kind: 'end' }),
    close: () => log.debug('sftp_connection_event', { kind: 'close' }),
  });
  let presented: string | null = null;
  let hostKeyRefused = false;
  let firstError: (Error & { level?: string }) | null = null;
  sftp.on('error', (err: Error & { level?: string }) => {
    firstError ??= err;
  });

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      destroy(sftp);
      reject(new AttemptTimeoutError());
    }, options.attemptTimeoutMs ?? 120_000);
  });
  const attempt = (async () => {
    try {
      await sftp.connect({
        host: connection.host,
        port: connection.port,
        username: connection.username,
        ...(connection.privateKey ? { privateKey: connection.privateKey } : {}),
        ...(connection.passphrase ? { passphrase: connection.passphrase } : {}),
        ...(connection.password ? { password: connection.password } : {}),
        tryKeyboard: false,
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        // A peer that vanished without closing the TCP connection is noticed within ~30 s.
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          presented = hostKeyFingerprint(key);
          hostKeyRefused = !hostKeyMatches(key, pinned);
          return !hostKeyRefused;
        },
      });
    } catch (err) {
      if (hostKeyRefused) {
        log.error('sftp_host_key_mismatch', { expected: connection.hostKeySha256, presented });
        throw new HostKeyMismatchError(connection.hostKeySha256, presented ?? 'unknown');
      }
      if (isAuthFailure(firstError) || isAuthFailure(err)) throw new SftpAuthError('rejected');
      if (isUnreadableKey(err)) throw new SftpAuthError('unreadable_key');
      throw err;
    }
    const value = await work(sftp);
    await sftp.end().catch(() => undefined);
    return value;
  })();
  attempt.catch(() => undefined); // Settled by the race below; a late rejection after a timeout is expected.
  try {
    return await Promise.race([attempt, timeout]);
  } catch (err) {
    destroy(sftp);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Turns the SFTP status replies another attempt cannot change into typed errors; everything else is retried. */
function classify(raw: unknown): Error {
  if (raw instanceof SftpError) return raw;
  const err = raw instanceof Error ? raw : new Error(String(raw));
  const code = (err as { code?: unknown }).code;
  const path = (err as { remotePath?: unknown }).remotePath;
  // ssh2 passes SFTP status codes through: 2 = no such file, 3 = permission denied.
  if (code === 2 || code === 'ENOENT') {
    return new SftpRemoteError('missing_file', typeof path === 'string' ? path : 'the requested file');
  }
  if (code === 3 || code === 'EACCES') {
    return new SftpRemoteError('permission_denied', typeof path === 'string' ? path : 'the requested file');
  }
  return err;
}

function isAuthFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    (err as { level?: unknown }).level === 'client-authentication' ||
    /All configured authentication methods failed/.test(err.message)
  );
}

function isUnreadableKey(err: unknown): boolean {
  return err instanceof Error && /privateKey|passphrase/i.test(err.message);
}

/** Drops the socket at once (ssh2-sftp-client's end() waits for a close that a dead peer never sends). */
function destroy(sftp: Sftp): void {
  try {
    (sftp as unknown as { client: { destroy(): void } }).client.destroy();
  } catch {
    // Already closed.
  }
}

/** Marks an error raised by an SFTP call with the remote path it concerned (for the typed error). */
export async function onPath<T>(remotePath: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof Error) (err as Error & { remotePath?: string }).remotePath = remotePath;
    throw err;
  }
}
