import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService } from '../auth/authService.ts';
import { openTempSqliteStorage } from '../auth/tempSqliteStorage.ts';
import { createLogger } from '../log.ts';
import { createHttpApp } from './app.ts';
import { BILLER, START, startTestServer, type TestServer, TTL_MS } from './testServer.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());
const now = () => new Date(START);

describe('GET /health', () => {
  it('reports the process and the storage healthy', async () => {
    const res = await s.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, storage: 'ok' });
  });
});

describe('routing', () => {
  it('answers unknown /api paths with a JSON 404 and other unknown paths with a plain 404', async () => {
    const res = await s.call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'There is no GET /api/nope here.' });
    const page = await s.app.request('/no-such-page');
    expect(page.status).toBe(404);
    expect(await page.text()).toBe('Not found');
  });

  it('still reaches routes the entry point adds after createHttpApp (under /api and elsewhere)', async () => {
    const app = createHttpApp({
      storage: s.storage,
      auth: s.auth,
      config: { cookieSecure: false, sessionTtlMs: TTL_MS },
      log: createLogger({ level: 'error', write: () => {} }),
      now,
    });
    app.get('/api/practices/:id/extra', (c) => c.json({ extra: c.req.param('id') }));
    app.get('/client', (c) => c.text('client'));
    const extra = await app.request('/api/practices/p_1/extra');
    expect(extra.status).toBe(200);
    expect(await extra.json()).toEqual({ extra: 'p_1' });
    expect(extra.headers.get('cache-control')).toBe('no-store');
    expect(await (await app.request('/client')).text()).toBe('client');
  });
});

describe('configuration and failures (in process)', () => {
  it('marks the cookie Secure when COOKIE_SECURE is on', async () => {
    const app = createHttpApp({
      storage: s.storage,
      auth: s.auth,
      config: { cookieSecure: true, sessionTtlMs: 3_600_000 },
      log: createLogger({ level: 'error', write: () => {} }),
      now,
    });
    const res = await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BILLER),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(
      /^cg_session=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('reports storage unavailable on /health, and a 500 without details, when the database is closed', async () => {
    const temp = openTempSqliteStorage();
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now });
    const closedAuth = createAuthService({ storage: temp.storage, sessionTtlMs: TTL_MS, now });
    const app = createHttpApp({
      storage: temp.storage,
      auth: closedAuth,
      config: { cookieSecure: false, sessionTtlMs: TTL_MS },
      log,
      now,
    });
    temp.storage.close();
    try {
      const health = await app.request('/health');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ ok: false, storage: 'unavailable' });
      const me = await app.request('/api/me', { headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
      expect(me.status).toBe(500);
      expect(await me.json()).toEqual({
        error: {
          code: 'internal',
          message:
            'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
        },
      });
      const events = lines.map((l) => JSON.parse(l));
      expect(events.map((e) => e.event)).toEqual([
        'health_storage_failed',
        'http_unhandled_error',
        'http_request',
      ]);
      expect(events[1]).toMatchObject({ method: 'GET', path: '/api/me', errorName: expect.any(String) });
      expect(Object.keys(events[1])).not.toContain('message');
      expect(events[2]).toMatchObject({ method: 'GET', path: '/api/me', status: 500 });
    } finally {
      rmSync(temp.dir, { recursive: true, force: true });
    }
  });
});
