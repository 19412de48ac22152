import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeeScheduleEntry } from '../domain/feeSchedule.ts';
import { createFeeIndex, lookupFeeEntry, lookupRateCents, modifierSetKey } from './feeLookup.ts';

function fee(
  id: string,
  serviceCode: string,
  modifiers: string[],
  rateCents: number,
  effectiveFrom: string,
  effectiveTo?: string,
): FeeScheduleEntry {
  const e: FeeScheduleEntry = { id, payerId: 'py-a', serviceCode, modifiers, rateCents, effectiveFrom };
  if (effectiveTo !== undefined) e.effectiveTo = effectiveTo;
  return e;
}

const schedule: FeeScheduleEntry[] = [
  fee('f1', '97153', [], 1500, '2026-01-01', '2026-06-30'),
  fee('f2', '97153', [], 1600, '2026-07-01'),
  fee('f3', '97153', ['HN'], 1300, '2026-01-01'),
  fee('f4', '97110', ['GP', '59'], 3300, '2026-01-01'),
  fee('f5', '97110', [], 3000, '2026-01-01'),
  fee('f6', '97155', ['HO'], 2600, '2026-03-01', '2026-03-31'),
  fee('f7', '97155', [], 2500, '2026-01-01'),
  { ...fee('f8', '97153', [], 9900, '2026-01-01'), payerId: 'py-b' },
];
const index = createFeeIndex(schedule);
const q = (serviceCode: string, modifiers: string[], dateOfService: string, payerId = 'py-a') => ({
  payerId,
  serviceCode,
  modifiers,
  dateOfService,
});

describe('lookupRateCents', () => {
  it('picks the rate in effect on the date of service, effectiveTo inclusive', () => {
    expect(lookupRateCents(index, q('97153', [], '2026-06-30'))).toBe(1500);
    expect(lookupRateCents(index, q('97153', [], '2026-07-01'))).toBe(1600);
    expect(lookupRateCents(index, q('97153', [], '2025-12-31'))).toBeNull();
  });

  it('prefers the exact modifier set, else the rate without modifiers', () => {
    expect(lookupRateCents(index, q('97153', ['HN'], '2026-08-01'))).toBe(1300);
    expect(lookupRateCents(index, q('97153', ['HO'], '2026-08-01'))).toBe(1600);
    expect(lookupRateCents(index, q('97110', ['GP'], '2026-08-01'))).toBe(3000);
  });

  it('matches modifiers as a set, whatever their order or repetition', () => {
    expect(lookupRateCents(index, q('97110', ['59', 'GP'], '2026-08-01'))).toBe(3300);
    expect(lookupRateCents(index, q('97110', ['GP', '59', 'GP'], '2026-08-01'))).toBe(3300);
    expect(modifierSetKey(['GP', '59'])).toBe(modifierSetKey(['59', 'GP']));
  });

  it('falls back to the unmodified rate when the modifier rate is not in effect that day', () => {
    expect(lookupRateCents(index, q('97155', ['HO'], '2026-03-15'))).toBe(2600);
    expect(lookupRateCents(index, q('97155', ['HO'], '2026-04-01'))).toBe(2500);
  });

  it('keeps payers and codes apart and returns null when nothing matches', () => {
    expect(lookupRateCents(index, q('97153', [], '2026-08-01', 'py-b'))).toBe(9900);
    expect(lookupRateCents(index, q('97153', [], '2026-08-01', 'py-c'))).toBeNull();
    expect(lookupRateCents(index, q('90837', [], '2026-08-01'))).toBeNull();
  });

  it('takes the latest start among overlapping rates, ties by id', () => {
    const overlapping = createFeeIndex([
      fee('b', '97153', [], 1700, '2026-05-01'),
      fee('a', '97153', [], 1750, '2026-05-01'),
      fee('c', '97153', [], 1500, '2026-01-01'),
    ]);
    expect(lookupFeeEntry(overlapping, q('97153', [], '2026-05-02'))?.id).toBe('a');
    expect(lookupRateCents(overlapping, q('97153', [], '2026-04-30'))).toBe(1500);
  });

  it('answers the same whatever the order of the schedule', () => {
    const dates = ['2025-12-31', '2026-01-01', '2026-03-15', '2026-06-30', '2026-07-01', '2026-12-31'];
    const queries = [
      q('97153', [], ''),
      q('97153', ['HN'], ''),
      q('97110', ['59', 'GP'], ''),
      q('97155', ['HO'], ''),
      q('97155', [], ''),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(schedule, { minLength: schedule.length }), (shuffled) => {
        const other = createFeeIndex(shuffled);
        for (const query of queries) {
          for (const dateOfService of dates) {
            const qq = { ...query, dateOfService };
            expect(lookupRateCents(other, qq)).toBe(lookupRateCents(index, qq));
          }
        }
      }),
    );
  });
});
