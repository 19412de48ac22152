import { describe, expect, it } from 'vitest';
import { claimStatuses } from '../domain/claimStatus.ts';
import { STATUS_WEIGHT_TOTAL, statusWeights } from './syntheticOutcomes.ts';

describe('statusWeights', () => {
  it('adds to the total at every age and averages exactly to the target mix over ages 1–180', () => {
    const totals = Object.fromEntries(claimStatuses.map((s) => [s, 0])) as Record<string, number>;
    for (let age = 1; age <= 180; age++) {
      const w = statusWeights(age);
      expect(claimStatuses.reduce((t, s) => t + w[s], 0)).toBe(STATUS_WEIGHT_TOTAL);
      for (const s of claimStatuses) totals[s]! += w[s];
    }
    // Per-mille share: total / (180 ages × 30,000 parts) × 1000 = total / 5400.
    const perMille = Object.fromEntries(claimStatuses.map((s) => [s, totals[s]! / 5400]));
    expect(perMille).toEqual({
      Ready: 250,
      Submitted: 200,
      Paid: 300,
      Denied: 100,
      Held: 70,
      Voided: 30,
      Settled: 50,
    });
  });

  it('favours Ready for new claims and Paid for old ones', () => {
    expect(statusWeights(10).Ready).toBeGreaterThan(5 * statusWeights(150).Ready);
    expect(statusWeights(150).Paid).toBeGreaterThan(10 * statusWeights(10).Paid);
    expect(statusWeights(400)).toEqual(statusWeights(180));
  });
});
