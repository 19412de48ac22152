/**
 * SPEC §10: "posting a 10,000-claim remittance end to end ≤ 2 s". End to end = the 835 uploaded to the
 * running server over HTTP until the answer says it is processed: archived, parsed, balance-checked,
 * planned by the posting engine and every claim's postings and status written durably (SQLite rows).
 * Each run needs the claims still Submitted, so the seeded data folder is copied for each run and a
 * server started on the copy (not timed).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remittanceFor } from '../sync-server/testing/remittanceFor.ts';
import { startTestServer } from '../sync-server/testing/testServer.ts';
import type { Benchmark } from './harness.ts';

const CLAIMS = 10_000;

let session: Session | null = null;
/** `BENCH_REMIT_PROFILE=file.cpuprofile`: a CPU profile of the timed part, for Chrome DevTools. */
async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await new Promise<void>((resolve) =>
    session!.post('Profiler.enable', () => session!.post('Profiler.start', () => resolve())),
  );
}
async function stopProfile(file: string): Promise<void> {
  await new Promise<void>((resolve) =>
    session!.post('Profiler.stop', (_err, result) => {
      writeFileSync(file, JSON.stringify(result.profile));
      resolve();
    }),
  );
  session!.disconnect();
}
const SEEDED = 60_000;
const SEED = 7;

export async function remitBenchmarks(): Promise<Benchmark[]> {
  const seedDir = mkdtempSync(join(tmpdir(), 'claimgrid-bench-remit-'));
  const seeded = await startTestServer({ claims: SEEDED, seed: SEED, dataDir: seedDir });
  const submitted = seeded.practice.claims.filter((c) => c.status === 'Submitted').slice(0, CLAIMS);
  if (submitted.length < CLAIMS) throw new Error(`only ${submitted.length} Submitted claims were seeded`);
  // 80 % of each line paid, the rest coinsurance.
  const file = remittanceFor(seeded.practice, submitted, {
    paid: (charge) => Math.floor((charge * 8) / 10),
    trace: 'BENCH',
  });
  const practiceId = seeded.practice.practice.id;
  await seeded.stop();

  return [
    {
      name: `835 posting, ${CLAIMS.toLocaleString('en-US')} claims, upload → processed`,
      unit: 'ms',
      target: 2000,
      better: 'lower',
      async measure() {
        const runDir = mkdtempSync(join(tmpdir(), 'claimgrid-bench-remit-run-'));
        cpSync(seedDir, runDir, { recursive: true });
        const t = await startTestServer({ claims: SEEDED, seed: SEED, dataDir: runDir });
        try {
          // A working server holds its practice's documents (billers are connected); the plan request
          // loads them all, so the figure is the posting, not a cold start.
          await fetch(`${t.server.url}/api/practices/${practiceId}/submissions/plan?payer=all`, {
            headers: { authorization: `Bearer ${t.tokens.biller1}` },
          });
          if (process.env.BENCH_REMIT_PROFILE) await startProfile();
          const started = performance.now();
          const res = await fetch(
            `${t.server.url}/api/practices/${practiceId}/inbound/upload?name=bench.835`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${t.tokens.biller1}`,
                'content-type': 'application/octet-stream',
              },
              body: file,
            },
          );
          const body = (await res.json()) as {
            file: { state: string; outcome: { payments: { posted: number }[] } };
          };
          const ms = performance.now() - started;
          if (process.env.BENCH_REMIT_PROFILE) await stopProfile(process.env.BENCH_REMIT_PROFILE);
          const posted = body.file.outcome?.payments.reduce((s, p) => s + p.posted, 0) ?? 0;
          if (body.file.state !== 'processed' || posted !== CLAIMS) {
            throw new Error(`the remittance was not posted in full (${body.file.state}, ${posted} claims)`);
          }
          return ms;
        } finally {
          await t.stop();
          rmSync(runDir, { recursive: true, force: true });
        }
      },
      teardown: async () => rmSync(seedDir, { recursive: true, force: true }),
    },
  ];
}
