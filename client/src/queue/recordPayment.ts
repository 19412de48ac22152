import { deriveBalances } from '../../../shared/balances/deriveBalances.ts';
import type { Actor } from '../../../shared/domain/actor.ts';
import { type Claim, claimChargeCents } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { Adjustment } from '../../../shared/domain/posting.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { parseMoney } from '../../../shared/money/parse.ts';
import { applyManualPayment } from '../../../shared/posting/applyPlan.ts';
import { planManualPayment } from '../../../shared/posting/manualPayment.ts';

/**
 * Record Payment (SPEC §6, seed 000 "When you receive an ERA / EOB"): the dialog's form as typed, checked
 * live by the server's own rule (`planManualPayment`), and turned into the request. Pure; the dialog
 * (`RecordPaymentDialog.tsx`) only shows what this says.
 */

/** The payer's adjustment groups a row can have; the patient's share (PR) has its own field. */
export const payerGroups = ['CO', 'OA', 'PI', 'CR'] as const;
export type PayerGroup = (typeof payerGroups)[number];

export const groupLabels: Record<PayerGroup, string> = {
  CO: 'CO — contractual',
  OA: 'OA — other',
  PI: 'PI — payer initiated',
  CR: 'CR — correction',
};

/** CARCs of the patient's share: deductible, coinsurance (the server's default), copay. */
export const patientReasons = [
  { code: '1', label: 'Deductible' },
  { code: '2', label: 'Coinsurance' },
  { code: '3', label: 'Copay' },
] as const;
export type PatientReason = (typeof patientReasons)[number]['code'];

export interface AdjustmentRow {
  group: PayerGroup;
  /** The CARC as typed, e.g. "45". */
  reason: string;
  /** Dollars as typed, e.g. "12.50". */
  amount: string;
}

/** Everything the dialog holds, as typed (money in dollars). */
export interface PaymentForm {
  /** Optional: blank lets the server derive it (billed − payer adjustments). */
  allowed: string;
  paid: string;
  adjustments: AdjustmentRow[];
  patientResponsibility: string;
  patientReason: PatientReason;
  /** RARCs, comma- or space-separated: "N130, MA01". */
  remarks: string;
  /** The payer's claim control number (ICN) from the EOB. */
  icn: string;
}

/** The body of `POST /api/practices/:id/claims/:claimId/payments`. */
export interface RecordPaymentRequest {
  allowedCents: number | null;
  paidCents: number;
  adjustments: Adjustment[];
  patientResponsibilityCents: number;
  patientResponsibilityReason: PatientReason;
  remarks: string[];
  payerClaimControlNumber?: string;
}

export type FieldKey =
  | 'allowed'
  | 'paid'
  | 'patientResponsibility'
  | 'remarks'
  | 'icn'
  | `adjustment-${number}`;

export interface PaymentCheck {
  /** A problem per field, in words ("Enter an amount"); empty when every field reads. */
  fieldErrors: Partial<Record<FieldKey, string>>;
  billedCents: number;
  paidCents: number;
  /** The payer's adjustments (rows). */
  adjustmentsCents: number;
  patientCents: number;
  /** billed − (paid + adjustments + patient responsibility); 0 when it balances. */
  differenceCents: number;
  balanced: boolean;
  /** "Billed $120.00 = paid $96.00 + adjustments $0.00 + patient responsibility $24.00". */
  equation: string;
  /** What is still wrong, in words: the difference, or the server's rule that refuses it; null when none. */
  problem: string | null;
  /** What saving will do, e.g. "The claim will be Paid; the patient owes $24.00". */
  preview: string | null;
  /** Ready to send: every field reads and the server's rule accepts it. */
  request: RecordPaymentRequest | null;
}

export function emptyForm(): PaymentForm {
  return {
    allowed: '',
    paid: '',
    adjustments: [],
    patientResponsibility: '',
    patientReason: '2',
    remarks: '',
    icn: '',
  };
}

/** A fresh row for "Add adjustment". */
export function newAdjustmentRow(): AdjustmentRow {
  return { group: 'CO', reason: '', amount: '' };
}

/** Cents as the form shows them: "96.00" (no $ or commas, so it reads back exactly). */
export function centsToField(cents: number): string {
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

/** The RARCs in what was typed: split on commas and spaces, upper-cased, each once. */
export function parseRemarks(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const code = part.trim().toUpperCase();
    if (code !== '' && !out.includes(code)) out.push(code);
  }
  return out;
}

const RARC = /^[A-Z0-9]{1,7}$/;
const CARC = /^[A-Z0-9]{1,5}$/;

type Amount = { cents: number; error: string | null };

// Blank counts as zero where a field may be left empty (patient share, an amount not yet typed).
function amount(text: string, blankIsZero: boolean): Amount {
  if (text.trim() === '' && blankIsZero) return { cents: 0, error: null };
  const r = parseMoney(text);
  if (!r.ok) return { cents: 0, error: r.error.message };
  if (r.cents < 0) return { cents: r.cents, error: 'Enter an amount of zero or more' };
  return { cents: r.cents, error: null };
}

/**
 * Checks the form against `claim` as Record Payment on the server will: amounts parse to cents, paid +
 * adjustments + patient responsibility = billed, codes are codes, allowed ≤ billed, the claim can take a
 * payment. Returns the live balance line, what saving will do, and the request when it can be sent.
 */
export function checkPayment(claim: Claim, form: PaymentForm): PaymentCheck {
  const fieldErrors: Partial<Record<FieldKey, string>> = {};
  const billedCents = claimChargeCents(claim);
  const paid = amount(form.paid, false);
  if (paid.error !== null)
    fieldErrors.paid = form.paid.trim() === '' ? 'Enter the paid amount (0 for a denial)' : paid.error;
  const allowed = form.allowed.trim() === '' ? null : amount(form.allowed, false);
  if (allowed?.error) fieldErrors.allowed = allowed.error;
  const patient = amount(form.patientResponsibility, true);
  if (patient.error !== null) fieldErrors.patientResponsibility = patient.error;

  const adjustments: Adjustment[] = [];
  let adjustmentsCents = 0;
  form.adjustments.forEach((row, i) => {
    const a = amount(row.amount, false);
    const reason = row.reason.trim().toUpperCase();
    if (a.error !== null) fieldErrors[`adjustment-${i}`] = a.error;
    else if (!CARC.test(reason))
      fieldErrors[`adjustment-${i}`] =
        reason === ''
          ? 'Enter the reason code (CARC), e.g. 45'
          : `"${row.reason}" is not a CARC (1–5 letters or digits)`;
    adjustmentsCents += a.cents;
    adjustments.push({ group: row.group, reason, amountCents: a.cents });
  });

  const remarks = parseRemarks(form.remarks);
  const badRemark = remarks.find((r) => !RARC.test(r));
  if (badRemark !== undefined) fieldErrors.remarks = `"${badRemark}" is not a remark code (RARC), e.g. N130`;
  const icn = form.icn.trim();
  if (icn.length > 50) fieldErrors.icn = 'The payer’s claim number is at most 50 characters';

  const differenceCents = billedCents - paid.cents - adjustmentsCents - patient.cents;
  const balanced = differenceCents === 0;
  const equation = `Billed ${formatCents(billedCents)} = paid ${formatCents(paid.cents)} + adjustments ${formatCents(adjustmentsCents)} + patient responsibility ${formatCents(patient.cents)}`;
  const base = {
    fieldErrors,
    billedCents,
    paidCents: paid.cents,
    adjustmentsCents,
    patientCents: patient.cents,
    differenceCents,
    balanced,
    equation,
  };

  if (Object.keys(fieldErrors).length > 0) {
    return { ...base, problem: 'Fix the fields marked in red', preview: null, request: null };
  }
  if (!balanced) {
    const off = formatCents(Math.abs(differenceCents));
    return {
      ...base,
      problem:
        differenceCents > 0
          ? `${off} short of the billed amount: add it as paid, an adjustment or patient responsibility`
          : `${off} more than the billed amount: take it off paid, the adjustments or patient responsibility`,
      preview: null,
      request: null,
    };
  }
  const request: RecordPaymentRequest = {
    allowedCents: allowed === null ? null : allowed.cents,
    paidCents: paid.cents,
    adjustments,
    patientResponsibilityCents: patient.cents,
    patientResponsibilityReason: form.patientReason,
    remarks,
    ...(icn !== '' ? { payerClaimControlNumber: icn } : {}),
  };
  // The server's own rule decides (claim status, allowed ≤ billed, codes); its refusal is shown as it is.
  const planned = planManualPayment(
    claim,
    { ...request, secondaryPolicyOnFile: false },
    { at: '1970-01-01T00:00:00.000Z', postingId: 'preview' },
  );
  if (!planned.ok) return { ...base, problem: planned.refusal.message, preview: null, request: null };
  const plan = planned.plan;
  const to: ClaimStatus = plan.intent?.toStatus ?? claim.status;
  return {
    ...base,
    problem: null,
    preview: outcomeText(to, plan.insuranceBalanceCents, plan.patientBalanceCents, 'will'),
    request,
  };
}

function outcomeText(
  status: ClaimStatus,
  insuranceCents: number,
  patientCents: number,
  tense: 'will' | 'is',
): string {
  const parts = [tense === 'will' ? `The claim will be ${status}` : `claim is now ${status}`];
  if (insuranceCents > 0) parts.push(`insurance still owes ${formatCents(insuranceCents)}`);
  if (patientCents > 0) parts.push(`patient owes ${formatCents(patientCents)}`);
  return parts.join('; ');
}

/** What the server answered about the claim after Record Payment (the route's `claim`). */
export interface PaymentAnswerClaim {
  status: ClaimStatus;
  insuranceBalanceCents: number;
  patientBalanceCents: number;
}

/** "Payment recorded — claim is now Paid; patient owes $24.00", or the denial said as one. */
export function paymentResultText(answer: PaymentAnswerClaim): string {
  const head = answer.status === 'Denied' ? 'Denial recorded' : 'Payment recorded';
  return `${head} — ${outcomeText(answer.status, answer.insuranceBalanceCents, answer.patientBalanceCents, 'is')}`;
}

/** Quick fills: the common EOBs in one click, from the claim's billed amount. */
export type QuickFill = 'paidInFull' | 'denied' | 'restToPatient' | 'restContractual';

export function quickFill(form: PaymentForm, kind: QuickFill, billedCents: number): PaymentForm {
  switch (kind) {
    case 'paidInFull':
      return { ...form, paid: centsToField(billedCents), adjustments: [], patientResponsibility: '' };
    case 'denied':
      // A denial: nothing paid, the whole charge adjusted with the reason the biller types (e.g. CO-16).
      return {
        ...form,
        paid: '0.00',
        adjustments: [{ group: 'CO', reason: '', amount: centsToField(billedCents) }],
        patientResponsibility: '',
      };
    case 'restToPatient':
    case 'restContractual': {
      const rest = remainderCents(form, billedCents);
      if (rest === null || rest <= 0) return form;
      if (kind === 'restToPatient') {
        const current = amount(form.patientResponsibility, true).cents;
        return { ...form, patientResponsibility: centsToField(current + rest) };
      }
      return {
        ...form,
        adjustments: [...form.adjustments, { group: 'CO', reason: '45', amount: centsToField(rest) }],
      };
    }
  }
}

// What is left of the billed amount after what was typed; null while an amount does not read.
function remainderCents(form: PaymentForm, billedCents: number): number | null {
  const typed = [
    amount(form.paid, true),
    amount(form.patientResponsibility, true),
    ...form.adjustments.map((a) => amount(a.amount, true)),
  ];
  if (typed.some((a) => a.error !== null)) return null;
  return billedCents - typed.reduce((s, a) => s + a.cents, 0);
}

/**
 * The claim as the server makes it by recording `request` (the same shared rule): what the patient
 * invoice shows right after saving, before the claim's new state has synced to this device.
 * Null when the rule refuses (it was not what the server did).
 */
export function claimAfterPayment(
  claim: Claim,
  request: RecordPaymentRequest,
  actor: Actor,
  at: string,
): Claim | null {
  const planned = planManualPayment(
    claim,
    { ...request, secondaryPolicyOnFile: false },
    { at, postingId: `manual:${claim.id}:${at}`.slice(0, 64) },
  );
  if (!planned.ok) return null;
  const applied = applyManualPayment(claim, planned.plan, {
    at,
    eventId: `pay:${claim.id}:${at}`.slice(0, 64),
    actor,
  });
  return applied.ok ? applied.claim : null;
}

/** The patient balance of a claim, in cents (for choosing which copy of a claim the invoice shows). */
export function patientBalanceOf(claim: Claim): number {
  return deriveBalances(claim).patientBalanceCents;
}
