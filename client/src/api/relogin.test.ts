import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/domain/access.ts';
import { ApiError } from './apiClient.ts';
import { reloginAs } from './relogin.ts';

const session = (id: string, email: string): SessionInfo => ({
  user: { id, email, displayName: id, isSystemAdmin: false },
  practices: [{ id: 'p1', name: 'Practice', role: 'biller' }],
});

function fakeApi() {
  const calls: string[] = [];
  return {
    calls,
    login: async (email: string) => {
      calls.push(`login ${email}`);
      if (email === 'ann@example.test') return session('u-ann', email);
      if (email === 'bob@example.test') return session('u-bob', email);
      throw new ApiError('invalid_credentials', 'Wrong email or password.', 401);
    },
    logout: async () => {
      calls.push('logout');
    },
  };
}

const ann = { id: 'u-ann', email: 'ann@example.test', displayName: 'Ann' };

describe('logging in again on a screen whose session ended', () => {
  it('lets the same user carry on', async () => {
    const api = fakeApi();
    const result = await reloginAs(ann, api)('ann@example.test', 'pw');
    expect(result.user.id).toBe('u-ann');
    expect(api.calls).toEqual(['login ann@example.test']);
  });

  it('refuses another user, ends their new session, and says whom to log in as', async () => {
    const api = fakeApi();
    const attempt = reloginAs(ann, api)('bob@example.test', 'pw');
    await expect(attempt).rejects.toThrow(/Log in as ann@example\.test/);
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    expect(api.calls).toEqual(['login bob@example.test', 'logout']);
  });

  it('passes a wrong password through as it came', async () => {
    const api = fakeApi();
    await expect(reloginAs(ann, api)('nobody@example.test', 'pw')).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  });
});
