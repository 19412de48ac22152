import { x12DecimalToCents } from '../decimal.ts';
import type { X12SegmentCursor } from '../segmentScanner.ts';
import { valueError } from './readEnvelope.ts';

/** `CLP04` for element 4 of CLP: how a message names an element without quoting its value. */
export function elementName(segmentId: string, n: number): string {
  return `${segmentId}${n < 10 ? '0' : ''}${n}`;
}

/** Element `n` as integer cents (by string arithmetic); an X12SyntaxError when empty or malformed. */
export function centsAt(cur: X12SegmentCursor, n: number): number {
  const cents = x12DecimalToCents(cur.element(n));
  if (cents === null) {
    throw valueError(cur.id, cur.line, `${elementName(cur.id, n)} is not an amount with at most 2 decimals`);
  }
  return cents;
}

/** Element `n` as integer cents, or null when it is empty. */
export function optionalCentsAt(cur: X12SegmentCursor, n: number): number | null {
  const value = cur.element(n);
  if (value === '') return null;
  const cents = x12DecimalToCents(value);
  if (cents === null) {
    throw valueError(cur.id, cur.line, `${elementName(cur.id, n)} is not an amount with at most 2 decimals`);
  }
  return cents;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Dates seen recently: a remittance repeats a few dates many times (the hot path of a large file). */
const DATE_CACHE = new Map<string, string>();
const DATE_CACHE_SIZE = 1024;

/** `YYYY-MM-DD` from an X12 date `CCYYMMDD`, or null when it is not a calendar date. */
export function isoFromX12Date(value: string): string | null {
  const cached = DATE_CACHE.get(value);
  if (cached !== undefined) return cached;
  const iso = convertDate(value);
  if (iso !== null) {
    if (DATE_CACHE.size >= DATE_CACHE_SIZE) DATE_CACHE.clear();
    DATE_CACHE.set(value, iso);
  }
  return iso;
}

function convertDate(value: string): string | null {
  if (value.length !== 8) return null;
  for (let i = 0; i < 8; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** Element `n` as `YYYY-MM-DD`; an X12SyntaxError when it is not a CCYYMMDD date. */
export function dateAt(cur: X12SegmentCursor, n: number): string {
  const date = isoFromX12Date(cur.element(n));
  if (date === null) throw valueError(cur.id, cur.line, `${elementName(cur.id, n)} is not a CCYYMMDD date`);
  return date;
}

/** Element `n` as `YYYY-MM-DD`, or null when it is empty. */
export function optionalDateAt(cur: X12SegmentCursor, n: number): string | null {
  return cur.element(n) === '' ? null : dateAt(cur, n);
}

/** A decimal quantity (units, counts): optional '-', digits, at most one '.'; null when malformed. */
export function x12Quantity(value: string): number | null {
  const n = value.length;
  // The usual case, a few digits: no Number() parse.
  if (n > 0 && n < 5) {
    let q = 0;
    for (let i = 0; i < n; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        q = -1;
        break;
      }
      q = q * 10 + d;
    }
    if (q >= 0) return q;
  }
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c >= 48 && c <= 57) digits++;
    else return null;
  }
  if (digits === 0 || digits > 15) return null;
  const q = Number(value);
  return q === 0 ? 0 : q;
}

/** The element, or null when it is empty. */
export function optionalAt(cur: X12SegmentCursor, n: number): string | null {
  const value = cur.element(n);
  return value === '' ? null : value;
}
