import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  BILLER,
  expectNoSecretsLeaked,
  PRACTICE_ADMIN,
  START,
  sessionCookie,
  startTestServer,
  type TestServer,
  THROTTLED,
  TTL_MS,
} from './testServer.ts';

// Passwords used only here; with the seeded ones, none may ever reach a response body or a log line.
const WRONG = 'wrong-pass-0005';
const MALFORMED = 'malformed-pass-0006';
const passwords = [
  ADMIN.password,
  BILLER.password,
  PRACTICE_ADMIN.password,
  THROTTLED.password,
  WRONG,
  MALFORMED,
];

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterEach(() => s.setTime(START));
afterAll(() => s.close());
const call = (...args: Parameters<TestServer['call']>) => s.call(...args);
const login = (who: { email: string; password: string }) => s.login(who);

describe('login, me, logout', () => {
  it('logs in, setting an HttpOnly SameSite=Lax session cookie that lasts the session TTL', async () => {
    const res = await call('POST', '/api/login', {
      json: { email: 'Biller@Clinic.test', password: BILLER.password },
    });
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/^cg_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^u_/),
        email: BILLER.email,
        displayName: 'Bea Biller',
        isSystemAdmin: false,
      },
      practices: [{ id: s.practiceId, name: 'Westside Therapy', role: 'biller' }],
    });
  });

  it('refuses a wrong password and an unknown email with the same 401 and no cookie', async () => {
    const wrong = await call('POST', '/api/login', { json: { email: BILLER.email, password: WRONG } });
    const unknown = await call('POST', '/api/login', {
      json: { email: 'nobody@clinic.test', password: WRONG },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: {
          code: 'invalid_credentials',
          message: 'That email and password don’t match. Check both and try again.',
        },
      });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('answers /api/me from the cookie and from a bearer token, in the login shape', async () => {
    const { token, cookie } = await login(PRACTICE_ADMIN);
    const expected = {
      user: {
        id: expect.stringMatching(/^u_/),
        email: PRACTICE_ADMIN.email,
        displayName: 'Pat Admin',
        isSystemAdmin: false,
      },
      practices: [
        { id: s.otherPracticeId, name: 'Eastside ABA', role: 'viewer' },
        { id: s.practiceId, name: 'Westside Therapy', role: 'admin' },
      ],
    };
    const byCookie = await call('GET', '/api/me', { cookie });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body).toEqual(expected);
    const byBearer = await call('GET', '/api/me', { token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toEqual(expected);
  });

  it('answers 401 login_required without any token', async () => {
    const res = await call('GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('login_required');
  });

  it('answers 401 session_expired once the session has expired, and clears the cookie', async () => {
    const { cookie, token } = await login(BILLER);
    s.setTime(START + TTL_MS - 1000);
    expect((await call('GET', '/api/me', { token })).status).toBe(200);
    s.setTime(START + TTL_MS);
    const res = await call('GET', '/api/me', { cookie });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        code: 'session_expired',
        message: 'Your session has expired — log in again; your unsaved work is kept on this device.',
      },
    });
    expect(sessionCookie(res)).toMatch(/^cg_session=; Max-Age=0; Path=\//);
    // The expired session is gone for good, even if the clock were turned back.
    s.setTime(START);
    expect((await call('GET', '/api/me', { token })).body.error?.code).toBe('session_expired');
  });

  it('answers 401 session_expired for a forged token', async () => {
    const res = await call('GET', '/api/me', { token: 'A'.repeat(43) });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('session_expired');
  });

  it('logout deletes the session and clears the cookie; other sessions keep working', async () => {
    const first = await login(BILLER);
    const second = await login(BILLER);
    const res = await call('POST', '/api/logout', { cookie: first.cookie });
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toMatch(/^cg_session=; Max-Age=0; Path=\//);
    expect((await call('GET', '/api/me', { cookie: first.cookie })).status).toBe(401);
    expect((await call('GET', '/api/me', { token: first.token })).status).toBe(401);
    expect((await call('GET', '/api/me', { token: second.token })).status).toBe(200);
    // Logging out with no session is harmless.
    expect((await call('POST', '/api/logout')).status).toBe(200);
  });
});

describe('login throttle', () => {
  it('after 5 failed logins for one email answers 429 until 15 minutes have passed', async () => {
    for (let i = 0; i < 5; i++) {
      s.setTime(START + i * 60_000);
      const res = await call('POST', '/api/login', { json: { email: THROTTLED.email, password: WRONG } });
      expect(res.status).toBe(401);
    }
    s.setTime(START + 5 * 60_000);
    // Even the right password is refused while throttled.
    const blocked = await call('POST', '/api/login', { json: THROTTLED });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('600');
    expect(blocked.body.error).toEqual({
      code: 'too_many_attempts',
      message:
        'Too many failed logins for this email. Try again in 10 minutes, or ask your administrator to check the account.',
      retryAt: '2025-06-01T08:15:00.000Z',
    });
    // Other emails are unaffected.
    expect((await call('POST', '/api/login', { json: BILLER })).status).toBe(200);

    s.setTime(START + 15 * 60_000);
    expect((await call('POST', '/api/login', { json: THROTTLED })).status).toBe(200);
  });
});

describe('request validation', () => {
  it('answers malformed JSON with 400 invalid_json, without quoting the body', async () => {
    const res = await call('POST', '/api/login', {
      raw: `{"email": "${BILLER.email}", "password": ${MALFORMED}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'invalid_json',
      message: 'The request body isn’t valid JSON. Send a JSON object, e.g. {"email": "…", "password": "…"}.',
    });
  });

  it('answers a body of the wrong shape with 400 invalid_body saying what is missing', async () => {
    const res = await call('POST', '/api/login', { json: { email: BILLER.email } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'invalid_body', message: 'Enter your password' });
    const notObject = await call('POST', '/api/login', { json: [1, 2] });
    expect(notObject.body.error?.message).toBe('Send a JSON object with "email" and "password"');
  });

  it('answers a non-JSON content type with 415 and an oversized body with 413', async () => {
    const form = await call('POST', '/api/login', {
      raw: `email=${BILLER.email}&password=${BILLER.password}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body.error?.code).toBe('unsupported_media_type');
    const huge = await call('POST', '/api/login', {
      json: { email: BILLER.email, password: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe('payload_too_large');
  });
});

describe('secrecy', () => {
  it('never puts a password in a response body or a log line; every log line is one JSON object', () => {
    expectNoSecretsLeaked(s, passwords);
    const events = s.logLines.map((l) => JSON.parse(l).event);
    expect(events).toContain('login_succeeded');
    expect(events).toContain('login_failed');
    expect(events).toContain('login_throttled');
  });
});
