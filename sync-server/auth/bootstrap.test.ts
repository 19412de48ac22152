import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/storage.ts';
import { createAuthService } from './authService.ts';
import { ensureFirstAdmin, type FirstAdminLogin, formatFirstAdminLogin } from './bootstrap.ts';
import { openTempSqliteStorage } from './tempSqliteStorage.ts';

let storage: Storage;
let dispose: () => void;
beforeEach(() => {
  ({ storage, dispose } = openTempSqliteStorage());
});
afterEach(() => dispose());

const now = () => new Date('2025-06-01T08:00:00.000Z');

describe('ensureFirstAdmin', () => {
  it('on an empty database creates a system admin and prints a working login once', async () => {
    const printed: FirstAdminLogin[] = [];
    expect(await ensureFirstAdmin({ storage, print: (l) => printed.push(l), now })).toEqual({
      created: true,
    });
    expect(printed).toHaveLength(1);
    const login = printed[0] as FirstAdminLogin;
    expect(login.email).toBe('admin@claimgrid.local');
    expect(login.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);

    const admin = storage.getUserByEmail('admin@claimgrid.local');
    expect(admin?.isSystemAdmin).toBe(true);
    expect(admin?.createdAt).toBe('2025-06-01T08:00:00.000Z');
    expect(admin?.passwordHash).not.toContain(login.password);

    const auth = createAuthService({ storage, sessionTtlMs: 3_600_000, now });
    const result = await auth.login(login.email, login.password);
    expect(result.ok && result.user.isSystemAdmin).toBe(true);

    // Second start: nothing created, nothing printed.
    expect(await ensureFirstAdmin({ storage, print: (l) => printed.push(l), now })).toEqual({
      created: false,
    });
    expect(printed).toHaveLength(1);
    expect(storage.countUsers()).toBe(1);
  });

  it('does nothing when any user exists', async () => {
    const auth = createAuthService({ storage, sessionTtlMs: 3_600_000, now });
    await auth.createUser({ email: 'ana@clinic.test', displayName: 'Ana', password: 'synthetic-pass-1' });
    let calls = 0;
    expect(await ensureFirstAdmin({ storage, print: () => calls++ })).toEqual({ created: false });
    expect(calls).toBe(0);
    expect(storage.getUserByEmail('admin@claimgrid.local')).toBeNull();
  });

  it('creates one admin even when two starts race', async () => {
    const printed: FirstAdminLogin[] = [];
    const results = await Promise.all([
      ensureFirstAdmin({ storage, print: (l) => printed.push(l) }),
      ensureFirstAdmin({ storage, print: (l) => printed.push(l) }),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(printed).toHaveLength(1);
    expect(storage.countUsers()).toBe(1);
  });

  it('formats the login for the console with both email and password', () => {
    const text = formatFirstAdminLogin({ email: 'admin@claimgrid.local', password: 'Abcdefghjk23456789xy' });
    expect(text).toContain('email:    admin@claimgrid.local');
    expect(text).toContain('password: Abcdefghjk23456789xy');
  });
});
