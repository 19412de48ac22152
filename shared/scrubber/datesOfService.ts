import type { IsoDate } from '../domain/primitives.ts';
import { lineLabel, shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isIsoDate } from './isoDate.ts';
import { MAX_LINES } from './limits.ts';
import { isRecord, type Loose, lineNoOf } from './read.ts';

/** The earliest and latest valid dates of service on a claim (the claim's own and its lines'). */
export interface DateSpan {
  /** Timely filing runs from it; policy coverage must start by it. Null when no date is valid. */
  earliest: IsoDate | null;
  /** Policy coverage must last until it; it must not be after today. Null when no date is valid. */
  latest: IsoDate | null;
}

// Reused for every claim, so the hot loop allocates nothing here; valid until the next call.
const span: DateSpan = { earliest: null, latest: null };

function reportInvalid(value: unknown, lineNo: number | undefined, out: ScrubFinding[]): void {
  const what = lineNo === undefined ? 'Date of service' : `${lineLabel(lineNo)} date of service`;
  out.push(
    finding(
      'date_of_service_invalid',
      'error',
      `${what} ${shown(value)} is not a valid date (YYYY-MM-DD) — correct the date on the session note and regenerate the claim.`,
      'dateOfService',
      lineNo,
    ),
  );
}

/**
 * Every date of service (claim and lines) is a real YYYY-MM-DD date, and none is after `asOf`.
 * Returns the span of the valid ones, in an object reused by the next call (read it, don't keep it).
 */
export function checkDatesOfService(claim: Loose, asOf: unknown, out: ScrubFinding[]): Readonly<DateSpan> {
  let earliest: IsoDate | null = null;
  let latest: IsoDate | null = null;
  const claimDate = claim.dateOfService;
  if (isIsoDate(claimDate)) {
    earliest = claimDate;
    latest = claimDate;
  } else {
    reportInvalid(claimDate, undefined, out);
  }
  const lines = claim.lines;
  if (Array.isArray(lines)) {
    const n = Math.min(lines.length, MAX_LINES);
    for (let i = 0; i < n; i++) {
      const line: unknown = lines[i];
      // Unreadable lines are reported once, by checkLines.
      if (!isRecord(line)) continue;
      const dos = line.dateOfService;
      // Lines usually share the claim's date: the same string needs no second look.
      if (dos === claimDate && earliest !== null) continue;
      if (!isIsoDate(dos)) {
        reportInvalid(dos, lineNoOf(line, i), out);
        continue;
      }
      if (earliest === null || dos < earliest) earliest = dos;
      if (latest === null || dos > latest) latest = dos;
    }
  }
  if (latest !== null && isIsoDate(asOf) && latest > asOf) {
    out.push(
      finding(
        'date_of_service_in_future',
        'error',
        `Date of service ${latest} is after today (${asOf}) — a service can only be billed once it has been given; correct the date on the session note or wait until then.`,
        'dateOfService',
      ),
    );
  }
  span.earliest = earliest;
  span.latest = latest;
  return span;
}
