import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../sync-server/testing/testServer.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian's Chromium, headless, in a container as root, with nothing phoning home (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The seeded users of the test server (all with TEST_PASSWORD), or any email and password. */
export type E2eUser = keyof TestServer['tokens'] | { email: string; password: string };

export interface E2e {
  server: TestServer;
  browser: Browser;
  /** `http://127.0.0.1:<port>`: the built client and the API, same origin. */
  baseUrl: string;
  /** Uncaught exceptions in any page, as `<url>: <message>`; a test can require none. */
  pageErrors: string[];
  /** A page in a fresh browser context (own cookies, own storage) opened at `baseUrl`, logged out. */
  openPage(): Promise<Page>;
  /** A fresh page logged in through the login form, once the practice picker or the queue shows. */
  newPage(user: E2eUser): Promise<Page>;
  /** Writes a full-page screenshot to `e2e/screenshots/<name>.png` and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes the browser and stops the server (deleting its data). */
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Synthetic claims seeded into the test practice (default 300). */
  claims?: number;
  seed?: number;
  /** How often open sync connections re-check their session (the server's default is 30 s). */
  syncRecheckMs?: number;
}

/** What the app shows once logged in: the picker (several practices) or the queue. */
export const LOGGED_IN = '[data-testid="practice-picker"], [data-testid="queue"]';

let built: Promise<string> | null = null;

/**
 * The client built once per test file's module graph (vitest isolates files, so each e2e file builds
 * its own), into a temp folder removed when the process exits.
 */
function builtClient(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'claimgrid-e2e-client-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({
      configFile: join(repoRoot, 'vite.config.ts'),
      // The config's `root: 'client'` is relative to the working directory; pin it to the repo.
      root: join(repoRoot, 'client'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    if (!existsSync(join(outDir, 'index.html')))
      throw new Error(`vite build wrote no index.html to ${outDir}`);
    return outDir;
  })();
  // A failed build is reported to every caller in this file, not retried.
  return built;
}

/** Starts the built client on a real server and a real headless Chromium. */
export async function startE2e(options: E2eOptions = {}): Promise<E2e> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `End-to-end tests need Chromium at ${CHROMIUM_PATH}, and it is not there. ` +
        'Install it (Debian/Ubuntu: apt-get install -y chromium) and run the tests again.',
    );
  }
  const staticRoot = await builtClient();
  const server = await startTestServer({
    claims: options.claims,
    seed: options.seed,
    syncRecheckMs: options.syncRecheckMs,
    staticRoot,
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const baseUrl = server.server.url;
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  const openPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    await page.goto(baseUrl);
    return page;
  };

  return {
    server,
    browser,
    baseUrl,
    pageErrors,
    openPage,
    async newPage(user) {
      const { email, password } =
        typeof user === 'string' ? { email: `${user}@example.test`, password: TEST_PASSWORD } : user;
      const page = await openPage();
      await page.fill('input[name=email]', email);
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForSelector(LOGGED_IN);
      return page;
    },
    async screenshot(page, name) {
      if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}": use letters, digits, . _ -`);
      const dir = join(here, 'screenshots');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.stop();
    },
  };
}
