/**
 * X12 benchmarks (issue: submissions): 837P generation speed for Office Ally-sized files (5,000 claims,
 * SPEC §10: ≥ 20,000 claims/s), and a whole batch of 5,000 claims from the click (generate) to the
 * file uploaded over SFTP on loopback, with the claims recorded Submitted (our own budget: ≤ 5 s).
 */
import { demo837pInput } from '../shared/x12/837p/demoInput.ts';
import { write837p } from '../shared/x12/837p/write837p.ts';
import { call, configureVault } from '../sync-server/submissions/submissionTestKit.ts';
import { type SshdServer, startSshd } from '../sync-server/testing/sshdServer.ts';
import { startTestServer, type TestServer } from '../sync-server/testing/testServer.ts';
import type { Benchmark } from './harness.ts';

const FILE_CLAIMS = 5_000;

function generationBenchmark(kind: 'original' | 'secondary'): Benchmark {
  const input = demo837pInput({ claims: FILE_CLAIMS, kind, seed: 11, test: true });
  return {
    name: `837P generation, ${FILE_CLAIMS.toLocaleString('en-US')} ${kind} claims`,
    unit: 'claims/s',
    target: 20_000,
    better: 'higher',
    measure: () => {
      const started = performance.now();
      const file = write837p(input);
      const seconds = (performance.now() - started) / 1000;
      if (file.claimCount !== FILE_CLAIMS) throw new Error(`wrote ${file.claimCount} claims`);
      return FILE_CLAIMS / seconds;
    },
  };
}

/**
 * The whole batch through the REST API a browser uses: generate (every passing Ready claim, up to
 * 5,000) then submit to a real sshd. The practice (110k claims) has Ready claims for the warm-up and
 * three runs; the server and sshd start at the first run and stop after the last.
 */
function batchBenchmark(): Benchmark {
  let setup: Promise<{ t: TestServer; sshd: SshdServer }> | null = null;
  const start = async () => {
    const t = await startTestServer({ claims: 110_000, seed: 5 });
    const sshd = await startSshd();
    configureVault(t, sshd);
    return { t, sshd };
  };
  return {
    name: `batch of ${FILE_CLAIMS.toLocaleString('en-US')} claims: generate → uploaded`,
    unit: 'ms',
    target: 5_000,
    better: 'lower',
    measure: async () => {
      setup ??= start();
      const { t } = await setup;
      const base = `/api/practices/${t.practice.practice.id}/submissions`;
      const started = performance.now();
      const generated = await call(t, t.tokens.biller1, 'POST', base, { payer: 'all' });
      if (generated.status !== 201)
        throw new Error(`generate answered ${generated.status}: ${generated.text}`);
      const batch = generated.json.batch as { id: string; claimIds: string[] };
      const sent = await call(t, t.tokens.biller1, 'POST', `${base}/${batch.id}/submit`);
      if (sent.status !== 200) throw new Error(`submit answered ${sent.status}: ${sent.text}`);
      const ms = performance.now() - started;
      console.log(`    · batch ${batch.id}: ${batch.claimIds.length} claims in ${ms.toFixed(0)} ms`);
      return ms;
    },
    teardown: async () => {
      if (!setup) return;
      const { t, sshd } = await setup;
      await t.stop();
      await sshd.stop();
    },
  };
}

export function x12Benchmarks(): Benchmark[] {
  return [generationBenchmark('original'), generationBenchmark('secondary'), batchBenchmark()];
}
