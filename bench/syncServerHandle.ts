import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_PREFIX, type SeedReport, type ServerStats } from './syncProtocol.ts';

const RUNNER = fileURLToPath(new URL('./syncServerProcess.ts', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

/** A seeded practice on disk, ready to be served. */
export interface SeededPractice extends SeedReport {
  dataDir: string;
  claims: number;
  /** Deletes the data folder (the server must be stopped). */
  remove(): void;
}

/** A server running in its own process. */
export interface ServerProcess {
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  /** Starts a CPU profile of the server; `stopProfile` writes it to `file` (a .cpuprofile). */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** Closes the server and waits for the process to exit. */
  stop(): Promise<void>;
}

// Children still running and data folders still on disk when the bench exits early (a failed figure)
// are killed and removed, not left behind.
const live = new Set<ChildProcess>();
const dataDirs = new Set<string>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function runner(args: string[]): ChildProcess {
  // BENCH_SYNC_PROF=<dir> profiles the server process (`node --cpu-prof`), for finding what dominates.
  const prof = process.env.BENCH_SYNC_PROF;
  const execArgs = ['--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])];
  const child = spawn(process.execPath, [...execArgs, RUNNER, ...args], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=6144`.trim(),
    },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Reads the child's protocol lines one at a time, in order. */
function protocolReader(child: ChildProcess): () => Promise<unknown> {
  const queue: unknown[] = [];
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  let ended: Error | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(PROTOCOL_PREFIX)) return void process.stderr.write(`[sync server] ${line}\n`);
    const value: unknown = JSON.parse(line.slice(PROTOCOL_PREFIX.length));
    const w = waiting.shift();
    if (w) w.resolve(value);
    else queue.push(value);
  });
  child.once('exit', (code) => {
    ended = new Error(`sync server process exited (code ${code})`);
    for (const w of waiting.splice(0)) w.reject(ended);
  });
  return () => {
    if (queue.length > 0) return Promise.resolve(queue.shift());
    if (ended) return Promise.reject(ended);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Seeds a synthetic practice of `claims` claims into a new temp folder, in a child process. */
export async function seedPractice(claims: number, seed = 11): Promise<SeededPractice> {
  const dataDir = mkdtempSync(join(tmpdir(), 'claimgrid-bench-sync-'));
  dataDirs.add(dataDir);
  const child = runner(['seed', dataDir, String(claims), String(seed)]);
  const report = (await protocolReader(child)()) as SeedReport;
  await exited(child);
  const remove = () => {
    rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  };
  return { ...report, dataDir, claims, remove };
}

/** Starts the server on a seeded data folder, in a child process. */
export async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  const child = runner(['serve', dataDir]);
  const next = protocolReader(child);
  const { url } = (await next()) as { url: string };
  let stopping: Promise<void> | null = null;
  return {
    url,
    pid: child.pid!,
    stats() {
      child.stdin!.write('stats\n');
      return next() as Promise<ServerStats>;
    },
    async startProfile() {
      child.stdin!.write('profile-start\n');
      await next();
    },
    async stopProfile(file) {
      child.stdin!.write(`profile-stop ${file}\n`);
      await next();
    },
    stop() {
      stopping ??= (async () => {
        child.stdin!.end('quit\n');
        await exited(child);
      })();
      return stopping;
    },
  };
}
