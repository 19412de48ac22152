import { describe, expect, it } from 'vitest';
import { countTabs } from './tabCounts.ts';
import { testRow } from './testRow.ts';

const rows = [
  testRow({ id: 'A', status: 'Ready' }),
  testRow({ id: 'B', status: 'Paid' }),
  testRow({ id: 'C', status: 'Paid' }),
  testRow({ id: 'D', status: 'Held' }),
  testRow({ id: 'E', status: 'Settled' }),
];

describe('countTabs', () => {
  it('counts each status and totals All', () => {
    expect(countTabs(rows, [0, 1, 2, 3, 4])).toEqual({
      Ready: 1,
      Submitted: 0,
      Paid: 2,
      Denied: 0,
      Held: 1,
      Voided: 0,
      Settled: 1,
      All: 5,
    });
  });

  it('counts only the given rows', () => {
    const counts = countTabs(rows, [2, 3]);
    expect(counts.Paid).toBe(1);
    expect(counts.Held).toBe(1);
    expect(counts.Ready).toBe(0);
    expect(counts.All).toBe(2);
  });
});
