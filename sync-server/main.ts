/**
 * `npm start`: the ClaimGrid server on one port — REST API, WebSocket sync and the built client —
 * with its data under DATA_DIR (default ./data). On first run it creates the administrator and a
 * demo practice with synthetic claims, and prints their logins once. A clearinghouse simulator on
 * loopback answers submitted 837P files (CLEARINGHOUSE_SIMULATOR=off leaves it out).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFirstAdmin, formatFirstAdminLogin } from './auth/bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { seedDemoPractice } from './seed/seedDemoPractice.ts';
import { startServer } from './server.ts';
import { startDemoClearinghouse } from './simulator/demoClearinghouse.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`claimgrid: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel });
  const staticRoot = join('dist', 'client');
  const server = await startServer({
    config,
    log,
    staticRoot: existsSync(join(staticRoot, 'index.html')) ? staticRoot : undefined,
  });

  const announcements: string[] = [];
  await ensureFirstAdmin({
    storage: server.storage,
    print: (login) => announcements.push(formatFirstAdminLogin(login)),
  });
  const demo = await seedDemoPractice(server, { claims: Number(process.env.DEMO_CLAIMS ?? 5000) });
  if (demo) announcements.push(demo);
  const clearinghouse = await startDemoClearinghouse({
    config,
    log,
    storage: server.storage,
    env: process.env,
  });
  if (clearinghouse) announcements.push(clearinghouse.announcement);
  for (const text of announcements) console.log(`\n${text}\n`);
  console.log(`ClaimGrid is running at ${server.url}  (data in ${config.dataDir}; Ctrl+C to stop)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server_stopping', { signal });
    await clearinghouse?.stop();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('claimgrid: the server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
