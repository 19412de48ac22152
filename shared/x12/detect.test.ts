import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectX12, type X12Kind } from './detect.ts';
import { X12SyntaxError } from './errors.ts';

const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261123*1504*^*00501*000000042*0*T*:~';

function interchange(st01: string, gs08: string, st03 = gs08): string {
  return `${ISA}\nGS*XX*S*R*20261123*1504*1*X*${gs08}~\nST*${st01}*0001*${st03}~\nSE*2*0001~\nGE*1*1~\nIEA*1*000000042~\n`;
}

describe('detectX12', () => {
  it('classifies by ST01 and the version (GS08, else ST03)', () => {
    const cases: [string, string, X12Kind][] = [
      ['837', '005010X222A1', '837P'],
      ['837', '005010X223A2', '837I'],
      ['837', '005010X224A2', '837D'],
      ['837', '004010X098A1', '837P'],
      ['835', '005010X221A1', '835'],
      ['999', '005010X231A1', '999'],
      ['997', '004010', '997'],
      ['277', '005010X214', '277CA'],
      ['277', '005010X212', '277'],
      ['270', '005010X279A1', 'unknown'],
      ['837', '005010', 'unknown'],
    ];
    for (const [st01, version, kind] of cases) {
      expect([st01, version, detectX12(interchange(st01, version)).kind]).toEqual([st01, version, kind]);
    }
    expect(detectX12(interchange('837', '', '005010X222A1'))).toEqual({
      kind: '837P',
      transactionSetId: '837',
      version: '005010X222A1',
    });
  });

  it('throws an X12SyntaxError for a file without ISA or without ST', () => {
    expect(() => detectX12('ST*837*0001~')).toThrow(X12SyntaxError);
    expect(() => detectX12(`${ISA}GS*HC~GE*0*1~IEA*1*000000042~`)).toThrow(/no transaction set/);
  });

  const FIXTURES = new URL('../../../shared/fixtures/x12/', import.meta.url);
  const present = existsSync(FIXTURES);
  it.skipIf(!present)(
    present
      ? 'classifies every public sample by its folder (837p, 835, 999, 277ca)'
      : 'SKIPPED: ../shared/fixtures/x12 is not present beside the project (public samples, not in the repo)',
    () => {
      const expected: Record<string, X12Kind> = {
        '837p': '837P',
        '835': '835',
        '999': '999',
        '277ca': '277CA',
      };
      let count = 0;
      for (const [folder, kind] of Object.entries(expected)) {
        for (const name of readdirSync(new URL(`${folder}/`, FIXTURES))) {
          const text = readFileSync(new URL(`${folder}/${name}`, FIXTURES), 'utf8');
          // pyx12 leaves its 999 answer (*.997) beside a validated sample.
          const want = name.endsWith('.997') ? '999' : kind;
          expect([folder, name, detectX12(text).kind]).toEqual([folder, name, want]);
          count++;
        }
      }
      expect(count).toBeGreaterThanOrEqual(15);
    },
  );
});
