import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Adjustment } from '../../domain/posting.ts';
import { formatCentsDecimal } from '../../money/format.ts';
import { X12SyntaxError } from '../errors.ts';
import { thrown } from '../testing/thrown.ts';
import { synthetic835Input } from './fixtures/synthetic835.ts';
import {
  type Parsed835,
  type Parsed835Claim,
  type Parsed835Summary,
  Remit835Reader,
  read835,
  read835Stream,
} from './read835.ts';
import { remit835 } from './testInput.ts';
import {
  type ClaimStatus835,
  type Remit835Claim,
  type Remit835Line,
  type Remit835Payment,
  type Write835Input,
  write835,
} from './write835.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** CLP02 in words, written out here independently of the reader's table. */
const STATUS_WORDS: Record<ClaimStatus835, string> = {
  '1': 'processed_primary',
  '2': 'processed_secondary',
  '3': 'processed_tertiary',
  '4': 'denied',
  '19': 'processed_primary_forwarded',
  '20': 'processed_secondary_forwarded',
  '21': 'processed_tertiary_forwarded',
  '22': 'reversal',
  '23': 'not_our_claim',
  '25': 'predetermination',
};

/** Adjustments as the writer puts them in CAS: same group and reason summed, grouped, zero totals dropped. */
function folded(adjustments: readonly Adjustment[]): Adjustment[] {
  const byGroup = new Map<string, Map<string, number>>();
  for (const a of adjustments) {
    const reasons = byGroup.get(a.group) ?? new Map<string, number>();
    byGroup.set(a.group, reasons);
    reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + a.amountCents);
  }
  const out: Adjustment[] = [];
  for (const [group, reasons] of byGroup) {
    for (const [reason, amountCents] of reasons) {
      if (amountCents !== 0) out.push({ group: group as Adjustment['group'], reason, amountCents });
    }
  }
  return out;
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

function expectedLine(l: Remit835Line) {
  return {
    procedure: l.procedure,
    procedureQualifier: 'HC',
    modifiers: [...(l.modifiers ?? [])],
    chargeCents: l.chargeCents,
    paidCents: l.paidCents,
    units: l.units ?? 1,
    revenueCode: null,
    submittedProcedure: null,
    serviceDate: l.serviceDate ?? null,
    allowedCents: l.allowedCents ?? null,
    lineItemControlNumber: l.lineItemControlNumber ?? null,
    adjustments: folded(l.adjustments),
    remarks: unique(l.remarks ?? []),
    segmentLine: expect.any(Number),
  };
}

function expectedClaim(c: Remit835Claim, p: Remit835Payment, controlNumber: string) {
  let patientResp = 0;
  for (const a of [...(c.adjustments ?? []), ...c.lines.flatMap((l) => l.adjustments)]) {
    if (a.group === 'PR') patientResp += a.amountCents;
  }
  return {
    patientControlNumber: c.patientControlNumber,
    status: STATUS_WORDS[c.status],
    statusCode: c.status,
    chargeCents: c.chargeCents,
    paidCents: c.paidCents,
    patientRespCents: patientResp,
    filingIndicator: c.filingIndicator,
    payerClaimControlNumber: c.payerClaimControlNumber,
    facilityCode: c.placeOfService ?? null,
    frequency: c.frequency ?? null,
    allowedCents: null,
    adjustments: folded(c.adjustments ?? []),
    remarks: unique(c.lines.flatMap((l) => l.remarks ?? [])),
    lines: c.lines.map(expectedLine),
    patient: { last: c.patient.last, first: c.patient.first, id: c.patient.memberId ?? null },
    serviceFrom: null,
    serviceTo: null,
    receivedDate: null,
    payerName: p.payer.name,
    payerId: null,
    payeeNpi: p.payee.npi,
    transactionControlNumber: controlNumber,
    segmentLine: expect.any(Number),
  };
}

/** What read835 must give for what write835 wrote: every figure of the input, in cents. */
function expectedFrom(input: Write835Input, totals: readonly number[]) {
  const transactions = input.payments.map((p, i) => {
    const controlNumber = String(i + 1).padStart(4, '0');
    const plb = p.providerAdjustments ?? [];
    return {
      controlNumber,
      payment: { totalCents: totals[i], method: p.method, trace: p.traceNumber, date: p.paymentDate },
      handlingCode: p.method === 'NON' ? 'H' : 'I',
      creditDebit: 'C',
      originatorId: p.payer.identifier,
      productionDate: input.at.slice(0, 10),
      payer: { name: p.payer.name, id: null },
      payee: { name: p.payee.name, npi: p.payee.npi, taxId: p.payee.taxId ?? null },
      providerAdjustments: plb.map((a) => ({
        reason: a.reason,
        reference: a.reference ?? null,
        amountCents: a.amountCents,
        providerId: p.payee.npi,
        fiscalPeriodEnd: p.fiscalPeriodEnd,
      })),
      claimCount: p.claims.length,
      claimPaidCents: p.claims.reduce((s, c) => s + c.paidCents, 0),
      providerAdjustmentCents: plb.reduce((s, a) => s + a.amountCents, 0),
      balanced: true,
      claims: p.claims.map((c) => expectedClaim(c, p, controlNumber)),
    };
  });
  return { transactions, balanced: true };
}

/** Reads `text` through the streaming reader, cut at `cuts`. */
function streamed(text: string, cuts: readonly number[]) {
  const claims: Parsed835Claim[] = [];
  const reader = new Remit835Reader({ onClaim: (c) => claims.push(c) });
  let from = 0;
  for (const at of [...cuts, text.length]) {
    reader.push(text.slice(from, at));
    from = at;
  }
  return { claims, summaries: reader.end() };
}

const syntaxError = (fn: () => unknown) => thrown(fn, X12SyntaxError);

describe('read835: what write835 wrote', () => {
  it('reads the golden remittance back to the input figures, in cents', () => {
    const { text, totals } = write835(remit835);
    const parsed = read835(text);
    expect(parsed).toEqual(expectedFrom(remit835, totals));
    // Hand-computed: BPR02 = 170.00 + 120.00 + 0 − (−1.25 + 20.00) = 271.25.
    const t = parsed.transactions[0]!;
    expect(t.payment).toEqual({ totalCents: 27125, method: 'CHK', trace: '91000417', date: '2026-11-30' });
    expect([t.claimPaidCents, t.providerAdjustmentCents, t.balanced]).toEqual([29000, 1875, true]);
    expect(t.claims.map((c) => [c.patientControlNumber, c.status, c.paidCents, c.patientRespCents])).toEqual([
      ['C0GOLDEN00001', 'processed_primary', 17000, 4250],
      ['C0GOLDEN00003', 'processed_primary', 12000, 3000],
      ['C0GOLDEN00004', 'denied', 0, 0],
    ]);
    expect(t.claims[1]!.lines[1]).toMatchObject({
      procedure: '97155',
      modifiers: [],
      adjustments: [{ group: 'CO', reason: '4', amountCents: 6250 }],
      remarks: ['N519'],
    });
    expect(t.claims[1]!.remarks).toEqual(['N519']);
    expect(t.providerAdjustments.map((a) => [a.reason, a.reference, a.amountCents])).toEqual([
      ['L6', 'INTEREST', -125],
      ['WO', '26327000000099', 2000],
    ]);
  });

  it('streams the same claims in file order, in any chunks, and returns the summaries at end', async () => {
    const { text } = write835(remit835);
    const whole = read835(text);
    const cuts = [1, 2, 3, 105, 106, 107, 400, 401, 900];
    const { claims, summaries } = streamed(text, cuts);
    expect(claims).toEqual(whole.transactions[0]!.claims);
    const { claims: _, ...summary } = whole.transactions[0]!;
    expect(summaries).toEqual([summary]);

    const seen: string[] = [];
    async function* chunks() {
      for (let i = 0; i < text.length; i += 50) yield text.slice(i, i + 50);
    }
    const events: string[] = [];
    const viaIterator = await read835Stream(chunks(), {
      onTransaction: (h) => events.push(`start ${h.controlNumber}`),
      onClaim: (c, h) => {
        seen.push(c.patientControlNumber);
        expect(h.payment.totalCents).toBe(27125);
      },
      onTransactionEnd: (s) => events.push(`end ${s.controlNumber} ${s.claimCount}`),
    });
    expect(viaIterator).toEqual(summaries);
    expect(seen).toEqual(['C0GOLDEN00001', 'C0GOLDEN00003', 'C0GOLDEN00004']);
    expect(events).toEqual(['start 0001', 'end 0001 3']);
  });

  it('reads several payments (ST) in one file, each with its own totals', () => {
    const input: Write835Input = {
      ...remit835,
      payments: [
        remit835.payments[0]!,
        { ...remit835.payments[0]!, traceNumber: 'CHK2', providerAdjustments: [], claims: [] },
      ],
    };
    const bad = { ...input.payments[0]!, method: 'NON' as const };
    expect(() => write835({ ...input, payments: [bad] })).toThrow();
    const { text, totals } = write835({
      ...input,
      payments: [input.payments[0]!, { ...input.payments[1]!, method: 'NON' }],
    });
    const parsed = read835(text);
    expect(parsed.transactions.map((t) => [t.controlNumber, t.payment.totalCents, t.claimCount])).toEqual([
      ['0001', 27125, 3],
      ['0002', 0, 0],
    ]);
    expect(totals).toEqual([27125, 0]);
    expect(parsed.balanced).toBe(true);
  });
});

// Random remittances: lines whose CAS explain charge − paid, claim-level CAS, every CLP02 (reversals with
// negative amounts), PLB pairs of both signs, several payments.
const GROUPS = ['CO', 'OA', 'PI', 'PR'] as const;
const CARCS = ['1', '2', '3', '4', '45', '96', '97', 'A1', 'B7', '253'];
const code = (max: number) => fc.stringMatching(new RegExp(`^[A-Z0-9]{1,${max}}$`));
const isoDate = fc
  .integer({ min: 0, max: 3000 })
  .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const adjustment = fc.record({
  group: fc.constantFrom(...GROUPS),
  reason: fc.constantFrom(...CARCS),
  amountCents: fc.integer({ min: -50_000, max: 500_000 }),
});
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const line: fc.Arbitrary<Remit835Line> = fc
  .record({
    procedure: fc.constantFrom('97153', '97155', '99213', 'J3490', 'T1019'),
    modifiers: optional(fc.subarray(['HN', 'HO', 'U1', '95', '59'], { maxLength: 4 })),
    chargeCents: fc.integer({ min: 0, max: 2_000_000 }),
    adjustments: fc.array(adjustment, { maxLength: 4 }),
    units: optional(fc.integer({ min: 1, max: 99 })),
    serviceDate: optional(isoDate),
    allowedCents: optional(fc.integer({ min: 0, max: 2_000_000 })),
    remarks: optional(fc.subarray(['N519', 'M15', 'N130', 'MA130'], { minLength: 1 })),
    lineItemControlNumber: optional(code(10)),
  })
  .map((l) => ({ ...l, paidCents: l.chargeCents - l.adjustments.reduce((s, a) => s + a.amountCents, 0) }));

const claim: fc.Arbitrary<Remit835Claim> = fc
  .record({
    patientControlNumber: code(20),
    status: fc.constantFrom<ClaimStatus835>('1', '2', '3', '4', '19', '20', '21', '22', '23', '25'),
    lines: fc.array(line, { maxLength: 4 }),
    adjustments: fc.array(adjustment, { maxLength: 3 }),
    chargeWithoutLines: fc.integer({ min: 0, max: 5_000_000 }),
    filingIndicator: fc.constantFrom('12', 'MB', 'MC', 'HM', 'ZZ'),
    payerClaimControlNumber: code(14),
    placeOfService: optional(fc.constantFrom('11', '12')),
    frequency: optional(fc.constantFrom('1', '7', '8')),
    patient: fc.record({
      last: fc.constantFrom('Synthetic', 'Testcase', 'Example'),
      first: fc.constantFrom('Pat', 'Kid', ''),
      memberId: optional(code(12)),
    }),
  })
  .map(({ chargeWithoutLines, ...c }) => {
    const chargeCents =
      c.lines.length > 0 ? c.lines.reduce((s, l) => s + l.chargeCents, 0) : chargeWithoutLines;
    let adjusted = c.adjustments.reduce((s, a) => s + a.amountCents, 0);
    for (const l of c.lines) adjusted += l.adjustments.reduce((s, a) => s + a.amountCents, 0);
    const built: Remit835Claim = { ...c, chargeCents, paidCents: chargeCents - adjusted };
    if (c.status !== '22') return built;
    // A reversal takes back what was paid: every amount negative.
    const neg = (a: Adjustment) => ({ ...a, amountCents: -a.amountCents });
    return {
      ...built,
      chargeCents: -built.chargeCents,
      paidCents: -built.paidCents,
      adjustments: c.adjustments.map(neg),
      lines: c.lines.map((l) => ({
        ...l,
        chargeCents: -l.chargeCents,
        paidCents: -l.paidCents,
        adjustments: l.adjustments.map(neg),
      })),
    };
  });

const payment: fc.Arbitrary<Remit835Payment> = fc
  .record({
    claims: fc.array(claim, { maxLength: 6 }),
    plb: fc.array(
      fc.record({
        reason: fc.constantFrom('L6', 'WO', 'FB', 'CV', '72'),
        reference: optional(code(14)),
        amountCents: fc.integer({ min: -100_000, max: 100_000 }),
      }),
      { maxLength: 8 },
    ),
    traceNumber: code(20),
  })
  .map(({ claims, plb, traceNumber }) => {
    const paid = claims.reduce((s, c) => s + c.paidCents, 0);
    const adjustments = [...plb];
    const short = paid - plb.reduce((s, a) => s + a.amountCents, 0);
    // BPR02 cannot be negative: a negative PLB (money added) brings the total to zero.
    if (short < 0) adjustments.push({ reason: 'L6', reference: undefined, amountCents: short });
    const p = remit835.payments[0]!;
    return {
      ...p,
      method: short <= 0 ? 'NON' : 'CHK',
      traceNumber,
      claims,
      providerAdjustments: adjustments,
    } satisfies Remit835Payment;
  });

describe('read835: property (random remittances through write835)', () => {
  it('reads back every payment, claim, line, CAS and PLB exactly; balanced; the same when streamed', () => {
    fc.assert(
      fc.property(
        fc.array(payment, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (payments, cuts) => {
          const input: Write835Input = { ...remit835, payments };
          const { text, totals } = write835(input);
          const parsed = read835(text);
          expect(parsed).toEqual(expectedFrom(input, totals));
          const positions = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
          expect(streamed(text, positions).claims).toEqual(parsed.transactions.flatMap((t) => t.claims));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('flags a payment whose BPR02 is off by a cent as not balanced, and only that one', () => {
    fc.assert(
      fc.property(fc.array(payment, { minLength: 2, maxLength: 3 }), fc.nat(), (payments, pick) => {
        const { text, totals } = write835({ ...remit835, payments });
        const which = pick % payments.length;
        let n = -1;
        const tampered = text.replace(/BPR\*([HI])\*([^*]+)\*/g, (whole, handling: string) => {
          n++;
          return n === which ? `BPR*${handling}*${formatCentsDecimal(totals[which]! + 1)}*` : whole;
        });
        const parsed = read835(tampered);
        expect(parsed.transactions.map((t) => t.balanced)).toEqual(payments.map((_, i) => i !== which));
        expect(parsed.balanced).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('read835: our fixtures (shared/x12/ack/fixtures, synthetic)', () => {
  // One claim, two lines (hand-computed): 150.00 − 120.00 = CO-45 15.00 + PR-2 15.00;
  // 100.00 − 62.00 = CO-45 12.50 + CO-253 0.50 + PR-1 25.00; paid 182.00 = BPR02; PR 40.00.
  const basic = {
    patientControlNumber: 'PCN-A1',
    status: 'processed_primary',
    statusCode: '1',
    chargeCents: 25000,
    paidCents: 18200,
    patientRespCents: 4000,
    payerClaimControlNumber: 'ICN0001',
    allowedCents: 22200,
    serviceFrom: '2026-11-02',
    serviceTo: '2026-11-02',
    payerName: 'SYNTHETIC HEALTH PLAN',
    payerId: 'SYN01',
    payeeNpi: '1234567893',
    adjustments: [],
    remarks: ['N130'],
    lines: [
      {
        procedure: '97153',
        modifiers: ['HN'],
        chargeCents: 15000,
        paidCents: 12000,
        units: 6,
        serviceDate: '2026-11-02',
        allowedCents: 13500,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 1500 },
          { group: 'PR', reason: '2', amountCents: 1500 },
        ],
        remarks: [],
      },
      {
        procedure: '97155',
        modifiers: [],
        chargeCents: 10000,
        paidCents: 6200,
        units: 2,
        serviceDate: '2026-11-02',
        allowedCents: 8700,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 1250 },
          { group: 'CO', reason: '253', amountCents: 50 },
          { group: 'PR', reason: '1', amountCents: 2500 },
        ],
        remarks: ['N130'],
      },
    ],
  };

  it("reads the same claim with a BOM, CRLF and indentation, a newline terminator, or | > ' delimiters", () => {
    for (const name of ['bom_crlf_indented.835', 'newline_terminated.835', 'nonstandard_delimiters.835']) {
      const parsed = read835(fixture(name));
      expect(parsed.balanced, name).toBe(true);
      const t = parsed.transactions[0]!;
      expect(t.payment, name).toEqual({
        totalCents: 18200,
        method: 'CHK',
        trace: 'CHK5001',
        date: '2026-11-30',
      });
      expect(t.payer, name).toEqual({ name: 'SYNTHETIC HEALTH PLAN', id: 'SYN01' });
      expect(t.payee, name).toEqual({
        name: 'SYNTHETIC THERAPY GROUP',
        npi: '1234567893',
        taxId: '999999999',
      });
      expect(t.productionDate, name).toBe('2026-11-29');
      expect(t.claims, name).toEqual([
        expect.objectContaining({ ...basic, lines: basic.lines.map((l) => expect.objectContaining(l)) }),
      ]);
    }
  });

  it('reads a reversal (CLP02 22, negative amounts) and its correction for the same claim', () => {
    const t = read835(fixture('reversal_correction.835')).transactions[0]!;
    // −182.00 + 200.00 = 18.00
    expect([t.payment.totalCents, t.claimPaidCents, t.balanced]).toEqual([1800, 1800, true]);
    const [reversal, correction] = t.claims;
    expect(reversal).toMatchObject({
      patientControlNumber: 'PCN-A1',
      status: 'reversal',
      statusCode: '22',
      chargeCents: -25000,
      paidCents: -18200,
      patientRespCents: -4000,
      payerClaimControlNumber: 'ICN0001',
      frequency: '1',
    });
    expect(reversal!.lines.map((l) => [l.procedure, l.chargeCents, l.paidCents, l.units])).toEqual([
      ['97153', -15000, -12000, -6],
      ['97155', -10000, -6200, -2],
    ]);
    expect(reversal!.lines[1]!.adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: -1250 },
      { group: 'CO', reason: '253', amountCents: -50 },
      { group: 'PR', reason: '1', amountCents: -2500 },
    ]);
    expect(correction).toMatchObject({
      patientControlNumber: 'PCN-A1',
      status: 'processed_primary',
      chargeCents: 25000,
      paidCents: 20000,
      patientRespCents: 2500,
      payerClaimControlNumber: 'ICN0002',
      frequency: '7',
    });
  });

  it('reads PLB interest (negative, adds) and recoupment (positive, reduces) over two PLB segments', () => {
    const t = read835(fixture('plb_interest_recoupment.835')).transactions[0]!;
    // Σ CLP04 = 100.00 + 80.25 = 180.25; Σ PLB = −2.37 + 45.50 + 10.00 = 53.13; 180.25 − 53.13 = 127.12.
    expect([t.claimPaidCents, t.providerAdjustmentCents, t.payment.totalCents, t.balanced]).toEqual([
      18025,
      5313,
      12712,
      true,
    ]);
    expect(t.providerAdjustments).toEqual([
      {
        reason: 'L6',
        reference: 'PCN-B1',
        amountCents: -237,
        providerId: '1234567893',
        fiscalPeriodEnd: '2026-12-31',
      },
      {
        reason: 'WO',
        reference: 'ICN0007',
        amountCents: 4550,
        providerId: '1234567893',
        fiscalPeriodEnd: '2026-12-31',
      },
      {
        reason: 'FB',
        reference: 'ADJ1',
        amountCents: 1000,
        providerId: '1234567893',
        fiscalPeriodEnd: '2026-12-31',
      },
    ]);
    expect(t.claims.map((c) => [c.patientControlNumber, c.paidCents, c.patientRespCents, c.remarks])).toEqual(
      [
        ['PCN-B1', 10000, 0, []],
        ['PCN-B2', 8025, 975, ['MA01', 'MA18']],
      ],
    );
    expect(t.claims[1]!.adjustments).toEqual([
      { group: 'CO', reason: '45', amountCents: 1000 },
      { group: 'PR', reason: '3', amountCents: 975 },
    ]);
  });

  it('reads an unbalanced file fully and says it does not balance', () => {
    const parsed = read835(fixture('unbalanced.835'));
    const t = parsed.transactions[0]!;
    // BPR02 127.21 but 180.25 − 53.13 = 127.12.
    expect([t.payment.totalCents, t.claimPaidCents - t.providerAdjustmentCents]).toEqual([12721, 12712]);
    expect([t.balanced, parsed.balanced, t.claims.length]).toEqual([false, false, 2]);
  });

  it('balances a debit (BPR03 D): the payee owes what PLB takes beyond the claims', () => {
    const text = fixture('plb_interest_recoupment.835')
      .replace('BPR*I*127.12*C*', 'BPR*I*27.88*D*')
      .replace('FB:ADJ1*10~', 'FB:ADJ1*165~');
    // 180.25 − (−2.37 + 45.50 + 165.00) = −27.88, paid by the payee.
    const t = read835(text).transactions[0]!;
    expect([t.creditDebit, t.payment.totalCents, t.balanced]).toEqual(['D', 2788, true]);
  });

  it('reads two interchanges one after the other', () => {
    const text = fixture('reversal_correction.835') + fixture('plb_interest_recoupment.835');
    const parsed = read835(text);
    expect(parsed.transactions.map((t) => t.payment.trace)).toEqual(['CHK5002', 'CHK5003']);
  });
});

/** The golden remittance, one segment per line, for the malformed corpus below. */
const BASE = fixture('plb_interest_recoupment.835');
// Lines (segment ordinals): 1 ISA, 2 GS, 3 ST, 4 BPR, 5 TRN, … 14 LX, 15 CLP, 16 NM1, 17 CAS, 18 CLP,
// 19 NM1, 20 CAS, 21 CAS, 22 MOA, 23 PLB, 24 PLB, 25 SE, 26 GE, 27 IEA.
const lines = BASE.split('~\n').filter((s) => s !== '');
const rebuild = (segments: readonly string[]) => `${segments.map((s) => `${s}~\n`).join('')}`;
function edit(at: number, replacement: string | null): string {
  const copy = [...lines];
  if (replacement === null) copy.splice(at - 1, 1);
  else copy[at - 1] = replacement;
  return rebuild(copy);
}
function insert(before: number, segment: string): string {
  const copy = [...lines];
  copy.splice(before - 1, 0, segment);
  return rebuild(copy);
}
function withSe(text: string, delta: number): string {
  return text.replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + delta}*`);
}

describe('read835: malformed input is an X12SyntaxError naming segment and line, never anything else', () => {
  const cases: [string, string, { code: string; segmentId: string; line: number }][] = [
    ['empty input', '', { code: 'no_isa', segmentId: '?', line: 1 }],
    ['blank input', ' \r\n\t', { code: 'no_isa', segmentId: '?', line: 1 }],
    ['not X12', 'Remittance advice\nPaid: 127.12\n', { code: 'no_isa', segmentId: '?', line: 1 }],
    [
      'ISA16 the element separator',
      BASE.replace('*T*:~', '*T***'),
      { code: 'bad_delimiters', segmentId: 'ISA', line: 1 },
    ],
    [
      'truncated after a segment',
      rebuild(lines.slice(0, 21)),
      { code: 'structure', segmentId: 'SE', line: 22 },
    ],
    [
      'truncated inside a segment',
      BASE.slice(0, BASE.indexOf('WO:ICN0007')),
      { code: 'unterminated', segmentId: 'PLB', line: 23 },
    ],
    ['truncated after SE', rebuild(lines.slice(0, 25)), { code: 'structure', segmentId: 'GE', line: 26 }],
    ['truncated after GE', rebuild(lines.slice(0, 26)), { code: 'structure', segmentId: 'IEA', line: 27 }],
    ['SE01 one short', withSe(BASE, -1), { code: 'structure', segmentId: 'SE', line: 25 }],
    ['SE01 not a number', edit(25, 'SE*2X*0001'), { code: 'bad_value', segmentId: 'SE', line: 25 }],
    ['SE02 not ST02', edit(25, 'SE*23*0002'), { code: 'structure', segmentId: 'SE', line: 25 }],
    ['GE01 wrong', edit(26, 'GE*2*103'), { code: 'structure', segmentId: 'GE', line: 26 }],
    ['GE02 not GS06', edit(26, 'GE*1*104'), { code: 'structure', segmentId: 'GE', line: 26 }],
    ['IEA01 wrong', edit(27, 'IEA*2*000000103'), { code: 'structure', segmentId: 'IEA', line: 27 }],
    ['ST01 not 835', edit(3, 'ST*837*0001'), { code: 'structure', segmentId: 'ST', line: 3 }],
    [
      'unknown segment id in a claim',
      withSe(insert(17, 'ZZZ*1'), 1),
      { code: 'structure', segmentId: 'ZZZ', line: 17 },
    ],
    [
      'an 837 segment in an 835',
      withSe(insert(17, 'CLM*PCN*1'), 1),
      { code: 'structure', segmentId: 'CLM', line: 17 },
    ],
    [
      'SVC before any CLP',
      withSe(insert(15, 'SVC*HC:99213*10*10'), 1),
      { code: 'structure', segmentId: 'SVC', line: 15 },
    ],
    [
      'LQ outside a service line',
      withSe(insert(17, 'LQ*HE*N130'), 1),
      { code: 'structure', segmentId: 'LQ', line: 17 },
    ],
    [
      'CLP after PLB',
      withSe(insert(24, 'CLP*X*1*1*1**MC*ICN'), 1),
      { code: 'structure', segmentId: 'CLP', line: 24 },
    ],
    [
      'N1 inside a claim',
      withSe(insert(17, 'N1*PR*OTHER PAYER'), 1),
      { code: 'structure', segmentId: 'N1', line: 17 },
    ],
    ['TRN before BPR', edit(4, 'TRN*1*X*1999999999'), { code: 'structure', segmentId: 'TRN', line: 4 }],
    ['no payee', withSe(edit(12, null), -1), { code: 'structure', segmentId: 'LX', line: 13 }],
    ['a segment between SE and GE', insert(26, 'LX*1'), { code: 'structure', segmentId: 'LX', line: 26 }],
    ['a second ST inside the set', insert(6, 'ST*835*0002'), { code: 'structure', segmentId: 'ST', line: 6 }],
    [
      'CLP04 with 3 decimals',
      edit(18, 'CLP*PCN-B2*1*100*80.255*9.75*MC*ICN0006*11*1'),
      { code: 'bad_value', segmentId: 'CLP', line: 18 },
    ],
    [
      'CLP03 not a number',
      edit(18, 'CLP*PCN-B2*1*1OO*80.25*9.75*MC*ICN0006*11*1'),
      { code: 'bad_value', segmentId: 'CLP', line: 18 },
    ],
    [
      'CLP02 not a status',
      edit(18, 'CLP*PCN-B2*9*100*80.25*9.75*MC*ICN0006*11*1'),
      { code: 'bad_value', segmentId: 'CLP', line: 18 },
    ],
    [
      'CLP01 empty',
      edit(18, 'CLP**1*100*80.25*9.75*MC*ICN0006*11*1'),
      { code: 'bad_value', segmentId: 'CLP', line: 18 },
    ],
    ['CAS group unknown', edit(20, 'CAS*XX*45*10'), { code: 'bad_value', segmentId: 'CAS', line: 20 }],
    ['CAS reason without amount', edit(20, 'CAS*CO*45'), { code: 'bad_value', segmentId: 'CAS', line: 20 }],
    ['CAS amount without reason', edit(20, 'CAS*CO**10'), { code: 'bad_value', segmentId: 'CAS', line: 20 }],
    [
      'BPR02 malformed',
      edit(4, 'BPR*I*127,12*C*CHK************20261130'),
      { code: 'bad_value', segmentId: 'BPR', line: 4 },
    ],
    [
      'BPR04 unknown method',
      edit(4, 'BPR*I*127.12*C*CASH************20261130'),
      { code: 'bad_value', segmentId: 'BPR', line: 4 },
    ],
    [
      'BPR16 not a date',
      edit(4, 'BPR*I*127.12*C*CHK************20261331'),
      { code: 'bad_value', segmentId: 'BPR', line: 4 },
    ],
    ['DTM date malformed', edit(6, 'DTM*405*2026112'), { code: 'bad_value', segmentId: 'DTM', line: 6 }],
    [
      'PLB without reason',
      edit(24, 'PLB*1234567893*20261231**10'),
      { code: 'bad_value', segmentId: 'PLB', line: 24 },
    ],
    [
      'PLB amount malformed',
      edit(24, 'PLB*1234567893*20261231*FB:ADJ1*1O'),
      { code: 'bad_value', segmentId: 'PLB', line: 24 },
    ],
    [
      'a lower-case segment id',
      edit(17, 'cas*CO*45*20'),
      { code: 'bad_segment_id', segmentId: '?', line: 17 },
    ],
  ];

  for (const [name, text, want] of cases) {
    it(name, () => {
      const e = syntaxError(() => read835(text));
      expect({ code: e.code, segmentId: e.segmentId, line: e.line }).toEqual(want);
      expect(e.message).toMatch(/^X12 syntax error: [A-Z0-9?]{1,3} at line \d+: [^\n]+$/);
      // Values are patient data: no message quotes one.
      for (const value of ['PCN-B2', 'EXAMPLE', '80.255', '1OO', 'ICN0006', 'M0006']) {
        expect(e.message).not.toContain(value);
      }
      // Streaming says exactly the same.
      const s = syntaxError(() => streamed(text, [7, 130, 131, 500]));
      expect(s.message).toBe(e.message);
    });
  }

  it('property: random bytes, and random edits of a good file, parse or fail with an X12SyntaxError', () => {
    const anyText = fc.oneof(
      fc.uint8Array({ maxLength: 600 }).map((b) => new TextDecoder().decode(b)),
      fc.string({ unit: 'binary', maxLength: 300 }).map((s) => lines[0] + s),
      fc
        .record({
          edits: fc.array(
            fc.record({
              at: fc.nat(),
              delete: fc.nat({ max: 5 }),
              text: fc.constantFrom(
                '',
                '~',
                '*',
                ':',
                '-',
                '.',
                '9',
                'CLP',
                'SVC*',
                'PLB*',
                'LQ*HE*',
                '\n',
                '\u0000',
              ),
            }),
            { minLength: 1, maxLength: 5 },
          ),
        })
        .map(({ edits }) => {
          let text = BASE;
          for (const e of edits) {
            const p = e.at % (text.length + 1);
            text = text.slice(0, p) + e.text + text.slice(p + e.delete);
          }
          return text;
        }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const parsed: Parsed835 = read835(text);
          expect(parsed.transactions.length).toBeGreaterThan(0);
        } catch (e) {
          if (!(e instanceof X12SyntaxError)) throw e;
          expect(e.message).toMatch(/^X12 syntax error: [A-Z0-9?]{1,3} at line \d+: [^\n]+$/);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('read835: a 50 MB remittance', () => {
  it('streams it in 1 MB chunks without holding it as segments or claims, or fails cleanly', () => {
    // 1,000 synthetic claims written once, their transaction set repeated with fresh control numbers.
    const { text, totals } = write835(synthetic835Input({ claims: 1000, claimsPerPayment: 1000 }));
    const st = text.indexOf('ST*835*');
    const se = text.indexOf('GE*');
    const head = text.slice(0, st);
    const set = text.slice(st, se);
    const copies = Math.ceil(50_000_000 / set.length);
    const sets: string[] = [];
    for (let i = 1; i <= copies; i++) {
      const control = String(i).padStart(4, '0');
      sets.push(
        set.replace('ST*835*0001~', `ST*835*${control}~`).replace(/SE\*(\d+)\*0001~/, `SE*$1*${control}~`),
      );
    }
    const big = `${head}${sets.join('')}GE*${copies}*9001~\nIEA*1*000009001~\n`;
    expect(big.length).toBeGreaterThan(50_000_000);

    let claims = 0;
    let paid = 0;
    const reader = new Remit835Reader({
      onClaim: (c) => {
        claims++;
        paid += c.paidCents;
      },
    });
    for (let at = 0; at < big.length; at += 1 << 20) reader.push(big.slice(at, at + (1 << 20)));
    const summaries: Parsed835Summary[] = reader.end();
    expect(claims).toBe(1000 * copies);
    expect(summaries).toHaveLength(copies);
    expect(summaries.every((s) => s.balanced && s.payment.totalCents === totals[0])).toBe(true);
    expect(paid).toBe(summaries.reduce((s, t) => s + t.claimPaidCents, 0));

    // Cut short in the middle: a clean X12SyntaxError, not an exhausted heap.
    const cut = new Remit835Reader();
    cut.push(big.slice(0, 30_000_000));
    expect(() => cut.end()).toThrow(X12SyntaxError);
  });
});

// Public 835 samples beside the project (../shared/fixtures/x12/835, see its SOURCES.md).
const FIXTURES = new URL('../../../../shared/fixtures/x12/835/', import.meta.url);
const present = existsSync(FIXTURES);
const sample = (name: string) => read835(readFileSync(new URL(name, FIXTURES), 'utf8'));

describe('read835 over the public samples', () => {
  it.skipIf(!present)(
    present
      ? 'reads every file in ../shared/fixtures/x12/835; each balances'
      : 'SKIPPED: ../shared/fixtures/x12/835 is not present beside the project (public samples, not in the repo)',
    () => {
      const files = readdirSync(FIXTURES).sort();
      expect(files.length).toBeGreaterThanOrEqual(4);
      for (const name of files) {
        const parsed = sample(name);
        expect(parsed.balanced, name).toBe(true);
        for (const c of parsed.transactions.flatMap((t) => t.claims)) {
          expect(c.patientControlNumber, name).not.toBe('');
          expect(Number.isSafeInteger(c.paidCents), name).toBe(true);
        }
      }
    },
  );

  it.skipIf(!present)(
    present
      ? 'reads the known samples exactly (hand-checked figures)'
      : 'SKIPPED: ../shared/fixtures/x12/835 is not present beside the project (public samples, not in the repo)',
    () => {
      // Medicare Part A: 138,018.40 + 11,980.33 − (−1.27 CV) = 150,000.00.
      const partA = sample('tr3_medicare_part_a_plb_mia_moa.edi').transactions[0]!;
      expect([partA.payment.totalCents, partA.claimPaidCents, partA.providerAdjustmentCents]).toEqual([
        15_000_000, 14_999_873, -127,
      ]);
      expect(partA.providerAdjustments[0]).toMatchObject({
        reason: 'CV',
        reference: 'CP',
        amountCents: -127,
      });
      expect(partA.payer).toEqual({ name: 'INSURANCE COMPANY OF TIMBUCKTU', id: '999' });
      expect(partA.claims.map((c) => [c.patientControlNumber, c.adjustments, c.remarks])).toEqual([
        ['666123', [{ group: 'CO', reason: '45', amountCents: 7_334_857 }], []],
        ['777777', [{ group: 'CO', reason: '45', amountCents: 301_967 }], ['MA02']],
      ]);

      // Dental, one check: 9 claims paid 810.80 in all; the 3rd has PR-3 on two lines.
      const dental = sample('tr3_multiple_claims_single_check.edi').transactions[0]!;
      expect([dental.payment.totalCents, dental.claims.length, dental.payment.method]).toEqual([
        81_080,
        9,
        'CHK',
      ]);
      expect(dental.claims[2]).toMatchObject({
        chargeCents: 22_600,
        paidCents: 10_800,
        patientRespCents: 2_400,
      });
      expect(dental.claims[2]!.lines[1]).toMatchObject({
        procedure: 'D0220',
        procedureQualifier: 'AD',
        units: 1,
        allowedCents: 1_400,
        adjustments: [
          { group: 'PR', reason: '3', amountCents: 1_400 },
          { group: 'CO', reason: '131', amountCents: 1_100 },
        ],
      });

      // eMedNY: LQ*HE remarks, units 0 on denied lines, the same file with newline terminators.
      const profee = sample('emedny_profee_lq_rarc.edi');
      expect(sample('emedny_newline_terminated.edi')).toEqual(profee);
      const third = profee.transactions[0]!.claims[2]!;
      expect([third.paidCents, third.allowedCents, third.remarks]).toEqual([1_150, 1_150, ['N206']]);
      expect(third.lines.map((l) => [l.procedure, l.modifiers, l.units, l.remarks])).toEqual([
        ['V2020', ['RB'], 1, []],
        ['V2103', ['RB'], 1, []],
        ['V2700', ['RB'], 0, ['N206']],
        ['S0580', [], 0, ['N206']],
      ]);
      expect(third.lines[1]!.serviceDate).toBe('2013-09-17');
    },
  );
});
