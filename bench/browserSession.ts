/**
 * The browser benchmarks' set-up: the real server with a seeded practice, the client built by Vite
 * (the same build call as e2e/harness.ts), Debian's headless Chromium with the flags a measurement
 * needs (a callable GC, unrounded memory figures), one biller logged in with everything synced into
 * IndexedDB. e2e/harness.ts has no way to pass Chromium flags, hence this launcher.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../sync-server/testing/testServer.ts';
import { type PageProbe, probeScript, type QueueState } from './browserProbe.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // window.gc() before a heap figure; performance.memory in bytes, not rounded to buckets.
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  /** The biller's page, logged in, on the queue, with every claim synced. */
  page: Page;
  cdp: CDPSession;
  /** Claims in the seeded practice: the All tab's count once everything is there. */
  claims: number;
  seedMs: number;
  /** Log in to every claim shown, online (the device store settles after). */
  firstSyncMs: number;
  /** Uncaught exceptions in the page, as messages. */
  pageErrors: string[];
  stop(): Promise<void>;
}

/** Fails with what to do when there is no Chromium, before anything slow has started. */
export function checkChromium(): void {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `The browser benchmarks need Chromium at ${CHROMIUM_PATH}, and it is not there. ` +
        'Install it (Debian/Ubuntu: apt-get install -y chromium) and run `npm run bench -- browser` again.',
    );
}

async function buildClient(minify: boolean): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'claimgrid-bench-client-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    // The config's `root: 'client'` is relative to the working directory; pin it to the repo.
    root: join(repoRoot, 'client'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify },
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html to ${outDir}`);
  return outDir;
}

/** Polls `check` in Node every 100 ms until it is true; fails with `what` after `ms`. */
export async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the queue screen shows: the connection line and the All tab's count (null before data). */
export function queueState(page: Page): Promise<QueueState> {
  return page.evaluate(() => (window as unknown as { __bench: PageProbe }).__bench.state());
}

/** Waits until the page is online and shows every claim (a reload re-syncs with the server). */
export async function waitSynced(page: Page, claims: number, ms = 180_000): Promise<void> {
  await until(
    async () => {
      const s = await queueState(page);
      return s.connection.startsWith('Online') && s.all === claims && s.rows > 0 && s.hydrated;
    },
    ms,
    `the queue to be online with all ${claims} claims`,
  );
}

/**
 * Waits until the device store stops growing: the replica's writes to IndexedDB run behind the
 * screen, and a reload must find all of them there.
 */
export async function waitStored(page: Page, ms = 120_000): Promise<void> {
  let last = '';
  let stableSince = Date.now();
  await until(
    async () => {
      const now = JSON.stringify(
        await page.evaluate(() => (window as unknown as { __bench: PageProbe }).__bench.stored()),
      );
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      return Date.now() - stableSince > 2000;
    },
    ms,
    'the device store to settle',
  );
}

/** Seeds the practice, builds the client, starts the server and Chromium, logs in and syncs. */
export async function openBrowserSession(options: {
  claims: number;
  log: (line: string) => void;
  /** Build without minifying, so a CPU profile names the app's functions. */
  readable?: boolean;
}): Promise<BrowserSession> {
  checkChromium();
  const staticRoot = await buildClient(!options.readable);
  const seedStart = performance.now();
  const server = await startTestServer({ claims: options.claims, staticRoot });
  const seedMs = performance.now() - seedStart;
  // A crash past every cleanup still leaves no seeded practice in the temp folder.
  process.once('exit', () => rmSync(server.dataDir, { recursive: true, force: true }));
  options.log(`seeded ${options.claims} claims and started the server in ${(seedMs / 1000).toFixed(1)} s`);
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await server.stop();
  };
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: BENCH_CHROMIUM_ARGS,
      headless: true,
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: probeScript(options.claims) });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.server.url);
    const loginStart = performance.now();
    await page.fill('input[name=email]', 'biller1@example.test');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await waitSynced(page, options.claims);
    const firstSyncMs = performance.now() - loginStart;
    await waitStored(page);
    // The app shell must be cached for the offline start.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const cdp = await context.newCDPSession(page);
    return {
      server,
      browser,
      context,
      page,
      cdp,
      claims: options.claims,
      seedMs,
      firstSyncMs,
      pageErrors,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
