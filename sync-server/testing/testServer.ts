import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import type { ReplicaPersistence } from '../../client/src/sync/replicaPersistence.ts';
import type { Role } from '../../shared/domain/actor.ts';
import {
  generateSyntheticPractice,
  type SyntheticPractice,
} from '../../shared/synthetic/generateSyntheticPractice.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { seedPracticeDocs } from '../seed/seedPracticeDocs.ts';
import { type RunningServer, startServer } from '../server.ts';

// Each replica opens ~15 providers and y-websocket adds a process 'exit' listener per provider.
process.setMaxListeners(200);

export const TEST_PASSWORD = 'correct horse battery';

/** A real server on a free loopback port with its own data folder, a seeded practice and users. */
export interface TestServer {
  server: RunningServer;
  dataDir: string;
  practice: SyntheticPractice;
  partitions: string[];
  /** Session tokens by user name: biller1, biller2, viewer, admin (of the practice), outsider (member of another practice). */
  tokens: Record<'biller1' | 'biller2' | 'viewer' | 'admin' | 'outsider', string>;
  userIds: Record<'biller1' | 'biller2' | 'viewer' | 'admin' | 'outsider', string>;
  replica(
    token: string,
    options?: { connect?: boolean; partitions?: string[]; persistence?: ReplicaPersistence },
  ): PracticeReplica;
  /** Creates one more user with a role in the seeded practice and logs them in. */
  addUser(name: string, role: Role): Promise<{ token: string; userId: string }>;
  stop(): Promise<void>;
}

/**
 * Starts a test server; `claims` synthetic claims are seeded (default 300). `now` is the server's clock
 * (sessions expire by it), the system clock by default.
 */
export async function startTestServer(
  options: {
    claims?: number;
    dataDir?: string;
    seed?: number;
    now?: () => Date;
    syncRecheckMs?: number;
    /** Folder of a built client to serve at `/` (end-to-end tests). */
    staticRoot?: string;
    /** Poll the clearinghouse every this many seconds (default 0: only when a test asks). */
    pollSeconds?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'claimgrid-test-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    CLEARINGHOUSE_POLL_SECONDS: String(options.pollSeconds ?? 0),
  });
  const log = createLogger({ level: 'warn', write: () => {} });
  const server = await startServer({
    config,
    log,
    now: options.now,
    syncRecheckMs: options.syncRecheckMs,
    staticRoot: options.staticRoot,
  });
  const practice = generateSyntheticPractice({
    seed: options.seed ?? 11,
    claims: options.claims ?? 300,
    asOf: '2026-11-22',
  });
  let partitions: string[];
  if (!server.storage.getPractice(practice.practice.id)) {
    server.storage.createPractice({
      id: practice.practice.id,
      name: practice.practice.name,
      createdAt: '2026-11-22T00:00:00.000Z',
    });
    partitions = seedPracticeDocs(server.storage, practice).partitions;
    const other = server.auth.createPractice({ name: 'Other Practice' });
    const users: [keyof TestServer['tokens'], Role, string][] = [
      ['biller1', 'biller', practice.practice.id],
      ['biller2', 'biller', practice.practice.id],
      ['viewer', 'viewer', practice.practice.id],
      ['admin', 'admin', practice.practice.id],
      ['outsider', 'biller', other.id],
    ];
    for (const [name, role, practiceId] of users) {
      await server.auth.createUser({
        email: `${name}@example.test`,
        displayName: name,
        password: TEST_PASSWORD,
      });
      server.auth.addMember({ practiceId, email: `${name}@example.test`, role });
    }
  } else {
    const prefix = `${practice.practice.id}:work:`;
    partitions = server.storage.listDocNames(prefix).map((n) => n.slice(prefix.length));
  }
  const tokens = {} as TestServer['tokens'];
  const userIds = {} as TestServer['userIds'];
  for (const name of ['biller1', 'biller2', 'viewer', 'admin', 'outsider'] as const) {
    const login = await server.auth.login(`${name}@example.test`, TEST_PASSWORD);
    if (!login.ok) throw new Error(`test login failed for ${name}`);
    tokens[name] = login.token;
    userIds[name] = login.user.id;
  }
  const replicas: PracticeReplica[] = [];
  return {
    server,
    dataDir,
    practice,
    partitions,
    tokens,
    userIds,
    replica(token, opts = {}) {
      const r = new PracticeReplica({
        serverUrl: server.url,
        practiceId: practice.practice.id,
        partitions: opts.partitions ?? partitions,
        token,
        WebSocketImpl: WebSocket,
        connect: opts.connect ?? true,
        persistence: opts.persistence,
      });
      replicas.push(r);
      return r;
    },
    async addUser(name, role) {
      const email = `${name}@example.test`;
      await server.auth.createUser({ email, displayName: name, password: TEST_PASSWORD });
      server.auth.addMember({ practiceId: practice.practice.id, email, role });
      const login = await server.auth.login(email, TEST_PASSWORD);
      if (!login.ok) throw new Error(`test login failed for ${name}`);
      return { token: login.token, userId: login.user.id };
    },
    async stop() {
      for (const r of replicas) r.destroy();
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `check()` is true (checked after every change and every 20 ms), or rejects after `ms`. */
export function waitFor(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}
