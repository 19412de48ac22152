import { describe, expect, it } from 'vitest';
import { createPrng, weightedTable } from './prng.ts';

describe('createPrng', () => {
  it('repeats the same sequence for the same seed and stream, and not for others', () => {
    const draw = (seed: number, stream: string) => {
      const p = createPrng(seed, stream);
      return Array.from({ length: 8 }, () => p.nextU32());
    };
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(43, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    for (const u of draw(1, 'x')) expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
  });

  it('draws integers within bounds, reaching both ends, about evenly', () => {
    const p = createPrng(7, 'int');
    const counts = new Map<number, number>();
    for (let i = 0; i < 60000; i++) {
      const v = p.int(1, 6);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('honours basis-point odds and weights', () => {
    const p = createPrng(9, 'odds');
    let hits = 0;
    for (let i = 0; i < 40000; i++) if (p.chance(2500)) hits++;
    expect(Math.abs(hits - 10000)).toBeLessThan(500);

    const table = weightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ]);
    expect(table.items).toEqual(['a', 'b']);
    let b = 0;
    for (let i = 0; i < 40000; i++) if (p.pickWeighted(table) === 'b') b++;
    expect(Math.abs(b - 30000)).toBeLessThan(600);
    expect(() => weightedTable([['x', 0]])).toThrow(RangeError);
  });
});
