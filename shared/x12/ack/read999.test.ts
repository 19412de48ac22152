import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { X12SyntaxError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { read999 } from './read999.ts';
import { accepted999, partial999 } from './testInput.ts';
import { type Ack999Transaction, type Write999Input, type Write999Result, write999 } from './write999.ts';

/** What read999 must give for what write999 wrote. */
function expectedFrom(input: Write999Input, result: Write999Result) {
  const { group, transactions } = input;
  return {
    acknowledgments: [
      {
        controlNumber: String(input.transactionControlNumber ?? 1).padStart(4, '0'),
        functionalId: group.functionalId,
        groupControlNumber: group.controlNumber,
        version: group.version,
        groupStatus: result.groupStatus,
        groupStatusCode: result.groupStatus,
        declaredCount: group.declaredCount ?? transactions.length,
        receivedCount: transactions.length,
        acceptedCount:
          (group.errors ?? []).length > 0 ? 0 : result.transactions.filter((t) => t.status === 'A').length,
        groupErrors: [...(group.errors ?? [])],
        transactions: transactions.map((t, i) => {
          const segmentErrors = t.segmentErrors ?? [];
          const setErrors = t.setErrors?.length ? [...t.setErrors] : segmentErrors.length > 0 ? ['5'] : [];
          return {
            setId: t.id,
            controlNumber: t.controlNumber,
            version: t.version ?? null,
            status: result.transactions[i]!.status,
            statusCode: result.transactions[i]!.status,
            segmentErrors: segmentErrors.map((e) => ({
              segmentId: e.segmentId,
              position: e.position,
              loop: e.loop ?? null,
              code: e.code,
              elements: (e.elements ?? []).map((el) => ({
                position: el.position,
                component: el.component ?? null,
                reference: el.reference ?? null,
                code: el.code,
                value: el.value ?? null,
              })),
            })),
            setErrors,
          };
        }),
      },
    ],
  };
}

const syntaxError = (fn: () => unknown) => thrown(fn, X12SyntaxError);

describe('read999: what write999 wrote', () => {
  it('reads the accepted and partial goldens back to their input', () => {
    for (const input of [accepted999, partial999]) {
      const result = write999(input);
      expect(read999(result.text)).toEqual(expectedFrom(input, result));
    }
    const [ack] = read999(write999(partial999).text).acknowledgments;
    // The group the server matches to its batch (GS06 of its 837), and each set's status.
    expect([ack!.groupControlNumber, ack!.groupStatus]).toEqual(['2001', 'P']);
    expect(ack!.transactions.map((t) => [t.controlNumber, t.status, t.setErrors])).toEqual([
      ['0001', 'A', []],
      ['0002', 'R', ['5']],
      ['0003', 'R', ['4']],
    ]);
    expect(ack!.transactions[1]!.segmentErrors).toEqual([
      {
        segmentId: 'CLM',
        position: 19,
        loop: '2300',
        code: '8',
        elements: [{ position: 5, component: 1, reference: '1331', code: '7', value: 'X1' }],
      },
    ]);
  });

  it('property: random acknowledgments read back exactly, with a BOM and CRLF too', () => {
    const code = (max: number) => fc.stringMatching(new RegExp(`^[A-Z0-9]{1,${max}}$`));
    const transaction: fc.Arbitrary<Ack999Transaction> = fc.record({
      id: fc.constant('837'),
      controlNumber: fc.integer({ min: 1, max: 999_999_999 }).map((n) => String(n).padStart(4, '0')),
      version: fc.option(fc.constant('005010X222A1'), { nil: undefined }),
      segmentErrors: fc.option(
        fc.array(
          fc.record({
            segmentId: fc.constantFrom('CLM', 'NM1', 'SV1', 'HI'),
            position: fc.integer({ min: 1, max: 9999 }),
            loop: fc.option(fc.constantFrom('2300', '2400', '2010BA'), { nil: undefined }),
            code: fc.constantFrom('1', '2', '3', '8'),
            elements: fc.option(
              fc.array(
                fc.record({
                  position: fc.integer({ min: 1, max: 99 }),
                  component: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
                  reference: fc.option(fc.constantFrom('1331', '66', '1028'), { nil: undefined }),
                  code: fc.constantFrom('1', '4', '5', '7', '8', 'I12'),
                  value: fc.option(code(12), { nil: undefined }),
                }),
                { maxLength: 3 },
              ),
              { nil: undefined },
            ),
          }),
          { maxLength: 3 },
        ),
        { nil: undefined },
      ),
      setErrors: fc.option(fc.subarray(['2', '3', '4', '5']), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(transaction, { minLength: 1, maxLength: 5 }),
        fc.option(fc.subarray(['4', '5']), { nil: undefined }),
        (transactions, errors) => {
          const input: Write999Input = {
            ...accepted999,
            group: { ...accepted999.group, ...(errors ? { errors } : {}) },
            transactions,
          };
          const result = write999(input);
          const want = expectedFrom(input, result);
          expect(read999(result.text)).toEqual(want);
          expect(read999(`\uFEFF${result.text.replaceAll('~\n', '~\r\n  ')}`)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const BASE = write999(partial999).text;
// Lines: 1 ISA, 2 GS, 3 ST, 4 AK1, 5 AK2, 6 IK5, 7 AK2, 8 IK3, 9 IK4, 10 IK5, 11 AK2, 12 IK5, 13 AK9,
// 14 SE, 15 GE, 16 IEA.
const lines = BASE.split('~\n').filter((s) => s !== '');
const rebuild = (segments: readonly string[]) => segments.map((s) => `${s}~\n`).join('');
function edit(at: number, replacement: string | null): string {
  const copy = [...lines];
  if (replacement === null) copy.splice(at - 1, 1);
  else copy[at - 1] = replacement;
  // SE01 follows the edit, so each case tests one thing.
  const st = copy.findIndex((s) => s.startsWith('ST*'));
  const se = copy.findIndex((s) => s.startsWith('SE*'));
  if (st >= 0 && se >= 0) copy[se] = copy[se]!.replace(/^SE\*\d+/, `SE*${se - st + 1}`);
  return rebuild(copy);
}

describe('read999: malformed input is an X12SyntaxError naming segment and line', () => {
  const cases: [string, string, { code: string; segmentId: string; line: number }][] = [
    ['empty input', '', { code: 'no_isa', segmentId: '?', line: 1 }],
    ['an AK2 without its IK5', edit(6, null), { code: 'structure', segmentId: 'AK2', line: 6 }],
    ['no AK9', edit(13, null), { code: 'structure', segmentId: 'SE', line: 13 }],
    ['no AK1', edit(4, null), { code: 'structure', segmentId: 'AK2', line: 4 }],
    ['AK1 twice', edit(5, 'AK1*HC*2001'), { code: 'structure', segmentId: 'AK1', line: 5 }],
    ['IK4 without IK3', edit(8, null), { code: 'structure', segmentId: 'IK4', line: 8 }],
    [
      'IK4 position not a number',
      edit(9, 'IK4*X:1*1331*7*X1'),
      { code: 'bad_value', segmentId: 'IK4', line: 9 },
    ],
    [
      'IK3 position not a number',
      edit(8, 'IK3*CLM*1O*2300*8'),
      { code: 'bad_value', segmentId: 'IK3', line: 8 },
    ],
    ['IK3 without a code', edit(8, 'IK3*CLM*19*2300'), { code: 'bad_value', segmentId: 'IK3', line: 8 }],
    ['IK501 unknown', edit(6, 'IK5*Q'), { code: 'bad_value', segmentId: 'IK5', line: 6 }],
    ['AK901 unknown', edit(13, 'AK9*Z*3*3*1'), { code: 'bad_value', segmentId: 'AK9', line: 13 }],
    ['AK902 not a count', edit(13, 'AK9*P*three*3*1'), { code: 'bad_value', segmentId: 'AK9', line: 13 }],
    ['a 997 segment (AK5) in a 999', edit(6, 'AK5*A'), { code: 'structure', segmentId: 'AK5', line: 6 }],
    ['an AK2 after AK9', edit(14, 'AK2*837*0004'), { code: 'structure', segmentId: 'AK2', line: 14 }],
    ['ST01 997', BASE.replace('ST*999*', 'ST*997*'), { code: 'structure', segmentId: 'ST', line: 3 }],
    ['SE01 wrong', BASE.replace('SE*12*', 'SE*11*'), { code: 'structure', segmentId: 'SE', line: 14 }],
    ['truncated', rebuild(lines.slice(0, 10)), { code: 'structure', segmentId: 'SE', line: 11 }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const e = syntaxError(() => read999(text));
      expect({ code: e.code, segmentId: e.segmentId, line: e.line }).toEqual(want);
      expect(e.message).not.toMatch(/\bX1\b/);
    });
  }

  it('property: random bytes and random edits parse or fail with an X12SyntaxError', () => {
    const anyText = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b)),
      fc
        .array(
          fc.record({
            at: fc.nat(),
            drop: fc.nat({ max: 4 }),
            text: fc.constantFrom('', '~', '*', ':', 'IK3*', 'IK4*', 'AK2*', '\n'),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((edits) =>
          edits.reduce((t, e) => {
            const p = e.at % (t.length + 1);
            return t.slice(0, p) + e.text + t.slice(p + e.drop);
          }, BASE),
        ),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          read999(text);
        } catch (e) {
          if (!(e instanceof X12SyntaxError)) throw e;
        }
      }),
      { numRuns: 800 },
    );
  });
});

// Public 999 samples beside the project (../shared/fixtures/x12/999, see its SOURCES.md).
const FIXTURES = new URL('../../../../shared/fixtures/x12/999/', import.meta.url);
const present = existsSync(FIXTURES);

describe('read999 over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'reads every file in ../shared/fixtures/x12/999 exactly (accepted, IK3 only, IK3 with IK4)'
      : 'SKIPPED: ../shared/fixtures/x12/999 is not present beside the project (public samples, not in the repo)',
    () => {
      const read = (name: string) => read999(readFileSync(new URL(name, FIXTURES), 'utf8')).acknowledgments;
      expect(readdirSync(FIXTURES).sort()).toEqual([
        'ims_999_accepted.txt',
        'ims_999_rejected_ik3.txt',
        'pyx12_generated_999_rejected_ik3_ik4.x12',
      ]);
      // IEA02 differs from ISA13 in this sample: the interchange control number is not compared.
      expect(read('ims_999_accepted.txt')).toEqual([
        {
          controlNumber: '0001',
          functionalId: 'HC',
          groupControlNumber: '17456',
          version: '005010X223A2',
          groupStatus: 'A',
          groupStatusCode: 'A',
          declaredCount: 1,
          receivedCount: 1,
          acceptedCount: 1,
          groupErrors: [],
          transactions: [
            {
              setId: '837',
              controlNumber: '0001',
              version: '005010X223A2',
              status: 'A',
              statusCode: 'A',
              segmentErrors: [],
              setErrors: [],
            },
          ],
        },
      ]);
      const ik3 = read('ims_999_rejected_ik3.txt')[0]!;
      expect([ik3.groupControlNumber, ik3.groupStatus, ik3.transactions[0]!.controlNumber]).toEqual([
        '28',
        'R',
        '0028',
      ]);
      expect(ik3.transactions[0]!.segmentErrors).toEqual([
        { segmentId: 'NM', position: 17, loop: null, code: '1', elements: [] },
      ]);
      const ik4 = read('pyx12_generated_999_rejected_ik3_ik4.x12')[0]!;
      expect(ik4.transactions[0]!.segmentErrors[0]!.elements).toEqual([
        { position: 5, component: 1, reference: '1331', code: '7', value: '98' },
      ]);
    },
  );
});
