import type { Adjustment } from '../../domain/posting.ts';
import type { PersonName, PostalAddress } from '../../domain/primitives.ts';
import { formatCentsDecimal } from '../../money/format.ts';
import { type AdjustmentTotals, addAdjustments, casSegments } from '../837p/adjustments.ts';
import { requiredText, x12Date, x12Text } from '../837p/text.ts';
import { X12WriteError } from '../errors.ts';
import type { X12Value, X12Writer } from '../segmentWriter.ts';
import { type AckEnvelope, closeAck, openAck } from './envelope.ts';

export const X221A1 = '005010X221A1';

/** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 forwarded, 22 reversal, 23 not our claim, 25 predetermination. */
export type ClaimStatus835 = '1' | '2' | '3' | '4' | '19' | '20' | '21' | '22' | '23' | '25';

/** One service line (2110 SVC). */
export interface Remit835Line {
  /** The procedure adjudicated (HCPCS/CPT, SVC01-2) and its modifiers. */
  procedure: string;
  modifiers?: readonly string[];
  chargeCents: number;
  paidCents: number;
  /** SVC05: units paid. */
  units?: number;
  /** DTM*472 (YYYY-MM-DD). */
  serviceDate?: string;
  /** CAS: charge − paid must equal their sum. */
  adjustments: readonly Adjustment[];
  /** AMT*B6: the allowed amount, when known. */
  allowedCents?: number;
  /** LQ*HE: remittance advice remark codes (RARC). */
  remarks?: readonly string[];
  /** REF*6R: the line item control number sent on the claim (2400 REF*6R). */
  lineItemControlNumber?: string;
}

/** One claim payment (2100 CLP). */
export interface Remit835Claim {
  /** CLP01: the claim's CLM01. */
  patientControlNumber: string;
  status: ClaimStatus835;
  chargeCents: number;
  paidCents: number;
  /** CLP06: the claim filing indicator, e.g. 'CI' commercial, 'MC' Medicaid. */
  filingIndicator: string;
  /** CLP07: the payer's claim control number (what a corrected or void claim quotes in REF*F8). */
  payerClaimControlNumber: string;
  /** CLP08: the place of service of a professional claim. */
  placeOfService?: string;
  /** CLP09: the claim frequency (CLM05-3). */
  frequency?: string;
  patient: PersonName & { memberId?: string };
  /** Claim-level CAS (not allocated to lines). */
  adjustments?: readonly Adjustment[];
  lines: readonly Remit835Line[];
}

/** A provider-level adjustment (PLB): positive amounts reduce the payment (e.g. WO recoupment), negative add (L6 interest). */
export interface Remit835ProviderAdjustment {
  /** PLB03-1, e.g. 'L6' interest, 'WO' overpayment recovery, 'FB' forwarding balance. */
  reason: string;
  /** PLB03-2: reference (e.g. the claim control number recovered). */
  reference?: string;
  amountCents: number;
}

/** One payment (one 835 transaction set): a payer pays a payee for some claims. */
export interface Remit835Payment {
  payer: {
    name: string;
    /** TRN03: '1' followed by the payer's 9-digit federal tax id (10 characters). */
    identifier: string;
    address: PostalAddress;
    /** PER*BL technical contact: a name and a phone (10 digits) or a web address. */
    contact: { name?: string; phone?: string; url?: string };
  };
  payee: { name: string; npi: string; taxId?: string };
  /** BPR04: CHK a check, or NON when nothing is paid (BPR01 H, notification only). ACH needs bank details and is not written. */
  method: 'CHK' | 'NON';
  /** TRN02: the check or EFT trace number. */
  traceNumber: string;
  /** BPR16: the check issue or EFT effective date (YYYY-MM-DD). */
  paymentDate: string;
  claims: readonly Remit835Claim[];
  providerAdjustments?: readonly Remit835ProviderAdjustment[];
  /** PLB02: the last day of the provider's fiscal year (YYYY-MM-DD), when there are provider adjustments. */
  fiscalPeriodEnd?: string;
}

export interface Write835Input extends AckEnvelope {
  payments: readonly Remit835Payment[];
}

export interface Write835Result {
  text: string;
  /** BPR02 per payment, in integer cents. */
  totals: number[];
}

const PHONE = /^\d{10}$/;
const PAYER_IDENTIFIER = /^1\d{9}$/;
const CAS_GROUPS = new Set(['CO', 'OA', 'PI', 'PR']);
const LQ_PER_LINE = 99;
/** CLP06 codes of the 835 (the 837's SBR09 has more, e.g. CI commercial: map those before writing). */
export const CLAIM_FILING_CODES_835: ReadonlySet<string> = new Set([
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'CH',
  'DS',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
]);

function sum(adjustments: readonly Adjustment[]): number {
  let total = 0;
  for (const a of adjustments) total += a.amountCents;
  return total;
}

function checkAdjustments(adjustments: readonly Adjustment[], where: string): void {
  for (const a of adjustments) {
    if (!CAS_GROUPS.has(a.group))
      throw new X12WriteError('CAS', 1, `${where}: group must be CO, OA, PI or PR`);
    if (!Number.isSafeInteger(a.amountCents))
      throw new X12WriteError('CAS', 3, `${where}: amount must be cents`);
  }
}

function writeCas(w: X12Writer, adjustments: readonly Adjustment[]): void {
  const totals: AdjustmentTotals = new Map();
  addAdjustments(totals, adjustments);
  for (const cas of casSegments(totals)) w.segment('CAS', ...cas);
}

/**
 * Checks the balancing rules the TR3 sets and a receiver re-checks (all in integer cents): per line,
 * charge − paid = Σ line CAS; per claim, charge − paid = Σ claim CAS + Σ line CAS, and the lines'
 * charges add up to the claim's. Returns the patient responsibility (Σ PR) for CLP05.
 */
function balanceClaim(c: Remit835Claim, index: number): number {
  const where = `claims[${index}]`;
  if (!CLAIM_FILING_CODES_835.has(c.filingIndicator)) {
    throw new X12WriteError('CLP', 6, `${where}: not an 835 claim filing indicator code`);
  }
  const claimAdjustments = c.adjustments ?? [];
  checkAdjustments(claimAdjustments, where);
  let adjusted = sum(claimAdjustments);
  let patient = 0;
  for (const a of claimAdjustments) if (a.group === 'PR') patient += a.amountCents;
  if (c.lines.length > 0) {
    let lineCharges = 0;
    c.lines.forEach((line, n) => {
      checkAdjustments(line.adjustments, `${where}.lines[${n}]`);
      const lineAdjusted = sum(line.adjustments);
      if (line.chargeCents - line.paidCents !== lineAdjusted) {
        throw new X12WriteError('SVC', 3, `${where}.lines[${n}]: charge − paid ≠ the line adjustments`);
      }
      lineCharges += line.chargeCents;
      adjusted += lineAdjusted;
      for (const a of line.adjustments) if (a.group === 'PR') patient += a.amountCents;
    });
    if (lineCharges !== c.chargeCents) {
      throw new X12WriteError('CLP', 3, `${where}: the lines' charges do not add up to the claim charge`);
    }
  }
  if (c.chargeCents - c.paidCents !== adjusted) {
    throw new X12WriteError('CLP', 4, `${where}: charge − paid ≠ the claim and line adjustments`);
  }
  return patient;
}

/**
 * Writes an 835 (005010X221A1), one transaction set per payment: BPR (BPR02 = Σ CLP04 − Σ PLB, to the
 * cent), TRN (trace number, payer identifier), payer (N1*PR, N3, N4, PER*BL) and payee (N1*PE with the
 * NPI, REF*TJ tax id), one LX with a CLP per claim (status, charge, paid, patient responsibility = Σ PR,
 * filing indicator, payer claim control number CLP07), claim CAS, NM1*QC, then per line SVC, DTM*472,
 * CAS, REF*6R, AMT*B6, LQ*HE, and PLB. Amounts are integer cents written with the X12 money formatter;
 * a claim or line that does not balance is an X12WriteError, never a file.
 */
export function write835(input: Write835Input): Write835Result {
  if (input.payments.length === 0) throw new X12WriteError('ST', 0, 'an 835 needs at least one payment');
  const { w, stamp } = openAck(input, 'HP', X221A1);
  const totals: number[] = [];
  input.payments.forEach((p, i) => {
    totals.push(writePayment(w, p, i + 1, stamp.date));
  });
  return { text: closeAck(w), totals };
}

function writePayment(
  w: X12Writer,
  p: Remit835Payment,
  controlNumber: number,
  productionDate: string,
): number {
  const patientShares = p.claims.map(balanceClaim);
  let paid = 0;
  for (const c of p.claims) paid += c.paidCents;
  const plb = p.providerAdjustments ?? [];
  let plbTotal = 0;
  for (const a of plb) {
    if (!Number.isSafeInteger(a.amountCents)) throw new X12WriteError('PLB', 4, 'amount must be cents');
    plbTotal += a.amountCents;
  }
  const total = paid - plbTotal;
  if (total < 0) throw new X12WriteError('BPR', 2, 'the payment total is negative');
  if ((total === 0) !== (p.method === 'NON')) {
    throw new X12WriteError('BPR', 4, 'NON is the method exactly when nothing is paid');
  }
  if (!PAYER_IDENTIFIER.test(p.payer.identifier)) {
    throw new X12WriteError('TRN', 3, "the payer identifier is '1' and a 9-digit tax id");
  }
  const paymentDate = x12Date(p.paymentDate, 'BPR', 16);

  // The 835 TR3 leaves ST03 unused (GS08 names the guide).
  w.beginTransaction({ id: '835', controlNumber });
  w.segment(
    'BPR',
    p.method === 'NON' ? 'H' : 'I',
    formatCentsDecimal(total),
    'C',
    p.method,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    paymentDate,
  );
  w.segment('TRN', '1', p.traceNumber, p.payer.identifier);
  w.segment('DTM', '405', productionDate);

  // 1000A payer, 1000B payee.
  w.segment('N1', 'PR', requiredText(p.payer.name, 60, 'N1', 2));
  const a = p.payer.address;
  w.segment('N3', requiredText(a.line1, 55, 'N3', 1), x12Text(a.line2 ?? '', 55));
  w.segment('N4', requiredText(a.city, 30, 'N4', 1), a.state, a.zip);
  const contact: string[] = ['BL', x12Text(p.payer.contact.name ?? '', 60)];
  if (p.payer.contact.phone !== undefined) {
    if (!PHONE.test(p.payer.contact.phone)) throw new X12WriteError('PER', 4, 'the phone must be 10 digits');
    contact.push('TE', p.payer.contact.phone);
  }
  if (p.payer.contact.url !== undefined) contact.push('UR', p.payer.contact.url);
  if (contact.length === 2)
    throw new X12WriteError('PER', 3, 'the payer contact needs a phone or a web address');
  w.segment('PER', ...contact);
  w.segment('N1', 'PE', requiredText(p.payee.name, 60, 'N1', 2), 'XX', p.payee.npi);
  if (p.payee.taxId) w.segment('REF', 'TJ', p.payee.taxId);

  if (p.claims.length > 0) w.segment('LX', '1');
  p.claims.forEach((c, i) => {
    w.segment(
      'CLP',
      c.patientControlNumber,
      c.status,
      formatCentsDecimal(c.chargeCents),
      formatCentsDecimal(c.paidCents),
      patientShares[i] === 0 ? '' : formatCentsDecimal(patientShares[i]!),
      c.filingIndicator,
      c.payerClaimControlNumber,
      c.placeOfService,
      c.frequency,
    );
    writeCas(w, c.adjustments ?? []);
    w.segment(
      'NM1',
      'QC',
      '1',
      requiredText(c.patient.last, 60, 'NM1', 3),
      x12Text(c.patient.first, 35),
      x12Text(c.patient.middle ?? '', 25),
      '',
      '',
      c.patient.memberId ? 'MI' : '',
      c.patient.memberId ? x12Text(c.patient.memberId, 80) : '',
    );
    for (const line of c.lines) writeLine(w, line);
  });

  if (plb.length > 0) {
    if (!p.fiscalPeriodEnd)
      throw new X12WriteError('PLB', 2, 'provider adjustments need the fiscal period end');
    const end = x12Date(p.fiscalPeriodEnd, 'PLB', 2);
    // PLB carries up to 6 adjustments (PLB03–PLB14).
    for (let i = 0; i < plb.length; i += 6) {
      const pairs: X12Value[] = [];
      for (const x of plb.slice(i, i + 6))
        pairs.push([x.reason, x.reference], formatCentsDecimal(x.amountCents));
      w.segment('PLB', p.payee.npi, end, ...pairs);
    }
  }
  w.endTransaction();
  return total;
}

function writeLine(w: X12Writer, line: Remit835Line): void {
  w.segment(
    'SVC',
    ['HC', line.procedure, ...(line.modifiers ?? [])],
    formatCentsDecimal(line.chargeCents),
    formatCentsDecimal(line.paidCents),
    '',
    line.units === undefined ? '' : String(line.units),
  );
  if (line.serviceDate) w.segment('DTM', '472', x12Date(line.serviceDate, 'DTM', 2));
  writeCas(w, line.adjustments);
  if (line.lineItemControlNumber) w.segment('REF', '6R', line.lineItemControlNumber);
  if (line.allowedCents !== undefined) w.segment('AMT', 'B6', formatCentsDecimal(line.allowedCents));
  const remarks = line.remarks ?? [];
  if (remarks.length > LQ_PER_LINE) throw new X12WriteError('LQ', 2, 'at most 99 remark codes per line');
  for (const r of remarks) w.segment('LQ', 'HE', r);
}
