/**
 * What the browser benchmarks install in every page before the app's own scripts (an init script):
 * a long-task observer, a watcher that marks when the queue first shows every claim, and the small
 * helpers the measurements call through `window.__bench`. It reads the screen as a biller sees it
 * (tabs, rows, the connection line), so it needs no hooks in the app.
 */

/** When the start from IndexedDB reached each point, in ms from navigation start. */
export interface StartMarks {
  /** The queue screen exists (it may still say it is loading). */
  queueAt: number | null;
  /** Some rows are in the grid (possibly before every claim is there). */
  firstRowsAt: number | null;
  /** Rows in the grid and the All tab counts every seeded claim. */
  rowsAt: number | null;
  /** The animation frame after that: the rows are being painted. */
  frameAt: number | null;
  /** A task after that frame ran: the main thread got through it. */
  idleAt: number | null;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface QueueState {
  connection: string;
  /** The All tab's count, null before the data is there. */
  all: number | null;
  /** Rows in the DOM (the virtualized window, not the view's length). */
  rows: number;
  /** See `PageProbe.hydrated`. */
  hydrated: boolean;
}

export interface ScrollResult {
  frameMs: number[];
  /** Frame intervals of the same page just before, with nothing changing: the display's own rhythm. */
  idleMs: number[];
  longTasks: LongTask[];
  /** The furthest grid row index (aria-rowindex) in the DOM at the end: proof it scrolled. */
  lastRowIndex: number;
}

export interface PageProbe {
  expected: number;
  longTasks: LongTask[];
  start: StartMarks;
  state(): QueueState;
  /**
   * The queue works from the replica, not from the snapshot of rows shown at the start: the status
   * button no longer says it is loading (a page without the button counts once the queue is there).
   */
  hydrated(): boolean;
  /** Records per IndexedDB object store, by `db/store`. */
  stored(): Promise<Record<string, number>>;
  tab(name: string): HTMLButtonElement | null;
  tabCount(name: string): number | null;
  /** The free-text filter: the filter bar's box when there is one, else the toolbar's search box. */
  textFilter(): HTMLInputElement | null;
  /** Sets an input's value the way typing does (Solid listens to `input`). */
  type(input: HTMLInputElement, value: string): void;
  headerButton(label: string): HTMLButtonElement | null;
  /** The grid's row count (aria) and first rows' claim ids: changes when the view shows other rows. */
  signature(): string;
  /** Resolves at the next animation frame with its timestamp. */
  frame(): Promise<number>;
  /** Resolves in a task after the next frame (after its paint), with performance.now(). */
  afterFrame(): Promise<number>;
  /** Waits a frame at a time until `check()`; fails with `what` after `ms`. */
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
  /**
   * SPEC's protocol for a view change: performance.now(), the change, a frame (more until the view
   * shows other rows), one more frame, performance.now(). Returns the ms between.
   */
  timeViewChange(change: () => void, what: string): Promise<number>;
  scroll(frames: number, step: number): Promise<ScrollResult>;
}

export type BenchWindow = Window & { __bench: PageProbe; gc?: () => void };

/** The init script's source: `claims` is the count the start watcher waits for. */
export function probeScript(claims: number): string {
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; the
  // serialized functions (these and every page.evaluate) need it defined in the page.
  return `globalThis.__name = (f) => f;\n(${installProbe.toString()})(${JSON.stringify(claims)});`;
}

function installProbe(expected: number): void {
  const longTasks: LongTask[] = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the counts read 0, the frame times still tell.
  }
  const tab = (name: string): HTMLButtonElement | null => {
    for (const t of document.querySelectorAll<HTMLButtonElement>('[role=tab]'))
      if ((t.textContent ?? '').trim().startsWith(name)) return t;
    return null;
  };
  const tabCount = (name: string): number | null => {
    const text = tab(name)?.querySelector('.tab-count')?.textContent;
    return text ? Number(text.replace(/[^\d]/g, '')) : null;
  };
  const bodyRows = () => document.querySelectorAll('[data-testid="queue"] tbody tr');
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  const task = () =>
    new Promise<number>((r) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => r(performance.now());
      channel.port2.postMessage(null);
    });
  const until = async (check: () => boolean, what: string, ms = 30_000) => {
    const end = performance.now() + ms;
    while (!check()) {
      if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await frame();
    }
  };
  const signature = () => {
    const table = document.querySelector('[data-testid="queue"] table');
    const ids = [...bodyRows()].slice(0, 5).map((r) => r.getAttribute('data-claim-id'));
    return `${table?.getAttribute('aria-rowcount')}|${ids.join(',')}`;
  };

  const start: StartMarks = { queueAt: null, firstRowsAt: null, rowsAt: null, frameAt: null, idleAt: null };
  const watcher = new MutationObserver(() => {
    const now = performance.now();
    if (start.queueAt === null && document.querySelector('[data-testid="queue"]')) start.queueAt = now;
    if (bodyRows().length === 0) return;
    start.firstRowsAt ??= now;
    if (tabCount('All') !== expected) return;
    start.rowsAt = now;
    watcher.disconnect();
    requestAnimationFrame(() => {
      start.frameAt = performance.now();
      void task().then((t) => {
        start.idleAt = t;
      });
    });
  });
  watcher.observe(document, { childList: true, subtree: true, characterData: true });

  const probe: PageProbe = {
    expected,
    longTasks,
    start,
    hydrated: () => {
      const button = document.querySelector('[data-testid="change-status"]');
      if (button === null) return document.querySelector('[data-testid="queue"]') !== null;
      return !(button.getAttribute('title') ?? '').startsWith('Loading');
    },
    state: () => ({
      connection: document.querySelector('[data-testid="connection"]')?.textContent ?? '',
      all: tabCount('All'),
      rows: bodyRows().length,
      hydrated: probe.hydrated(),
    }),
    async stored() {
      const out: Record<string, number> = {};
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const name = info.name;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const storeName of db.objectStoreNames) {
          const req = db.transaction(storeName).objectStore(storeName).count();
          out[`${name}/${storeName}`] = await new Promise<number>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
        }
        db.close();
      }
      return out;
    },
    tab,
    tabCount,
    textFilter: () => {
      // The filter bar's testid may sit on the input or on a label around it.
      const marked = document.querySelector('[data-testid="filter-text"]');
      const input = marked instanceof HTMLInputElement ? marked : marked?.querySelector('input');
      return input ?? document.querySelector<HTMLInputElement>('[data-testid="queue"] input[type=search]');
    },
    type(input, value) {
      // The prototype's setter, as a typed character would: a framework may shadow `value`.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    headerButton(label) {
      for (const b of document.querySelectorAll<HTMLButtonElement>('thead th button'))
        if ((b.querySelector('.sort-label')?.textContent ?? b.textContent ?? '').trim() === label) return b;
      return null;
    },
    signature,
    frame,
    afterFrame: async () => {
      await frame();
      return task();
    },
    until,
    async timeViewChange(change, what) {
      const before = signature();
      const end = performance.now() + 60_000;
      const t0 = performance.now();
      change();
      // Two frames when the view changed at once (SPEC's protocol); more if it shows up later.
      do {
        await frame();
        if (performance.now() > end) throw new Error(`timed out after 60 s waiting for ${what}`);
      } while (signature() === before);
      await frame();
      return performance.now() - t0;
    },
    async scroll(frames, step) {
      const grid = document.querySelector<HTMLElement>('[data-testid="queue"] .grid');
      if (!grid) throw new Error('no .grid scroller on the page');
      grid.scrollTop = 0;
      for (let i = 0; i < 5; i++) await frame();
      const idleMs: number[] = [];
      let idleLast = await frame();
      for (let i = 0; i < 60; i++) {
        const now = await frame();
        idleMs.push(now - idleLast);
        idleLast = now;
      }
      const frameMs: number[] = [];
      const t0 = performance.now();
      let last = await frame();
      for (let i = 0; i < frames; i++) {
        grid.scrollTop += step;
        const now = await frame();
        frameMs.push(now - last);
        last = now;
      }
      const t1 = performance.now();
      // Rows are reused in place, so the DOM's first row need not be the top one: take the furthest.
      let lastRowIndex = 0;
      for (const row of bodyRows())
        lastRowIndex = Math.max(lastRowIndex, Number(row.getAttribute('aria-rowindex')));
      return {
        frameMs,
        idleMs,
        longTasks: longTasks.filter((t) => t.start < t1 && t.start + t.duration > t0),
        lastRowIndex,
      };
    },
  };
  (window as unknown as BenchWindow).__bench = probe;
}
