import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { type RunningServer, startServer } from '../server.ts';
import { seedDemoPractice } from './seedDemoPractice.ts';

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimgrid-demo-'));
  server = await startServer({
    config: loadConfig({ PORT: '0', DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'NORMAL' }),
    log: createLogger({ level: 'error', write: () => {} }),
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedDemoPractice', () => {
  it('creates the demo practice and users once, with logins that work', async () => {
    const text = await seedDemoPractice(server, { claims: 50 });
    expect(text).not.toBeNull();
    const practices = server.storage.listPractices();
    expect(practices).toHaveLength(1);
    const prefix = `${practices[0]!.id}:work:`;
    expect(server.storage.listDocNames(prefix).length).toBeGreaterThan(0);
    const logins = [...text!.matchAll(/^\s+(\w+)\s+(\S+@\S+)\s+(\S+)$/gm)];
    expect(logins.map((m) => m[1])).toEqual(['biller', 'biller', 'viewer']);
    for (const [, role, email, password] of logins) {
      const login = await server.auth.login(email!, password!);
      expect(login.ok).toBe(true);
      if (login.ok) expect(server.auth.roleIn(login.user.id, practices[0]!.id)).toBe(role);
    }
    expect(await seedDemoPractice(server, { claims: 50 })).toBeNull();
    expect(server.storage.listPractices()).toHaveLength(1);
  });
});
