/**
 * What went wrong talking to the clearinghouse, as typed errors whose messages a biller can act on.
 * Messages carry host, port, file names and host key fingerprints (none of them secret, none of them
 * patient data), never a password, a private key or a server's raw error text.
 */
export type SftpProblem =
  | 'host_key_mismatch'
  | 'auth'
  | 'unavailable'
  | 'remote_refused'
  | 'remote_conflict'
  | 'invalid_settings';

export abstract class SftpError extends Error {
  abstract readonly code: SftpProblem;
  /** Connection attempts made before giving up (set by the retry loop). */
  attempts = 0;
}

/** The server presented a host key other than the pinned one: refused before logging in, never retried. */
export class HostKeyMismatchError extends SftpError {
  readonly code = 'host_key_mismatch';
  constructor(
    readonly expected: string,
    readonly presented: string,
  ) {
    super(
      `The clearinghouse server did not prove it is the server saved in Settings (its host key is ${presented}, ` +
        `expected ${expected}), so nothing was sent. If the clearinghouse changed its key, confirm the new ` +
        'fingerprint with them and update it in Settings.',
    );
    this.name = 'HostKeyMismatchError';
  }
}

export type SftpAuthReason = 'rejected' | 'unreadable_key' | 'missing';

/** The login failed (or could not be tried): retrying with the same settings cannot help. */
export class SftpAuthError extends SftpError {
  readonly code = 'auth';
  constructor(readonly reason: SftpAuthReason) {
    super(
      reason === 'rejected'
        ? 'The clearinghouse refused the login: check the SFTP user and key in Settings.'
        : reason === 'unreadable_key'
          ? 'The SFTP key saved in Settings could not be read: paste the private key again (OpenSSH or PEM format, without a passphrase or with the right one).'
          : 'No SFTP key or password is saved for the clearinghouse: add them in Settings.',
    );
    this.name = 'SftpAuthError';
  }
}

/** The server could not be reached, or dropped every attempt (the last retry included). */
export class SftpUnavailableError extends SftpError {
  readonly code = 'unavailable';
  constructor(
    readonly host: string,
    readonly port: number,
    attempts: number,
    /** The last low-level error's code (e.g. ECONNREFUSED, attempt_timeout), for logs and support. */
    readonly lastErrorCode: string,
  ) {
    super(
      `Could not reach the clearinghouse at ${host}:${port} (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}). ` +
        'The transfer was not completed. Sending again later is safe: a file that already arrived is not sent twice.',
    );
    this.name = 'SftpUnavailableError';
    this.attempts = attempts;
  }
}

/** The server answered but refused an operation (no such folder, permission denied). */
export class SftpRemoteError extends SftpError {
  readonly code = 'remote_refused';
  constructor(
    readonly reason: 'missing_folder' | 'permission_denied' | 'missing_file',
    readonly remotePath: string,
  ) {
    super(
      reason === 'missing_folder'
        ? `The clearinghouse SFTP account has no "${remotePath}" folder: check the SFTP settings with the clearinghouse.`
        : reason === 'missing_file'
          ? `The clearinghouse has no file "${remotePath}".`
          : `The clearinghouse server refused access to "${remotePath}" (permission denied): check the SFTP account with the clearinghouse.`,
    );
    this.name = 'SftpRemoteError';
  }
}

/** A different file already has the final name: nothing is overwritten. */
export class RemoteFileConflictError extends SftpError {
  readonly code = 'remote_conflict';
  constructor(readonly remotePath: string) {
    super(
      `A different file named "${remotePath}" is already on the clearinghouse server, so nothing was sent. ` +
        'Generate the batch again to get a new file name.',
    );
    this.name = 'RemoteFileConflictError';
  }
}

/** The saved settings cannot be used as they are (e.g. no valid host key fingerprint). */
export class SftpSettingsError extends SftpError {
  readonly code = 'invalid_settings';
  constructor(readonly setting: 'hostKeySha256' | 'host' | 'port' | 'username') {
    super(
      setting === 'hostKeySha256'
        ? "The clearinghouse's host key fingerprint in Settings is missing or is not a SHA256 fingerprint (SHA256:…), so nothing was sent."
        : `The clearinghouse SFTP ${setting} in Settings is missing or invalid, so nothing was sent.`,
    );
    this.name = 'SftpSettingsError';
  }
}
