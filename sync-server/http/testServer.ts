import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { type AuthService, createAuthService } from '../auth/authService.ts';
import { openTempSqliteStorage } from '../auth/tempSqliteStorage.ts';
import { createLogger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { createHttpApp } from './app.ts';
import type { AppEnv } from './appEnv.ts';

// For the HTTP tests: synthetic accounts, and the API served for real on loopback over real SQLite.
export const ADMIN = { email: 'sysadmin@clinic.test', password: 'admin-pass-0001' };
export const BILLER = { email: 'biller@clinic.test', password: 'biller-pass-0002' };
export const PRACTICE_ADMIN = { email: 'padmin@clinic.test', password: 'padmin-pass-0003' };
export const THROTTLED = { email: 'guessed@clinic.test', password: 'guessed-pass-0007' };

export const TTL_MS = 12 * 3_600_000;
export const START = Date.parse('2025-06-01T08:00:00.000Z');

export interface Call {
  status: number;
  body: { error?: { code: string; message: string; retryAt?: string } } & Record<string, unknown>;
  headers: Headers;
}

export interface CallOptions {
  json?: unknown;
  raw?: string;
  token?: string;
  cookie?: string;
  contentType?: string;
}

export interface TestServer {
  app: Hono<AppEnv>;
  storage: Storage;
  auth: AuthService;
  /** Ids of the seeded practices: Westside (biller: BILLER, admin: PRACTICE_ADMIN), Eastside (viewer: PRACTICE_ADMIN). */
  practiceId: string;
  otherPracticeId: string;
  /** Every log line written so far. */
  logLines: string[];
  /** Every response body received so far. */
  responseBodies: string[];
  /** Sets the clock the server sees (ms since the epoch). */
  setTime(ms: number): void;
  call(method: string, path: string, options?: CallOptions): Promise<Call>;
  /** Logs in and returns the session token and a Cookie header carrying it. */
  login(who: { email: string; password: string }): Promise<{ token: string; cookie: string }>;
  close(): Promise<void>;
}

/** The `cg_session` Set-Cookie of a response; throws when there is none. */
export function sessionCookie(res: Call): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cg_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Serves createHttpApp on 127.0.0.1 (a free port) over a fresh SQLite file with the seeded accounts. */
export async function startTestServer(): Promise<TestServer> {
  const { storage, dispose } = openTempSqliteStorage();
  let time = START;
  const now = () => new Date(time);
  const logLines: string[] = [];
  const responseBodies: string[] = [];
  const auth = createAuthService({ storage, sessionTtlMs: TTL_MS, now });
  const log = createLogger({ level: 'debug', write: (l) => logLines.push(l), now });
  const app = createHttpApp({
    storage,
    auth,
    config: { cookieSecure: false, sessionTtlMs: TTL_MS },
    log,
    now,
  });

  await Promise.all([
    auth.createUser({ ...ADMIN, displayName: 'Sys Admin', isSystemAdmin: true }),
    auth.createUser({ ...BILLER, displayName: 'Bea Biller' }),
    auth.createUser({ ...PRACTICE_ADMIN, displayName: 'Pat Admin' }),
    auth.createUser({ ...THROTTLED, displayName: 'Gus Guessed' }),
  ]);
  const practiceId = auth.createPractice({ name: 'Westside Therapy' }).id;
  const otherPracticeId = auth.createPractice({ name: 'Eastside ABA' }).id;
  auth.addMember({ practiceId, email: BILLER.email, role: 'biller' });
  auth.addMember({ practiceId, email: PRACTICE_ADMIN.email, role: 'admin' });
  auth.addMember({ practiceId: otherPracticeId, email: PRACTICE_ADMIN.email, role: 'viewer' });

  let server: Server | undefined;
  const port = await new Promise<number>((resolve) => {
    // The listening callback receives the bound address, so port 0 tells us which port was picked.
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    ) as Server;
  });
  const base = `http://127.0.0.1:${port}`;

  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Call> => {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.json !== undefined || options.raw !== undefined) {
      body = options.raw ?? JSON.stringify(options.json);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    responseBodies.push(text);
    return { status: res.status, body: text === '' ? {} : JSON.parse(text), headers: res.headers };
  };

  return {
    app,
    storage,
    auth,
    practiceId,
    otherPracticeId,
    logLines,
    responseBodies,
    setTime: (ms) => {
      time = ms;
    },
    call,
    async login(who) {
      const res = await call('POST', '/api/login', { json: who });
      expect(res.status).toBe(200);
      const cookie = sessionCookie(res);
      const token = cookie.slice('cg_session='.length, cookie.indexOf(';'));
      return { token, cookie: `cg_session=${token}` };
    },
    async close() {
      const s = server as Server;
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
      dispose();
    },
  };
}

/** Asserts that no response body or log line so far contains any of `passwords`, and every log line is JSON. */
export function expectNoSecretsLeaked(server: TestServer, passwords: readonly string[]): void {
  expect(server.responseBodies.length).toBeGreaterThan(5);
  expect(server.logLines.length).toBeGreaterThan(5);
  for (const text of [...server.responseBodies, ...server.logLines]) {
    for (const password of passwords) expect(text).not.toContain(password);
  }
  for (const line of server.logLines) {
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
  }
}
