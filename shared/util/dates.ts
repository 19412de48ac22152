import type { Instant, IsoDate } from '../domain/primitives.ts';

const DAY_MS = 86_400_000;

function toUtcMs(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). `daysBetween('2026-01-01','2026-01-31')` → 30. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** The calendar date (UTC) of an instant. */
export function dateOfInstant(at: Instant): IsoDate {
  return at.slice(0, 10);
}

/** Inclusive range check on ISO dates (string order is date order for YYYY-MM-DD). */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate | undefined): boolean {
  return date >= from && (to === undefined || date <= to);
}
