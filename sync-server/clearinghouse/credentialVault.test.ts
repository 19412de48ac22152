import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ClearinghouseCredentials,
  InvalidCredentialsError,
  KEY_FILE_NAME,
  loadVaultKey,
  openCredentialVault,
  SECRET_KEY_ENV,
  VAULT_FILE_NAME,
  VaultDecryptError,
  VaultKeyError,
} from './credentialVault.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-vault-')), 'data');
});
afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

const credentials: ClearinghouseCredentials = {
  host: 'ftp10.officeally.com',
  port: 22,
  username: 'practice-sftp-user',
  privateKey: PRIVATE_KEY,
  password: 'pa55-w0rd-in-the-vault',
  hostKeySha256: `SHA256:${'q'.repeat(43)}`,
};

const vaultFile = () => path.join(dataDir, VAULT_FILE_NAME);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('vault key', () => {
  it('is created on first run as a 0600 file of 32 base64 bytes, then read back unchanged', () => {
    const first = loadVaultKey({}, dataDir);
    expect(first.source).toBe('created');
    expect(first.key).toHaveLength(32);
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(mode(file)).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]);

    const second = loadVaultKey({}, dataDir);
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('comes from CLAIMGRID_SECRET_KEY when set (and then no key file is written)', () => {
    const key = randomBytes(32);
    const loaded = loadVaultKey({ [SECRET_KEY_ENV]: key.toString('base64') }, dataDir);
    expect(loaded).toEqual({ key, source: 'env' });
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });

  it('refuses a variable that is not base64 of 32 bytes, naming it but not quoting it', () => {
    for (const value of [
      randomBytes(16).toString('base64'),
      'not base64 at all!',
      randomBytes(33).toString('hex'),
    ]) {
      let caught: unknown;
      try {
        loadVaultKey({ [SECRET_KEY_ENV]: value }, dataDir);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(VaultKeyError);
      expect((caught as Error).message).toContain(SECRET_KEY_ENV);
      expect((caught as Error).message).not.toContain(value);
    }
  });

  it('refuses a key file that other users can read', () => {
    loadVaultKey({}, dataDir);
    fs.chmodSync(path.join(dataDir, KEY_FILE_NAME), 0o644);
    expect(() => loadVaultKey({}, dataDir)).toThrow(VaultKeyError);
    expect(() => loadVaultKey({}, dataDir)).toThrow(/chmod 600/);
  });
});

describe('credential vault', () => {
  const open = (key: Buffer) =>
    openCredentialVault({ dataDir, key, now: () => new Date('2026-03-01T10:00:00.000Z') });

  it('round-trips the credentials; the file holds no secret or user name in clear and is 0600', () => {
    const vault = open(loadVaultKey({}, dataDir).key);
    vault.save('p1', credentials);
    expect(vault.load('p1')).toEqual(credentials);
    expect(open(loadVaultKey({}, dataDir).key).load('p1')).toEqual(credentials);

    const onDisk = fs.readFileSync(vaultFile(), 'utf8');
    for (const secret of [
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE',
      'PRIVATE KEY',
      credentials.password!,
      credentials.username,
    ]) {
      expect(onDisk).not.toContain(secret);
    }
    expect(mode(vaultFile())).toBe(0o600);
    expect(fs.readdirSync(dataDir).sort()).toEqual([VAULT_FILE_NAME, KEY_FILE_NAME].sort());
    expect(vault.load('other-practice')).toBeNull();
  });

  it('describe() gives Settings everything but the secrets', () => {
    const vault = open(randomBytes(32));
    expect(vault.describe('p1')).toBeNull();
    vault.save('p1', credentials);
    const summary = vault.describe('p1');
    expect(summary).toEqual({
      host: 'ftp10.officeally.com',
      port: 22,
      username: 'practice-sftp-user',
      hostKeySha256: credentials.hostKeySha256,
      hasKey: true,
      hasPassword: true,
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
    const json = JSON.stringify(summary);
    expect(json).not.toContain('PRIVATE KEY');
    expect(json).not.toContain(credentials.password);
  });

  it('uses a fresh random IV for every save', () => {
    const vault = open(randomBytes(32));
    vault.save('p1', credentials);
    const first = JSON.parse(fs.readFileSync(vaultFile(), 'utf8')).records.p1;
    vault.save('p1', credentials);
    const second = JSON.parse(fs.readFileSync(vaultFile(), 'utf8')).records.p1;
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it('refuses to decrypt with another key, saying so', () => {
    open(randomBytes(32)).save('p1', credentials);
    const other = open(randomBytes(32));
    expect(() => other.load('p1')).toThrow(VaultDecryptError);
    try {
      other.describe('p1');
    } catch (err) {
      expect((err as VaultDecryptError).reason).toBe('wrong_key');
      expect((err as Error).message).toContain('different secret key');
    }
    expect.assertions(3);
  });

  it('update() replaces a record the current key cannot read with what the admin enters now', () => {
    open(randomBytes(32)).save('p1', credentials);
    const rekeyed = open(randomBytes(32));
    const { password: _none, ...keyOnly } = credentials;
    expect(() => rekeyed.update('p1', { host: 'ftp11.officeally.com' })).toThrow(InvalidCredentialsError);
    rekeyed.update('p1', { ...keyOnly, host: 'ftp11.officeally.com' });
    expect(rekeyed.load('p1')).toEqual({ ...keyOnly, host: 'ftp11.officeally.com' });
    expect(rekeyed.practiceIds()).toEqual(['p1']);
  });

  it('refuses a tampered ciphertext, tag or IV, and a record moved to another practice', () => {
    const key = randomBytes(32);
    open(key).save('p1', credentials);
    const original = fs.readFileSync(vaultFile(), 'utf8');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[bytes.length - 1]! ^= 0x01;
      return bytes.toString('base64');
    };
    for (const field of ['ciphertext', 'tag', 'iv'] as const) {
      const vault = JSON.parse(original);
      vault.records.p1[field] = flip(vault.records.p1[field]);
      fs.writeFileSync(vaultFile(), JSON.stringify(vault));
      let caught: unknown;
      try {
        open(key).load('p1');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(VaultDecryptError);
      expect((caught as VaultDecryptError).reason).toBe('tampered');
    }

    const moved = JSON.parse(original);
    moved.records.p2 = moved.records.p1;
    fs.writeFileSync(vaultFile(), JSON.stringify(moved));
    expect(() => open(key).load('p2')).toThrow(/integrity check/);
    expect(open(key).load('p1')).toEqual(credentials);

    fs.writeFileSync(vaultFile(), '{"version":1,"rec');
    expect(() => open(key).load('p1')).toThrow(VaultDecryptError);
  });

  it('update() keeps secrets the form left out, removes one sent empty; remove() deletes', () => {
    const vault = open(randomBytes(32));
    vault.save('p1', credentials);
    vault.update('p1', { host: 'ftp11.officeally.com', port: 2222 });
    expect(vault.load('p1')).toEqual({ ...credentials, host: 'ftp11.officeally.com', port: 2222 });
    vault.update('p1', { password: '' });
    const { password: _dropped, ...withoutPassword } = credentials;
    expect(vault.load('p1')).toEqual({ ...withoutPassword, host: 'ftp11.officeally.com', port: 2222 });
    expect(vault.describe('p1')).toMatchObject({ hasKey: true, hasPassword: false });
    expect(vault.remove('p1')).toBe(true);
    expect(vault.remove('p1')).toBe(false);
    expect(vault.load('p1')).toBeNull();
  });

  it('rejects unusable settings, naming the field, and leaves the saved ones alone', () => {
    const vault = open(randomBytes(32));
    vault.save('p1', credentials);
    const cases: [Partial<ClearinghouseCredentials>, string][] = [
      [{ host: '' }, 'host'],
      [{ port: 0 }, 'port'],
      [{ username: ' ' }, 'username'],
      [{ hostKeySha256: 'aa:bb:cc' }, 'hostKeySha256'],
      [{ privateKey: undefined, password: undefined }, 'secret'],
    ];
    for (const [change, field] of cases) {
      let caught: unknown;
      try {
        vault.save('p1', { ...credentials, ...change });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InvalidCredentialsError);
      expect((caught as InvalidCredentialsError).field).toBe(field);
    }
    expect(vault.load('p1')).toEqual(credentials);
    expect(fs.readdirSync(dataDir)).toEqual([VAULT_FILE_NAME]);
  });
});
