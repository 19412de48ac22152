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
  /** Index of the segment's first character in the input (across all chunks when streaming). */
  offset: number;
}

const BOM = 0xfeff;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
/** Streaming: how much text may precede a usable ISA before it is judged as it stands. */
const MAX_ISA_WAIT = 1 << 16;

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
 * The delimiters and where the ISA starts, or null when `complete` is false and `text` may be the cut
 * start of a good ISA (a stream waits for more). Throws what `readDelimiters` throws otherwise.
 */
function isaDelimiters(text: string, complete: boolean): (X12Delimiters & { start: number }) | null {
  const start = isaStart(text);
  if (!complete && text.length < start + 4) return null;
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
    if (at < 0) {
      if (!complete) return null;
      throw badIsa('the ISA has fewer than 16 elements');
    }
    if (n === 10) isa11Start = at + 1;
  }
  const componentCode = text.charCodeAt(at + 1);
  const segmentCode = text.charCodeAt(at + 2);
  if (Number.isNaN(segmentCode)) {
    if (!complete) return null;
    throw badIsa('the file ends inside the ISA');
  }
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

/**
 * The delimiters of the interchange in `text`, and where its ISA starts. The element separator is the
 * character after "ISA"; ISA16 (the component separator) follows the 16th element separator and the
 * segment terminator follows ISA16, so a sender that pads ISA fields wrongly is still read correctly.
 * Throws an X12SyntaxError (line 1) when there is no ISA or its delimiters are unusable.
 */
export function readDelimiters(text: string): X12Delimiters & { start: number } {
  return isaDelimiters(text, true)!;
}

/**
 * Segment ids already seen, in a table indexed by their characters (A–Z then A–Z/0–9, then a third or
 * none): one string per id rather than one per segment, and an array read rather than a hash lookup.
 */
const ID_TABLE: (string | undefined)[] = new Array(26 * 36 * 37);

/** 0–25 for A–Z, 26–35 for 0–9, -1 otherwise. */
function idDigit(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 22;
  return -1;
}

function internId(text: string, start: number, slot: number, length: number): string {
  let id = ID_TABLE[slot];
  if (id === undefined) {
    // A property key is an internalized string: comparing it with a literal ('CLP') is one pointer test.
    id = Object.keys({ [text.slice(start, start + length)]: 0 })[0]!;
    ID_TABLE[slot] = id;
  }
  return id;
}

function badId(line: number, empty: boolean): X12SyntaxError {
  return new X12SyntaxError(
    'bad_segment_id',
    null,
    line,
    empty ? 'empty segment' : 'the segment id is not 2–3 capital letters or digits',
  );
}

/**
 * The segment a scanner is on, handed to its visitor: valid only during that call (the scanner reuses
 * it for the next segment). Elements are found on demand, and `element(n)` cuts out just that value,
 * so a reader pays only for the values it uses: no array per segment unless `elements()` is called.
 */
export class X12SegmentCursor {
  /** The segment id (interned: the same string for every segment with this id). */
  id = '';
  /** 1-based ordinal of the segment in the file (ISA = 1). */
  line = 0;
  /** Index of the segment's first character in the whole input. */
  offset = 0;
  readonly delimiters: X12Delimiters;
  private text = '';
  private start = 0;
  /** End of the segment's content (exclusive): before its terminator, and before a CR a newline ends. */
  private end = 0;
  private idEnd = 0;
  private readonly separator: string;
  private readonly separatorCode: number;
  /** Start of element k at bounds[k]; -1 in `count` until the segment is indexed. */
  private bounds = new Int32Array(32);
  private count = -1;

  constructor(delimiters: X12Delimiters) {
    this.delimiters = delimiters;
    this.separator = delimiters.element;
    this.separatorCode = delimiters.element.charCodeAt(0);
  }

  /** @internal Points the cursor at `text[start, end)`; returns false when the id is malformed. */
  set(text: string, start: number, end: number, line: number, offset: number): boolean {
    this.text = text;
    this.start = start;
    this.end = end;
    this.line = line;
    this.offset = offset;
    this.count = -1;
    const sep = this.separatorCode;
    const limit = end - start < 4 ? end : start + 4;
    let i = start;
    while (i < limit && text.charCodeAt(i) !== sep) i++;
    this.idEnd = i;
    const n = i - start;
    if (n !== 2 && n !== 3) return false;
    const c0 = text.charCodeAt(start);
    if (c0 < 65 || c0 > 90) return false;
    const d1 = idDigit(text.charCodeAt(start + 1));
    if (d1 < 0) return false;
    let d2 = 0;
    if (n === 3) {
      d2 = idDigit(text.charCodeAt(start + 2)) + 1;
      if (d2 === 0) return false;
    }
    this.id = internId(text, start, ((c0 - 65) * 36 + d1) * 37 + d2, n);
    return true;
  }

  /** @internal Whether the id is empty (for the error message of a malformed id). */
  hasEmptyId(): boolean {
    return this.idEnd === this.start;
  }

  /** Finds where each element starts (one char-code pass over the segment), once per segment. */
  private index(): number {
    const text = this.text;
    const end = this.end;
    const sep = this.separatorCode;
    let bounds = this.bounds;
    let k = 0;
    for (let i = this.idEnd; i < end; i++) {
      if (text.charCodeAt(i) !== sep) continue;
      k++;
      if (k + 1 >= bounds.length) {
        const grown = new Int32Array(bounds.length * 2);
        grown.set(bounds);
        bounds = grown;
        this.bounds = grown;
      }
      bounds[k] = i + 1;
    }
    this.count = k;
    return k;
  }

  /** How many elements follow the id (trailing empty ones included, as written). */
  get elementCount(): number {
    return this.count < 0 ? this.index() : this.count;
  }

  /** Element `n` (CLP01 → `element(1)`, `element(0)` is the id), '' when the segment is shorter. */
  element(n: number): string {
    if (n === 0) return this.id;
    const count = this.count < 0 ? this.index() : this.count;
    if (n > count || n < 0) return '';
    const from = this.bounds[n]!;
    const to = n < count ? this.bounds[n + 1]! - 1 : this.end;
    return this.text.slice(from, to);
  }

  /** Whether element `n` is exactly `value`, compared in place (for qualifiers: no string is cut out). */
  is(n: number, value: string): boolean {
    const count = this.count < 0 ? this.index() : this.count;
    if (n < 1 || n > count) return n === 0 ? this.id === value : value === '';
    const from = this.bounds[n]!;
    const to = n < count ? this.bounds[n + 1]! - 1 : this.end;
    const length = value.length;
    if (to - from !== length) return false;
    const text = this.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(from + i) !== value.charCodeAt(i)) return false;
    return true;
  }

  /** The components of element `n` (`HC:97153:HN` → ['HC', '97153', 'HN']); [''] when it is empty. */
  components(n: number): string[] {
    return this.element(n).split(this.delimiters.component);
  }

  /** Every element, the id first (what `X12Segment.elements` holds). */
  elements(): string[] {
    return this.text.slice(this.start, this.end).split(this.separator);
  }

  /** A copy that outlives the visit. */
  segment(): X12Segment {
    return { id: this.id, elements: this.elements(), line: this.line, offset: this.offset };
  }
}

/** What a scanner calls per segment; returning false stops the scan (the rest of the input is ignored). */
export type X12SegmentVisitor = (cursor: X12SegmentCursor) => unknown;

/**
 * A streaming tokenizer: `push` text in chunks of any size (a segment may be split across chunks, even
 * the ISA), then `end`. Delimiters come from the ISA; the visitor gets each segment as soon as its
 * terminator arrives, so memory holds one chunk and one unfinished segment, never the file.
 * Tolerates a byte-order mark, CR/LF and indentation between segments, and a newline as the segment
 * terminator (a CR before it is dropped; the last line may lack it). Throws an X12SyntaxError naming the
 * segment and its line (ordinal) when the ISA is unusable, a segment id is malformed, or text after the
 * last terminator is not blank. The hot loop is indexOf to the next terminator and char-code tests: no
 * regular expression, no per-character concatenation, no array per segment.
 */
export class X12SegmentScanner {
  private readonly visit: X12SegmentVisitor;
  private cursor: X12SegmentCursor | null = null;
  private terminator = '';
  private newlineTerminated = false;
  /** Text before the delimiters are known (the start of the file). */
  private head = '';
  /** An unfinished segment carried over from earlier chunks, and the offset of its first character. */
  private pending: string[] = [];
  private pendingOffset = 0;
  /** Offset of the next chunk's first character in the whole input. */
  private base = 0;
  private line = 0;
  private stopped = false;
  private ended = false;
  private failure: unknown = null;

  constructor(visit: X12SegmentVisitor) {
    this.visit = visit;
  }

  /** The interchange's delimiters, once the ISA has arrived. */
  get delimiters(): X12Delimiters | null {
    return this.cursor?.delimiters ?? null;
  }

  /** Segments read so far. */
  get segmentCount(): number {
    return this.line;
  }

  /**
   * Scans the next piece of the input. After a throw (a syntax error, or the visitor's own), the scanner
   * is spent: every later `push` or `end` throws the same error again.
   */
  push(chunk: string): void {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('X12SegmentScanner: push after end');
    if (this.stopped || chunk.length === 0) return;
    try {
      this.take(chunk);
    } catch (e) {
      this.failure = e;
      throw e;
    }
  }

  /** The input is complete: reads a last newline-terminated segment, or refuses an unterminated one. */
  end(): X12Delimiters {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new Error('X12SegmentScanner: end called twice');
    this.ended = true;
    try {
      return this.finish();
    } catch (e) {
      this.failure = e;
      throw e;
    }
  }

  private take(chunk: string): void {
    if (this.cursor === null) {
      this.head += chunk;
      this.base += chunk.length;
      const found = isaDelimiters(this.head, this.head.length > MAX_ISA_WAIT);
      if (found !== null) this.startWith(found);
      return;
    }
    const base = this.base;
    this.base += chunk.length;
    if (this.pending.length > 0) {
      const at = chunk.indexOf(this.terminator);
      if (at < 0) {
        this.pending.push(chunk);
        return;
      }
      this.pending.push(chunk.slice(0, at));
      const text = this.pending.join('');
      this.pending = [];
      this.emit(text, 0, text.length, this.pendingOffset);
      if (!this.stopped) this.scan(chunk, at + 1, base);
      return;
    }
    this.scan(chunk, 0, base);
  }

  private finish(): X12Delimiters {
    if (this.cursor === null && !this.stopped) {
      this.startWith(isaDelimiters(this.head, true)!);
    }
    const cursor = this.cursor!;
    if (this.stopped || this.pending.length === 0) return cursor.delimiters;
    const text = this.pending.join('');
    this.pending = [];
    if (!this.newlineTerminated) {
      const head = text.slice(0, 3).split(cursor.delimiters.element, 1)[0];
      throw new X12SyntaxError(
        'unterminated',
        head ?? null,
        this.line + 1,
        'the segment has no segment terminator',
      );
    }
    this.emit(text, 0, text.length, this.pendingOffset);
    return cursor.delimiters;
  }

  private startWith(found: X12Delimiters & { start: number }): void {
    const { start, ...delimiters } = found;
    this.cursor = new X12SegmentCursor(delimiters);
    this.terminator = delimiters.segment;
    this.newlineTerminated = this.terminator === '\n';
    const head = this.head;
    this.head = '';
    this.scan(head, start, 0);
  }

  /** Every complete segment of `text` from `from`; an unfinished tail is kept for the next chunk. */
  private scan(text: string, from: number, base: number): void {
    const terminator = this.terminator;
    const n = text.length;
    let pos = from;
    while (!this.stopped) {
      let c = text.charCodeAt(pos);
      while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++pos);
      if (pos >= n) return;
      const end = text.indexOf(terminator, pos);
      if (end < 0) {
        this.pending.push(text.slice(pos));
        this.pendingOffset = base + pos;
        return;
      }
      this.emit(text, pos, end, base + pos);
      pos = end + 1;
    }
  }

  private emit(text: string, start: number, end: number, offset: number): void {
    const line = ++this.line;
    const cursor = this.cursor!;
    let contentEnd = end;
    if (this.newlineTerminated && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    if (!cursor.set(text, start, contentEnd, line, offset)) throw badId(line, cursor.hasEmptyId());
    if (line === 1) {
      if (cursor.id !== 'ISA') {
        throw new X12SyntaxError('no_isa', cursor.id, line, 'the file does not start with an ISA segment');
      }
      if (cursor.elementCount !== 16) {
        throw new X12SyntaxError('bad_isa', 'ISA', 1, 'the ISA does not have exactly 16 elements');
      }
    }
    if (this.visit(cursor) === false) this.stopped = true;
  }
}

/**
 * The segments of an interchange arriving in chunks (a file stream with `setEncoding('utf8')`, or any
 * iterable of strings), as copies in the `X12Segment` shape. Holds at most one chunk's segments at a
 * time; the visitor form (`X12SegmentScanner`) is faster when the caller reads values in place.
 */
export async function* scanX12Segments(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<X12Segment, X12Delimiters> {
  let ready: X12Segment[] = [];
  const scanner = new X12SegmentScanner((cursor) => {
    ready.push(cursor.segment());
  });
  for await (const chunk of chunks) {
    scanner.push(chunk);
    const batch = ready;
    ready = [];
    yield* batch;
  }
  const delimiters = scanner.end();
  yield* ready;
  return delimiters;
}
