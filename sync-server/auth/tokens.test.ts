import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, isWellFormedToken, newSessionToken } from './tokens.ts';

describe('session tokens', () => {
  it('are 32 random bytes in base64url (43 characters) and differ each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, newSessionToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(t)).toBe(true);
    }
  });

  it('hash to the sha256 hex digest', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = newSessionToken();
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
  });

  it('rejects strings that newSessionToken cannot produce', () => {
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken('a'.repeat(42))).toBe(false);
    expect(isWellFormedToken('a'.repeat(44))).toBe(false);
    expect(isWellFormedToken(`${'a'.repeat(42)}=`)).toBe(false);
    expect(isWellFormedToken(`${'a'.repeat(42)}+`)).toBe(false);
  });
});
