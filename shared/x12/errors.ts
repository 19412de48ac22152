/*
 * X12 errors carry where (segment id, segment ordinal) and why, never an element's value: values are
 * patient data (names, member IDs, dates of birth) and these messages end up in logs and on screens.
 */

/** Why a file could not be read, as a stable code for callers that branch on it. */
export type X12SyntaxCode =
  | 'no_isa'
  | 'bad_isa'
  | 'bad_delimiters'
  | 'unterminated'
  | 'bad_segment_id'
  | 'bad_value'
  | 'structure';

/** Shown instead of a segment id that is itself malformed (it could be a fragment of a value). */
const UNKNOWN_ID = '?';
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** The segment id when it looks like one, otherwise '?' (a malformed id may be a piece of a value). */
export function safeSegmentId(id: string | null | undefined): string {
  return id != null && SEGMENT_ID.test(id) ? id : UNKNOWN_ID;
}

/**
 * A file that is not well-formed X12 (or not the transaction expected). `line` is the 1-based ordinal of
 * the segment in the file (ISA = 1), the same number every X12 reader here reports, whether or not the
 * file puts segments on separate lines. One-line message: `X12 syntax error: CLM at line 27: …`.
 */
export class X12SyntaxError extends Error {
  override readonly name = 'X12SyntaxError';
  readonly segmentId: string;
  readonly line: number;
  readonly code: X12SyntaxCode;

  constructor(code: X12SyntaxCode, segmentId: string | null, line: number, reason: string) {
    const id = safeSegmentId(segmentId);
    super(`X12 syntax error: ${id} at line ${line}: ${reason}`);
    this.segmentId = id;
    this.line = line;
    this.code = code;
  }
}

/** A value or an envelope call that would produce a corrupt file; the writer refuses rather than guess. */
export class X12WriteError extends Error {
  override readonly name = 'X12WriteError';
  readonly segmentId: string;
  /** 1-based element position (CLM01 → 1), 0 for the segment as a whole. */
  readonly element: number;

  constructor(segmentId: string, element: number, reason: string) {
    const id = safeSegmentId(segmentId);
    const where = element > 0 ? `${id}${String(element).padStart(2, '0')}` : id;
    super(`X12 write error: ${where}: ${reason}`);
    this.segmentId = id;
    this.element = element;
  }
}
