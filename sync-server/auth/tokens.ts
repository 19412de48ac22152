import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
/** Shape of a token `newSessionToken` makes: 32 bytes in base64url, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new session token: 32 random bytes, base64url. Given to the client once; only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The stored form of a token (sha256, hex): a copy of the database can't be replayed as logins. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `token` could have come from `newSessionToken` (cheap filter before any lookup). */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
