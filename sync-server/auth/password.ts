import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Shortest password accepted when a password is set. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (bounds the work an unauthenticated request can cause). */
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordPolicyCode = 'password_too_short' | 'password_too_long';

/** A new password that the policy refuses. */
export class PasswordPolicyError extends Error {
  constructor(readonly code: PasswordPolicyCode) {
    super(
      code === 'password_too_short'
        ? `Use a password of at least ${MIN_PASSWORD_LENGTH} characters`
        : `Use a password of at most ${MAX_PASSWORD_LENGTH} characters`,
    );
    this.name = 'PasswordPolicyError';
  }
}

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

// N = 2^15, r = 8: 32 MiB and ~0.1 s per hash, OWASP's scrypt baseline.
const PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Stored strings are read back with their own parameters; these bounds stop a tampered row from
// making one login allocate gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Hashes a new password with scrypt into `scrypt$N$r$p$saltB64$keyB64`; throws PasswordPolicyError. */
export async function hashPassword(password: string): Promise<string> {
  const normalized = password.normalize('NFC');
  checkPasswordPolicy(normalized);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(normalized, salt, PARAMS, KEY_BYTES);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Throws PasswordPolicyError when `password` may not be set as a new password. */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new PasswordPolicyError('password_too_short');
  if (length > MAX_PASSWORD_LENGTH) throw new PasswordPolicyError('password_too_long');
}

/** True when `password` matches a stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === null || password.length > MAX_PASSWORD_LENGTH * 2) return false;
  const key = await derive(password.normalize('NFC'), parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is just below that for N = 2^15, r = 8.
  const maxmem = 2 * 128 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyBytes, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : 0)) as [
    number,
    number,
    number,
  ];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { N, r, p }, salt, key };
}
