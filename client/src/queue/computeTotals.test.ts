import { describe, expect, it } from 'vitest';
import { columns } from './columns.ts';
import { computeTotals } from './computeTotals.ts';
import { testRow } from './testRow.ts';

const rows = [
  testRow({
    id: 'A',
    units: 4,
    billedCents: 25_000,
    allowedCents: 20_000,
    adjustmentCents: 5_000,
    insurancePaidCents: 16_000,
    insurance1PaidCents: 12_000,
    insurance2PaidCents: 4_000,
    patientPaidCents: 1_500,
    insuranceBalanceCents: 0,
    patientBalanceCents: 2_500,
  }),
  testRow({
    id: 'B',
    units: 2,
    billedCents: 12_345,
    allowedCents: 0,
    adjustmentCents: 0,
    insurancePaidCents: 0,
    patientPaidCents: 0,
    insuranceBalanceCents: 12_345,
    patientBalanceCents: 0,
  }),
  testRow({
    id: 'C',
    units: 1,
    billedCents: 999,
    allowedCents: 1_000,
    adjustmentCents: -1,
    insurancePaidCents: 1_050,
    insurance1PaidCents: 1_100,
    insurance2PaidCents: -50,
    patientPaidCents: 0,
    insuranceBalanceCents: -50,
    patientBalanceCents: -7,
  }),
];

describe('computeTotals', () => {
  it('sums every amount over the given rows, in cents', () => {
    expect(computeTotals(rows, [0, 1, 2])).toEqual({
      claims: 3,
      units: 7,
      billedCents: 38_344,
      allowedCents: 21_000,
      adjustmentCents: 4_999,
      insurance1PaidCents: 13_100,
      insurance2PaidCents: 3_950,
      patientPaidCents: 1_500,
      insuranceBalanceCents: 12_295,
      patientBalanceCents: 2_493,
    });
  });

  it('totals only the filtered subset', () => {
    const t = computeTotals(rows, [2, 1]);
    expect(t.claims).toBe(2);
    expect(t.billedCents).toBe(13_344);
    expect(t.insuranceBalanceCents).toBe(12_295);
    expect(t.patientBalanceCents).toBe(-7);
  });

  it('has a total for every column that names one, so the totals row has no blank money cell', () => {
    const t = computeTotals(rows, [0]);
    for (const column of columns) {
      if (column.kind === 'money' || column.kind === 'number') {
        if (column.id === 'daysSinceBilled') continue; // an age, not an amount: summing it means nothing
        expect(column.total, column.id).toBeDefined();
      }
      if (column.total !== undefined) expect(typeof t[column.total], column.id).toBe('number');
    }
  });

  it('splits insurance paid into primary and other payers whose sum is the total paid', () => {
    const t = computeTotals(rows, [0, 1, 2]);
    const paid = rows.reduce((s, r) => s + r.insurancePaidCents, 0);
    expect(t.insurance1PaidCents + t.insurance2PaidCents).toBe(paid);
  });

  it('is all zeros for an empty view', () => {
    const t = computeTotals(rows, []);
    expect(t.claims).toBe(0);
    expect(t.billedCents).toBe(0);
    expect(t.units).toBe(0);
  });
});
