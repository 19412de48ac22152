import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { x12DecimalToCents } from '../decimal.ts';
import { detectX12 } from '../detect.ts';
import { X12WriteError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { components, tokenize, type X12Segment } from '../tokenize.ts';
import { envelopeProblems } from './envelopeCheck.ts';
import { accepted999, ackEnvelope, ackGoldenCases, claims277ca, partial999, remit835 } from './testInput.ts';
import { write277ca } from './write277ca.ts';
import { write835 } from './write835.ts';
import { write999 } from './write999.ts';

/*
 * Golden files: the acknowledgment writers' exact output for fixed synthetic input (testInput.ts).
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run shared/x12/ack/writers.test.ts`,
 * then re-validate with pyx12 outside the repo (copy the files first: pyx12 writes a .997/.999 beside them):
 *   PYTHONPATH=<pyx12 checkout> /usr/bin/python3 -m pyx12.scripts.x12valid /tmp/ack-golden/*.x12
 *
 * pyx12 3.1.0 verdict (2026-11-23), every file OK:
 *   accepted.999.x12 OK · partial.999.x12 OK · claims.277ca.x12 OK · remit.835.x12 OK.
 * So were the simulator's answers (sync-server/simulator), OK each (999, 277CA, 835):
 *   - to the 837P golden batch plus a 97155 without modifier, an all-denied claim and a bad rendering
 *     NPI (277CA with three payers, 835 with three payments), also as written to outbound/ and
 *     downloaded over SFTP;
 *   - to the end-to-end test's batch (clearinghouseSimulator.test.ts: accepted, bad NPI, 97155 denied);
 *   - to a three-set 837P with a wrong SE01 in one set and a bad CLM05-1 in another (999 AK9*P with
 *     IK5*R*4, and IK3/IK4 with IK5*R*5).
 * pyx12 prints a traceback after "OK" for every 835, its own sample files included: it cannot write its
 * 999 for a set without ST03, which the 835 TR3 leaves unused.
 * Findings that shaped the writers: the X214 patient level (2000D) has no HL04 (pyx12: "marked as Not
 * Used"); the 835's CLP06 has no CI (commercial), unlike the 837's SBR09.
 */

const GOLDEN = new URL('./golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

function writeAny(input: (typeof ackGoldenCases)[keyof typeof ackGoldenCases]): string {
  if ('transactions' in input) return write999(input).text;
  if ('sources' in input) return write277ca(input).text;
  return write835(input).text;
}

function segments(text: string, id: string): X12Segment[] {
  return tokenize(text).segments.filter((s) => s.id === id);
}

describe('acknowledgment golden files', () => {
  for (const [name, input] of Object.entries(ackGoldenCases)) {
    it(`${name} is the writer's output byte for byte, tokenizes and counts right`, () => {
      const file = new URL(name, GOLDEN);
      const text = writeAny(input);
      if (update) writeFileSync(file, text);
      expect(existsSync(file), `${name} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
      expect(envelopeProblems(text)).toEqual([]);
    });
  }

  it('each is detected as what it is, by content', () => {
    expect(detectX12(write999(accepted999).text).kind).toBe('999');
    expect(detectX12(write277ca(claims277ca).text).kind).toBe('277CA');
    expect(detectX12(write835(remit835).text).kind).toBe('835');
  });
});

describe('envelopeProblems', () => {
  it('finds a wrong SE01, SE02, GE01 and IEA02', () => {
    const text = write999(accepted999).text;
    const broken = text
      .replace(/SE\*(\d+)\*0001/, (_, n: string) => `SE*${Number(n) + 1}*0002`)
      .replace(/GE\*1\*/, 'GE*2*')
      .replace(/IEA\*1\*000007001/, 'IEA*1*000007002');
    expect(envelopeProblems(broken)).toEqual([
      expect.stringMatching(/^SE at line \d+: SE01 \d+ but \d+ segments$/),
      expect.stringMatching(/^SE at line \d+: SE02 0002 but ST02 0001$/),
      expect.stringMatching(/^GE at line \d+: GE01 2 but 1 sets$/),
      expect.stringMatching(/^IEA at line \d+: IEA02 000007002 but ISA13 000007001$/),
    ]);
  });
});

describe('write999', () => {
  it('acknowledges the group named by AK1 with one AK2/IK5 per set and AK9 counts', () => {
    const result = write999(accepted999);
    const text = result.text;
    expect(result.groupStatus).toBe('A');
    expect(segments(text, 'AK1')[0]!.elements).toEqual(['AK1', 'HC', '2001', '005010X222A1']);
    expect(segments(text, 'AK2').map((s) => s.elements[2])).toEqual(['0001', '0002']);
    expect(segments(text, 'IK5').map((s) => s.elements.slice(1))).toEqual([['A'], ['A']]);
    expect(segments(text, 'AK9')[0]!.elements).toEqual(['AK9', 'A', '2', '2', '2']);
    expect(segments(text, 'GS')[0]!.elements.slice(1, 4)).toEqual(['FA', 'OA', 'OA482913']);
    expect(segments(text, 'ST')[0]!.elements).toEqual(['ST', '999', '0001', '005010X231A1']);
  });

  it('rejects a set with an IK3/IK4 per error and a set-level code, and the group is partially accepted', () => {
    const result = write999(partial999);
    const text = result.text;
    expect(result.groupStatus).toBe('P');
    expect(result.transactions).toEqual([
      { controlNumber: '0001', status: 'A' },
      { controlNumber: '0002', status: 'R' },
      { controlNumber: '0003', status: 'R' },
    ]);
    expect(segments(text, 'IK3')[0]!.elements).toEqual(['IK3', 'CLM', '19', '2300', '8']);
    const { delimiters } = tokenize(text);
    const ik4 = segments(text, 'IK4')[0]!;
    expect(components(ik4.elements[1]!, delimiters)).toEqual(['5', '1']);
    expect(ik4.elements.slice(2)).toEqual(['1331', '7', 'X1']);
    // IK502 '5' (segments in error) when only IK3s are given; '4' as given for the count.
    expect(segments(text, 'IK5').map((s) => s.elements.slice(1))).toEqual([['A'], ['R', '5'], ['R', '4']]);
    expect(segments(text, 'AK9')[0]!.elements).toEqual(['AK9', 'P', '3', '3', '1']);
  });

  it('rejects the group when every set is rejected or the group itself has errors', () => {
    const allRejected = write999({
      ...accepted999,
      transactions: [{ id: '837', controlNumber: '0001', setErrors: ['3'] }],
    });
    expect(allRejected.groupStatus).toBe('R');
    expect(segments(allRejected.text, 'AK9')[0]!.elements).toEqual(['AK9', 'R', '1', '1', '0']);
    const groupError = write999({
      ...accepted999,
      group: { ...accepted999.group, declaredCount: 3, errors: ['5'] },
    });
    expect(groupError.groupStatus).toBe('R');
    expect(segments(groupError.text, 'AK9')[0]!.elements).toEqual(['AK9', 'R', '3', '2', '0', '5']);
  });

  it('computes SE01 and GE01 whatever the number of sets (re-read from the text)', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      id: '837',
      controlNumber: String(i + 1).padStart(4, '0'),
      ...(i % 3 === 0
        ? { segmentErrors: [{ segmentId: 'SV1', position: 30 + i, loop: '2400', code: '8' }] }
        : {}),
    }));
    const text = write999({ ...accepted999, transactions: many }).text;
    expect(envelopeProblems(text)).toEqual([]);
    expect(segments(text, 'IK5')).toHaveLength(40);
  });
});

describe('write277ca', () => {
  const result = write277ca(claims277ca);
  const segs = tokenize(result.text).segments;
  const hl = segs.filter((s) => s.id === 'HL').map((s) => s.elements.slice(1));

  it('builds the hierarchy source → receiver → provider → patient, with no HL04 on the patient level', () => {
    expect(hl).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '21', '1'],
      ['3', '2', '19', '1'],
      ['4', '3', 'PT'],
      ['5', '3', 'PT'],
      ['6', '', '20', '1'],
      ['7', '6', '21', '1'],
      ['8', '7', '19', '1'],
      ['9', '8', 'PT'],
    ]);
    expect(envelopeProblems(result.text)).toEqual([]);
  });

  it('answers each claim under its TRN (the patient control number) with category, action and charge', () => {
    const { delimiters } = tokenize(result.text);
    const byClaim = new Map<string, X12Segment[]>();
    let current: X12Segment[] | null = null;
    for (const s of segs) {
      if (s.id === 'HL') current = null;
      if (s.id === 'TRN' && s.elements[1] === '2' && segs[segs.indexOf(s) - 1]?.id === 'NM1') {
        const previous = segs[segs.indexOf(s) - 1]!;
        if (previous.elements[1] === 'QC') {
          current = [];
          byClaim.set(s.elements[2]!, current);
          continue;
        }
      }
      current?.push(s);
    }
    const stc = (pcn: string) => byClaim.get(pcn)!.find((s) => s.id === 'STC')!;
    expect(components(stc('C0GOLDEN00001').elements[1]!, delimiters)).toEqual(['A2', '20']);
    expect(stc('C0GOLDEN00001').elements.slice(2, 5)).toEqual(['20261123', 'WQ', '212.5']);
    expect(components(stc('C0GOLDEN00002').elements[1]!, delimiters)).toEqual(['A7', '562', '85']);
    expect(stc('C0GOLDEN00002').elements[3]).toBe('U');
    expect(stc('C0GOLDEN00002').elements[12]).toBe('Billing provider NPI is invalid');
    // A second status goes to STC10.
    expect(components(stc('C0GOLDEN00006').elements[10]!, delimiters)).toEqual(['A2', '20']);
    const refs = (pcn: string) =>
      byClaim
        .get(pcn)!
        .filter((s) => s.id === 'REF')
        .map((s) => s.elements.slice(1));
    expect(refs('C0GOLDEN00001')).toEqual([
      ['1K', '26327000000101'],
      ['D9', 'OA77120001'],
    ]);
    expect(
      byClaim
        .get('C0GOLDEN00002')!
        .find((s) => s.id === 'DTP')!
        .elements.slice(1),
    ).toEqual(['472', 'RD8', '20261102-20261104']);
    expect(result).toMatchObject({ claimCount: 3, acceptedCount: 2, rejectedCount: 1 });
  });

  it('sums accepted and rejected claims at the receiver and provider levels', () => {
    const qty = segs.filter((s) => s.id === 'QTY' || s.id === 'AMT').map((s) => s.elements.slice(1));
    expect(qty.slice(0, 8)).toEqual([
      ['90', '1'],
      ['AA', '1'],
      ['YU', '212.5'],
      ['YY', '212.5'],
      ['QA', '1'],
      ['QC', '1'],
      ['YU', '212.5'],
      ['YY', '212.5'],
    ]);
  });

  it('refuses a claim without a status, and more than three', () => {
    const claim = claims277ca.sources[0]!.providers[0]!.claims[0]!;
    const withStatuses = (statuses: typeof claim.statuses) =>
      thrown(
        () =>
          write277ca({
            ...claims277ca,
            sources: [
              {
                ...claims277ca.sources[0]!,
                providers: [{ name: 'X', npi: '1', claims: [{ ...claim, statuses }] }],
              },
            ],
          }),
        X12WriteError,
      );
    expect(withStatuses([]).message).toMatch(/STC01: a claim needs 1 to 3 status codes/);
    const four = Array.from({ length: 4 }, () => ({ category: 'A2', code: '20' }));
    expect(withStatuses(four).message).toMatch(/STC01/);
  });

  it('keeps patient HLs right with other delimiters and without line breaks', () => {
    const text = write277ca({
      ...claims277ca,
      lineBreaks: false,
      delimiters: { element: '|', component: '>', segment: "'", repetition: '^' },
    }).text;
    const levels = tokenize(text).segments.filter((s) => s.id === 'HL' && s.elements[3] === 'PT');
    expect(levels.map((s) => s.elements.length)).toEqual([4, 4, 4]);
    expect(envelopeProblems(text)).toEqual([]);
  });
});

describe('write835', () => {
  const result = write835(remit835);
  const segs = tokenize(result.text).segments;

  it('pays BPR02 = Σ CLP04 − Σ PLB to the cent and says so in TRN and BPR', () => {
    expect(result.totals).toEqual([27125]);
    const bpr = segs.find((s) => s.id === 'BPR')!;
    expect(bpr.elements.slice(1, 5)).toEqual(['I', '271.25', 'C', 'CHK']);
    expect(bpr.elements[16]).toBe('20261130');
    expect(segs.find((s) => s.id === 'TRN')!.elements.slice(1)).toEqual(['1', '91000417', '1411289245']);
    let clp = 0;
    for (const s of segs) if (s.id === 'CLP') clp += x12DecimalToCents(s.elements[4]!)!;
    let plb = 0;
    const { delimiters } = tokenize(result.text);
    for (const s of segs.filter((x) => x.id === 'PLB')) {
      for (let i = 3; i < s.elements.length; i += 2) plb += x12DecimalToCents(s.elements[i + 1]!)!;
      expect(components(s.elements[3]!, delimiters)).toEqual(['L6', 'INTEREST']);
    }
    expect(clp - plb).toBe(x12DecimalToCents(bpr.elements[2]!));
    expect(envelopeProblems(result.text)).toEqual([]);
  });

  it('writes CLP with status, patient responsibility = Σ PR and the payer claim control number', () => {
    const clps = segs.filter((s) => s.id === 'CLP').map((s) => s.elements.slice(1));
    expect(clps).toEqual([
      ['C0GOLDEN00001', '1', '212.5', '170', '42.5', '12', '26327000000101', '12', '1'],
      ['C0GOLDEN00003', '1', '212.5', '120', '30', '12', '26327000000103', '12', '1'],
      ['C0GOLDEN00004', '4', '62.5', '0', '', '12', '26327000000104', '12', '1'],
    ]);
  });

  it('writes SVC, CAS, AMT*B6 and LQ per line, and every line balances', () => {
    const { delimiters } = tokenize(result.text);
    let line: { charge: number; paid: number; adjusted: number } | null = null;
    const balances: number[] = [];
    const close = () => {
      if (line) balances.push(line.charge - line.paid - line.adjusted);
    };
    for (const s of segs) {
      if (s.id === 'SVC' || s.id === 'CLP' || s.id === 'SE') {
        close();
        line =
          s.id === 'SVC'
            ? {
                charge: x12DecimalToCents(s.elements[2]!)!,
                paid: x12DecimalToCents(s.elements[3]!)!,
                adjusted: 0,
              }
            : null;
      }
      if (s.id === 'CAS' && line) {
        for (let i = 3; i < s.elements.length; i += 3) line.adjusted += x12DecimalToCents(s.elements[i]!)!;
      }
    }
    expect(balances).toEqual([0, 0, 0, 0, 0]);
    const svc = segs.filter((s) => s.id === 'SVC');
    expect(components(svc[3]!.elements[1]!, delimiters)).toEqual(['HC', '97155']);
    const cas = segs.filter((s) => s.id === 'CAS').map((s) => s.elements.slice(1));
    expect(cas).toEqual([
      ['PR', '2', '30'],
      ['PR', '2', '12.5'],
      ['PR', '2', '30'],
      ['CO', '4', '62.5'],
      ['CO', '4', '62.5'],
    ]);
    expect(segs.filter((s) => s.id === 'LQ').map((s) => s.elements.slice(1))).toEqual([['HE', 'N519']]);
  });

  it('refuses what would not balance or not validate, naming the claim by position', () => {
    const payment = remit835.payments[0]!;
    const claim = payment.claims[0]!;
    const line = claim.lines[0]!;
    const withClaim = (c: typeof claim) =>
      thrown(() => write835({ ...remit835, payments: [{ ...payment, claims: [c] }] }), X12WriteError).message;
    expect(withClaim({ ...claim, lines: [{ ...line, paidCents: 12001 }, claim.lines[1]!] })).toMatch(
      /SVC03: claims\[0\]\.lines\[0\]: charge − paid ≠ the line adjustments/,
    );
    expect(withClaim({ ...claim, chargeCents: 21251 })).toMatch(/CLP03: claims\[0\]: the lines' charges/);
    expect(withClaim({ ...claim, paidCents: 16999 })).toMatch(/CLP04: claims\[0\]: charge − paid/);
    expect(withClaim({ ...claim, filingIndicator: 'CI' })).toMatch(/CLP06/);
    const crLine = { ...line, adjustments: [{ group: 'CR' as const, reason: '2', amountCents: 3000 }] };
    expect(withClaim({ ...claim, lines: [crLine, claim.lines[1]!] })).toMatch(/CAS01/);
    // A payment of zero must say NON, and a positive one must not.
    const denied = payment.claims[2]!;
    expect(
      thrown(
        () =>
          write835({ ...remit835, payments: [{ ...payment, claims: [denied], providerAdjustments: [] }] }),
        X12WriteError,
      ).message,
    ).toMatch(/BPR04/);
    const none = write835({
      ...remit835,
      payments: [{ ...payment, method: 'NON', claims: [denied], providerAdjustments: [] }],
    });
    expect(
      tokenize(none.text)
        .segments.find((s) => s.id === 'BPR')!
        .elements.slice(1, 5),
    ).toEqual(['H', '0', 'C', 'NON']);
  });

  it('one transaction set per payment, numbered from 0001', () => {
    const payment = remit835.payments[0]!;
    const text = write835({ ...remit835, payments: [payment, { ...payment, traceNumber: '91000418' }] }).text;
    expect(segments(text, 'ST').map((s) => s.elements.slice(1))).toEqual([
      ['835', '0001'],
      ['835', '0002'],
    ]);
    expect(envelopeProblems(text)).toEqual([]);
    expect(segments(text, 'GS')[0]!.elements[8]).toBe('005010X221A1');
    expect(ackEnvelope.usage).toBe('T');
  });
});
