/** A benchmark figure: how it is measured, its target, and which way is better. */
export interface Benchmark {
  name: string;
  unit: string;
  target: number;
  /** 'lower' for times and sizes, 'higher' for throughputs. */
  better: 'lower' | 'higher';
  /** Runs the workload once and returns the measured value in `unit`. */
  measure: () => Promise<number> | number;
  /** Stops what the measurements started (servers), after the last run or a failure. */
  teardown?: () => Promise<void>;
}

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  target: number;
  better: 'lower' | 'higher';
  /** How many times better than the target (≥ 1 meets it). */
  ratio: number;
}

// With --expose-gc, each measurement starts from a collected heap, so one figure does not pay for
// the garbage of the one before it.
const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Median of `runs` measurements (after one warm-up run), compared with the target. */
export async function runBenchmark(b: Benchmark, runs = 3): Promise<BenchResult> {
  const values: number[] = [];
  try {
    collectGarbage();
    await b.measure();
    for (let i = 0; i < runs; i++) {
      collectGarbage();
      values.push(await b.measure());
    }
  } finally {
    await b.teardown?.();
  }
  values.sort((x, y) => x - y);
  const value = values[Math.floor(values.length / 2)]!;
  const ratio = b.better === 'lower' ? b.target / value : value / b.target;
  return { name: b.name, unit: b.unit, value, target: b.target, better: b.better, ratio };
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** One line per figure: name, measured value, target, ratio and whether it meets the target. */
export function formatResult(r: BenchResult): string {
  const bound = r.better === 'lower' ? '≤' : '≥';
  const verdict = r.ratio >= 1 ? 'meets' : 'MISSES';
  return `${r.name.padEnd(52)} ${`${fmt(r.value)} ${r.unit}`.padStart(14)}   target ${bound} ${`${fmt(r.target)} ${r.unit}`.padEnd(12)} ratio ${r.ratio.toFixed(2)}×  ${verdict}`;
}
