import type { PracticeSettings, UnitsRounding } from '../domain/practice.ts';
import type { SessionService } from '../domain/session.ts';
import { unitKindOf } from './serviceCatalog.ts';

/** The part of the practice settings that decides units. */
export type UnitsSettings = Pick<PracticeSettings, 'unitsRounding' | 'unitMinutes'>;

/**
 * Units for one timed service on its own, under a per-service rule (integer arithmetic only).
 * - `round_down`: whole units only, `floor(minutes / unitMinutes)`: 29 min → 1.
 * - `round_half_up`: nearest unit, a half unit counting up, `floor((2·minutes + unitMinutes) / (2·unitMinutes))`:
 *   22 min → 1, 23 min → 2 (22.5 is the half-way point of 15-minute units).
 * - `cms_8_minute` on a lone service is the same as applying it to a session of that one service.
 * `timedUnits(38, 'round_down', 15)` → 2.
 */
export function timedUnits(minutes: number, rule: UnitsRounding, unitMinutes: number): number {
  if (minutes <= 0) return 0;
  switch (rule) {
    case 'round_down':
      return Math.floor(minutes / unitMinutes);
    case 'round_half_up':
      return Math.floor((2 * minutes + unitMinutes) / (2 * unitMinutes));
    case 'cms_8_minute':
      return cmsTotalUnits(minutes, unitMinutes);
  }
}

/**
 * The CMS 8-minute rule's unit count for a session's total timed minutes (Medicare Claims Processing
 * Manual, ch. 5 §20.2): a unit is billed once at least half a unit has been spent, so with 15-minute
 * units 8–22 min → 1, 23–37 → 2, 38–52 → 3, 53–67 → 4, and under 8 min → 0.
 * Generalised to any unit length: the half-unit threshold is `ceil(unitMinutes / 2)` (8 for 15), and
 * `units = floor((total + unitMinutes − threshold) / unitMinutes)`, which is `floor((total + 7) / 15)` for 15.
 */
export function cmsTotalUnits(totalMinutes: number, unitMinutes: number): number {
  const threshold = Math.ceil(unitMinutes / 2);
  if (totalMinutes < threshold) return 0;
  return Math.floor((totalMinutes + unitMinutes - threshold) / unitMinutes);
}

/**
 * Units for every service of one session, in the session's order. Per-session codes are always 1 unit.
 * Timed codes follow the practice rule; under `cms_8_minute` the rule applies to the session's TOTAL timed
 * minutes, then the units are handed out: each service first gets its whole units (`floor(minutes / 15)`),
 * and the units left over go one each to the services with the most leftover minutes (a tie goes to the
 * earlier service). Example 2 of the manual: 33 min 97110 + 7 min 97140 = 40 min → 3 units; 97110 has
 * 2 whole units and 3 minutes left, 97140 has 0 and 7 left, so the third unit goes to 97140 → [2, 1].
 * @example sessionUnits([{ serviceCode: '97153', minutes: 120 }], { unitsRounding: 'round_down', unitMinutes: 15 }) // → [8]
 */
export function sessionUnits(
  services: readonly Pick<SessionService, 'serviceCode' | 'minutes'>[],
  settings: UnitsSettings,
): number[] {
  const { unitsRounding: rule, unitMinutes } = settings;
  const units = new Array<number>(services.length).fill(0);
  if (rule !== 'cms_8_minute') {
    for (let i = 0; i < services.length; i++) {
      const s = services[i]!;
      units[i] = unitKindOf(s.serviceCode) === 'per_session' ? 1 : timedUnits(s.minutes, rule, unitMinutes);
    }
    return units;
  }

  let totalTimed = 0;
  let wholeUnits = 0;
  const timed: number[] = [];
  for (let i = 0; i < services.length; i++) {
    const s = services[i]!;
    if (unitKindOf(s.serviceCode) === 'per_session') {
      units[i] = 1;
      continue;
    }
    const minutes = Math.max(0, s.minutes);
    totalTimed += minutes;
    units[i] = Math.floor(minutes / unitMinutes);
    wholeUnits += units[i]!;
    timed.push(i);
  }
  // Never negative: floor((T + 7) / 15) ≥ floor(T / 15) ≥ Σ floor(mᵢ / 15). And never more than the number of
  // services with leftover minutes, since each leftover is < 15, so every extra unit finds a distinct service.
  let extra = cmsTotalUnits(totalTimed, unitMinutes) - wholeUnits;
  if (extra <= 0) return units;
  const leftover = (i: number) => Math.max(0, services[i]!.minutes) % unitMinutes;
  // Stable sort: equal leftovers keep session order, so the earlier service wins the tie.
  const byLeftover = timed.slice().sort((a, b) => leftover(b) - leftover(a));
  for (const i of byLeftover) {
    if (extra === 0) break;
    if (leftover(i) === 0) break;
    units[i] = units[i]! + 1;
    extra--;
  }
  return units;
}
