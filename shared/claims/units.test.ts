import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitsRounding } from '../domain/practice.ts';
import { cmsTotalUnits, sessionUnits, timedUnits } from './units.ts';

const rule = (unitsRounding: UnitsRounding, unitMinutes = 15) => ({ unitsRounding, unitMinutes });
const svc = (serviceCode: string, minutes: number) => ({ serviceCode, minutes });

describe('timedUnits', () => {
  it.each([
    [7, 0, 0, 0],
    [8, 0, 1, 1],
    [14, 0, 1, 1],
    [15, 1, 1, 1],
    [22, 1, 1, 1],
    [23, 1, 2, 2],
    [29, 1, 2, 2],
    [30, 2, 2, 2],
    [37, 2, 2, 2],
    [38, 2, 3, 3],
    [0, 0, 0, 0],
  ])('%i minutes → round_down %i, round_half_up %i, cms_8_minute %i', (minutes, down, halfUp, cms) => {
    expect(timedUnits(minutes, 'round_down', 15)).toBe(down);
    expect(timedUnits(minutes, 'round_half_up', 15)).toBe(halfUp);
    expect(timedUnits(minutes, 'cms_8_minute', 15)).toBe(cms);
  });

  it('rounds half units up with an even unit length, in integers', () => {
    expect(timedUnits(14, 'round_half_up', 30)).toBe(0);
    expect(timedUnits(15, 'round_half_up', 30)).toBe(1);
    expect(timedUnits(44, 'round_half_up', 30)).toBe(1);
    expect(timedUnits(45, 'round_half_up', 30)).toBe(2);
  });
});

describe('cmsTotalUnits', () => {
  it('follows the CMS chart for 15-minute units', () => {
    // 8–22 → 1, 23–37 → 2, 38–52 → 3, 53–67 → 4, 68–82 → 5.
    const chart: [number, number][] = [
      [0, 0],
      [7, 0],
      [8, 1],
      [22, 1],
      [23, 2],
      [37, 2],
      [38, 3],
      [52, 3],
      [53, 4],
      [67, 4],
      [68, 5],
      [82, 5],
    ];
    for (const [minutes, units] of chart) expect(cmsTotalUnits(minutes, 15)).toBe(units);
  });

  it('generalises with a threshold of half a unit, rounded up', () => {
    expect(cmsTotalUnits(14, 30)).toBe(0);
    expect(cmsTotalUnits(15, 30)).toBe(1);
    expect(cmsTotalUnits(44, 30)).toBe(1);
    expect(cmsTotalUnits(45, 30)).toBe(2);
    // 5-minute units: threshold ceil(2.5) = 3.
    expect(cmsTotalUnits(2, 5)).toBe(0);
    expect(cmsTotalUnits(3, 5)).toBe(1);
    expect(cmsTotalUnits(7, 5)).toBe(1);
    expect(cmsTotalUnits(8, 5)).toBe(2);
  });
});

describe('sessionUnits under the CMS 8-minute rule', () => {
  const cms = rule('cms_8_minute');

  it('Medicare manual example 1: 24 min 97112 + 23 min 97110 = 47 min → 3 units, 2 + 1', () => {
    // Whole units 1 + 1; leftovers 9 and 8 minutes; the third unit goes to the larger leftover (97112).
    expect(sessionUnits([svc('97112', 24), svc('97110', 23)], cms)).toEqual([2, 1]);
  });

  it('Medicare manual example 2: 33 min 97110 + 7 min 97140 = 40 min → 3 units, 2 + 1', () => {
    // 97110 has 2 whole units and 3 minutes left; 97140 has 7 minutes, more than 3, so it gets the third.
    expect(sessionUnits([svc('97110', 33), svc('97140', 7)], cms)).toEqual([2, 1]);
  });

  it('Medicare manual example 3: three services of 7 min = 21 min → 1 unit, to the first (tie)', () => {
    expect(sessionUnits([svc('97112', 7), svc('97110', 7), svc('97140', 7)], cms)).toEqual([1, 0, 0]);
  });

  it('41 minutes over three services → 3 units, one each', () => {
    // 97112 18 → 1 whole + 3 left; 97110 13 → 13 left; 97530 10 → 10 left. Total floor(48/15) = 3:
    // one whole unit, and the 2 extra go to the leftovers 13 and 10.
    expect(sessionUnits([svc('97112', 18), svc('97110', 13), svc('97530', 10)], cms)).toEqual([1, 1, 1]);
  });

  it('gives per-session codes 1 unit and pools only the timed minutes', () => {
    expect(sessionUnits([svc('97161', 45), svc('97110', 20)], cms)).toEqual([1, 1]);
    expect(sessionUnits([svc('90837', 60), svc('97110', 7)], cms)).toEqual([1, 0]);
  });

  it('keeps the total equal to the rule and each service within one unit of its whole units', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            serviceCode: fc.constantFrom('97110', '97112', '97140', '97530', 'H2019'),
            minutes: fc.nat(120),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (services) => {
          const units = sessionUnits(services, cms);
          const total = services.reduce((t, s) => t + s.minutes, 0);
          expect(units.reduce((a, b) => a + b, 0)).toBe(cmsTotalUnits(total, 15));
          services.forEach((s, i) => {
            const whole = Math.floor(s.minutes / 15);
            expect(units[i]! - whole).toBeGreaterThanOrEqual(0);
            expect(units[i]! - whole).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});

describe('sessionUnits: the three rules differ where they should', () => {
  it('8 + 8 minutes of two timed codes: 0 + 0, 1 + 1, or 1 unit in total', () => {
    const services = [svc('97110', 8), svc('97140', 8)];
    expect(sessionUnits(services, rule('round_down'))).toEqual([0, 0]);
    expect(sessionUnits(services, rule('round_half_up'))).toEqual([1, 1]);
    expect(sessionUnits(services, rule('cms_8_minute'))).toEqual([1, 0]);
  });

  it('38 minutes of one code: 2 rounded down, 3 otherwise', () => {
    expect(sessionUnits([svc('97153', 38)], rule('round_down'))).toEqual([2]);
    expect(sessionUnits([svc('97153', 38)], rule('round_half_up'))).toEqual([3]);
    expect(sessionUnits([svc('97153', 38)], rule('cms_8_minute'))).toEqual([3]);
  });

  it('counts per-session codes as 1 and unknown codes as timed under every rule', () => {
    for (const r of ['round_down', 'round_half_up', 'cms_8_minute'] as const) {
      expect(sessionUnits([svc('90837', 60), svc('92507', 5), svc('H2019', 60)], rule(r))).toEqual([1, 1, 4]);
    }
  });

  it('uses the practice unit length', () => {
    expect(sessionUnits([svc('97153', 120)], rule('round_down', 30))).toEqual([4]);
    expect(sessionUnits([svc('97153', 100)], rule('round_down', 30))).toEqual([3]);
  });
});
