import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseFingerprint } from './hostKey.ts';

/**
 * Clearinghouse SFTP credentials, one set per practice, encrypted at rest with AES-256-GCM.
 *
 * Kept in `DATA_DIR/clearinghouse-credentials.json` rather than in the Storage interface: a handful of
 * records changed from Settings, and a separate file keeps the secrets out of the database file (which
 * gets copied for backups and support) without widening Storage and its shared suite. The file is
 * replaced atomically (temp file, fsync, rename) with mode 0600.
 *
 * The key is `CLAIMGRID_SECRET_KEY` (base64 of 32 bytes) or, without it, `DATA_DIR/secret.key`, created
 * on first run with mode 0600. Each record has its own random 12-byte IV and is bound to its practice
 * (additional authenticated data), so a record copied to another practice does not decrypt either.
 */
export interface ClearinghouseCredentials {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** The pinned server host key, `SHA256:…`. */
  hostKeySha256: string;
}

/** What Settings may show: everything but the secrets. */
export interface CredentialSummary {
  host: string;
  port: number;
  username: string;
  hostKeySha256: string;
  hasKey: boolean;
  hasPassword: boolean;
  updatedAt: string;
}

export const SECRET_KEY_ENV = 'CLAIMGRID_SECRET_KEY';
export const KEY_FILE_NAME = 'secret.key';
export const VAULT_FILE_NAME = 'clearinghouse-credentials.json';

/** The encryption key cannot be used (bad variable, unreadable or too open key file). Never quotes the key. */
export class VaultKeyError extends Error {
  readonly code = 'vault_key';
  constructor(message: string) {
    super(message);
    this.name = 'VaultKeyError';
  }
}

/** A stored record that does not decrypt: another key, or the file was altered. */
export class VaultDecryptError extends Error {
  readonly code = 'vault_decrypt';
  constructor(readonly reason: 'wrong_key' | 'tampered' | 'corrupt') {
    super(
      reason === 'wrong_key'
        ? `The saved clearinghouse credentials were encrypted with a different secret key (${SECRET_KEY_ENV} or ` +
            `${KEY_FILE_NAME} changed): restore the original key, or enter the credentials again in Submissions → Clearinghouse settings.`
        : reason === 'tampered'
          ? 'The saved clearinghouse credentials failed their integrity check (the file was altered or damaged): ' +
            'enter the credentials again in Submissions → Clearinghouse settings.'
          : `${VAULT_FILE_NAME} is not readable as a credentials file: enter the credentials again in Submissions → Clearinghouse settings.`,
    );
    this.name = 'VaultDecryptError';
  }
}

/** Credentials that cannot be saved as they are; `field` names the setting. */
export class InvalidCredentialsError extends Error {
  readonly code = 'invalid_credentials';
  constructor(
    readonly field: keyof ClearinghouseCredentials | 'secret',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidCredentialsError';
  }
}

export interface VaultKey {
  key: Buffer;
  source: 'env' | 'file' | 'created';
}

/** The vault key from the environment, else the key file in `dataDir` (created with mode 0600 when missing). */
export function loadVaultKey(env: Record<string, string | undefined>, dataDir: string): VaultKey {
  const fromEnv = env[SECRET_KEY_ENV]?.trim();
  if (fromEnv) {
    return { key: decodeKey(fromEnv, `${SECRET_KEY_ENV} is not base64 of 32 random bytes`), source: 'env' };
  }
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const created = createKeyFile(file);
    if (created) return { key: created, source: 'created' };
  }
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new VaultKeyError(
      `${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it`,
    );
  }
  return {
    key: decodeKey(fs.readFileSync(file, 'utf8').trim(), `${file} does not hold base64 of 32 bytes`),
    source: 'file',
  };
}

function decodeKey(text: string, problem: string): Buffer {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new VaultKeyError(`${problem} (make one with: openssl rand -base64 32)`);
  return key;
}

/**
 * Writes a fresh key to a temp file, then links it into place: the link fails if another process got
 * there first (then its key is used), and nobody ever reads a half-written key file.
 */
function createKeyFile(file: string): Buffer | null {
  const key = randomBytes(32);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeDurably(temp, `${key.toString('base64')}\n`);
  try {
    fs.linkSync(temp, file);
    fsyncDir(path.dirname(file));
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

interface StoredRecord {
  /** Which key encrypted it (an HMAC of a constant, so it reveals nothing about the key). */
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
  updatedAt: string;
}

interface VaultFile {
  version: 1;
  records: Record<string, StoredRecord>;
}

export interface CredentialVault {
  /** Replaces the practice's credentials. */
  save(practiceId: string, credentials: ClearinghouseCredentials): void;
  /**
   * Changes some settings and keeps the rest; a secret left out (undefined) keeps the saved one, an
   * empty string removes it. For the Settings form, which never receives the secrets.
   */
  update(practiceId: string, changes: Partial<ClearinghouseCredentials>): void;
  /** The credentials with their secrets, for the SFTP client only; null when none are saved. */
  load(practiceId: string): ClearinghouseCredentials | null;
  /** The credentials without secrets, for HTTP responses; null when none are saved. */
  describe(practiceId: string): CredentialSummary | null;
  /** Deletes the practice's credentials; false when there were none. */
  remove(practiceId: string): boolean;
  /** Practices with saved credentials. */
  practiceIds(): string[];
}

export function openCredentialVault(options: {
  dataDir: string;
  key: Buffer;
  now?: () => Date;
}): CredentialVault {
  if (options.key.length !== 32) throw new VaultKeyError('the vault key must be 32 bytes');
  const key = Buffer.from(options.key);
  const keyId = createHmac('sha256', key)
    .update('claimgrid credential vault key id')
    .digest('hex')
    .slice(0, 16);
  const file = path.join(options.dataDir, VAULT_FILE_NAME);
  const now = options.now ?? (() => new Date());

  const readVault = (): VaultFile => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, records: {} };
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as VaultFile;
      if (parsed.version !== 1 || typeof parsed.records !== 'object' || parsed.records === null)
        throw new Error();
      return parsed;
    } catch {
      throw new VaultDecryptError('corrupt');
    }
  };
  const writeVault = (vault: VaultFile) => {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeDurably(temp, `${JSON.stringify(vault, null, 2)}\n`);
      fs.renameSync(temp, file);
    } finally {
      fs.rmSync(temp, { force: true });
    }
    fsyncDir(options.dataDir);
  };
  const decrypt = (practiceId: string, record: StoredRecord): ClearinghouseCredentials => {
    if (record.keyId !== keyId) throw new VaultDecryptError('wrong_key');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(record.iv, 'base64'));
      decipher.setAAD(aad(practiceId));
      decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(record.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new VaultDecryptError('tampered');
    }
    return JSON.parse(plain.toString('utf8')) as ClearinghouseCredentials;
  };
  const load = (practiceId: string) => {
    const record = readVault().records[practiceId];
    return record ? { credentials: decrypt(practiceId, record), updatedAt: record.updatedAt } : null;
  };
  const save = (practiceId: string, credentials: ClearinghouseCredentials) => {
    const clean = validate(credentials);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(practiceId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(clean), 'utf8'), cipher.final()]);
    const vault = readVault();
    vault.records[practiceId] = {
      keyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      updatedAt: now().toISOString(),
    };
    writeVault(vault);
  };

  return {
    save,
    update(practiceId, changes) {
      // A record that no longer decrypts (the key changed) is replaced by what the admin enters now.
      let current: ClearinghouseCredentials | undefined;
      try {
        current = load(practiceId)?.credentials;
      } catch (err) {
        if (!(err instanceof VaultDecryptError)) throw err;
      }
      const merged: Record<string, unknown> = { ...current };
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === '') delete merged[field];
        else merged[field] = value;
      }
      save(practiceId, merged as unknown as ClearinghouseCredentials);
    },
    load: (practiceId) => load(practiceId)?.credentials ?? null,
    describe(practiceId) {
      const found = load(practiceId);
      if (!found) return null;
      const { credentials: c } = found;
      return {
        host: c.host,
        port: c.port,
        username: c.username,
        hostKeySha256: c.hostKeySha256,
        hasKey: Boolean(c.privateKey),
        hasPassword: Boolean(c.password),
        updatedAt: found.updatedAt,
      };
    },
    practiceIds: () => Object.keys(readVault().records),
    remove(practiceId) {
      const vault = readVault();
      if (!vault.records[practiceId]) return false;
      delete vault.records[practiceId];
      writeVault(vault);
      return true;
    },
  };
}

function aad(practiceId: string): Buffer {
  return Buffer.from(`claimgrid clearinghouse credentials v1 ${practiceId}`, 'utf8');
}

/** Checks the settings and keeps only the known fields (nothing else gets stored by accident). */
function validate(c: ClearinghouseCredentials): ClearinghouseCredentials {
  if (typeof c.host !== 'string' || !/^[A-Za-z0-9.-]{1,253}$/.test(c.host.trim())) {
    throw new InvalidCredentialsError(
      'host',
      'Enter the clearinghouse SFTP host name (like ftp10.officeally.com).',
    );
  }
  if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) {
    throw new InvalidCredentialsError(
      'port',
      'Enter the SFTP port: a whole number from 1 to 65535 (usually 22).',
    );
  }
  if (typeof c.username !== 'string' || c.username.trim() === '') {
    throw new InvalidCredentialsError('username', 'Enter the SFTP user name the clearinghouse gave you.');
  }
  if (typeof c.hostKeySha256 !== 'string' || !parseFingerprint(c.hostKeySha256)) {
    throw new InvalidCredentialsError(
      'hostKeySha256',
      "Enter the clearinghouse server's host key fingerprint, like SHA256:… (ask the clearinghouse for it).",
    );
  }
  if (!c.privateKey && !c.password) {
    throw new InvalidCredentialsError('secret', 'Enter the SFTP private key or password.');
  }
  return {
    host: c.host.trim(),
    port: c.port,
    username: c.username.trim(),
    hostKeySha256: c.hostKeySha256.trim(),
    ...(c.privateKey ? { privateKey: c.privateKey } : {}),
    ...(c.passphrase ? { passphrase: c.passphrase } : {}),
    ...(c.password ? { password: c.password } : {}),
  };
}

/** Creates `file` (which must not exist) with mode 0600 and flushes it to disk. */
function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or link in `dir` durable. */
function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
