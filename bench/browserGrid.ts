/**
 * The browser benchmarks' workloads, each driving the biller's page the way a biller would (tabs,
 * filter boxes, header clicks, the select-all box and the status dialog) and timing it in the page
 * with SPEC's protocol (DESIGN-NOTES, "Measuring in the browser").
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { BenchWindow, LongTask, ScrollResult, StartMarks } from './browserProbe.ts';
import { type BrowserSession, waitSynced } from './browserSession.ts';

export interface StartResult extends StartMarks {
  idleAt: number;
  /**
   * When the queue worked from the replica (its documents and rows loaded behind the rows shown from
   * the device's snapshot), polled every 50 ms; the same as `idleAt` without a snapshot.
   */
  hydratedAt: number;
  /** Long tasks from navigation start to `idleAt`. */
  longTasks: LongTask[];
}

/** Runs `fn` under the CDP sampling profiler and writes the profile to `file` (when given). */
export async function profiled<T>(
  s: BrowserSession,
  file: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!file) return fn();
  await s.cdp.send('Profiler.enable');
  await s.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await s.cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await s.cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  }
}

/**
 * Opens the queue again with the device store full (a fresh navigation to the bare address, so a
 * view kept in the address bar doesn't filter the rows), optionally with the network off, and
 * returns the marks the init script recorded. `profileFile` writes a CPU profile of the start.
 */
export async function startFromDevice(
  s: BrowserSession,
  options: { offline: boolean; profileFile?: string },
): Promise<StartResult> {
  const { page, context } = s;
  await context.setOffline(options.offline);
  try {
    await profiled(s, options.profileFile, async () => {
      await page.goto(s.server.server.url, { timeout: 60_000 });
      await page.waitForFunction(
        () => (window as unknown as BenchWindow).__bench.start.idleAt !== null,
        null,
        {
          timeout: 120_000,
          polling: 100,
        },
      );
    });
    const idle = await page.evaluate(() => {
      const b = (window as unknown as BenchWindow).__bench;
      const idleAt = b.start.idleAt!;
      return { ...b.start, idleAt, longTasks: b.longTasks.filter((t) => t.start < idleAt) };
    });
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.hydrated(), null, {
      timeout: 120_000,
      polling: 50,
    });
    const hydratedAt = await page.evaluate(() => performance.now());
    return { ...idle, hydratedAt: Math.max(idle.idleAt, hydratedAt) };
  } finally {
    // Back online and synced, so the next figure starts from the same state.
    await context.setOffline(false);
    await waitSynced(page, s.claims);
  }
}

export interface HeapResult {
  /** V8's used heap after a full collection (CDP Runtime.getHeapUsage). */
  usedMb: number;
  totalMb: number;
  /** performance.memory.usedJSHeapSize after window.gc(), for comparison. */
  perfMemoryMb: number | null;
}

/** The page's JS heap after forced collections (the replica's documents and the grid's rows). */
export async function heapAfterGc(s: BrowserSession): Promise<HeapResult> {
  await s.cdp.send('HeapProfiler.enable');
  // Twice: the first collection can leave weakly held objects for the second.
  await s.cdp.send('HeapProfiler.collectGarbage');
  await s.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await s.cdp.send('Runtime.getHeapUsage');
  const perfMemoryMb = await s.page.evaluate(() => {
    const w = window as unknown as BenchWindow & { performance: { memory?: { usedJSHeapSize: number } } };
    w.gc?.();
    const m = w.performance.memory;
    return m ? m.usedJSHeapSize / 1e6 : null;
  });
  return { usedMb: usedSize / 1e6, totalMb: totalSize / 1e6, perfMemoryMb };
}

/** Back to the whole practice: All tab, no filters (untimed set-up between runs). */
export async function resetView(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const b = (window as unknown as BenchWindow).__bench;
    const clear = document.querySelector<HTMLButtonElement>('[data-testid="filter-clear"]');
    if (clear && !clear.disabled) clear.click();
    const text = b.textFilter();
    if (text && text.value !== '') b.type(text, '');
    b.tab('All')?.click();
    await b.until(() => b.tabCount('All') === b.expected, 'the All tab to show every claim');
    for (let i = 0; i < 3; i++) await b.frame();
  });
}

/** Times a click on a status tab (SPEC's "filter"), from the All tab. */
export function timeTab(page: Page, tab: string): Promise<number> {
  return page.evaluate(async (name) => {
    const b = (window as unknown as BenchWindow).__bench;
    const button = b.tab(name);
    if (!button) throw new Error(`no ${name} tab`);
    return b.timeViewChange(() => button.click(), `the ${name} tab`);
  }, tab);
}

/** Times typing a whole query into the free-text filter (SPEC's "quick filter"). */
export function timeQuickFilter(page: Page, query: string): Promise<number> {
  return page.evaluate(async (q) => {
    const b = (window as unknown as BenchWindow).__bench;
    const input = b.textFilter();
    if (!input) throw new Error('no free-text filter on the page');
    return b.timeViewChange(() => b.type(input, q), `the rows matching "${q}"`);
  }, query);
}

/**
 * Times ticking one choice of a filter-bar dropdown (`details[data-testid]` of checkboxes), the
 * `nth` choice; returns the choice's label too.
 */
export function timeDropdownChoice(
  page: Page,
  testId: string,
  nth: number,
): Promise<{ ms: number; label: string }> {
  return page.evaluate(
    async ([id, n]) => {
      const b = (window as unknown as BenchWindow).__bench;
      const details = document.querySelector<HTMLDetailsElement>(`[data-testid="${id}"]`);
      if (!details) throw new Error(`no ${id} filter`);
      details.open = true;
      await b.frame();
      const boxes = [...details.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
      const box = boxes[n % Math.max(1, boxes.length)];
      if (!box) throw new Error(`the ${id} filter has no choices`);
      const label = box.closest('label')?.querySelector('.fb-label')?.textContent ?? box.value;
      const ms = await b.timeViewChange(() => box.click(), `the ${id} choice`);
      details.open = false;
      return { ms, label };
    },
    [testId, nth] as const,
  );
}

/** Times ticking a checkbox filter (`input[data-testid]`). */
export function timeCheckboxFilter(page: Page, testId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const b = (window as unknown as BenchWindow).__bench;
    const box = document.querySelector<HTMLInputElement>(`input[data-testid="${id}"]`);
    if (!box) throw new Error(`no ${id} filter`);
    return b.timeViewChange(() => box.click(), `the ${id} filter`);
  }, testId);
}

/** Header labels of the grid's columns by kind (the th class `cell-<kind>`). */
export function headerLabels(page: Page): Promise<{ label: string; kind: string; sorted: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('thead th')].flatMap((th) => {
      const label = th.querySelector('.sort-label')?.textContent?.trim();
      if (!label) return [];
      const kind = [...th.classList].find((c) => c.startsWith('cell-') && c !== 'cell')?.slice(5) ?? '';
      return [{ label, kind, sorted: (th.getAttribute('aria-sort') ?? 'none') !== 'none' }];
    }),
  );
}

/** Times a click on a column header (a sort, or its reversal when already sorted by it). */
export function timeSort(page: Page, label: string): Promise<number> {
  return page.evaluate(async (l) => {
    const b = (window as unknown as BenchWindow).__bench;
    const button = b.headerButton(l);
    if (!button) throw new Error(`no "${l}" column header`);
    return b.timeViewChange(() => button.click(), `the rows sorted by ${l}`);
  }, label);
}

export function scrollGrid(page: Page, frames: number, step: number): Promise<ScrollResult> {
  return page.evaluate(([f, st]) => (window as unknown as BenchWindow).__bench.scroll(f, st), [
    frames,
    step,
  ] as const);
}

/** A view of the Ready tab narrowed by a free-text query, and how many claims it holds. */
export interface BatchView {
  query: string;
  claims: number;
}

/** Shows `tab` with `query` in the free-text filter, from the whole practice. */
export async function showView(page: Page, tab: string, query: string): Promise<void> {
  await resetView(page);
  await page.evaluate(
    async ([t, q]) => {
      const b = (window as unknown as BenchWindow).__bench;
      const input = b.textFilter();
      if (!input) throw new Error('no free-text filter on the page');
      b.type(input, q);
      b.tab(t)?.click();
      for (let i = 0; i < 3; i++) await b.frame();
    },
    [tab, query] as const,
  );
}

/**
 * Picks the query (none, a payer's name or a word of one) whose Ready and Held claims together come
 * closest to `target`: the view's Held claims are made Ready first (untimed), so every run holds the
 * same claims and an undo (Held back to Ready) restores the view exactly.
 */
export async function prepareBatchView(page: Page, target: number): Promise<BatchView> {
  await resetView(page);
  const query = await page.evaluate(async (want) => {
    const b = (window as unknown as BenchWindow).__bench;
    const input = b.textFilter()!;
    b.tab('Ready')?.click();
    await b.frame();
    const heads = [...document.querySelectorAll('thead tr:first-child th')];
    const at = heads.findIndex((h) => h.querySelector('.sort-label')?.textContent?.trim() === 'Payer');
    const words = new Set<string>(['']);
    for (const r of document.querySelectorAll('tbody tr')) {
      const payer = at < 0 ? '' : (r.children[at]?.textContent ?? '').trim().toLowerCase();
      if (!payer) continue;
      words.add(payer);
      for (const w of payer.split(/[^a-z0-9]+/)) if (w.length >= 4) words.add(w);
    }
    let best = { query: '', claims: -1 };
    for (const query of words) {
      b.type(input, query);
      await b.frame();
      const n = (b.tabCount('Ready') ?? 0) + (b.tabCount('Held') ?? 0);
      if (best.claims < 0 || Math.abs(n - want) < Math.abs(best.claims - want)) best = { query, claims: n };
    }
    return best.query;
  }, target);
  await showView(page, 'Held', query);
  const held = await page.evaluate(() => (window as unknown as BenchWindow).__bench.tabCount('Held') ?? 0);
  if (held > 0) await batchChange(page, 'Ready', '');
  await showView(page, 'Ready', query);
  const claims = await page.evaluate(() => (window as unknown as BenchWindow).__bench.tabCount('Ready') ?? 0);
  return { query, claims };
}

export interface BatchResult {
  /** Claims in the view (all selected). */
  selected: number;
  /** Claims the dialog said will change. */
  allowed: number;
  /** Select-all click to the frame after the dialog has closed, and the steps in between. */
  localMs: number;
  steps: { selectAll: number; openDialog: number; chooseAndReason: number; send: number };
  /** The send click to the frame where the Held tab counts every change (the server's decision). */
  decidedMs: number;
}

/**
 * On the current view: select all, open "Change status", choose `toStatus` (with `reason` when
 * Held), send. Each step waits for the frame that shows its result and a task after it (a biller
 * can't click what isn't painted). Then waits until `toStatus`'s tab has grown by the changed claims.
 */
export function batchChange(page: Page, toStatus: string, reason: string): Promise<BatchResult> {
  return page.evaluate(
    async ([status, why]) => {
      const b = (window as unknown as BenchWindow).__bench;
      const change = () => document.querySelector<HTMLButtonElement>('[data-testid="change-status"]');
      const dialog = () => document.querySelector<HTMLFormElement>('[data-testid="batch-dialog"]');
      const view = Number(
        document.querySelector('[data-testid="queue"] table')?.getAttribute('aria-rowcount'),
      );
      const selected = view - 2; // header and totals rows
      const before = b.tabCount(status) ?? 0;
      const selectAll = document.querySelector<HTMLInputElement>('thead input[type=checkbox]');
      if (!selectAll) throw new Error('no select-all box');
      const t0 = performance.now();
      selectAll.click();
      await b.until(() => change()?.disabled === false, 'the Change status button');
      const t1 = await b.afterFrame();
      change()!.click();
      await b.until(() => dialog() !== null, 'the status dialog');
      const t2 = await b.afterFrame();
      const radio = dialog()!.querySelector<HTMLInputElement>(`input[type=radio][value="${status}"]`);
      if (!radio) throw new Error(`the dialog offers no ${status}`);
      if (!radio.checked) radio.click();
      if (status === 'Held') {
        await b.until(() => dialog()?.querySelector('input[name=reason]') != null, 'the reason box');
        b.type(dialog()!.querySelector<HTMLInputElement>('input[name=reason]')!, why);
      }
      const submit = () => dialog()?.querySelector<HTMLButtonElement>('button[type=submit]') ?? null;
      await b.until(() => submit()?.disabled === false, 'the send button');
      const t3 = await b.afterFrame();
      const summary = dialog()!.querySelector('[data-testid="batch-summary"]')?.textContent ?? '';
      const allowed = Number(summary.replace(/,/g, '').match(/^\s*(\d+)/)?.[1] ?? Number.NaN);
      const tSend = performance.now();
      submit()!.click();
      await b.until(() => dialog() === null, 'the dialog to close');
      const t4 = await b.afterFrame();
      await b.until(() => (b.tabCount(status) ?? 0) >= before + allowed, `${allowed} more ${status}`, 60_000);
      await b.frame();
      const tDecided = performance.now();
      return {
        selected,
        allowed,
        localMs: t4 - t0,
        steps: { selectAll: t1 - t0, openDialog: t2 - t1, chooseAndReason: t3 - t2, send: t4 - t3 },
        decidedMs: tDecided - tSend,
      };
    },
    [toStatus, reason] as const,
  );
}
