/**
 * By hand, not part of `npm test` or `npm run bench`: where the grid's time goes in the browser.
 * Opens the bench's session (readable build), then runs the scroll, a first sort, a tab, a quick
 * filter and a start from IndexedDB, each under Chromium's CPU profiler, and prints the functions
 * with the most self time, the page's heap and CDP's Performance metrics around each phase.
 *
 *   BENCH_BROWSER_CLAIMS=100000 node --expose-gc --import tsx bench/browserProfile.ts [phase…]
 *
 * Phases: dom, trace, scroll, sort, tab, quick, heap, start, startheap (default all). BENCH_PROFILE_DIR=<dir> keeps the
 * .cpuprofile files (open them in Chrome's DevTools, Performance panel); BENCH_PROFILE_CSS=<css>
 * adds a style sheet to the page first (an experiment: what a style costs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  headerLabels,
  heapAfterGc,
  resetView,
  scrollGrid,
  startFromDevice,
  timeQuickFilter,
  timeSort,
  timeTab,
} from './browserGrid.ts';
import { type BrowserSession, openBrowserSession } from './browserSession.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Self time (ms) by function (name, file, line), most first, and the total sampled. */
export function selfTimes(profile: CpuProfile): { total: number; rows: { fn: string; ms: number }[] } {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i]!);
    // A sample's time is the delta to the next sample.
    const d = (deltas[i + 1] ?? 0) / 1000;
    total += d;
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    ms.set(key, (ms.get(key) ?? 0) + d);
  }
  const rows = [...ms].map(([fn, t]) => ({ fn, ms: t })).sort((a, b) => b.ms - a.ms);
  return { total, rows };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/** Garbage collection during the trace: on the renderer's main thread and on its other threads. */
function summarizeGc(events: TraceEvent[]): void {
  const main = events.find(
    (e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain',
  );
  if (!main) return;
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || e.pid !== main.pid) continue;
    if (!/^(V8\.GC|MajorGC|MinorGC|BlinkGC|CppGC)/.test(e.name)) continue;
    const key = `${e.tid === main.tid ? 'main ' : 'other'} ${e.name}`;
    totals.set(key, (totals.get(key) ?? 0) + e.dur / 1000);
  }
  console.log('   garbage collection (ms, nested events counted in their parents too):');
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`   ${v.toFixed(1).padStart(9)}  ${k}`);
}

/** Total and count of complete events by name on the renderer's main thread (CrRendererMain). */
function summarizeTrace(events: TraceEvent[]): void {
  const main = events.find(
    (e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain',
  );
  const byName = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (main && (e.pid !== main.pid || e.tid !== main.tid)) continue;
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const t = byName.get(e.name) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n++;
    byName.set(e.name, t);
  }
  console.log('\n## trace of the scroll, main thread, by event (inclusive)');
  for (const [name, t] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
    console.log(`   ${t.ms.toFixed(1).padStart(8)} ms ${String(t.n).padStart(5)}×  ${name}`);
}

async function metrics(s: BrowserSession): Promise<Record<string, number>> {
  const { metrics } = await s.cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function phase<T>(
  s: BrowserSession,
  name: string,
  dir: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const before = await metrics(s);
  await s.cdp.send('Profiler.enable');
  await s.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await s.cdp.send('Profiler.start');
  let result: T;
  try {
    result = await fn();
  } finally {
    const { profile } = await s.cdp.send('Profiler.stop');
    if (dir) writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    const after = await metrics(s);
    const { total, rows } = selfTimes(profile as CpuProfile);
    const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    console.log(`\n## ${name}: ${total.toFixed(0)} ms sampled`);
    console.log(
      `   script ${(d('ScriptDuration') * 1000).toFixed(0)} ms, layout ${(d('LayoutDuration') * 1000).toFixed(0)} ms ` +
        `(${d('LayoutCount')}), style ${(d('RecalcStyleDuration') * 1000).toFixed(0)} ms (${d('RecalcStyleCount')}), ` +
        `task ${(d('TaskDuration') * 1000).toFixed(0)} ms; heap used ${((after.JSHeapUsedSize ?? 0) / 1e6).toFixed(0)} MB, ` +
        `nodes ${after.Nodes}`,
    );
    for (const r of rows.slice(0, 25)) console.log(`   ${r.ms.toFixed(1).padStart(8)} ms  ${r.fn}`);
  }
  return result;
}

const claims = Number(process.env.BENCH_BROWSER_CLAIMS ?? 100_000);
const dir = process.env.BENCH_PROFILE_DIR;
if (dir) mkdirSync(dir, { recursive: true });
const wanted = new Set(process.argv.slice(2));
const want = (p: string) => wanted.size === 0 || wanted.has(p);

const session = await openBrowserSession({ claims, log: (l) => console.log(`· ${l}`), readable: true });
try {
  const { page } = session;
  await session.cdp.send('Performance.enable');
  // An experiment: CSS added to the page before measuring (e.g. to see what sticky cells cost).
  const css = process.env.BENCH_PROFILE_CSS;
  if (css) await page.addStyleTag({ content: css });
  const heap = await heapAfterGc(session);
  console.log(`heap after GC: ${heap.usedMb.toFixed(0)} MB`);
  const dom = () =>
    page.evaluate(() => {
      // Elements per nearest landmark (an element with a testid or class), most first.
      const counts = new Map<string, number>();
      for (const el of document.querySelectorAll('*')) {
        const home = el.closest('[data-testid], thead, tbody, .toolbar, .app');
        const where = home
          ? `${home.tagName.toLowerCase()}${home.getAttribute('data-testid') ? `[${home.getAttribute('data-testid')}]` : ''}.${[...home.classList].join('.')}`
          : 'none';
        counts.set(where, (counts.get(where) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
    });
  if (want('dom')) console.log('elements by container:', await dom());
  if (want('scroll')) {
    for (let run = 0; run < Number(process.env.BENCH_SCROLL_RUNS ?? 2); run++) {
      if (want('dom')) console.log('elements by container:', await dom());
      await resetView(page);
      const r = await phase(session, `scroll-${run}`, dir, () => scrollGrid(page, 300, 200));
      const longest = Math.max(0, ...r.longTasks.map((t) => t.duration));
      console.log(
        `   frames p50 ${pct(r.frameMs, 50).toFixed(1)} p95 ${pct(r.frameMs, 95).toFixed(1)} max ${Math.max(...r.frameMs).toFixed(1)} ms; ` +
          `${r.longTasks.length} long tasks (longest ${longest.toFixed(0)} ms); last row ${r.lastRowIndex}`,
      );
      // Frame intervals to 0.1 ms (the page clock's grain), how many of each: on-time frames
      // read 16.6-16.8 ms, a frame that missed its vsync reads about 33.3.
      const intervals = new Map<string, number>();
      for (const f of r.frameMs) intervals.set(f.toFixed(1), (intervals.get(f.toFixed(1)) ?? 0) + 1);
      console.log(
        `   intervals: ${[...intervals]
          .sort((a, b) => Number(a[0]) - Number(b[0]))
          .map(([k, n]) => `${k}×${n}`)
          .join(' ')}`,
      );
    }
  }
  // BENCH_TRACE_RUNS traced scrolls in a row (default 1): a run that goes badly shows why.
  for (let run = 0; want('trace') && run < Number(process.env.BENCH_TRACE_RUNS ?? 1); run++) {
    // A Chromium trace of the scroll (BENCH_TRACE_FRAMES, default 300): what the renderer's main
    // thread spends its time on, by event name (nested events count in their parents too).
    await resetView(page);
    await session.browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'blink_gc',
        'v8',
        'v8.gc',
        'cc',
        'viz',
        // Which elements each style recalc touched and why (large traces).
        ...(process.env.BENCH_TRACE_INVALIDATIONS
          ? ['disabled-by-default-devtools.timeline.invalidationTracking']
          : []),
      ],
    });
    const r = await scrollGrid(page, Number(process.env.BENCH_TRACE_FRAMES ?? 300), 200);
    const buffer = await session.browser.stopTracing();
    if (dir) writeFileSync(join(dir, `scroll-${run}.trace.json`), buffer);
    const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    summarizeTrace(events);
    console.log(`   frames p50 ${pct(r.frameMs, 50).toFixed(1)} p95 ${pct(r.frameMs, 95).toFixed(1)} ms`);
    summarizeGc(events);
  }
  const columns = await headerLabels(page);
  if (want('sort')) {
    const numeric = columns.find((c) => c.label === 'Billed' && !c.sorted)?.label;
    const text = columns.find((c) => c.label === 'Patient' && !c.sorted)?.label;
    const distinct = columns.find((c) => c.label === 'Claim ID' && !c.sorted)?.label;
    for (const label of [numeric, text, distinct]) {
      if (!label) continue;
      await resetView(page);
      const t = await phase(session, `sort-${label}`, dir, () => timeSort(page, label));
      console.log(`   first sort by ${label}: ${t.toFixed(1)} ms`);
      const again = await timeSort(page, label);
      console.log(`   reversed: ${again.toFixed(1)} ms`);
    }
  }
  if (want('tab')) {
    for (const tab of ['Ready', 'Denied']) {
      await resetView(page);
      const t = await phase(session, `tab-${tab}`, dir, () => timeTab(page, tab));
      console.log(`   All → ${tab}: ${t.toFixed(1)} ms`);
    }
  }
  if (want('quick')) {
    await resetView(page);
    const name = await page.evaluate(
      () =>
        [...document.querySelectorAll('tbody td.cell-text')]
          .find((td) => td.textContent?.includes(', '))
          ?.textContent?.split(',')[0]
          ?.toLowerCase() ?? 'smith',
    );
    const t = await phase(session, 'quick', dir, () => timeQuickFilter(page, name));
    console.log(`   "${name}": ${t.toFixed(1)} ms`);
  }
  if (want('scrollalloc')) {
    // What a scroll allocates (collected or not), by allocating function: what drives the GCs
    // that run during it.
    await resetView(page);
    await session.cdp.send('HeapProfiler.enable');
    await session.cdp.send('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as { samplingInterval: number });
    await scrollGrid(page, 300, 200);
    const { profile } = await session.cdp.send('HeapProfiler.stopSampling');
    type Node = {
      callFrame: { functionName: string; url: string; lineNumber: number };
      selfSize: number;
      children: Node[];
    };
    const self = new Map<string, number>();
    let all = 0;
    const walk = (n: Node) => {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + n.selfSize);
      all += n.selfSize;
      for (const c of n.children) walk(c);
    };
    walk(profile.head as unknown as Node);
    console.log(`\n## allocated during a 300-frame scroll: ${(all / 1e6).toFixed(1)} MB`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
      console.log(`   ${(v / 1e6).toFixed(2).padStart(7)} MB  ${k}`);
  }
  if (want('heap')) {
    // Where the heap after a start from IndexedDB was allocated: the sampling heap profiler runs
    // across the reload; after a GC its samples are the live objects, by allocating function.
    await session.cdp.send('HeapProfiler.enable');
    await session.cdp.send('HeapProfiler.startSampling', { samplingInterval: 32768 });
    await startFromDevice(session, { offline: false });
    await session.cdp.send('HeapProfiler.collectGarbage');
    const { profile } = await session.cdp.send('HeapProfiler.stopSampling');
    if (dir) writeFileSync(join(dir, 'heap.heapprofile'), JSON.stringify(profile));
    type HeapNode = {
      callFrame: { functionName: string; url: string; lineNumber: number };
      selfSize: number;
      children: HeapNode[];
    };
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    const walk = (n: HeapNode, path: Set<string>): number => {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + n.selfSize);
      let sum = n.selfSize;
      const inner = new Set(path).add(key);
      for (const c of n.children) sum += walk(c, inner);
      if (!path.has(key)) total.set(key, (total.get(key) ?? 0) + sum);
      return sum;
    };
    const all = walk(profile.head as unknown as HeapNode, new Set());
    console.log(`\n## heap after a start, by allocating function: ${(all / 1e6).toFixed(0)} MB sampled`);
    console.log('   self:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`   ${(v / 1e6).toFixed(1).padStart(7)} MB  ${k}`);
    console.log('   with callees:');
    for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`   ${(v / 1e6).toFixed(1).padStart(7)} MB  ${k}`);
  }
  if (want('startheap')) {
    // Starts from IndexedDB without a profiler (online, offline, twice each): the marks, the long
    // tasks up to the idle mark, and the heap after GC once the replica is loaded.
    for (const offline of [false, true, false, true]) {
      const r = await startFromDevice(session, { offline });
      const h = await heapAfterGc(session);
      // Again a little later: the queue lets go of the rows it replaced within a second or so.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const later = await heapAfterGc(session);
      console.log(
        `${offline ? 'offline' : 'online '}: all rows ${r.rowsAt?.toFixed(0)} idle ${r.idleAt.toFixed(0)} ` +
          `hydrated ${r.hydratedAt.toFixed(0)} ms; ${r.longTasks.length} long tasks before idle; ` +
          `heap ${h.usedMb.toFixed(0)} MB, 3 s later ${later.usedMb.toFixed(0)} MB`,
      );
    }
  }
  if (want('start')) {
    const r = await phase(session, 'start', dir, () => startFromDevice(session, { offline: false }));
    console.log(
      `   queue ${r.queueAt?.toFixed(0)} first rows ${r.firstRowsAt?.toFixed(0)} all rows ${r.rowsAt?.toFixed(0)} idle ${r.idleAt.toFixed(0)} hydrated ${r.hydratedAt.toFixed(0)} ms; ` +
        `${r.longTasks.length} long tasks`,
    );
    const h = await heapAfterGc(session);
    console.log(`heap after the start, after GC: ${h.usedMb.toFixed(0)} MB`);
  }
} finally {
  await session.stop();
}
