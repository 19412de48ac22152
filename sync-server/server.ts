import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { type AuthService, createAuthService } from './auth/authService.ts';
import { startAuthority } from './authority/authority.ts';
import { createClaimActions } from './claims/claimActions.ts';
import { createClearinghouseAccounts } from './clearinghouse/clearinghouseAccounts.ts';
import type { Config } from './config.ts';
import { createHttpApp } from './http/app.ts';
import { claimActionRoutes } from './http/claimActionRoutes.ts';
import { clearinghouseRoutes } from './http/clearinghouseRoutes.ts';
import { inboundRoutes } from './http/inboundRoutes.ts';
import { submissionRoutes } from './http/submissionRoutes.ts';
import { tokenFromRequest } from './http/tokenFromRequest.ts';
import { createInboundService } from './inbound/inboundService.ts';
import type { Logger } from './log.ts';
import { openSqliteStorage } from './storage/sqliteStorage.ts';
import type { Storage } from './storage/storage.ts';
import { createSubmissionService } from './submissions/submissionService.ts';
import { practiceRoutes } from './sync/practiceRoutes.ts';
import { RoomRegistry } from './sync/roomRegistry.ts';
import { attachSyncEndpoint } from './sync/syncEndpoint.ts';

/** A running server: where it listens, its parts (for tests and the entry point) and how to stop it. */
export interface RunningServer {
  port: number;
  /** `http://host:port` */
  url: string;
  storage: Storage;
  auth: AuthService;
  registry: RoomRegistry;
  /** Closes connections, stops listening and closes storage (everything is already durable). */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  log: Logger;
  now?: () => Date;
  /** Folder of the built client to serve at `/` (the single-page app); none when absent. */
  staticRoot?: string;
  /** How often open sync connections re-check their session and role (default 30 s). */
  syncRecheckMs?: number;
}

/** Starts the one process that serves the REST API and the WebSocket sync endpoint. */
export async function startServer({
  config,
  log,
  now = () => new Date(),
  staticRoot,
  syncRecheckMs,
}: StartOptions): Promise<RunningServer> {
  const storage = openSqliteStorage({ path: config.dbPath, synchronous: config.sqliteSynchronous });
  const auth = createAuthService({ storage, sessionTtlMs: config.sessionTtlMs, now });
  const registry = new RoomRegistry(storage, log);
  startAuthority({ registry, storage, log, now });

  const app = createHttpApp({ storage, auth, config, log, now });
  app.route('/api/practices', practiceRoutes({ auth, storage }));
  // Created after the authority, so batches a stop interrupted are finished before anyone connects.
  const accounts = createClearinghouseAccounts({ dataDir: config.dataDir, log });
  const submissions = createSubmissionService({
    storage,
    registry,
    log,
    now,
    dataDir: config.dataDir,
    accounts,
  });
  app.route('/api/practices', submissionRoutes({ auth, submissions, log }));
  app.route('/api/practices', clearinghouseRoutes({ auth, accounts, log }));
  const inbound = createInboundService({ storage, registry, log, now, dataDir: config.dataDir, accounts });
  // Files a stop left half-processed are finished before anyone connects.
  inbound.recover();
  app.route('/api/practices', inboundRoutes({ auth, inbound, log }));
  app.route(
    '/api/practices',
    claimActionRoutes({ auth, actions: createClaimActions({ storage, registry, log, now }) }),
  );
  const stopPolling = config.inboundPollMs > 0 ? inbound.startPolling(config.inboundPollMs) : () => {};
  if (staticRoot) {
    app.use('/*', serveStatic({ root: staticRoot }));
    // Client-side routes load the app shell.
    app.get('*', serveStatic({ root: staticRoot, path: 'index.html' }));
  }

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as Server),
    );
  });
  const wss = attachSyncEndpoint(server, {
    registry,
    log,
    authenticate(token) {
      const session = auth.authenticate(token);
      if (!session) return null;
      const roles = new Map(session.memberships.map((m) => [m.practiceId, m.role]));
      return { userId: session.user.id, roleIn: (practiceId) => roles.get(practiceId) ?? null };
    },
    tokenFromRequest: (req) => tokenFromRequest(req.headers, req.url),
    practiceExists: (practiceId) => storage.getPractice(practiceId) !== null,
    recheckMs: syncRecheckMs,
  });
  const port = (server.address() as AddressInfo).port;
  log.info('server_listening', { host: config.host, port });

  let closed = false;
  return {
    port,
    url: `http://${config.host}:${port}`,
    storage,
    auth,
    registry,
    async close() {
      if (closed) return;
      closed = true;
      stopPolling();
      registry.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      storage.close();
      log.info('server_stopped', {});
    },
  };
}
