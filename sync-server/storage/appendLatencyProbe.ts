/**
 * Measures appendUpdate latency on this machine with synchronous FULL and NORMAL: 2,000 appends of a
 * 200-byte update each, after a warm-up, on a temp file. Not a test (tests never assert timings).
 * Usage: node --import tsx sync-server/storage/appendLatencyProbe.ts [appends] [bytes]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberedPayload } from './numberedPayload.ts';
import { openSqliteStorage } from './sqliteStorage.ts';

const appends = Number(process.argv[2] ?? 2000);
const size = Number(process.argv[3] ?? 200);

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

for (const synchronous of ['FULL', 'NORMAL'] as const) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-append-probe-'));
  const storage = openSqliteStorage({ path: path.join(dir, 'probe.db'), synchronous });
  try {
    for (let i = 0; i < 100; i++) storage.appendUpdate('warm-up', numberedPayload(i, size));
    const ms = new Float64Array(appends);
    for (let i = 0; i < appends; i++) {
      const update = numberedPayload(i, size);
      const start = process.hrtime.bigint();
      storage.appendUpdate('probe', update);
      ms[i] = Number(process.hrtime.bigint() - start) / 1e6;
    }
    const total = ms.reduce((a, b) => a + b, 0);
    ms.sort();
    const f = (x: number) => x.toFixed(3);
    console.log(
      `${synchronous.padEnd(6)} ${appends} × ${size} B: p50 ${f(percentile(ms, 50))} ms, ` +
        `p95 ${f(percentile(ms, 95))} ms, p99 ${f(percentile(ms, 99))} ms, ` +
        `max ${f(ms[ms.length - 1]!)} ms, mean ${f(total / appends)} ms`,
    );
  } finally {
    storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
