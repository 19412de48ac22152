import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectX12 } from '../detect.ts';
import { X12SyntaxError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { tokenize } from '../tokenize.ts';
import { read837p } from './read837p.ts';
import { envelope, originalClaim } from './testInput.ts';
import { write837p } from './write837p.ts';

// Public 837P samples kept beside the project (../shared/fixtures/x12/837p, see its SOURCES.md): test
// input only, never copied into the repository.
const FIXTURES = new URL('../../../../shared/fixtures/x12/837p/', import.meta.url);
const present = existsSync(FIXTURES);

const syntaxError = (fn: () => unknown) => thrown(fn, X12SyntaxError);

describe('read837p over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'tokenizes every file in ../shared/fixtures/x12/837p and inspects every 837P in it'
      : 'SKIPPED: ../shared/fixtures/x12/837p is not present beside the project (public samples, not in the repo)',
    () => {
      const files = readdirSync(FIXTURES).sort();
      expect(files.length).toBeGreaterThan(0);
      let inspected = 0;
      for (const name of files) {
        const text = readFileSync(new URL(name, FIXTURES), 'utf8');
        expect(tokenize(text).segments.length, name).toBeGreaterThan(3);
        const kind = detectX12(text).kind;
        if (kind !== '837P') {
          // Besides 837Ps the folder may hold pyx12's acknowledgments of them (999s named *.997).
          expect([name, kind]).toEqual([name, '999']);
          expect(name.endsWith('.997'), name).toBe(true);
          continue;
        }
        const { claims } = read837p(text);
        expect(claims.length, name).toBeGreaterThan(0);
        for (const c of claims) {
          expect(c.patientControlNumber, name).not.toBe('');
          expect(Number.isSafeInteger(c.chargeCents), name).toBe(true);
          expect(c.lineCount, name).toBeGreaterThan(0);
          expect(c.payerId, name).toBeTruthy();
        }
        inspected++;
      }
      expect(inspected).toBeGreaterThanOrEqual(6);
    },
  );

  it.skipIf(!present)(
    present
      ? 'reads the known samples exactly (multiple ST, COB, dependents, odd delimiters, volume)'
      : 'SKIPPED: ../shared/fixtures/x12/837p is not present beside the project (public samples, not in the repo)',
    () => {
      const read = (name: string) => read837p(readFileSync(new URL(name, FIXTURES), 'utf8')).claims;

      expect(read('tr3_commercial_health_insurance.edi')).toEqual([
        {
          patientControlNumber: '26463774',
          frequency: '1',
          originalReference: null,
          chargeCents: 10000,
          lineCount: 4,
          payerId: '999996666',
        },
      ]);
      // Secondary claim: the 2330B NM1*PR (999996666) must not replace the 2010BB payer.
      expect(read('tr3_cob_secondary_to_payer_b.edi')).toEqual([
        {
          patientControlNumber: '26407789',
          frequency: '1',
          originalReference: null,
          chargeCents: 7904,
          lineCount: 3,
          payerId: '567890',
        },
      ]);
      expect(read('tr3_drug_ndc_in_2410.edi')[0]).toMatchObject({
        chargeCents: 10337,
        lineCount: 2,
        payerId: 'PLANID12345',
      });

      const complex = read('ims_complex_2st_6claims_cob.txt');
      expect(complex.map((c) => [c.patientControlNumber, c.chargeCents, c.lineCount, c.payerId])).toEqual([
        ['A37YH556', 50000, 2, '11122333'],
        ['A37YH667', 50000, 1, '11122333'],
        ['A37YH668', 50000, 2, '11122333'],
        ['A37YH556', 50000, 2, '11122333'],
        ['A37YH667', 50000, 1, '11122333'],
        ['A37YH668', 50000, 2, '11122333'],
      ]);
      expect(complex.every((c) => c.frequency === '1' && c.originalReference === null)).toBe(true);

      const odd = read('ims_nonstandard_delimiters.txt');
      expect(odd.map((c) => [c.patientControlNumber, c.frequency, c.chargeCents, c.lineCount])).toEqual([
        ['A37YH556', '1', 50000, 1],
        ['A37YH667', '1', 50000, 1],
      ]);

      const many = read('ims_many_claims_820.txt');
      expect(many).toHaveLength(820);
      expect(many.every((c) => c.chargeCents === 50000 && c.lineCount === 1)).toBe(true);
    },
  );
});

describe('read837p on malformed or foreign files', () => {
  const good = write837p(envelope([originalClaim])).text;

  it('names segment and line for a CLM02 that is not an amount, without the value', () => {
    const e = syntaxError(() => read837p(good.replace('*212.5***', '*21x.5***')));
    expect(e.code).toBe('bad_value');
    expect(e.segmentId).toBe('CLM');
    const clmLine = tokenize(good).segments.find((s) => s.id === 'CLM')!.line;
    expect(e.line).toBe(clmLine);
    expect(e.message).toBe(
      `X12 syntax error: CLM at line ${clmLine}: CLM02 is not an amount with at most 2 decimals`,
    );
  });

  it('refuses an empty CLM01, a CLM before any HL, and a file that is not an 837P', () => {
    expect(syntaxError(() => read837p(good.replace('CLM*C0GOLDEN00001*', 'CLM**'))).code).toBe('bad_value');
    const noHl = good.replace(/HL\*[^~]*~\n/g, '');
    expect(syntaxError(() => read837p(noHl)).message).toMatch(
      /^X12 syntax error: CLM at line \d+: CLM outside an HL loop$/,
    );
    const institutional = good.replaceAll('005010X222A1', '005010X223A2');
    expect(syntaxError(() => read837p(institutional))).toMatchObject({ segmentId: 'ST', line: 3 });
    const ack = good.replace('ST*837*', 'ST*999*');
    expect(syntaxError(() => read837p(ack)).code).toBe('structure');
    expect(syntaxError(() => read837p('hello')).code).toBe('no_isa');
  });

  it('reads a payer ID through the parent HL even when the patient HL comes after other subscribers', () => {
    // HL 3 (patient) names HL 2 as parent although HL 4 (another subscriber) was seen last.
    const text = good
      .replace('HL*2*1*22*0~', 'HL*2*1*22*1~')
      .replace(
        /(NM1\*PR\*2\*UnitedHealthcare\*\*\*\*\*PI\*87726~\n)/,
        '$1HL*4*1*22*0~\nSBR*P*18*******CI~\nNM1*IL*1*X****MI*1~\nNM1*PR*2*OTHER*****PI*OTHER1~\nHL*3*2*23*0~\nPAT*19~\n',
      );
    expect(read837p(text).claims[0]!.payerId).toBe('87726');
  });
});
