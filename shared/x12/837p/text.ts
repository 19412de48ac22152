import type { Instant, IsoDate, PersonName } from '../../domain/primitives.ts';
import { X12WriteError } from '../errors.ts';
import type { X12Value } from '../segmentWriter.ts';

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const BLANKS = /\s+/g;

/**
 * Free text (names, addresses) as X12 wants it: accents dropped ('Núñez' → 'Nunez'; receivers read
 * ASCII only), blanks collapsed, trimmed, cut to the element's maximum length. A character still
 * outside printable ASCII, or a delimiter, is left for the segment writer to refuse.
 */
export function x12Text(value: string, max: number): string {
  let s = value;
  if (!PRINTABLE_ASCII.test(s)) s = s.normalize('NFD').replace(COMBINING_MARKS, '');
  s = s.replace(BLANKS, ' ').trim();
  return s.length > max ? s.slice(0, max).trimEnd() : s;
}

/** Free text that must not end up empty (a last name, an organization name). */
export function requiredText(value: string, max: number, segment: string, element: number): string {
  const s = x12Text(value, max);
  if (s === '') throw new X12WriteError(segment, element, 'required name or text is empty');
  return s;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/;

/** CCYYMMDD from a calendar date `YYYY-MM-DD` (DTP D8, DMG). */
export function x12Date(date: IsoDate, segment: string, element: number): string {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new X12WriteError(segment, element, 'date must be YYYY-MM-DD');
  return m[1]! + m[2]! + m[3]!;
}

/** Date and time for the envelope and BHT. */
export interface X12Stamp {
  /** CCYYMMDD */
  date: string;
  /** HHMM */
  time: string;
  /** HHMMSS */
  seconds: string;
}

/** The UTC date and time of a UTC instant (`…Z`); the file's times are UTC, like every event time here. */
export function x12Stamp(at: Instant): X12Stamp {
  const m = INSTANT.exec(at);
  if (m === null)
    throw new X12WriteError('GS', 4, 'the file time must be a UTC instant (YYYY-MM-DDTHH:MM:SSZ)');
  const date = m[1]! + m[2]! + m[3]!;
  const time = m[4]! + m[5]!;
  return { date, time, seconds: time + m[6]! };
}

/** NM1 elements for a person: entity, '1', last, first, middle, (prefix, suffix), qualifier, id. */
export function personNm1(entity: string, name: PersonName, qualifier?: string, id?: string): X12Value[] {
  return [
    entity,
    '1',
    requiredText(name.last, 60, 'NM1', 3),
    x12Text(name.first, 35),
    x12Text(name.middle ?? '', 25),
    '',
    '',
    qualifier,
    id,
  ];
}
