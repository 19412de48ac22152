import { describe, expect, it } from 'vitest';
import { poolSize, rowRange, slotOf } from './rowWindow.ts';

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

describe('poolSize', () => {
  it('is even, so each slot shows rows of one parity only (its stripe never changes)', () => {
    for (let height = 0; height < 2000; height += 13) {
      const pool = poolSize(height, 26, 3);
      expect(pool % 2).toBe(0);
      expect(pool).toBeGreaterThanOrEqual(Math.ceil(height / 26) + 1 + 6);
      for (let i = 0; i < 3 * pool; i++) expect(slotOf(i, pool) % 2).toBe(i % 2);
    }
  });
});
