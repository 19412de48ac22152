import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordPolicyError, verifyPassword } from './password.ts';

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt$N$r$p$salt$key with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery');
    const [name, N, r, p, salt, key] = stored.split('$');
    expect([name, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(key as string, 'base64')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('derives the key that scrypt computes for the stored salt (an independent recomputation)', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, , , , salt, key] = stored.split('$');
    const expected = scryptSync('correct horse battery', Buffer.from(salt as string, 'base64'), 32, {
      N: 32768,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    expect(expected.toString('base64')).toBe(key);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait-9');
    expect(await verifyPassword('cafe\u0301-au-lait-9', stored)).toBe(true);
  });

  it('reads the parameters from the stored string (older, cheaper hashes keep working)', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('legacy password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('legacy password', stored)).toBe(true);
    expect(await verifyPassword('legacy passwore', stored)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['another scheme', 'bcrypt$12$abc'],
    [
      'N not a power of two',
      'scrypt$1000$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    ],
    [
      'N too large',
      'scrypt$2097152$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    ],
    ['short key', 'scrypt$1024$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$AAAA'],
  ])('answers false (does not throw) for an unreadable stored hash: %s', async (_, stored) => {
    expect(await verifyPassword('whatever password', stored)).toBe(false);
  });

  it('refuses passwords shorter than 10 characters with a typed error', async () => {
    const err = await hashPassword('nine char').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PasswordPolicyError);
    expect((err as PasswordPolicyError).code).toBe('password_too_short');
    expect((err as PasswordPolicyError).message).toBe('Use a password of at least 10 characters');
    // Counted in characters, not UTF-16 units: nine emoji are nine characters.
    const emoji = await hashPassword('😀'.repeat(9)).catch((e: unknown) => e);
    expect((emoji as PasswordPolicyError).code).toBe('password_too_short');
    await expect(hashPassword('ten chars!')).resolves.toMatch(/^scrypt\$/);
  });

  it('refuses passwords longer than 256 characters', async () => {
    const err = await hashPassword('x'.repeat(257)).catch((e: unknown) => e);
    expect((err as PasswordPolicyError).code).toBe('password_too_long');
  });
});
