import type { Instant, IsoDate } from '../domain/primitives.ts';
import { addDays } from '../util/dates.ts';
import type { Prng } from './prng.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Dates and event times of the synthetic practice, counted in days before the as-of date (day k is
 * `asOf − k`). Pure: time comes from the as-of date and the seeded generator, never from a clock.
 * Every date string and time-of-day string is made once and shared, because a 100k-claim practice
 * holds ~400k event times and building each from parts would leave a chain of string pieces per time.
 */
export class EventClock {
  /** `dates[k]` is the date k days before as-of, for k = 0…days. */
  readonly dates: readonly IsoDate[];
  private readonly prefixes: readonly string[];
  private readonly times: string[] = [];

  /** A clock over the `days` days before `asOf`. */
  constructor(asOf: IsoDate, days: number) {
    const dates: IsoDate[] = [];
    for (let k = 0; k <= days; k++) dates.push(addDays(asOf, -k));
    this.dates = dates;
    this.prefixes = dates.map((d) => `${d}T`);
  }

  /** A random instant on day k between `fromHour`:00:00 and `toHour`:59:59 UTC. */
  instant(prng: Prng, k: number, fromHour: number, toHour: number): Instant {
    const second = prng.int(fromHour * 3600, toHour * 3600 + 3599);
    let time = this.times[second];
    if (time === undefined) {
      time = `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}Z`;
      this.times[second] = time;
    }
    return this.prefixes[k]! + time;
  }
}
