import { describe, expect, it } from 'vitest';
import { X12WriteError } from './errors.ts';
import { type InterchangeHeader, X12Writer } from './segmentWriter.ts';
import { thrown } from './testing/thrown.ts';
import { element, tokenize, type X12Segment } from './tokenize.ts';

const header: InterchangeHeader = {
  senderQualifier: 'ZZ',
  senderId: 'OA482913',
  receiverQualifier: '30',
  receiverId: '330897513',
  date: '261123',
  time: '1504',
  controlNumber: 42,
  usage: 'T',
};

function group(controlNumber = 7) {
  return {
    functionalId: 'HC',
    senderCode: 'OA482913',
    receiverCode: 'OA',
    date: '20261123',
    time: '1504',
    controlNumber,
    version: '005010X222A1',
  };
}

const writeError = (fn: () => unknown) => thrown(fn, X12WriteError);

/** Two groups; the first has two sets with HL trees, the second one set. */
function sample(lineBreaks = false): string {
  const w = new X12Writer({ lineBreaks });
  w.beginInterchange(header);
  w.beginGroup(group(7));
  w.beginTransaction({ id: '837', controlNumber: 1, implementationReference: '005010X222A1' });
  w.segment('BHT', '0019', '00', 'B1', '20261123', '1504', 'CH');
  const a = w.hl(null, '20');
  const b1 = w.hl(a, '22');
  w.hl(b1, '23');
  const b2 = w.hl(a, '22');
  w.segment('CLM', 'X1', '10', '', '', ['11', 'B', '1']);
  w.hl(b2, '23');
  w.hl(a, '22');
  w.endTransaction();
  w.beginTransaction({ id: '837', controlNumber: 2, implementationReference: '005010X222A1' });
  w.hl(null, '20');
  w.endTransaction();
  w.endGroup();
  w.beginGroup(group(8));
  w.beginTransaction({ id: '837', controlNumber: 123456789 });
  w.segment('BHT', '0019');
  w.endTransaction();
  w.endGroup();
  w.endInterchange();
  return w.toString();
}

/** Segments grouped by transaction set, ST through SE. */
function sets(segments: readonly X12Segment[]): X12Segment[][] {
  const out: X12Segment[][] = [];
  let current: X12Segment[] | null = null;
  for (const s of segments) {
    if (s.id === 'ST') current = [];
    current?.push(s);
    if (s.id === 'SE') {
      out.push(current!);
      current = null;
    }
  }
  return out;
}

describe('X12Writer envelope', () => {
  it('writes a fixed-width ISA that its own tokenizer reads back', () => {
    const text = sample();
    expect(text.indexOf('~')).toBe(105);
    const isa = tokenize(text).segments[0]!;
    expect(isa.elements.slice(1)).toEqual([
      '00',
      '          ',
      '00',
      '          ',
      'ZZ',
      'OA482913       ',
      '30',
      '330897513      ',
      '261123',
      '1504',
      '^',
      '00501',
      '000000042',
      '0',
      'T',
      ':',
    ]);
  });

  it('computes SE01, GE01 and IEA01, and repeats the control numbers in the trailers', () => {
    const { segments } = tokenize(sample());
    for (const set of sets(segments)) {
      const st = set[0]!;
      const se = set[set.length - 1]!;
      expect(element(se, 1)).toBe(String(set.length));
      expect(element(se, 2)).toBe(element(st, 2));
    }
    expect(sets(segments).map((s) => element(s[0]!, 2))).toEqual(['0001', '0002', '123456789']);
    const ge = segments.filter((s) => s.id === 'GE').map((s) => s.elements.slice(1));
    expect(ge).toEqual([
      ['2', '7'],
      ['1', '8'],
    ]);
    expect(segments.at(-1)!.elements).toEqual(['IEA', '2', '000000042']);
  });

  it('numbers HL segments, names parents and sets HL04 when a child follows', () => {
    const first = sets(tokenize(sample()).segments)[0]!;
    const hls = first.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1));
    expect(hls).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '1'],
      ['3', '2', '23', '0'],
      ['4', '1', '22', '1'],
      ['5', '4', '23', '0'],
      ['6', '1', '22', '0'],
    ]);
    const second = sets(tokenize(sample()).segments)[1]!;
    expect(second.find((s) => s.id === 'HL')!.elements.slice(1)).toEqual(['1', '', '20', '0']);
  });

  it('drops trailing empty elements and components but keeps inner ones', () => {
    const text = sample();
    expect(text).toContain('~CLM*X1*10***11:B:1~');
    const w = new X12Writer();
    w.beginInterchange(header);
    w.beginGroup(group());
    w.beginTransaction({ id: '837', controlNumber: 1 });
    w.segment('SV1', ['HC', '97153', '', null], '150', null, undefined, '');
    w.segment('OI', '', null, 'Y', '', '', 'Y');
    w.endTransaction();
    w.endGroup();
    w.endInterchange();
    expect(w.toString()).toContain('~SV1*HC:97153*150~OI***Y***Y~');
  });

  it('puts a newline after each terminator when asked, and reads the same', () => {
    const text = sample(true);
    expect(text.split('\n')).toHaveLength(tokenize(text).segments.length + 1);
    expect(tokenize(text).segments.map((s) => s.elements)).toEqual(
      tokenize(sample()).segments.map((s) => s.elements),
    );
  });

  it('writes with configured delimiters', () => {
    const w = new X12Writer({ delimiters: { element: '|', component: '>', segment: '#' } });
    w.beginInterchange(header);
    w.beginGroup(group());
    w.beginTransaction({ id: '837', controlNumber: 1 });
    w.segment('NTE', 'A*B:C~D', ['1', '2']);
    w.endTransaction();
    w.endGroup();
    w.endInterchange();
    const { segments, delimiters } = tokenize(w.toString());
    expect(delimiters).toEqual({ element: '|', component: '>', repetition: '^', segment: '#' });
    expect(segments.find((s) => s.id === 'NTE')!.elements).toEqual(['NTE', 'A*B:C~D', '1>2']);
  });
});

describe('X12Writer refuses what would corrupt the file', () => {
  function open(): X12Writer {
    const w = new X12Writer();
    w.beginInterchange(header);
    w.beginGroup(group());
    w.beginTransaction({ id: '837', controlNumber: 1 });
    return w;
  }

  it('refuses a value holding a delimiter, a line break or a non-ASCII character, without echoing it', () => {
    const bad = ['SMITH*JOHN', 'SMITH~', 'A:B', 'A^B', 'LINE\nBREAK', 'CR\r', 'NÚÑEZ', 'TAB\t'];
    for (const value of bad) {
      const e = writeError(() => open().segment('NM1', 'IL', '1', value));
      expect(e.segmentId).toBe('NM1');
      expect(e.element).toBe(3);
      expect(e.message).toBe(
        'X12 write error: NM103: value holds a delimiter or a character outside printable ASCII',
      );
    }
    expect(writeError(() => open().segment('SV1', ['HC', '97:53'])).element).toBe(1);
  });

  it('refuses segments outside a transaction set and unbalanced envelopes', () => {
    const w = new X12Writer();
    expect(writeError(() => w.segment('BHT', '0019')).segmentId).toBe('BHT');
    expect(writeError(() => w.beginGroup(group())).segmentId).toBe('GS');
    w.beginInterchange(header);
    expect(writeError(() => w.beginTransaction({ id: '837', controlNumber: 1 })).segmentId).toBe('ST');
    w.beginGroup(group());
    expect(writeError(() => w.endInterchange()).segmentId).toBe('IEA');
    w.beginTransaction({ id: '837', controlNumber: 1 });
    expect(writeError(() => w.endGroup()).segmentId).toBe('GE');
    expect(writeError(() => w.toString()).segmentId).toBe('IEA');
    expect(writeError(() => w.hl(1, '22')).element).toBe(2);
    for (const id of ['SE', 'HL', 'GE', 'ST'])
      expect(writeError(() => w.segment(id, '1')).segmentId).toBe(id);
  });

  it('refuses control numbers out of range, ISA fields too long, and unusable delimiters', () => {
    for (const controlNumber of [0, -1, 1.5, 1_000_000_000]) {
      expect(writeError(() => new X12Writer().beginInterchange({ ...header, controlNumber })).element).toBe(
        13,
      );
    }
    const w = new X12Writer();
    w.beginInterchange(header);
    expect(writeError(() => w.beginGroup(group(0))).element).toBe(6);
    expect(
      writeError(() => new X12Writer().beginInterchange({ ...header, senderId: 'A'.repeat(16) })).element,
    ).toBe(6);
    expect(writeError(() => new X12Writer().beginInterchange({ ...header, date: '2026-11' })).element).toBe(
      9,
    );
    expect(() => new X12Writer({ delimiters: { element: ':' } })).toThrow(X12WriteError);
    expect(() => new X12Writer({ delimiters: { segment: 'A' } })).toThrow(X12WriteError);
    expect(() => new X12Writer({ delimiters: { component: ' ' } })).toThrow(X12WriteError);
  });
});
