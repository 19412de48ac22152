import { describe, expect, it } from 'vitest';
import { poolSize, type RowRange, rowRange, slotOf, windowMove } from './rowWindow.ts';

const geometry = { viewportHeight: 260, rowHeight: 26, bodyTop: 56, count: 100_000, overscan: 2 };

describe('rowRange', () => {
  it('holds the rows in view plus the overscan, from the top of the list', () => {
    // 260 px show rows 0..7 below the 56 px header; overscan adds 2 below, none above row 0.
    expect(rowRange({ ...geometry, scrollTop: 0 })).toEqual({ start: 0, end: 10 });
  });

  it('follows the scroll position, counting the header above the body', () => {
    // scrollTop 56 + 26 * 100: row 100 is at the top of the viewport.
    expect(rowRange({ ...geometry, scrollTop: 56 + 2600 })).toEqual({ start: 98, end: 112 });
    // Half a row further: the row at the top is cut, one more shows at the bottom.
    expect(rowRange({ ...geometry, scrollTop: 56 + 2613 })).toEqual({ start: 98, end: 113 });
  });

  it('stops at the end of the list and is empty for an empty list', () => {
    expect(rowRange({ ...geometry, count: 5, scrollTop: 0 })).toEqual({ start: 0, end: 5 });
    expect(rowRange({ ...geometry, count: 100, scrollTop: 99_999 })).toEqual({ start: 100, end: 100 });
    expect(rowRange({ ...geometry, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('never holds more rows than the pool has slots, at any position', () => {
    const pool = poolSize(geometry.viewportHeight, geometry.rowHeight, geometry.overscan);
    for (let scrollTop = 0; scrollTop < 3000; scrollTop += 7) {
      const r = rowRange({ ...geometry, scrollTop });
      expect(r.end - r.start).toBeLessThanOrEqual(pool);
      // So the rows of a window have distinct slots.
      const slots = new Set<number>();
      for (let i = r.start; i < r.end; i++) slots.add(slotOf(i, pool));
      expect(slots.size).toBe(r.end - r.start);
    }
  });
});

describe('windowMove', () => {
  const range = (start: number, end: number): RowRange => ({ start, end });

  it('keeps the rows both windows hold and moves only the others (scrolling down)', () => {
    expect(windowMove(range(0, 10), range(3, 13))).toEqual({
      kept: range(3, 10),
      leaving: [range(0, 3)],
      above: range(3, 3),
      below: range(10, 13),
    });
  });

  it('enters rows above the kept ones when scrolling up', () => {
    expect(windowMove(range(10, 20), range(7, 17))).toEqual({
      kept: range(10, 17),
      leaving: [range(17, 20)],
      above: range(7, 10),
      below: range(17, 17),
    });
  });

  it('replaces every row on a jump, and fills an empty body', () => {
    expect(windowMove(range(0, 10), range(500, 510))).toEqual({
      kept: range(0, 0),
      leaving: [range(0, 10)],
      above: range(0, 0),
      below: range(500, 510),
    });
    expect(windowMove(range(0, 0), range(0, 10))).toEqual({
      kept: range(0, 0),
      leaving: [],
      above: range(0, 0),
      below: range(0, 10),
    });
  });

  it('handles a window that shrinks on both sides (the view got shorter)', () => {
    expect(windowMove(range(0, 30), range(5, 8))).toEqual({
      kept: range(5, 8),
      leaving: [range(0, 5), range(8, 30)],
      above: range(5, 5),
      below: range(8, 8),
    });
  });
});
