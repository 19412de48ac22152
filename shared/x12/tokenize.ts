import { X12SyntaxError } from './errors.ts';

/** The separators of one interchange, read from its ISA. */
export interface X12Delimiters {
  /** Element separator: the character right after "ISA". */
  element: string;
  /** Component (sub-element) separator: ISA16. */
  component: string;
  /** Repetition separator: ISA11 when it is a separator (5010); null when ISA11 is a letter (4010's 'U'). */
  repetition: string | null;
  /** Segment terminator: the character after ISA16 ('\n' or '\r' when lines end segments). */
  segment: string;
}

/**
 * One segment. `elements[0]` is the segment id, so `elements[n]` is element n (`CLM01` is `elements[1]`);
 * elements are not split into components or repetitions (see `components`).
 */
export interface X12Segment {
  id: string;
  elements: string[];
  /** 1-based ordinal of the segment in the file (ISA = 1): the "line" every error message cites. */
  line: number;
  /** Index of the segment's first character in the input string. */
  offset: number;
}

export interface X12Tokens {
  delimiters: X12Delimiters;
  segments: X12Segment[];
}

const BOM = 0xfeff;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isBlank(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Where the ISA starts: after a byte-order mark and any blank characters. */
function isaStart(text: string): number {
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function badIsa(reason: string): X12SyntaxError {
  return new X12SyntaxError('bad_isa', 'ISA', 1, reason);
}

/**
 * The delimiters of the interchange in `text`, and where its ISA starts. The element separator is the
 * character after "ISA"; ISA16 (the component separator) follows the 16th element separator and the
 * segment terminator follows ISA16, so a sender that pads ISA fields wrongly is still read correctly.
 * Throws an X12SyntaxError (line 1) when there is no ISA or its delimiters are unusable.
 */
export function readDelimiters(text: string): X12Delimiters & { start: number } {
  const start = isaStart(text);
  if (
    text.charCodeAt(start) !== 73 ||
    text.charCodeAt(start + 1) !== 83 ||
    text.charCodeAt(start + 2) !== 65
  ) {
    throw new X12SyntaxError('no_isa', null, 1, 'the file does not start with an ISA segment');
  }
  const elementCode = text.charCodeAt(start + 3);
  if (Number.isNaN(elementCode) || isAlphanumeric(elementCode) || isBlank(elementCode)) {
    throw badIsa('the element separator after ISA is missing or a letter, digit or blank');
  }
  const element = String.fromCharCode(elementCode);
  let at = start + 3;
  let isa11Start = -1;
  for (let n = 1; n < 16; n++) {
    at = text.indexOf(element, at + 1);
    if (at < 0) throw badIsa('the ISA has fewer than 16 elements');
    if (n === 10) isa11Start = at + 1;
  }
  const componentCode = text.charCodeAt(at + 1);
  const segmentCode = text.charCodeAt(at + 2);
  if (Number.isNaN(segmentCode)) throw badIsa('the file ends inside the ISA');
  if (isAlphanumeric(componentCode) || isBlank(componentCode) || componentCode === elementCode) {
    throw new X12SyntaxError('bad_delimiters', 'ISA', 1, 'ISA16 is not a usable component separator');
  }
  const newlineTerminator = segmentCode === LF || segmentCode === CR;
  if (
    (!newlineTerminator && (isAlphanumeric(segmentCode) || isBlank(segmentCode))) ||
    segmentCode === elementCode ||
    segmentCode === componentCode
  ) {
    throw new X12SyntaxError('bad_delimiters', 'ISA', 1, 'the segment terminator after ISA16 is not usable');
  }
  // ISA11 is the repetition separator in 5010; in 4010 it is a standards id ('U'), not a separator.
  let repetition: string | null = null;
  const isa11End = text.indexOf(element, isa11Start);
  if (isa11End === isa11Start + 1) {
    const r = text.charCodeAt(isa11Start);
    if (!isAlphanumeric(r) && !isBlank(r) && r !== componentCode && r !== segmentCode) {
      repetition = String.fromCharCode(r);
    }
  }
  return {
    element,
    component: String.fromCharCode(componentCode),
    repetition,
    segment: String.fromCharCode(segmentCode),
    start,
  };
}

function checkSegmentId(id: string, line: number): void {
  const n = id.length;
  let ok = n === 2 || n === 3;
  if (ok) {
    const c0 = id.charCodeAt(0);
    ok = c0 >= 65 && c0 <= 90;
    for (let i = 1; ok && i < n; i++) {
      const c = id.charCodeAt(i);
      ok = (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    }
  }
  if (!ok) {
    throw new X12SyntaxError(
      'bad_segment_id',
      null,
      line,
      n === 0 ? 'empty segment' : 'the segment id is not 2–3 capital letters or digits',
    );
  }
}

/**
 * Calls `visit` for each segment of `text` in order, in one pass (indexOf to the next terminator, one
 * split per segment); `visit` may return false to stop early. Tolerates a byte-order mark, CR/LF and
 * indentation between segments, and a newline as the segment terminator (a CR before it is dropped).
 * Returns the delimiters. Throws an X12SyntaxError naming the segment and its line (ordinal) when the
 * ISA is unusable, a segment id is malformed, or text after the last terminator is not blank.
 */
export function forEachSegment(text: string, visit: (segment: X12Segment) => unknown): X12Delimiters {
  const { start, ...delimiters } = readDelimiters(text);
  const terminator = delimiters.segment;
  const newlineTerminated = terminator === '\n';
  const elementSeparator = delimiters.element;
  const n = text.length;
  let pos = start;
  let line = 0;
  for (;;) {
    while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
    if (pos >= n) break;
    line++;
    let end = text.indexOf(terminator, pos);
    if (end < 0) {
      if (!newlineTerminated) {
        const head = text.slice(pos, Math.min(n, pos + 3)).split(elementSeparator, 1)[0];
        throw new X12SyntaxError('unterminated', head ?? null, line, 'the segment has no segment terminator');
      }
      end = n;
    }
    let contentEnd = end;
    if (newlineTerminated && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    const elements = text.slice(pos, contentEnd).split(elementSeparator);
    const id = elements[0]!;
    checkSegmentId(id, line);
    if (line === 1 && id !== 'ISA') {
      throw new X12SyntaxError('no_isa', id, line, 'the file does not start with an ISA segment');
    }
    if (line === 1 && elements.length !== 17) {
      throw new X12SyntaxError('bad_isa', 'ISA', 1, 'the ISA does not have exactly 16 elements');
    }
    if (visit({ id, elements, line, offset: pos }) === false) break;
    pos = end + 1;
  }
  return delimiters;
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
