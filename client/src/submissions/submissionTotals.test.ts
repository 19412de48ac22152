import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsText, computeTotals, summaryText } from './submissionTotals.ts';

const names = new Map([
  ['py-b', 'Blue Cross'],
  ['py-a', 'Aetna'],
]);

describe('batch and selection totals', () => {
  it('adds claims, units and cents overall and by payer, payers by name', () => {
    const totals = computeTotals(
      [
        { payerId: 'py-b', chargeCents: 15000, units: 8 },
        { payerId: 'py-a', chargeCents: 6250, units: 2 },
        { payerId: 'py-b', chargeCents: 1, units: 1 },
        { payerId: 'py-x', chargeCents: 99, units: 3 },
      ],
      names,
    );
    expect(totals).toMatchObject({ claimCount: 4, units: 14, totalCents: 21350, total: '$213.50' });
    expect(totals.byPayer).toEqual([
      { payerId: 'py-a', payerName: 'Aetna', claimCount: 1, units: 2, totalCents: 6250, total: '$62.50' },
      {
        payerId: 'py-b',
        payerName: 'Blue Cross',
        claimCount: 2,
        units: 9,
        totalCents: 15001,
        total: '$150.01',
      },
      { payerId: 'py-x', payerName: 'py-x', claimCount: 1, units: 3, totalCents: 99, total: '$0.99' },
    ]);
  });

  it('nothing adds to zero', () => {
    expect(computeTotals([], names)).toEqual({
      claimCount: 0,
      units: 0,
      totalCents: 0,
      total: '$0.00',
      byPayer: [],
    });
  });

  it('the payers’ totals always add back to the whole, to the cent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            payerId: fc.constantFrom('py-a', 'py-b', 'py-c'),
            chargeCents: fc.integer({ min: 0, max: 10_000_000 }),
            units: fc.integer({ min: 1, max: 40 }),
          }),
        ),
        (claims) => {
          const t = computeTotals(claims, names);
          expect(t.byPayer.reduce((s, p) => s + p.totalCents, 0)).toBe(t.totalCents);
          expect(t.byPayer.reduce((s, p) => s + p.claimCount, 0)).toBe(claims.length);
          expect(t.totalCents).toBe(claims.reduce((s, c) => s + c.chargeCents, 0));
        },
      ),
    );
  });

  it('reads counts and money in words', () => {
    expect(claimsText(1)).toBe('1 claim');
    expect(claimsText(1204)).toBe('1,204 claims');
    expect(summaryText(3, 45000)).toBe('3 claims · $450.00');
  });
});
