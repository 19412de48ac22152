import { describe, expect, it } from 'vitest';
import { SortKeyCache } from './sortKeyCache.ts';
import { claimIdTie, sortIndices } from './sortRows.ts';

const textSortKey = (rows: string[], value: (s: string) => string) =>
  new SortKeyCache<string>().keyFor('c', rows, { type: 'text', value });
const numericSortKey = <R>(rows: R[], value: (r: R) => number | null) =>
  new SortKeyCache<R>().keyFor('c', rows, { type: 'number', value });

describe('numericSortKey', () => {
  it('copies numbers and turns null into NaN', () => {
    const key = numericSortKey([{ v: 3 }, { v: null }, { v: -1.5 }], (r) => r.v);
    expect(Array.from(key)).toEqual([3, Number.NaN, -1.5]);
  });
});

describe('textSortKey', () => {
  it('ranks in collation order, numbers inside text compared as numbers', () => {
    const key = textSortKey(['CLM-10', 'CLM-9', 'CLM-100'], (s) => s);
    expect(Array.from(key)).toEqual([1, 0, 2]);
  });

  it('gives equal ranks to text that differs only by case, and NaN to blanks', () => {
    const key = textSortKey(['smith, ana', 'Adams, Bo', '', 'Smith, Ana'], (s) => s);
    expect(Array.from(key)).toEqual([1, 0, Number.NaN, 1]);
  });
});

describe('sortIndices', () => {
  const key = Float64Array.from([30, Number.NaN, 10, 30, 20]);

  it('sorts ascending with ties in row order and blanks last', () => {
    expect(sortIndices([0, 1, 2, 3, 4], key, 'asc')).toEqual([2, 4, 0, 3, 1]);
  });

  it('sorts descending with ties still in row order and blanks still last', () => {
    expect(sortIndices([0, 1, 2, 3, 4], key, 'desc')).toEqual([0, 3, 4, 2, 1]);
  });

  it('sorts only the given subset and leaves the input untouched', () => {
    const input = [4, 3, 1];
    expect(sortIndices(input, key, 'asc')).toEqual([4, 3, 1]);
    expect(sortIndices([3, 0, 2], key, 'asc')).toEqual([2, 0, 3]);
    expect(input).toEqual([4, 3, 1]);
  });

  it('orders a text column by name through its key', () => {
    const names = ['Young, Di', 'adams, Bo', 'Mills, Cy', ''];
    const textKey = textSortKey(names, (s) => s);
    expect(sortIndices([0, 1, 2, 3], textKey, 'asc').map((i) => names[i])).toEqual([
      'adams, Bo',
      'Mills, Cy',
      'Young, Di',
      '',
    ]);
  });

  it('orders equal keys by the tie key, so two row orders of the same claims sort alike', () => {
    const ids = ['C-1', 'C-2', 'C-3', 'C-4', 'C-5'];
    const dates = { 'C-1': 2, 'C-2': 1, 'C-3': 2, 'C-4': 2, 'C-5': 1 } as Record<string, number>;
    const sorted = (order: string[]) => {
      const key = Float64Array.from(order.map((id) => dates[id]!));
      const tie = Float64Array.from(order.map(claimIdTie));
      return sortIndices(
        order.map((_, i) => i),
        key,
        'desc',
        tie,
      ).map((i) => order[i]);
    };
    const one = sorted(ids);
    expect(sorted([...ids].reverse())).toEqual(one);
    expect(sorted(['C-3', 'C-5', 'C-1', 'C-4', 'C-2'])).toEqual(one);
    expect(one.slice(0, 3).sort()).toEqual(['C-1', 'C-3', 'C-4']); // the 2s first
  });
});
