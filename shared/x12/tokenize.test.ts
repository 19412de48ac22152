import { describe, expect, it } from 'vitest';
import { x12DecimalToCents } from './decimal.ts';
import { X12SyntaxError } from './errors.ts';
import { thrown } from './testing/thrown.ts';
import { components, element, forEachSegment, readDelimiters, tokenize } from './tokenize.ts';

// A well-formed ISA is 106 characters; `isa('*', '^', ':', '~')` builds one with the given separators.
function isa(el: string, rep: string, comp: string, term: string): string {
  return (
    [
      'ISA',
      '00',
      '          ',
      '00',
      '          ',
      'ZZ',
      'SENDER         ',
      'ZZ',
      'RECEIVER       ',
      '261123',
      '1504',
      rep,
      '00501',
      '000000042',
      '0',
      'T',
      comp,
    ].join(el) + term
  );
}

const BODY = [
  'GS*HC*SENDER*RECEIVER*20261123*1504*7*X*005010X222A1',
  'ST*837*0001*005010X222A1',
  'CLM*PCN1*212.5***12:B:1*Y*A*Y*Y',
  'SE*3*0001',
  'GE*1*7',
  'IEA*1*000000042',
];

function file(term: string, between = ''): string {
  return isa('*', '^', ':', term) + between + BODY.map((s) => s + term).join(between);
}

const syntaxError = (fn: () => unknown) => thrown(fn, X12SyntaxError);

describe('readDelimiters', () => {
  it('reads element, repetition, component and segment separators from the ISA', () => {
    const text = isa('*', '^', ':', '~');
    expect(text.length).toBe(106);
    expect(readDelimiters(text)).toEqual({
      element: '*',
      repetition: '^',
      component: ':',
      segment: '~',
      start: 0,
    });
  });

  it('reads non-standard separators (element ~, component ^, segment _)', () => {
    const text = `${isa('~', '{', '^', '_')}GS~HC_`;
    expect(readDelimiters(text)).toMatchObject({
      element: '~',
      repetition: '{',
      component: '^',
      segment: '_',
    });
  });

  it("has no repetition separator when ISA11 is a letter (4010's U)", () => {
    expect(readDelimiters(isa('*', 'U', ':', '~')).repetition).toBeNull();
  });

  it('finds ISA16 by counting separators, so a wrongly padded ISA still reads', () => {
    const text = isa('*', '^', ':', '~').replace('SENDER         ', 'SENDER');
    expect(readDelimiters(text)).toMatchObject({ component: ':', segment: '~' });
  });

  it('skips a byte-order mark and blank lines before the ISA', () => {
    expect(readDelimiters(`\uFEFF\r\n  ${isa('*', '^', ':', '~')}`).start).toBe(5);
  });

  it('refuses a file that does not start with ISA, or an ISA that is cut short', () => {
    expect(syntaxError(() => readDelimiters('GS*HC~')).code).toBe('no_isa');
    expect(syntaxError(() => readDelimiters('ISA*00*')).code).toBe('bad_isa');
    expect(syntaxError(() => readDelimiters('ISA0000')).code).toBe('bad_isa');
    const sameSeparators = isa('*', '^', '*', '~');
    expect(syntaxError(() => readDelimiters(sameSeparators)).code).toBe('bad_delimiters');
  });
});

describe('tokenize', () => {
  it('splits segments and elements; elements[n] is element n; line is the segment ordinal', () => {
    const text = file('~');
    const { segments, delimiters } = tokenize(text);
    expect(delimiters.segment).toBe('~');
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'CLM', 'SE', 'GE', 'IEA']);
    const clm = segments[3]!;
    expect(clm.line).toBe(4);
    expect(element(clm, 1)).toBe('PCN1');
    expect(element(clm, 2)).toBe('212.5');
    expect(element(clm, 3)).toBe('');
    expect(element(clm, 40)).toBe('');
    expect(components(element(clm, 5), delimiters)).toEqual(['12', 'B', '1']);
    expect(text.slice(clm.offset, clm.offset + 4)).toBe('CLM*');
    expect(segments[0]!.elements).toHaveLength(17);
  });

  it('gives the same segments with CRLF, LF, indentation and a BOM around them', () => {
    const plain = tokenize(file('~')).segments.map((s) => s.elements);
    for (const text of [
      file('~', '\r\n'),
      file('~', '\n'),
      `\uFEFF${file('~', '\n    ')}\n\n`,
      `\uFEFF${file('~', '\r\n\t')}\r\n`,
    ]) {
      expect(tokenize(text).segments.map((s) => s.elements)).toEqual(plain);
    }
  });

  it('reads a newline as the segment terminator (LF or CRLF, last line with or without one)', () => {
    const plain = tokenize(file('~')).segments.map((s) => s.elements);
    const lf = file('\n');
    expect(readDelimiters(lf).segment).toBe('\n');
    expect(tokenize(lf).segments.map((s) => s.elements)).toEqual(plain);
    expect(tokenize(file('\r\n')).segments.map((s) => s.elements)).toEqual(plain);
    expect(tokenize(lf.slice(0, -1)).segments.map((s) => s.elements)).toEqual(plain);
    expect(tokenize(file('\r', '\n')).segments.map((s) => s.elements)).toEqual(plain);
  });

  it('reads non-standard delimiters', () => {
    const text = `${isa('~', '{', '^', '_')}GS~HC~A~B_CLM~X1~12.25~~~11^B^1_`;
    const { segments, delimiters } = tokenize(text);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'CLM']);
    expect(components(element(segments[2]!, 5), delimiters)).toEqual(['11', 'B', '1']);
  });

  it('stops early when the visitor returns false', () => {
    const seen: string[] = [];
    forEachSegment(file('~'), (s) => {
      seen.push(s.id);
      return s.id !== 'ST';
    });
    expect(seen).toEqual(['ISA', 'GS', 'ST']);
  });

  it('names the segment and line of a malformed segment id, without element values', () => {
    const text = file('~', '\n').replace('CLM*PCN1', 'cLM*SMITH JOHN');
    const e = syntaxError(() => tokenize(text));
    expect(e.code).toBe('bad_segment_id');
    expect(e.line).toBe(4);
    expect(e.message).toBe(
      'X12 syntax error: ? at line 4: the segment id is not 2–3 capital letters or digits',
    );
    expect(e.message).not.toContain('SMITH');
    expect(e.message).not.toContain('\n');
  });

  it('reports an empty segment and an unterminated last segment with their line', () => {
    const empty = syntaxError(() => tokenize(file('~').replace('SE*3*0001~', 'SE*3*0001~~')));
    expect(empty).toMatchObject({ code: 'bad_segment_id', line: 6 });
    const cut = syntaxError(() => tokenize(file('~').slice(0, -1)));
    expect(cut).toMatchObject({ code: 'unterminated', segmentId: 'IEA', line: 7 });
    expect(cut.message).toBe('X12 syntax error: IEA at line 7: the segment has no segment terminator');
  });

  it('refuses an ISA whose element count puts something else than one character in ISA16', () => {
    const text = file('~').replace('*T*:~', '*T*:*X~');
    // The 16th separator now precedes ':', so ISA16 reads ':' and the terminator '*' (same as the element separator).
    expect(syntaxError(() => tokenize(text)).code).toBe('bad_delimiters');
    const extra = `${isa('*', '^', ':', '~').slice(0, -1)}~GS*HC~`.replace('ISA*00', 'ISA*00*00');
    expect(syntaxError(() => tokenize(extra)).line).toBe(1);
  });
});

describe('x12DecimalToCents', () => {
  it('turns X12 decimals into integer cents without floats', () => {
    const cases: [string, number | null][] = [
      ['212.5', 21250],
      ['212.50', 21250],
      ['500', 50000],
      ['0', 0],
      ['.5', 50],
      ['12.', 1200],
      ['-3.07', -307],
      ['-0', 0],
      ['0.1', 10],
      ['12.500', 1250],
      ['90071992547.40', 9007199254740],
      ['1.234', null],
      ['', null],
      ['-', null],
      ['.', null],
      ['+1', null],
      ['1e3', null],
      ['1,000', null],
      ['12.3.4', null],
      ['999999999999999999', null],
    ];
    for (const [text, cents] of cases) expect([text, x12DecimalToCents(text)]).toEqual([text, cents]);
  });
});
