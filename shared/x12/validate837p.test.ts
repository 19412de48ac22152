import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectX12 } from './detect.ts';
import { tokenize } from './tokenize.ts';
import {
  FINDING_837P_SEVERITY,
  type Finding837PCode,
  formatFinding,
  hasErrors,
  validate837p,
} from './validate837p.ts';

const GOLDEN = new URL('./837p/golden/', import.meta.url);
// Public 837P samples beside the project (see ../shared/fixtures/x12/SOURCES.md); never in the repo.
const FIXTURES = new URL('../../../shared/fixtures/x12/837p/', import.meta.url);
const fixturesPresent = existsSync(FIXTURES);

const golden = (name: string) => readFileSync(new URL(`${name}.x12`, GOLDEN), 'utf8');

/** The golden's lines: one segment per line, so a line's index + 1 is its segment ordinal. */
function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** Replaces exactly one occurrence of `from` (a fault must land where the test says). */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  expect(at, `"${from}" not in the text`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1), `"${from}" occurs twice`).toBe(-1);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Drops the lines (segments) that start with any of `prefixes`, each prefix matching exactly one line. */
function dropSegments(text: string, ...prefixes: string[]): string {
  let out = lines(text);
  for (const p of prefixes) {
    const hits = out.filter((l) => l.startsWith(p));
    expect(hits, `segments starting "${p}"`).toHaveLength(1);
    out = out.filter((l) => !l.startsWith(p));
  }
  return `${out.join('\n')}\n`;
}

/** Rewrites every SE01 to the real count, so a fault that adds or drops segments is that fault only. */
function recount(text: string): string {
  const out = lines(text);
  let st = -1;
  for (let i = 0; i < out.length; i++) {
    const l = out[i]!;
    if (l.startsWith('ST*')) st = i;
    if (l.startsWith('SE*')) out[i] = l.replace(/^SE\*\d+\*/, `SE*${i - st + 1}*`);
  }
  return `${out.join('\n')}\n`;
}

/** 1-based ordinal of the `nth` segment starting with `prefix`. */
function lineOf(text: string, prefix: string, nth = 1): number {
  const all = lines(text);
  let seen = 0;
  for (let i = 0; i < all.length; i++) if (all[i]!.startsWith(prefix) && ++seen === nth) return i + 1;
  throw new Error(`no segment ${nth} starting "${prefix}"`);
}

interface Fault {
  code: Finding837PCode;
  /** The faulty file. */
  text: () => string;
  /** The finding points at the (`nth`, default first) segment starting with this. */
  at: string;
  nth?: number;
}

const original = () => golden('original');
const secondary = () => golden('secondary');
const IEA = 'IEA*1*000001001~\n';

/** One fault per rule, each written by editing a golden file. */
const faults: Fault[] = [
  {
    code: 'syntax',
    text: () => replaceOnce(original(), 'SV1*HC:97155', 'sv1*HC:97155'),
    at: 'sv1*',
  },
  {
    code: 'envelope_order',
    text: () => replaceOnce(original(), 'GE*1*2001~\n', 'GE*1*2001~\nREF*EI*742345678~\n'),
    at: 'REF*EI*742345678',
    nth: 2,
  },
  { code: 'envelope_missing', text: () => replaceOnce(original(), IEA, ''), at: 'GE*' },
  {
    code: 'multiple_groups',
    text: () => {
      const t = original();
      const group = t
        .slice(t.indexOf('GS*'), t.indexOf('IEA*'))
        .replace('*2001*X*', '*2002*X*')
        .replace('GE*1*2001~', 'GE*1*2002~');
      return replaceOnce(t, IEA, `${group}IEA*2*000001001~\n`);
    },
    at: 'GS*',
    nth: 2,
  },
  { code: 'se_count', text: () => replaceOnce(original(), 'SE*29*0001', 'SE*30*0001'), at: 'SE*' },
  { code: 'se_control', text: () => replaceOnce(original(), 'SE*29*0001', 'SE*29*0002'), at: 'SE*' },
  { code: 'ge_count', text: () => replaceOnce(original(), 'GE*1*2001', 'GE*2*2001'), at: 'GE*' },
  { code: 'ge_control', text: () => replaceOnce(original(), 'GE*1*2001', 'GE*1*2002'), at: 'GE*' },
  { code: 'iea_count', text: () => replaceOnce(original(), 'IEA*1*', 'IEA*2*'), at: 'IEA*' },
  {
    code: 'iea_control',
    text: () => replaceOnce(original(), 'IEA*1*000001001', 'IEA*1*000001002'),
    at: 'IEA*',
  },
  {
    code: 'st_control_duplicate',
    text: () =>
      golden('batch')
        .replace('ST*837*0002*', 'ST*837*0001*')
        .replace(/(SE\*\d+\*)0002~/, '$10001~'),
    at: 'ST*837*0001',
    nth: 2,
  },
  { code: 'not_837p', text: () => replaceOnce(original(), 'ST*837*', 'ST*835*'), at: 'ST*' },
  {
    code: 'version',
    text: () => replaceOnce(original(), 'ST*837*0001*005010X222A1', 'ST*837*0001*005010X222'),
    at: 'ST*',
  },
  { code: 'header_missing', text: () => recount(dropSegments(original(), 'BHT*')), at: 'ST*' },
  { code: 'hl_number', text: () => replaceOnce(original(), 'HL*2*1*22*0', 'HL*3*1*22*0'), at: 'HL*3' },
  { code: 'hl_parent', text: () => replaceOnce(original(), 'HL*1**20*1', 'HL*1*1*20*1'), at: 'HL*1' },
  {
    code: 'hl_level',
    text: () => recount(replaceOnce(original(), 'SE*29', 'HL*3**24*0~\nSE*29')),
    at: 'HL*3',
  },
  {
    code: 'hl_child_code',
    text: () => replaceOnce(original(), 'HL*2*1*22*0', 'HL*2*1*22*1'),
    at: 'HL*2',
  },
  {
    code: 'billing_provider_missing',
    text: () => recount(dropSegments(original(), 'NM1*85*')),
    at: 'HL*1',
  },
  {
    code: 'billing_npi_missing',
    text: () => replaceOnce(original(), '*****XX*2456789017', '*****24*742345678'),
    at: 'NM1*85*',
  },
  { code: 'billing_zip', text: () => replaceOnce(original(), 'TX*787041234', 'TX*78704'), at: 'N4*Austin' },
  { code: 'subscriber_missing', text: () => recount(dropSegments(original(), 'SBR*')), at: 'HL*2' },
  { code: 'subscriber_name_missing', text: () => recount(dropSegments(original(), 'NM1*IL*')), at: 'HL*2' },
  { code: 'payer_missing', text: () => recount(dropSegments(original(), 'NM1*PR*')), at: 'HL*2' },
  {
    code: 'claim_missing',
    text: () =>
      recount(
        replaceOnce(
          original(),
          'SE*29',
          'HL*3*1*22*0~\nSBR*P*18*******CI~\nNM1*IL*1*Quinn*Rowan****MI*55501~\nNM1*PR*2*UnitedHealthcare*****PI*87726~\nSE*29',
        ),
      ),
    at: 'HL*3',
  },
  { code: 'claim_id', text: () => replaceOnce(original(), 'CLM*C0GOLDEN00001*', 'CLM**'), at: 'CLM*' },
  {
    code: 'line_missing',
    text: () =>
      recount(
        lines(original())
          .filter((l) => !/^(LX|SV1|DTP)\*/.test(l))
          .join('\n'),
      ),
    at: 'CLM*',
  },
  { code: 'line_incomplete', text: () => recount(dropSegments(original(), 'SV1*HC:97155')), at: 'LX*2' },
  { code: 'frequency', text: () => replaceOnce(original(), '*12:B:1*', '*12:B:9*'), at: 'CLM*' },
  { code: 'place_of_service', text: () => replaceOnce(original(), '*12:B:1*', '*1:B:1*'), at: 'CLM*' },
  { code: 'diagnosis_missing', text: () => recount(dropSegments(original(), 'HI*')), at: 'CLM*' },
  { code: 'diagnosis_qualifier', text: () => replaceOnce(original(), '*ABF:F902', '*BF:F902'), at: 'HI*' },
  { code: 'diagnosis_code', text: () => replaceOnce(original(), 'ABF:F902', 'ABF:F90.2'), at: 'HI*' },
  {
    code: 'diagnosis_pointer',
    text: () => replaceOnce(original(), 'UN*8***1~', 'UN*8***3~'),
    at: 'SV1*HC:97153',
  },
  { code: 'units', text: () => replaceOnce(original(), 'UN*8***1~', 'UN*0***1~'), at: 'SV1*HC:97153' },
  {
    code: 'amount',
    text: () => replaceOnce(original(), 'SV1*HC:97153:HN*150*', 'SV1*HC:97153:HN*150.001*'),
    at: 'SV1*HC:97153',
  },
  {
    code: 'claim_total',
    text: () => replaceOnce(original(), 'CLM*C0GOLDEN00001*212.5*', 'CLM*C0GOLDEN00001*212.6*'),
    at: 'CLM*',
  },
  {
    code: 'date',
    text: () => replaceOnce(original(), 'DTP*472*D8*20261102~\nLX*2', 'DTP*472*D8*20261131~\nLX*2'),
    at: 'DTP*472*D8*20261131',
  },
  {
    code: 'npi',
    text: () => replaceOnce(original(), 'XX*1345678902', 'XX*1345678903'),
    at: 'NM1*82*',
  },
  {
    code: 'ref_f8_missing',
    text: () => recount(dropSegments(golden('corrected'), 'REF*F8*')),
    at: 'CLM*',
  },
  {
    code: 'other_subscriber_missing',
    // The secondary claim without its 2320/2330 loops and 2430 line adjudications.
    text: () =>
      recount(
        lines(secondary())
          .filter((l, i, all) => {
            const firstLx = all.findIndex((x) => x.startsWith('LX*'));
            const inOther = i >= all.findIndex((x) => x.startsWith('SBR*P*')) && i < firstLx;
            return !inOther && !/^(SVD|CAS|DTP\*573)\*/.test(l);
          })
          .join('\n'),
      ),
    at: 'CLM*',
  },
  {
    code: 'other_paid_missing',
    text: () => recount(dropSegments(secondary(), 'AMT*D*')),
    at: 'SBR*P*',
  },
  {
    code: 'other_insured_missing',
    text: () => recount(dropSegments(secondary(), 'NM1*IL*1*Bennett*Avery*L***MI*918273645')),
    at: 'SBR*P*',
  },
  {
    code: 'other_payer_missing',
    text: () => recount(dropSegments(secondary(), 'NM1*PR*2*UnitedHealthcare')),
    at: 'SBR*P*',
  },
  { code: 'cob_balance', text: () => replaceOnce(secondary(), 'AMT*D*133.9~', 'AMT*D*133.8~'), at: 'AMT*D*' },
  {
    code: 'cob_line_balance',
    text: () => replaceOnce(secondary(), 'SVD*87726*96*', 'SVD*87726*95*'),
    at: 'SVD*87726*95*',
  },
];

// Values from the goldens that are patient (or provider) data: no finding message may repeat them.
const DATA_VALUES = [
  'Bennett',
  'Avery',
  '918273645',
  '520194837',
  '1345678902',
  '2456789017',
  'F902',
  '212.5',
];

describe('validate837p on the golden files', () => {
  for (const name of readdirSync(GOLDEN).filter((n) => n.endsWith('.x12'))) {
    it(`${name} validates clean (no error, no warning)`, () => {
      const text = readFileSync(new URL(name, GOLDEN), 'utf8');
      const { findings, claimCount } = validate837p(text);
      expect(findings.map(formatFinding)).toEqual([]);
      expect(claimCount).toBe(text.split('\nCLM*').length - 1);
    });
  }
});

describe('validate837p rejects single-fault files', () => {
  it('has a fault file for every rule it enforces', () => {
    expect(faults.map((f) => f.code).sort()).toEqual(Object.keys(FINDING_837P_SEVERITY).sort());
  });

  for (const fault of faults) {
    it(`${fault.code}: exactly one finding, at the faulty segment`, () => {
      const text = fault.text();
      const { findings } = validate837p(text);
      expect(findings.map((f) => f.code)).toEqual([fault.code]);
      const [f] = findings;
      expect(f!.severity).toBe(FINDING_837P_SEVERITY[fault.code]);
      expect(f!.line).toBe(lineOf(text, fault.at, fault.nth));
      const id = fault.at.split('*')[0]!;
      expect(f!.segment).toBe(/^[A-Z][A-Z0-9]{1,2}$/.test(id) ? id : '?');
      expect(hasErrors(findings)).toBe(f!.severity === 'error');
      for (const v of DATA_VALUES) expect(f!.message).not.toContain(v);
    });
  }
});

describe('validate837p findings', () => {
  it('print as "severity SEGMENT line N: message", line = segment ordinal', () => {
    const { findings } = validate837p(replaceOnce(original(), 'SE*29*0001', 'SE*30*0001'));
    expect(findings.map(formatFinding)).toEqual([
      'error SE line 31: SE01 must be 29, the segments from ST to SE',
    ]);
  });

  it('a file that is not X12 is one syntax finding at line 1, not an exception', () => {
    expect(validate837p('Dear payer, please pay.').findings).toEqual([
      {
        severity: 'error',
        code: 'syntax',
        segment: '?',
        line: 1,
        message: 'the file does not start with an ISA segment',
      },
    ]);
  });

  it('checks the secondary-claim loops under a patient level (2000C) too', () => {
    // The dependent golden's claim billed as secondary (SBR01 = S) with no 2320 loop.
    const text = replaceOnce(golden('patient-not-subscriber'), 'SBR*P*', 'SBR*S*');
    expect(validate837p(text).findings.map((f) => [f.code, f.segment])).toEqual([
      ['other_subscriber_missing', 'CLM'],
    ]);
  });

  it('reports every fault of a file with several, in file order', () => {
    let text = replaceOnce(original(), 'XX*1345678902', 'XX*1345678903');
    text = replaceOnce(text, '*12:B:1*', '*12:B:7*');
    text = replaceOnce(text, 'SE*29*0001', 'SE*28*0001');
    expect(validate837p(text).findings.map((f) => [f.code, f.line])).toEqual([
      ['ref_f8_missing', lineOf(text, 'CLM*')],
      ['npi', lineOf(text, 'NM1*82*')],
      ['se_count', lineOf(text, 'SE*')],
    ]);
  });
});

describe('validate837p over the public samples', () => {
  it.skipIf(!fixturesPresent)(
    fixturesPresent
      ? 'runs over every file in ../shared/fixtures/x12/837p without crashing; findings name real segments'
      : 'SKIPPED: ../shared/fixtures/x12/837p is not present beside the project (public samples, not in the repo)',
    () => {
      const files = readdirSync(FIXTURES).sort();
      expect(files.length).toBeGreaterThan(0);
      const byFile = new Map<string, Finding837PCode[]>();
      for (const name of files) {
        const text = readFileSync(new URL(name, FIXTURES), 'utf8');
        const { segments } = tokenize(text);
        const { findings, claimCount } = validate837p(text);
        expect(claimCount, name).toBe(segments.filter((s) => s.id === 'CLM').length);
        let previous = 0;
        for (const f of findings) {
          expect(f.line, name).toBeGreaterThanOrEqual(previous);
          previous = f.line;
          expect(segments[f.line - 1]?.id, `${name}: ${formatFinding(f)}`).toBe(f.segment);
          expect(f.severity).toBe(FINDING_837P_SEVERITY[f.code]);
        }
        byFile.set(name, [...new Set(findings.map((f) => f.code))].sort());
        if (detectX12(text).kind !== '837P') expect(byFile.get(name)).toContain('not_837p');
      }
      // The TR3 examples are well-formed 5010 with 4010-era diagnosis codes and example NPIs: only
      // those (and the 5-digit billing ZIP) are findings; in particular the COB example balances.
      const tr3Only = ['billing_zip', 'diagnosis_qualifier', 'npi'];
      for (const name of files.filter((n) => n.startsWith('tr3_'))) {
        for (const code of byFile.get(name) ?? []) expect(tr3Only, `${name}: ${code}`).toContain(code);
      }
      // The IMS delimiter sample carries SE*25 for a 34-segment set.
      expect(byFile.get('ims_nonstandard_delimiters.txt')).toContain('se_count');
    },
  );
});
