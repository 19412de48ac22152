/**
 * The sync server in a process of its own, for the sync benchmarks: the bench reads its CPU time and
 * memory without counting the clients' work, and the clients' work does not slow the server down.
 *
 *   node --import tsx bench/syncServerProcess.ts seed <dataDir> <claims> <seed>
 *     seeds a synthetic practice and its users into dataDir, prints one `@bench` line (SeedReport), exits.
 *   node --import tsx bench/syncServerProcess.ts serve <dataDir>
 *     starts the server on a free loopback port and prints one `@bench` line ({ url }); then each stdin
 *     line "stats" is answered with one `@bench` line (ServerStats); "profile-start" and
 *     "profile-stop <file>" write a CPU profile of what happened between them (each answered with a
 *     line); "quit", or stdin closing because the bench died, closes the server and exits.
 *
 * SQLITE_SYNCHRONOUS (FULL by default, the server's own default) is passed through.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { loadConfig } from '../sync-server/config.ts';
import { createLogger } from '../sync-server/log.ts';
import { startServer } from '../sync-server/server.ts';
import { startTestServer } from '../sync-server/testing/testServer.ts';
import { PROTOCOL_PREFIX, type SeedReport, type ServerStats } from './syncProtocol.ts';

const MB = 1024 * 1024;

function reply(value: unknown): void {
  process.stdout.write(`${PROTOCOL_PREFIX}${JSON.stringify(value)}\n`);
}

async function seed(dataDir: string, claims: number, seedValue: number): Promise<void> {
  const started = performance.now();
  const t = await startTestServer({ claims, dataDir, seed: seedValue });
  const report: SeedReport = {
    practiceId: t.practice.practice.id,
    partitions: t.partitions,
    tokens: t.tokens,
    seedMs: performance.now() - started,
  };
  await t.stop();
  reply(report);
}

async function serve(dataDir: string): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'FULL',
    LOG_LEVEL: 'warn',
  });
  const log = createLogger({ level: 'warn', write: (line) => process.stderr.write(line) });
  const server = await startServer({ config, log });

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();

  const stats = (): ServerStats => {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const rooms = server.registry.loaded();
    const out: ServerStats = {
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      clockMs: performance.now(),
      rssMb: mem.rss / MB,
      peakRssMb: Math.max(peakRss, mem.rss) / MB,
      heapUsedMb: mem.heapUsed / MB,
      loopDelayP50Ms: loop.percentile(50) / 1e6,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      roomsLoaded: rooms.length,
      connections: rooms.reduce((n, r) => n + r.connections.size, 0),
    };
    peakRss = mem.rss;
    loop.reset();
    return out;
  };

  let closing = false;
  const quit = async () => {
    if (closing) return;
    closing = true;
    clearInterval(sampler);
    loop.disable();
    await server.close();
    // An explicit exit, so a --cpu-prof profile is written and no stray handle keeps the process up.
    process.exit(0);
  };
  // A CPU profile of just a window of interest (`profile-start`, then `profile-stop <file>`), where
  // --cpu-prof would also record seeding, loading and every other figure's work.
  const inspector = new Session();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'stats') reply(stats());
    else if (line === 'quit') void quit();
    else if (line === 'profile-start') {
      inspector.connect();
      void post('Profiler.enable')
        .then(() => post('Profiler.start'))
        .then(() => reply({ profiling: true }));
    } else if (line.startsWith('profile-stop ')) {
      void post('Profiler.stop').then((result) => {
        writeFileSync(
          line.slice('profile-stop '.length),
          JSON.stringify((result as { profile: unknown }).profile),
        );
        inspector.disconnect();
        reply({ profiling: false });
      });
    }
  });
  lines.on('close', () => void quit());
  reply({ url: server.url });
}

const [mode, dataDir, claims, seedValue] = process.argv.slice(2);
if (mode === 'seed' && dataDir) await seed(dataDir, Number(claims ?? 10_000), Number(seedValue ?? 11));
else if (mode === 'serve' && dataDir) await serve(dataDir);
else {
  process.stderr.write('usage: syncServerProcess.ts seed <dataDir> <claims> <seed> | serve <dataDir>\n');
  process.exit(2);
}
