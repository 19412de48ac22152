import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  BILLER,
  expectNoSecretsLeaked,
  PRACTICE_ADMIN,
  START,
  startTestServer,
  type TestServer,
  THROTTLED,
} from './testServer.ts';

const NEW_USER = { email: 'newhire@clinic.test', password: 'newhire-pass-0004' };
const passwords = [
  ADMIN.password,
  BILLER.password,
  PRACTICE_ADMIN.password,
  THROTTLED.password,
  NEW_USER.password,
];

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterEach(() => s.setTime(START));
afterAll(() => s.close());
const call = (...args: Parameters<TestServer['call']>) => s.call(...args);
const login = (who: { email: string; password: string }) => s.login(who);

describe('admin API', () => {
  it('refuses every admin route to a biller with 403, and to nobody with 401', async () => {
    const { token } = await login(BILLER);
    const attempts = [
      call('POST', '/api/admin/users', { token, json: { ...NEW_USER, displayName: 'X' } }),
      call('POST', '/api/admin/practices', { token, json: { name: 'Mine' } }),
      call('GET', '/api/admin/practices', { token }),
      call('POST', `/api/admin/practices/${s.practiceId}/members`, {
        token,
        json: { email: BILLER.email, role: 'admin' },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('forbidden');
    }
    expect(s.auth.roleIn(s.storage.getUserByEmail(BILLER.email)?.id ?? '', s.practiceId)).toBe('biller');
    const anonymous = await call('GET', '/api/admin/practices');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('login_required');
  });

  it('lets a system admin create a practice and a user, add the user, and the user then sees it', async () => {
    const { token } = await login(ADMIN);
    const practice = await call('POST', '/api/admin/practices', {
      token,
      json: { name: '  Northside Chiro ' },
    });
    expect(practice.status).toBe(201);
    expect(practice.body).toEqual({ id: expect.stringMatching(/^p_[0-9a-f]{20}$/), name: 'Northside Chiro' });
    const newPracticeId = practice.body.id as string;

    const user = await call('POST', '/api/admin/users', {
      token,
      json: { email: NEW_USER.email, displayName: 'Nia New', password: NEW_USER.password },
    });
    expect(user.status).toBe(201);
    expect(user.body).toEqual({
      id: expect.stringMatching(/^u_/),
      email: NEW_USER.email,
      displayName: 'Nia New',
      isSystemAdmin: false,
    });

    const member = await call('POST', `/api/admin/practices/${newPracticeId}/members`, {
      token,
      json: { email: 'NewHire@clinic.test', role: 'viewer' },
    });
    expect(member.status).toBe(200);
    expect(member.body).toEqual({
      practiceId: newPracticeId,
      userId: user.body.id,
      email: NEW_USER.email,
      role: 'viewer',
    });

    const list = await call('GET', '/api/admin/practices', { token });
    expect(list.status).toBe(200);
    expect((list.body.practices as { name: string }[]).map((p) => p.name)).toEqual([
      'Eastside ABA',
      'Northside Chiro',
      'Westside Therapy',
    ]);

    const newcomer = await call('POST', '/api/login', { json: NEW_USER });
    expect(newcomer.body.practices).toEqual([{ id: newPracticeId, name: 'Northside Chiro', role: 'viewer' }]);
  });

  it('lets a practice admin add members to their own practice only', async () => {
    const { token } = await login(PRACTICE_ADMIN);
    const own = await call('POST', `/api/admin/practices/${s.practiceId}/members`, {
      token,
      json: { email: THROTTLED.email, role: 'viewer' },
    });
    expect(own.status).toBe(200);
    expect(own.body.role).toBe('viewer');
    // A viewer of Eastside, not its admin.
    const other = await call('POST', `/api/admin/practices/${s.otherPracticeId}/members`, {
      token,
      json: { email: THROTTLED.email, role: 'biller' },
    });
    expect(other.status).toBe(403);
    // Unknown practice: forbidden too, so ids can't be probed.
    const unknown = await call('POST', '/api/admin/practices/p_nope/members', {
      token,
      json: { email: THROTTLED.email, role: 'biller' },
    });
    expect(unknown.status).toBe(403);
    // Still only system admins create users or practices.
    expect((await call('POST', '/api/admin/practices', { token, json: { name: 'X' } })).status).toBe(403);
  });

  it('answers 404 for an unknown practice or user, 409 for a taken email, 400 for a short password', async () => {
    const { token } = await login(ADMIN);
    const noPractice = await call('POST', '/api/admin/practices/p_nope/members', {
      token,
      json: { email: BILLER.email, role: 'biller' },
    });
    expect(noPractice.status).toBe(404);
    expect(noPractice.body.error?.code).toBe('practice_not_found');
    const noUser = await call('POST', `/api/admin/practices/${s.practiceId}/members`, {
      token,
      json: { email: 'ghost@clinic.test', role: 'biller' },
    });
    expect(noUser.status).toBe(404);
    expect(noUser.body.error).toEqual({
      code: 'user_not_found',
      message: 'There is no user with the email ghost@clinic.test; create the user first',
    });
    const dup = await call('POST', '/api/admin/users', {
      token,
      json: { email: 'BILLER@clinic.test', displayName: 'Copy', password: 'another-pass-1' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toEqual({
      code: 'email_taken',
      message: 'There is already a user with the email biller@clinic.test',
    });
    const short = await call('POST', '/api/admin/users', {
      token,
      json: { email: 'short@clinic.test', displayName: 'Short', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toEqual({
      code: 'password_too_short',
      message: 'Use a password of at least 10 characters',
    });
    const badRole = await call('POST', `/api/admin/practices/${s.practiceId}/members`, {
      token,
      json: { email: BILLER.email, role: 'owner' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error).toEqual({
      code: 'invalid_body',
      message: 'Role must be admin, biller or viewer',
    });
  });
});

describe('secrecy', () => {
  it('never puts a password in a response body or a log line', () => {
    expectNoSecretsLeaked(s, passwords);
    const events = s.logLines.map((l) => JSON.parse(l).event);
    expect(events).toContain('user_created');
    expect(events).toContain('practice_created');
    expect(events).toContain('member_set');
  });
});
