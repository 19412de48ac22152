import { readDelimiters, type X12Delimiters, type X12Segment, X12SegmentScanner } from './segmentScanner.ts';

// The delimiter logic and the scanning loop live in segmentScanner.ts (which streams); this module keeps
// the whole-string API every reader started with.
export { readDelimiters, type X12Delimiters, type X12Segment };

export interface X12Tokens {
  delimiters: X12Delimiters;
  segments: X12Segment[];
}

/**
 * Calls `visit` for each segment of `text` in order, in one pass (indexOf to the next terminator, one
 * split per segment); `visit` may return false to stop early. Tolerates a byte-order mark, CR/LF and
 * indentation between segments, and a newline as the segment terminator (a CR before it is dropped).
 * Returns the delimiters. Throws an X12SyntaxError naming the segment and its line (ordinal) when the
 * ISA is unusable, a segment id is malformed, or text after the last terminator is not blank.
 */
export function forEachSegment(text: string, visit: (segment: X12Segment) => unknown): X12Delimiters {
  const scanner = new X12SegmentScanner((cursor) => visit(cursor.segment()));
  scanner.push(text);
  return scanner.end();
}

/** Every segment of `text` with the interchange's delimiters; see `forEachSegment` for what is tolerated. */
export function tokenize(text: string): X12Tokens {
  const segments: X12Segment[] = [];
  const delimiters = forEachSegment(text, (segment) => segments.push(segment));
  return { delimiters, segments };
}

/** Element `n` of a segment (CLM01 → `element(seg, 1)`), or '' when the segment is shorter. */
export function element(segment: X12Segment, n: number): string {
  return segment.elements[n] ?? '';
}

/** The components of a composite element value (`HC:97153:HN` → ['HC', '97153', 'HN']). */
export function components(value: string, delimiters: X12Delimiters): string[] {
  return value.split(delimiters.component);
}
