/**
 * `npm run bench`: runs every benchmark suite and prints one line per figure beside its target.
 * `npm run bench -- domain` runs only the suites whose name contains "domain".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { browserBenchmarks } from './browser.bench.ts';
import { domainBenchmarks } from './domain.bench.ts';
import { type Benchmark, type BenchResult, formatResult, runBenchmark } from './harness.ts';
import { remitBenchmarks } from './remit.bench.ts';
import { syncBenchmarks } from './sync.bench.ts';
import { x12Benchmarks } from './x12.bench.ts';

const suites: Record<string, () => Promise<Benchmark[]> | Benchmark[]> = {
  domain: domainBenchmarks,
  sync: syncBenchmarks,
  browser: browserBenchmarks,
  x12: x12Benchmarks,
  remit: remitBenchmarks,
};

const filter = process.argv[2];
const results: BenchResult[] = [];
for (const [suite, make] of Object.entries(suites)) {
  if (filter && !suite.includes(filter)) continue;
  console.log(`\n# ${suite}`);
  for (const b of await make()) {
    const r = await runBenchmark(b);
    results.push(r);
    console.log(formatResult(r));
  }
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2));
const missed = results.filter((r) => r.ratio < 1).length;
console.log(`\n${results.length} figures, ${results.length - missed} meet their target, ${missed} miss`);
