/**
 * Which rows of a long list of fixed-height rows are in the DOM, and which DOM rows serve them.
 * O(1) per scroll position whatever the list's length: no per-row measurements to build or search
 * (a virtualizer that keeps one measurement object per row rebuilds 100k of them on every filter).
 */

/** Rows `start` (inclusive) to `end` (exclusive) of the view. */
export interface RowRange {
  start: number;
  end: number;
}

export const emptyRange: RowRange = { start: 0, end: 0 };

export const sameRange = (a: RowRange, b: RowRange): boolean => a.start === b.start && a.end === b.end;

export interface WindowGeometry {
  /** The scroller's scrollTop. */
  scrollTop: number;
  /** The scroller's visible height. */
  viewportHeight: number;
  rowHeight: number;
  /** Where row 0 starts in the scroller's content (below a sticky header inside it). */
  bodyTop: number;
  /** Rows in the view. */
  count: number;
  /** Rows kept beyond each edge of the viewport. */
  overscan: number;
}

/** The rows in view, plus `overscan` on each side, clamped to the list. */
export function rowRange(g: WindowGeometry): RowRange {
  if (g.count <= 0 || g.rowHeight <= 0) return emptyRange;
  const top = g.scrollTop - g.bodyTop;
  const first = Math.floor(top / g.rowHeight);
  const last = Math.ceil((top + Math.max(0, g.viewportHeight)) / g.rowHeight);
  const start = Math.min(g.count, Math.max(0, first - g.overscan));
  const end = Math.max(start, Math.min(g.count, last + g.overscan));
  return { start, end };
}

/**
 * How many DOM rows a `rowRange` of this viewport can need at most, rounded up to an even number:
 * slot `k` then only ever shows rows of one parity (`slotOf`), so a row's stripe never changes as it
 * is reused, and reusing it restyles nothing but its position.
 */
export function poolSize(viewportHeight: number, rowHeight: number, overscan: number): number {
  const needed = Math.max(1, Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * overscan);
  return needed + (needed % 2);
}

/**
 * The DOM row (slot) that shows view row `index`: a row that stays in the window keeps its slot,
 * and a row entering takes the slot of one that left (no two rows of a window share one, as a
 * window never holds more than `pool` rows).
 */
export const slotOf = (index: number, pool: number): number => index % pool;
