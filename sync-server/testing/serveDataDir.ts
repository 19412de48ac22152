/**
 * The server in a process of its own, for tests that kill it (`SIGKILL`) and start it again:
 *
 *   DATA_DIR=/tmp/x PORT=0 node --import tsx sync-server/testing/serveDataDir.ts
 *
 * Configuration comes from the environment as for `npm start` (SQLITE_SYNCHRONOUS defaults to FULL);
 * nothing is seeded. Once listening it prints one line `{"port":N}` on stdout; logs go to stderr.
 * SIGTERM closes it cleanly.
 */
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { startServer } from '../server.ts';

const config = loadConfig(process.env);
const log = createLogger({ level: 'warn', write: (line) => process.stderr.write(line) });
const server = await startServer({ config, log });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
