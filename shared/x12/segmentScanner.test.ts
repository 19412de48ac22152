import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { X12SyntaxError } from './errors.ts';
import {
  scanX12Segments,
  type X12Segment,
  type X12SegmentCursor,
  X12SegmentScanner,
} from './segmentScanner.ts';
import { thrown } from './testing/thrown.ts';
import { tokenize } from './tokenize.ts';

const golden = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const GOLDENS = [
  golden('./ack/golden/remit.835.x12'),
  golden('./ack/golden/partial.999.x12'),
  golden('./ack/golden/claims.277ca.x12'),
  golden('./837p/golden/batch.x12'),
  golden('./ack/fixtures/bom_crlf_indented.835'),
  golden('./ack/fixtures/newline_terminated.835'),
  golden('./ack/fixtures/nonstandard_delimiters.835'),
];

/** Scans `text` cut at `cuts` (sorted positions), collecting copies of the segments. */
function scanChunks(text: string, cuts: readonly number[]) {
  const segments: X12Segment[] = [];
  const scanner = new X12SegmentScanner((cur) => {
    segments.push(cur.segment());
  });
  let from = 0;
  for (const at of [...cuts, text.length]) {
    scanner.push(text.slice(from, at));
    from = at;
  }
  const delimiters = scanner.end();
  return { delimiters, segments };
}

/** What a run ends with: the tokens, or the error's class, code, segment and line. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    if (e instanceof X12SyntaxError) return [e.name, e.code, e.segmentId, e.line, e.message];
    return ['unexpected', String(e)];
  }
}

describe('X12SegmentScanner', () => {
  it('gives exactly what tokenize gives, whatever the chunk sizes (1, 2, 7, 64, 4096 characters)', () => {
    for (const text of GOLDENS) {
      const whole = tokenize(text);
      for (const size of [1, 2, 7, 64, 4096]) {
        const cuts: number[] = [];
        for (let at = size; at < text.length; at += size) cuts.push(at);
        expect(scanChunks(text, cuts)).toEqual(whole);
      }
    }
  });

  it('reads an ISA and segments cut anywhere, with offsets into the whole input', () => {
    const text = golden('./ack/golden/remit.835.x12');
    // Cut inside ISA (before ISA16), right after a terminator, and inside an amount.
    const cuts = [50, 104, text.indexOf('~') + 1, text.indexOf('212.5') + 3];
    const { segments } = scanChunks(text, cuts);
    expect(segments.map((s) => s.id).slice(0, 4)).toEqual(['ISA', 'GS', 'ST', 'BPR']);
    const clp = segments.find((s) => s.id === 'CLP')!;
    expect(clp.elements.slice(0, 5)).toEqual(['CLP', 'C0GOLDEN00001', '1', '212.5', '170']);
    for (const s of segments) expect(text.slice(s.offset, s.offset + s.id.length)).toBe(s.id);
  });

  it('hands the visitor a cursor: elements on demand, components, and a copy that outlives the call', () => {
    const text = golden('./ack/golden/remit.835.x12');
    const seen: { id: string; count: number; e1: string; e5: string; far: string; comps: string[] }[] = [];
    let copy: X12Segment | null = null;
    const scanner = new X12SegmentScanner((cur: X12SegmentCursor) => {
      if (cur.id !== 'SVC') return true;
      seen.push({
        id: cur.id,
        count: cur.elementCount,
        e1: cur.element(1),
        e5: cur.element(5),
        far: cur.element(40),
        comps: cur.components(1),
      });
      copy ??= cur.segment();
      return seen.length < 2;
    });
    scanner.push(text);
    scanner.end();
    expect(seen).toEqual([
      { id: 'SVC', count: 5, e1: 'HC:97153:HN', e5: '8', far: '', comps: ['HC', '97153', 'HN'] },
      { id: 'SVC', count: 5, e1: 'HC:97155:HO', e5: '2', far: '', comps: ['HC', '97155', 'HO'] },
    ]);
    expect(copy).toMatchObject({
      id: 'SVC',
      elements: ['SVC', 'HC:97153:HN', '150', '120', '', '8'],
      line: 16,
    });
    expect(scanner.segmentCount).toBe(20);
  });

  it('counts a trailing empty element (SE*1*) and reads a segment without elements', () => {
    const isa = tokenize(GOLDENS[0]!).segments[0]!.elements.join('*');
    const got: [string, number, string][] = [];
    const scanner = new X12SegmentScanner((cur) => {
      got.push([cur.id, cur.elementCount, cur.element(2)]);
    });
    scanner.push(`${isa}~GS*A*~ZZ~IEA*1*2~`);
    scanner.end();
    expect(got.slice(1)).toEqual([
      ['GS', 2, ''],
      ['ZZ', 0, ''],
      ['IEA', 2, '2'],
    ]);
  });

  it('reads a newline-terminated last segment only at end, and refuses an unterminated one', () => {
    const lf = golden('./ack/fixtures/newline_terminated.835');
    const scanner = new X12SegmentScanner(() => {});
    scanner.push(lf);
    expect(scanner.segmentCount).toBe(32);
    scanner.end();
    expect(scanner.segmentCount).toBe(33);

    const cut = GOLDENS[1]!.trimEnd().slice(0, -1);
    const e = thrown(() => scanChunks(cut, [10, 200]), X12SyntaxError);
    expect([e.code, e.segmentId, e.line]).toEqual(['unterminated', 'IEA', 16]);
  });

  it('yields the same segments from an async iterable of chunks (scanX12Segments)', async () => {
    const text = golden('./ack/fixtures/bom_crlf_indented.835');
    async function* chunks() {
      for (let i = 0; i < text.length; i += 37) yield text.slice(i, i + 37);
    }
    const segments: X12Segment[] = [];
    for await (const segment of scanX12Segments(chunks())) segments.push(segment);
    expect(segments).toEqual(tokenize(text).segments);
    const cut = scanX12Segments([text.slice(0, text.indexOf('CLP*') + 10)]);
    await expect(async () => {
      for await (const _ of cut);
    }).rejects.toThrow(X12SyntaxError);
  });

  it('stops when the visitor returns false and ignores the rest', () => {
    const ids: string[] = [];
    const scanner = new X12SegmentScanner((cur) => {
      ids.push(cur.id);
      return cur.id !== 'ST';
    });
    scanner.push(GOLDENS[0]!.slice(0, 300));
    scanner.push('junk without terminator');
    scanner.end();
    expect(ids).toEqual(['ISA', 'GS', 'ST']);
  });

  it('refuses empty input, text that is not X12, and a push after end', () => {
    for (const text of ['', '   \r\n', '\uFEFF', 'GS*HC~', '%PDF-1.7']) {
      const scanner = new X12SegmentScanner(() => {});
      const e = thrown(() => {
        scanner.push(text);
        scanner.end();
      }, X12SyntaxError);
      expect([e.code, e.line]).toEqual(['no_isa', 1]);
    }
    const scanner = new X12SegmentScanner(() => {});
    scanner.push(GOLDENS[0]!);
    scanner.end();
    expect(() => scanner.push('ISA')).toThrow(/push after end/);
  });

  it('is spent after an error: later pushes and end throw the same error', () => {
    const scanner = new X12SegmentScanner(() => {});
    const text = GOLDENS[0]!.replace('CLP*', 'clp*');
    const first = thrown(() => scanner.push(text), X12SyntaxError);
    expect([first.code, first.line]).toEqual(['bad_segment_id', 14]);
    expect(thrown(() => scanner.push('GE*1*7001~'), X12SyntaxError)).toBe(first);
    expect(thrown(() => scanner.end(), X12SyntaxError)).toBe(first);
  });

  it('judges a long text without a usable ISA as it stands instead of waiting forever', () => {
    const scanner = new X12SegmentScanner(() => {});
    const e = thrown(() => scanner.push(`ISA*${'0'.repeat(70_000)}`), X12SyntaxError);
    expect([e.code, e.segmentId, e.line]).toEqual(['bad_isa', 'ISA', 1]);
  });

  it('property: mutated files give the same segments or the same error, cut into any chunks', () => {
    const mutation = fc.record({
      file: fc.constantFrom(...GOLDENS),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('insert', 'delete', 'replace'),
          char: fc.constantFrom('~', '*', ':', '\n', '\r', ' ', 'A', 'a', '0', '|', '\uFEFF', 'ISA', 'é'),
        }),
        { maxLength: 4 },
      ),
      truncate: fc.option(fc.nat()),
      cuts: fc.array(fc.nat(), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(mutation, ({ file, edits, truncate, cuts }) => {
        let text = truncate === null ? file : file.slice(0, truncate % (file.length + 1));
        for (const { at, kind, char } of edits) {
          const p = text.length === 0 ? 0 : at % text.length;
          if (kind === 'insert') text = text.slice(0, p) + char + text.slice(p);
          else if (kind === 'delete') text = text.slice(0, p) + text.slice(p + 1);
          else text = text.slice(0, p) + char + text.slice(p + 1);
        }
        const positions = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunked = outcome(() => scanChunks(text, positions));
        expect(chunked).toEqual(outcome(() => tokenize(text)));
        if (Array.isArray(chunked)) expect(chunked[0]).toBe('X12SyntaxError');
      }),
      { numRuns: 400 },
    );
  });
});

// Public samples beside the project (see ../shared/fixtures/x12/SOURCES.md); never in the repo.
const FIXTURES = new URL('../../../shared/fixtures/x12/', import.meta.url);
const present = existsSync(FIXTURES);

describe('X12SegmentScanner over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'scans every sample in ../shared/fixtures/x12 in 3-character chunks exactly as tokenize reads it'
      : 'SKIPPED: ../shared/fixtures/x12 is not present beside the project (public samples, not in the repo)',
    () => {
      let files = 0;
      for (const folder of ['835', '999', '277ca', '837p']) {
        for (const name of readdirSync(new URL(`${folder}/`, FIXTURES))) {
          const text = readFileSync(new URL(`${folder}/${name}`, FIXTURES), 'utf8');
          const cuts: number[] = [];
          for (let at = 3; at < text.length; at += 3) cuts.push(at);
          expect(scanChunks(text, cuts), name).toEqual(tokenize(text));
          files++;
        }
      }
      expect(files).toBeGreaterThanOrEqual(15);
    },
  );
});
