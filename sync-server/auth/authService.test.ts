import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/storage.ts';
import { AuthError, type AuthService, createAuthService } from './authService.ts';
import { openTempSqliteStorage } from './tempSqliteStorage.ts';
import { hashToken, newSessionToken } from './tokens.ts';

const HOUR = 3_600_000;
const PASSWORD = 'synthetic-pass-1';

let storage: Storage;
let dispose: () => void;
let time: number;
let auth: AuthService;

beforeEach(() => {
  ({ storage, dispose } = openTempSqliteStorage());
  time = Date.parse('2025-06-01T08:00:00.000Z');
  auth = createAuthService({ storage, sessionTtlMs: 12 * HOUR, now: () => new Date(time) });
});
afterEach(() => dispose());

async function authError(p: Promise<unknown> | (() => unknown)): Promise<AuthError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('expected an AuthError');
}

describe('createUser and login', () => {
  it('creates a user and logs in with a session that lasts the TTL', async () => {
    const created = await auth.createUser({
      email: ' Ana@Clinic.Test ',
      displayName: ' Ana B ',
      password: PASSWORD,
    });
    expect(created).toEqual({
      id: created.id,
      email: 'ana@clinic.test',
      displayName: 'Ana B',
      isSystemAdmin: false,
    });
    expect(created.id).toMatch(/^u_[0-9a-f]{20}$/);
    expect(storage.getUserById(created.id)?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);

    const result = await auth.login('ANA@clinic.test', PASSWORD);
    if (!result.ok) throw new Error('login failed');
    expect(result.user).toEqual(created);
    expect(Object.keys(result.user).sort()).toEqual(['displayName', 'email', 'id', 'isSystemAdmin']);
    expect(result.expiresAt.toISOString()).toBe('2025-06-01T20:00:00.000Z');
    // Only the hash of the token is stored.
    expect(storage.getAuthSession(hashToken(result.token))).toEqual({
      tokenHash: hashToken(result.token),
      userId: created.id,
      createdAt: '2025-06-01T08:00:00.000Z',
      expiresAt: '2025-06-01T20:00:00.000Z',
    });
    expect(storage.getAuthSession(result.token)).toBeNull();
  });

  it('answers invalid_credentials alike for a wrong password and an unknown email', async () => {
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    expect(await auth.login('ana@clinic.test', 'wrong-password-1')).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await auth.login('nobody@clinic.test', PASSWORD)).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
  });

  it('spends about as long on an unknown email as on a wrong password (a dummy hash is verified)', async () => {
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    await auth.login('warm-up@clinic.test', PASSWORD);
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await auth.login(email, 'wrong-password-1');
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[1] as number;
    };
    const wrongPassword = await median('ana@clinic.test');
    const unknownEmail = await median('nobody@clinic.test');
    // Without the dummy hash an unknown email answers in well under a millisecond.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.4);
  });

  it('refuses a duplicate email (whatever its case), a short password and a malformed email', async () => {
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    const dup = await authError(
      auth.createUser({ email: 'ANA@clinic.test', displayName: 'A', password: PASSWORD }),
    );
    expect(dup.code).toBe('email_taken');
    const short = await authError(
      auth.createUser({ email: 'b@clinic.test', displayName: 'B', password: 'short' }),
    );
    expect(short.code).toBe('password_too_short');
    expect(short.message).toBe('Use a password of at least 10 characters');
    const bad = await authError(
      auth.createUser({ email: 'not-an-email', displayName: 'C', password: PASSWORD }),
    );
    expect(bad.code).toBe('invalid_email');
    const noName = await authError(
      auth.createUser({ email: 'd@clinic.test', displayName: '  ', password: PASSWORD }),
    );
    expect(noName.code).toBe('invalid_name');
    expect(storage.countUsers()).toBe(1);
  });

  it('lets only one of two concurrent creations of the same email succeed', async () => {
    const results = await Promise.allSettled([
      auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD }),
      auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AuthError).code).toBe('email_taken');
    expect(storage.countUsers()).toBe(1);
  });
});

describe('authenticate and logout', () => {
  async function loggedIn(): Promise<string> {
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    const result = await auth.login('ana@clinic.test', PASSWORD);
    if (!result.ok) throw new Error('login failed');
    return result.token;
  }

  it('returns the user and memberships for a valid token', async () => {
    const token = await loggedIn();
    const practice = auth.createPractice({ name: 'North Clinic' });
    auth.addMember({ practiceId: practice.id, email: 'ana@clinic.test', role: 'biller' });
    const ctx = auth.authenticate(token);
    expect(ctx?.user.email).toBe('ana@clinic.test');
    expect(ctx?.memberships).toEqual([{ userId: ctx?.user.id, practiceId: practice.id, role: 'biller' }]);
  });

  it('returns null for a forged or malformed token', async () => {
    await loggedIn();
    expect(auth.authenticate(newSessionToken())).toBeNull();
    expect(auth.authenticate('not a token')).toBeNull();
    expect(auth.authenticate('')).toBeNull();
  });

  it('expires a session at its expiry instant and deletes it', async () => {
    const token = await loggedIn();
    time += 12 * HOUR - 1;
    expect(auth.authenticate(token)).not.toBeNull();
    time += 1;
    expect(auth.authenticate(token)).toBeNull();
    expect(storage.getAuthSession(hashToken(token))).toBeNull();
    time -= 1; // even with the clock turned back, the deleted session stays gone
    expect(auth.authenticate(token)).toBeNull();
  });

  it('logout ends the session; other sessions of the same user stay', async () => {
    const first = await loggedIn();
    const second = await auth.login('ana@clinic.test', PASSWORD);
    if (!second.ok) throw new Error('login failed');
    auth.logout(first);
    expect(auth.authenticate(first)).toBeNull();
    expect(auth.authenticate(second.token)).not.toBeNull();
    auth.logout('garbage'); // unknown tokens are a no-op
  });

  it('purges expired sessions of anyone at the next login', async () => {
    const old = await loggedIn();
    time += 13 * HOUR;
    await auth.login('ana@clinic.test', PASSWORD);
    expect(storage.getAuthSession(hashToken(old))).toBeNull();
  });
});

describe('practices and members', () => {
  it('creates practices with p_ ids and lists them by name', () => {
    const b = auth.createPractice({ name: ' Westside Therapy ' });
    const a = auth.createPractice({ name: 'Eastside ABA' });
    expect(b.id).toMatch(/^p_[0-9a-f]{20}$/);
    expect(b.name).toBe('Westside Therapy');
    expect(b.createdAt).toBe('2025-06-01T08:00:00.000Z');
    expect(auth.listPractices().map((p) => p.name)).toEqual(['Eastside ABA', 'Westside Therapy']);
    expect(a.id).not.toBe(b.id);
  });

  it('adds members, replaces a role, and reports roles and practices per user', async () => {
    const ana = await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    const west = auth.createPractice({ name: 'Westside' });
    const east = auth.createPractice({ name: 'Eastside' });
    expect(auth.addMember({ practiceId: west.id, email: 'ANA@clinic.test', role: 'viewer' })).toEqual({
      userId: ana.id,
      practiceId: west.id,
      role: 'viewer',
      email: 'ana@clinic.test',
    });
    auth.addMember({ practiceId: west.id, email: 'ana@clinic.test', role: 'admin' });
    auth.addMember({ practiceId: east.id, email: 'ana@clinic.test', role: 'biller' });
    expect(auth.roleIn(ana.id, west.id)).toBe('admin');
    expect(auth.roleIn(ana.id, 'p_unknown')).toBeNull();
    expect(auth.practicesOf(ana.id)).toEqual([
      { id: east.id, name: 'Eastside', role: 'biller' },
      { id: west.id, name: 'Westside', role: 'admin' },
    ]);
  });

  it('refuses an unknown practice or user with typed errors', async () => {
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: PASSWORD });
    const practice = auth.createPractice({ name: 'Westside' });
    const noPractice = await authError(() =>
      auth.addMember({ practiceId: 'p_x', email: 'ana@clinic.test', role: 'biller' }),
    );
    expect(noPractice.code).toBe('practice_not_found');
    const noUser = await authError(() =>
      auth.addMember({ practiceId: practice.id, email: 'zed@clinic.test', role: 'biller' }),
    );
    expect(noUser.code).toBe('user_not_found');
    expect(noUser.message).toBe('There is no user with the email zed@clinic.test; create the user first');
  });
});
