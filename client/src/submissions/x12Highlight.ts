import { tokenize, type X12Delimiters, type X12Segment, X12SyntaxError } from '../../../shared/x12/index.ts';

/**
 * The 837P preview: one segment a line, each cut into tokens the screen colours (segment id, element
 * and component separators, values, terminator). The file is tokenized once with the project's own X12
 * tokenizer (delimiters read from the ISA, so any file reads right); tokens are made per line only
 * when that line is drawn, so a 5,000-claim file costs one tokenize, not 150k × 20 spans.
 */

/** Lines drawn before "Show all": enough for a small batch, quick for any. */
export const PREVIEW_LINES = 200;

export type X12TokenKind = 'id' | 'element-sep' | 'component-sep' | 'repetition-sep' | 'value' | 'terminator';

export interface X12Token {
  kind: X12TokenKind;
  text: string;
}

/** What part of the file a segment belongs to, for its colour. */
export type SegmentKind = 'envelope' | 'hierarchy' | 'claim' | 'service' | 'name' | 'other';

export interface X12View {
  delimiters: X12Delimiters | null;
  segments: readonly X12Segment[];
  /** Why the file could not be read as X12 (segment and line, never a value); null when it could. */
  error: string | null;
}

/** Reads a file for the preview; never throws (an unreadable file is shown as its error). */
export function readX12View(text: string): X12View {
  try {
    const { delimiters, segments } = tokenize(text);
    return { delimiters, segments, error: null };
  } catch (error) {
    const message =
      error instanceof X12SyntaxError ? error.message : 'The file could not be read as X12 for the preview.';
    return { delimiters: null, segments: [], error: message };
  }
}

const KINDS: Record<string, SegmentKind> = {
  ISA: 'envelope',
  IEA: 'envelope',
  GS: 'envelope',
  GE: 'envelope',
  ST: 'envelope',
  SE: 'envelope',
  BHT: 'envelope',
  HL: 'hierarchy',
  SBR: 'hierarchy',
  CLM: 'claim',
  HI: 'claim',
  LX: 'service',
  SV1: 'service',
  NM1: 'name',
};

export function segmentKind(id: string): SegmentKind {
  return KINDS[id] ?? 'other';
}

/**
 * The tokens of one segment; their texts joined give back the segment as written, with its terminator
 * (none when a newline ends segments: the line break is the screen's). ISA values are literal (ISA11
 * and ISA16 *are* the separators), so they are not cut into components.
 */
export function segmentTokens(segment: X12Segment, delimiters: X12Delimiters): X12Token[] {
  const tokens: X12Token[] = [{ kind: 'id', text: segment.id }];
  const literal = segment.id === 'ISA';
  for (let i = 1; i < segment.elements.length; i++) {
    tokens.push({ kind: 'element-sep', text: delimiters.element });
    const value = segment.elements[i]!;
    if (literal) {
      if (value !== '') tokens.push({ kind: 'value', text: value });
      continue;
    }
    pushValue(tokens, value, delimiters);
  }
  if (delimiters.segment !== '\n' && delimiters.segment !== '\r') {
    tokens.push({ kind: 'terminator', text: delimiters.segment });
  }
  return tokens;
}

/** A value cut at its repetition and component separators. */
function pushValue(tokens: X12Token[], value: string, delimiters: X12Delimiters): void {
  const repetitions = delimiters.repetition === null ? [value] : value.split(delimiters.repetition);
  repetitions.forEach((repetition, r) => {
    if (r > 0) tokens.push({ kind: 'repetition-sep', text: delimiters.repetition! });
    repetition.split(delimiters.component).forEach((component, c) => {
      if (c > 0) tokens.push({ kind: 'component-sep', text: delimiters.component });
      if (component !== '') tokens.push({ kind: 'value', text: component });
    });
  });
}

/** How many lines to draw: the first PREVIEW_LINES, or all of them once asked. */
export function linesShown(view: X12View, showAll: boolean, limit = PREVIEW_LINES): number {
  return showAll ? view.segments.length : Math.min(limit, view.segments.length);
}

/** How many of each segment the file has, e.g. `{ ST: 1, CLM: 3 }`: the preview's headline counts. */
export function segmentCounts(view: X12View, ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = 0;
  for (const s of view.segments) if (s.id in counts) counts[s.id] = (counts[s.id] ?? 0) + 1;
  return counts;
}
