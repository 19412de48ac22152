/**
 * Frame times of a scroll, counted in display frames. The page clock has a 0.1 ms grain and the
 * headless browser's frame clock jitters around its interval, so a frame that made its vsync reads
 * 16.6–16.8 ms, on a blank page as much as on the grid: a p95 of the raw intervals says 16.8 ms
 * without a frame missed. Counting each interval in vsyncs (the page's own interval when nothing
 * changes) says what SPEC's 16.7 ms means: each frame shown on the next vsync.
 */

/** The median of `intervals` (ms): the display's frame interval when measured on an idle page. */
export function vsyncInterval(intervals: readonly number[]): number {
  if (intervals.length === 0) throw new Error('bench: no idle frames to measure the vsync interval');
  const sorted = [...intervals].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** How many whole vsyncs an interval spanned (at least one). */
const vsyncsIn = (ms: number, vsync: number): number => Math.max(1, Math.round(ms / vsync));

/** Each interval as the whole number of vsyncs it spanned times the vsync interval. */
export function inVsyncs(intervals: readonly number[], vsync: number): number[] {
  return intervals.map((ms) => vsyncsIn(ms, vsync) * vsync);
}

/** How many intervals spanned more than one vsync: frames the display showed late. */
export function missedFrames(intervals: readonly number[], vsync: number): number {
  return intervals.filter((ms) => vsyncsIn(ms, vsync) > 1).length;
}
