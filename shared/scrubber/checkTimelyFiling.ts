import type { IsoDate } from '../domain/primitives.ts';
import { addDays } from '../util/dates.ts';
import { payerLabel } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { dayNumber, isIsoDate } from './isoDate.ts';
import type { Loose } from './read.ts';

/** Days before the timely-filing limit from which the scrubber warns. */
export const TIMELY_FILING_WARNING_DAYS = 14;

/**
 * Timely filing, from the earliest date of service: the payer accepts the claim up to and including
 * DOS + timelyFilingDays. Past that → error; 14 days or fewer left → warning with the last day to file.
 * Skipped when the payer, its limit, the date of service or `asOf` is unreadable (those are reported elsewhere).
 */
export function checkTimelyFiling(
  payer: Loose | undefined,
  earliest: IsoDate | null,
  asOf: unknown,
  out: ScrubFinding[],
): void {
  if (payer === undefined || earliest === null || !isIsoDate(asOf)) return;
  const limit = payer.timelyFilingDays;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) return;
  const age = dayNumber(asOf) - dayNumber(earliest);
  const daysLeft = limit - age;
  if (daysLeft > TIMELY_FILING_WARNING_DAYS) return;
  const lastDay = addDays(earliest, limit);
  if (daysLeft < 0) {
    out.push(
      finding(
        'timely_filing_expired',
        'error',
        `Date of service ${earliest} is past ${payerLabel(payer)}'s ${limit}-day timely-filing limit (the last day to file was ${lastDay}) — the payer will deny it; appeal with proof of timely filing, or write the balance off.`,
        'dateOfService',
      ),
    );
  } else {
    out.push(
      finding(
        'timely_filing_near',
        'warning',
        `Date of service ${earliest} is close to ${payerLabel(payer)}'s ${limit}-day timely-filing limit — file by ${lastDay}.`,
        'dateOfService',
      ),
    );
  }
}
