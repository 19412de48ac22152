import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type {
  PublicUser,
  PracticeAccess as ServerPracticeAccess,
} from '../../../sync-server/auth/authService.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../../sync-server/testing/testServer.ts';
import { ApiError, createApiClient, OFFLINE_MESSAGE } from './apiClient.ts';
import type { PracticeAccess, SessionUser } from './session.ts';

let s: TestServer;
let baseUrl: string;
beforeAll(async () => {
  s = await startTestServer({ claims: 40 });
  baseUrl = s.server.url;
});
afterAll(() => s.stop());

/** The rejection of `promise`, which must be an ApiError. */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Listens on a free loopback port and answers every request with this status, type and body. */
async function fakeServer(status: number, contentType: string, body: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('session types', () => {
  it('match the server’s', () => {
    expectTypeOf<SessionUser>().toEqualTypeOf<PublicUser>();
    expectTypeOf<PracticeAccess>().toEqualTypeOf<ServerPracticeAccess>();
  });
});

describe('login', () => {
  it('returns the user and their practices with roles', async () => {
    const api = createApiClient({ baseUrl });
    const session = await api.login('Biller1@Example.test', TEST_PASSWORD);
    expect(session).toEqual({
      user: {
        id: s.userIds.biller1,
        email: 'biller1@example.test',
        displayName: 'biller1',
        isSystemAdmin: false,
      },
      practices: [{ id: s.practice.practice.id, name: s.practice.practice.name, role: 'biller' }],
    });
  });

  it('turns a wrong password into invalid_credentials with the server’s message', async () => {
    const api = createApiClient({ baseUrl: `${baseUrl}/` });
    const error = await apiErrorOf(api.login('biller2@example.test', 'not-the-password-7'));
    expect(error.code).toBe('invalid_credentials');
    expect(error.status).toBe(401);
    expect(error.needsLogin).toBe(true);
    expect(error.message).toBe('That email and password don’t match. Check both and try again.');
    expect(error.server?.code).toBe('invalid_credentials');
    expect(error.message).not.toContain('not-the-password-7');
  });

  it('reports too_many_attempts, with when to retry, once an email has failed too often', async () => {
    await s.addUser('locked', 'biller');
    const api = createApiClient({ baseUrl });
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push((await apiErrorOf(api.login('locked@example.test', `wrong-${i}-pass`))).code);
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('invalid_credentials'));
    expect(codes.slice(5)).toEqual(Array(3).fill('too_many_attempts'));
    // Even the right password waits until the window has passed.
    const error = await apiErrorOf(api.login('locked@example.test', TEST_PASSWORD));
    expect(error.code).toBe('too_many_attempts');
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/^Too many failed logins for this email\. Try again in \d+ minutes?/);
    expect(typeof error.server?.retryAt).toBe('string');
  });

  it('turns a body the server refuses into its message', async () => {
    const error = await apiErrorOf(createApiClient({ baseUrl }).login('', TEST_PASSWORD));
    expect(error.code).toBe('invalid_body');
    expect(error.status).toBe(400);
    expect(error.message).toBe('Enter your email address');
  });
});

describe('me', () => {
  it('returns the session of a token', async () => {
    const session = await createApiClient({ baseUrl, token: s.tokens.viewer }).me();
    expect(session.user.id).toBe(s.userIds.viewer);
    expect(session.practices).toEqual([
      { id: s.practice.practice.id, name: s.practice.practice.name, role: 'viewer' },
    ]);
  });

  it('needs a login without a token, and a new one with an unknown token', async () => {
    const none = await apiErrorOf(createApiClient({ baseUrl }).me());
    expect([none.code, none.status, none.needsLogin]).toEqual(['login_required', 401, true]);
    expect(none.message).toBe('Log in to continue.');
    const stale = await apiErrorOf(createApiClient({ baseUrl, token: 'forged-token-value' }).me());
    expect([stale.code, stale.status, stale.needsLogin]).toEqual(['session_expired', 401, true]);
  });
});

describe('logout', () => {
  it('ends the session on the server', async () => {
    const { token } = await s.addUser('leaver', 'viewer');
    const api = createApiClient({ baseUrl, token });
    await expect(api.me()).resolves.toMatchObject({ user: { email: 'leaver@example.test' } });
    await api.logout();
    expect((await apiErrorOf(api.me())).code).toBe('session_expired');
  });
});

describe('partitions', () => {
  it('lists the practice’s service months to a member', async () => {
    const partitions = await createApiClient({ baseUrl, token: s.tokens.biller1 }).partitions(
      s.practice.practice.id,
    );
    expect(partitions).toEqual([...new Set(s.partitions)].sort());
    expect(partitions.length).toBeGreaterThan(0);
  });

  it('refuses a practice the user is not a member of', async () => {
    const api = createApiClient({ baseUrl, token: s.tokens.outsider });
    const error = await apiErrorOf(api.partitions(s.practice.practice.id));
    expect([error.code, error.status, error.needsLogin]).toEqual(['forbidden', 403, false]);
    expect(error.message).toBe('You do not have access to this practice.');
  });
});

describe('failures without an API answer', () => {
  it('calls an unreachable server offline, promising the local work is kept', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const gone = await fakeServer(200, 'application/json', '{}');
    const url = urlOf(gone);
    await close(gone);
    const error = await apiErrorOf(createApiClient({ baseUrl: url }).me());
    expect(error.code).toBe('offline');
    expect(error.status).toBe(0);
    expect(error.needsLogin).toBe(false);
    expect(error.message).toBe(OFFLINE_MESSAGE);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('calls a proxy’s HTML error page a bad response', async () => {
    const proxy = await fakeServer(502, 'text/html', '<h1>Bad Gateway</h1>');
    try {
      const error = await apiErrorOf(createApiClient({ baseUrl: urlOf(proxy) }).login('a@b.test', 'x'));
      expect(error.code).toBe('bad_response');
      expect(error.status).toBe(502);
      expect(error.message).toContain('HTTP 502');
    } finally {
      await close(proxy);
    }
  });

  it('calls a 200 that is not a session a bad response', async () => {
    const odd = await fakeServer(200, 'application/json', '{"user":{"id":"u1"},"practices":[]}');
    try {
      const error = await apiErrorOf(createApiClient({ baseUrl: urlOf(odd) }).me());
      expect([error.code, error.status]).toEqual(['bad_response', 200]);
    } finally {
      await close(odd);
    }
  });
});
