import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  linesShown,
  PREVIEW_LINES,
  readX12View,
  segmentCounts,
  segmentKind,
  segmentTokens,
  type X12Token,
  type X12View,
} from './x12Highlight.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The 837P writer's golden file: a real batch as the server writes it (`~` then a newline). */
const golden = readFileSync(join(here, '../../../shared/x12/837p/golden/batch.x12'), 'utf8');

const text = (tokens: readonly X12Token[]) => tokens.map((t) => t.text).join('');
const lineOf = (view: X12View, id: string, nth = 0) => view.segments.filter((s) => s.id === id)[nth]!;
const tokensOf = (view: X12View, id: string, nth = 0) =>
  segmentTokens(lineOf(view, id, nth), view.delimiters!);

describe('the 837P preview', () => {
  it('gives back every segment exactly as written, one a line', () => {
    const view = readX12View(golden);
    expect(view.error).toBeNull();
    expect(view.segments).toHaveLength(147);
    const lines = view.segments.map((s) => text(segmentTokens(s, view.delimiters!)));
    expect(lines.join('\n')).toBe(golden.trimEnd());
    expect(lines[0]!.startsWith('ISA*00*')).toBe(true);
    expect(lines.at(-1)).toBe('IEA*1*000001001~');
  });

  it('marks the segment id, separators, values and terminator', () => {
    const view = readX12View(golden);
    const clm = tokensOf(view, 'CLM');
    expect(clm[0]).toEqual({ kind: 'id', text: 'CLM' });
    expect(clm[1]).toEqual({ kind: 'element-sep', text: '*' });
    expect(clm[2]).toEqual({ kind: 'value', text: 'C0GOLDEN00001' });
    expect(clm.at(-1)).toEqual({ kind: 'terminator', text: '~' });
    // CLM05 "12:B:1": place of service, qualifier and frequency, cut at the component separator.
    expect(text(clm)).toContain('12:B:1');
    const clm05 = clm.filter((t) => t.kind === 'value' || t.kind === 'component-sep').slice(2, 7);
    expect(clm05).toEqual([
      { kind: 'value', text: '12' },
      { kind: 'component-sep', text: ':' },
      { kind: 'value', text: 'B' },
      { kind: 'component-sep', text: ':' },
      { kind: 'value', text: '1' },
    ]);
    // Empty elements are just separators: "212.5***12:B:1" has two with nothing between.
    const seps = clm.slice(4, 8).map((t) => t.kind);
    expect(seps).toEqual(['value', 'element-sep', 'element-sep', 'element-sep']);
  });

  it('keeps ISA values literal: ISA11 and ISA16 are the separators themselves', () => {
    const view = readX12View(golden);
    const isa = tokensOf(view, 'ISA');
    const values = isa.filter((t) => t.kind === 'value').map((t) => t.text);
    expect(values).toContain('^');
    expect(values.at(-1)).toBe(':');
    expect(isa.some((t) => t.kind === 'component-sep' || t.kind === 'repetition-sep')).toBe(false);
    expect(isa.filter((t) => t.kind === 'element-sep')).toHaveLength(16);
  });

  it('reads other delimiters from the ISA: repetitions, newline-terminated segments', () => {
    const file = [
      'ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |261123|1504|!|00501|000000001|0|T|>',
      'GS|HC|S|R|20261123|1504|1|X|005010X222A1',
      'HI|ABK>F840!ABF>F902',
      'IEA|1|000000001',
      '',
    ].join('\n');
    const view = readX12View(file);
    expect(view.error).toBeNull();
    expect(view.delimiters).toMatchObject({ element: '|', component: '>', repetition: '!', segment: '\n' });
    const hi = tokensOf(view, 'HI');
    expect(hi.map((t) => t.kind)).toEqual([
      'id',
      'element-sep',
      'value',
      'component-sep',
      'value',
      'repetition-sep',
      'value',
      'component-sep',
      'value',
    ]);
    // A newline ends each segment: the screen's line break, not a token.
    expect(hi.some((t) => t.kind === 'terminator')).toBe(false);
    expect(view.segments.map((s) => text(segmentTokens(s, view.delimiters!))).join('\n')).toBe(
      file.trimEnd(),
    );
  });

  it('shows an unreadable file as its error, naming the line, and never throws', () => {
    const view = readX12View(
      'ISA*00*          *00*          *ZZ*A*ZZ*B*261123*1504*^*00501*1*0*T*:~GS*HC~bad segment~',
    );
    expect(view.segments).toEqual([]);
    expect(view.error).toMatch(/line 3/);
    expect(readX12View('').error).toMatch(/ISA/);
    expect(readX12View('hello').error).not.toBeNull();
  });

  it('draws the first lines of a big file until "show all"', () => {
    const claims = Array.from(
      { length: 300 },
      (_, i) => `CLM*C${String(i).padStart(12, '0')}*100***11:B:1*Y*A*Y*Y~SV1*HC:97153*100*UN*4***1~`,
    ).join('');
    const big = `${golden.slice(0, golden.indexOf('GS*'))}GS*HC*A*B*20261123*1504*1*X*005010X222A1~${claims}IEA*1*000001001~`;
    const view = readX12View(big);
    expect(view.segments).toHaveLength(603);
    expect(linesShown(view, false)).toBe(PREVIEW_LINES);
    expect(linesShown(view, true)).toBe(603);
    expect(linesShown(readX12View(golden), false)).toBe(147);
    expect(linesShown(view, false, 10)).toBe(10);
    expect(segmentCounts(view, ['CLM', 'SV1', 'ST'])).toEqual({ CLM: 300, SV1: 300, ST: 0 });
  });

  it('sorts segments into the parts of the file they colour', () => {
    expect(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].map(segmentKind)).toEqual(Array(6).fill('envelope'));
    expect(segmentKind('HL')).toBe('hierarchy');
    expect(segmentKind('CLM')).toBe('claim');
    expect(segmentKind('SV1')).toBe('service');
    expect(segmentKind('NM1')).toBe('name');
    expect(segmentKind('DTP')).toBe('other');
  });
});
