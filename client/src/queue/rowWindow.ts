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

/** How many DOM rows a `rowRange` of this viewport can need at most (never fewer than 1). */
export function poolSize(viewportHeight: number, rowHeight: number, overscan: number): number {
  return Math.max(1, Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * overscan);
}

/**
 * The DOM row (slot) that shows view row `index`: a row that stays in the window keeps its slot,
 * and a row entering takes the slot of one that left (no two rows of a window share one, as a
 * window never holds more than `pool` rows).
 */
export const slotOf = (index: number, pool: number): number => index % pool;

/**
 * How the DOM rows change from window `before` to `after`: the rows kept in place (a run, already in
 * order), the rows leaving, and the rows entering above and below the kept run. With nothing kept
 * (a jump), every row of `before` leaves and every row of `after` enters `below` (in order).
 */
export interface WindowMove {
  kept: RowRange;
  leaving: RowRange[];
  /** Enter before the first kept row, in this order. */
  above: RowRange;
  /** Enter after the last kept row (or into an empty body), in this order. */
  below: RowRange;
}

export function windowMove(before: RowRange, after: RowRange): WindowMove {
  const start = Math.max(before.start, after.start);
  const end = Math.min(before.end, after.end);
  if (start >= end) {
    return {
      kept: emptyRange,
      leaving: before.end > before.start ? [before] : [],
      above: emptyRange,
      below: after,
    };
  }
  const leaving: RowRange[] = [];
  if (before.start < start) leaving.push({ start: before.start, end: start });
  if (end < before.end) leaving.push({ start: end, end: before.end });
  return {
    kept: { start, end },
    leaving,
    above: { start: after.start, end: start },
    below: { start: end, end: after.end },
  };
}
