import { deriveBalances } from '../balances/deriveBalances.ts';
import { type Claim, claimChargeCents } from '../domain/claim.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { AdjudicationPosting, Adjustment, LineAdjudication, Posting } from '../domain/posting.ts';
import type { Instant } from '../domain/primitives.ts';
import type { StatusIntent } from '../lifecycle/statusIntent.ts';
import { formatCents } from '../money/format.ts';
import {
  CARC_PATTERN,
  denialCodes,
  mergeAdjustments,
  RARC_PATTERN,
  sumAdjustments,
  sumGroup,
} from './adjustments.ts';
import { isDenialPosting } from './outcome.ts';
import { copyLine } from './planRemittancePosting.ts';

/** What a person enters in Record Payment (SPEC §6), all money in integer cents. */
export interface ManualPaymentInput {
  /** The payer's allowed amount; null derives it as billed − the non-patient adjustments (the 835 rule). */
  allowedCents: number | null;
  paidCents: number;
  /** The payer's adjustments, claim totals: CO/OA/PI/CR, and PR when the patient's share is itemised. */
  adjustments: readonly Adjustment[];
  /** The patient's share: equal to the PR adjustments when some are itemised, else posted as one. */
  patientResponsibilityCents: number;
  /** CARC of an un-itemised patient share: 1 deductible, 2 coinsurance (the default), 3 copayment. */
  patientResponsibilityReason?: string;
  /** RARCs, e.g. `N130`. */
  remarks: readonly string[];
  /** Per-line detail, optional; when given it must add up to the claim totals. */
  lines?: readonly LineAdjudication[];
  payerClaimControlNumber?: string | null;
  /** Whether the client has a policy after the one this claim bills; the engine does not look it up. */
  secondaryPolicyOnFile: boolean;
}

/** Ids and time come from the caller: the engine invents neither. */
export interface ManualPaymentContext {
  at: Instant;
  postingId: string;
}

/** Why Record Payment refused. Match on this, never on the message. */
export type ManualPaymentRefusalCode =
  /** The claim is Ready or Held: there is no adjudication to record before it is submitted. */
  | 'claim_not_submitted'
  /** The claim is Voided or Settled. */
  | 'claim_closed'
  /** A posting with this id is already on the claim (the form was sent twice). */
  | 'duplicate_posting'
  | 'invalid_amount'
  | 'negative_amount'
  | 'invalid_code'
  | 'patient_responsibility_mismatch'
  /** Paid + adjustments + patient responsibility ≠ billed. */
  | 'unbalanced'
  | 'allowed_out_of_range'
  | 'line_unknown'
  | 'line_unbalanced'
  | 'lines_do_not_add_up';

export interface ManualPaymentRefusal {
  code: ManualPaymentRefusalCode;
  message: string;
}

/** What the claim detail offers after the payment is recorded. */
export interface ManualPaymentOffers {
  /** A policy after this one is on file and a balance remains: Generate secondary claim. */
  secondaryClaim: boolean;
  /** The patient owes something: a patient invoice. */
  patientInvoice: boolean;
}

export interface ManualPaymentPlan {
  claimId: string;
  fromStatus: ClaimStatus;
  postingsToAppend: Posting[];
  /** Paid via Record Payment when nothing remains for insurance; null otherwise. */
  intent: StatusIntent | null;
  /** The payer's claim control number to store, or null to leave it. */
  payerClaimControlNumber: string | null;
  /** Non-empty when what was recorded is a denial (the status then stays: denials come from the payer). */
  denialCodes: string[];
  insuranceBalanceCents: number;
  patientBalanceCents: number;
  offers: ManualPaymentOffers;
}

export type ManualPaymentResult =
  | { ok: true; plan: ManualPaymentPlan }
  | { ok: false; refusal: ManualPaymentRefusal };

const MAX_PAYER_CLAIM_CONTROL_NUMBER = 50;
const DEFAULT_PATIENT_REASON = '2';

const refuse = (code: ManualPaymentRefusalCode, message: string): ManualPaymentResult => ({
  ok: false,
  refusal: { code, message },
});

/**
 * Plan a person's Record Payment on `claim` from its payer. Pure; the caller applies it with
 * `applyManualPayment`. Patient responsibility becomes PR adjustments: if the person itemised PR
 * adjustments they must add up to it, else it is posted as one PR adjustment with
 * `patientResponsibilityReason` (coinsurance, CARC 2, by default). Paid + all adjustments must equal the
 * billed amount, as in an 835. Offers: a secondary claim when a later policy is on file and a balance
 * (insurance or patient) remains; a patient invoice when the patient owes.
 */
export function planManualPayment(
  claim: Claim,
  input: ManualPaymentInput,
  ctx: ManualPaymentContext,
): ManualPaymentResult {
  if (claim.status === 'Ready' || claim.status === 'Held') {
    return refuse(
      'claim_not_submitted',
      `This claim is ${claim.status}: record a payment once it has been submitted`,
    );
  }
  if (claim.status === 'Voided' || claim.status === 'Settled') {
    return refuse('claim_closed', `This claim is ${claim.status}; payments can't be recorded on it`);
  }
  if (claim.postings.some((p) => p.id === ctx.postingId)) {
    return refuse('duplicate_posting', 'This payment has already been recorded');
  }
  const invalid = checkAmountsAndCodes(input);
  if (invalid !== null) return invalid;

  const adjustments: Adjustment[] = input.adjustments.map((a) => ({
    group: a.group,
    reason: a.reason,
    amountCents: a.amountCents,
  }));
  if (adjustments.some((a) => a.group === 'PR')) {
    const itemised = sumGroup(adjustments, 'PR');
    if (itemised !== input.patientResponsibilityCents) {
      return refuse(
        'patient_responsibility_mismatch',
        `Patient responsibility is ${formatCents(input.patientResponsibilityCents)} but the PR adjustments add up to ${formatCents(itemised)}`,
      );
    }
  } else if (input.patientResponsibilityCents > 0) {
    const reason = input.patientResponsibilityReason ?? DEFAULT_PATIENT_REASON;
    adjustments.push({ group: 'PR', reason, amountCents: input.patientResponsibilityCents });
  }

  const billed = claimChargeCents(claim);
  const adjusted = sumAdjustments(adjustments);
  if (input.paidCents + adjusted !== billed) {
    const payerAdjusted = adjusted - sumGroup(adjustments, 'PR');
    return refuse(
      'unbalanced',
      `Paid ${formatCents(input.paidCents)} + adjustments ${formatCents(payerAdjusted)} + patient responsibility ${formatCents(sumGroup(adjustments, 'PR'))} must equal the billed ${formatCents(billed)} (off by ${formatCents(billed - input.paidCents - adjusted)})`,
    );
  }
  const allowed = input.allowedCents ?? billed - (adjusted - sumGroup(adjustments, 'PR'));
  if (allowed > billed) {
    return refuse(
      'allowed_out_of_range',
      `Allowed ${formatCents(allowed)} can't exceed the billed ${formatCents(billed)}`,
    );
  }
  const lines = input.lines ?? [];
  const lineRefusal = checkLines(claim, lines, input.paidCents, adjustments);
  if (lineRefusal !== null) return lineRefusal;

  const icn = input.payerClaimControlNumber ?? null;
  const posting: AdjudicationPosting = {
    id: ctx.postingId,
    at: ctx.at,
    kind: 'adjudication',
    payerId: claim.payerId,
    allowedCents: allowed,
    paidCents: input.paidCents,
    adjustments: mergeAdjustments(adjustments),
    remarks: [...new Set(input.remarks)],
    lines: lines.map(copyLine),
    source: { kind: 'manual' },
  };
  if (icn !== null) posting.payerClaimControlNumber = icn;

  const balances = deriveBalances({ lines: claim.lines, postings: [...claim.postings, posting] });
  const denied = isDenialPosting(posting);
  // A paper EOB moves the claim as an 835 would: paid in full → Paid (also after a denial, once appealed),
  // a denial on a Submitted claim → Denied with its codes.
  const codes = denied ? denialCodes(posting.adjustments, posting.remarks) : [];
  let intent: StatusIntent | null = null;
  if (
    !denied &&
    (claim.status === 'Submitted' || claim.status === 'Denied') &&
    balances.insuranceBalanceCents <= 0
  )
    intent = { toStatus: 'Paid', via: 'manual_payment', reason: 'Payment recorded' };
  else if (denied && claim.status === 'Submitted')
    intent = {
      toStatus: 'Denied',
      via: 'manual_payment',
      reason: 'Denial recorded from the payer’s EOB',
      denialCodes: codes,
    };
  return {
    ok: true,
    plan: {
      claimId: claim.id,
      fromStatus: claim.status,
      postingsToAppend: [posting],
      intent,
      payerClaimControlNumber: icn !== null && icn !== claim.payerClaimControlNumber ? icn : null,
      denialCodes: codes,
      insuranceBalanceCents: balances.insuranceBalanceCents,
      patientBalanceCents: balances.patientBalanceCents,
      offers: {
        secondaryClaim:
          input.secondaryPolicyOnFile &&
          (balances.insuranceBalanceCents > 0 || balances.patientBalanceCents > 0),
        patientInvoice: balances.patientBalanceCents > 0,
      },
    },
  };
}

function checkAmountsAndCodes(input: ManualPaymentInput): ManualPaymentResult | null {
  const amounts = [input.paidCents, input.patientResponsibilityCents];
  if (input.allowedCents !== null) amounts.push(input.allowedCents);
  for (const a of input.adjustments) amounts.push(a.amountCents);
  for (const l of input.lines ?? []) {
    amounts.push(l.chargeCents, l.paidCents);
    for (const a of l.adjustments) amounts.push(a.amountCents);
  }
  if (!amounts.every(Number.isSafeInteger)) return refuse('invalid_amount', 'Amounts must be whole cents');
  if (input.paidCents < 0) return refuse('negative_amount', "Paid can't be negative");
  if (input.patientResponsibilityCents < 0) {
    return refuse('negative_amount', "Patient responsibility can't be negative");
  }
  if (input.allowedCents !== null && input.allowedCents < 0) {
    return refuse('negative_amount', "Allowed can't be negative");
  }
  const reasons = input.adjustments.map((a) => a.reason);
  for (const l of input.lines ?? []) for (const a of l.adjustments) reasons.push(a.reason);
  if (input.patientResponsibilityReason !== undefined) reasons.push(input.patientResponsibilityReason);
  for (const r of reasons) {
    if (!CARC_PATTERN.test(r))
      return refuse('invalid_code', `"${r}" is not an adjustment reason code (CARC)`);
  }
  for (const r of input.remarks) {
    if (!RARC_PATTERN.test(r)) return refuse('invalid_code', `"${r}" is not a remark code (RARC)`);
  }
  const icn = input.payerClaimControlNumber;
  if (icn != null && (icn.length === 0 || icn.length > MAX_PAYER_CLAIM_CONTROL_NUMBER)) {
    return refuse(
      'invalid_code',
      `The payer claim control number must be 1–${MAX_PAYER_CLAIM_CONTROL_NUMBER} characters`,
    );
  }
  return null;
}

// Lines, when given, are lines of this claim with its charges, each balanced (charge = paid + its
// adjustments), and together they carry exactly the claim's paid and adjustments (per group + CARC).
function checkLines(
  claim: Claim,
  lines: readonly LineAdjudication[],
  paidCents: number,
  adjustments: readonly Adjustment[],
): ManualPaymentResult | null {
  if (lines.length === 0) return null;
  const seen = new Set<number>();
  let linePaid = 0;
  const lineAdjustments: Adjustment[] = [];
  for (const l of lines) {
    const onClaim = claim.lines.find((c) => c.lineNo === l.lineNo);
    if (onClaim === undefined || seen.has(l.lineNo)) {
      return refuse('line_unknown', `Line ${l.lineNo} is not a line of this claim, or appears twice`);
    }
    seen.add(l.lineNo);
    if (onClaim.chargeCents !== l.chargeCents) {
      return refuse(
        'line_unknown',
        `Line ${l.lineNo} is billed ${formatCents(onClaim.chargeCents)}, not ${formatCents(l.chargeCents)}`,
      );
    }
    const adjusted = sumAdjustments(l.adjustments);
    if (l.paidCents + adjusted !== l.chargeCents) {
      return refuse(
        'line_unbalanced',
        `Line ${l.lineNo}: paid ${formatCents(l.paidCents)} + adjustments ${formatCents(adjusted)} must equal its charge ${formatCents(l.chargeCents)}`,
      );
    }
    linePaid += l.paidCents;
    for (const a of l.adjustments) lineAdjustments.push(a);
  }
  if (
    linePaid !== paidCents ||
    !sameTotals(mergeAdjustments(lineAdjustments), mergeAdjustments(adjustments))
  ) {
    return refuse(
      'lines_do_not_add_up',
      "The lines' paid amounts and adjustments must add up to the claim's paid and adjustments",
    );
  }
  return null;
}

function sameTotals(a: readonly Adjustment[], b: readonly Adjustment[]): boolean {
  if (a.length !== b.length) return false;
  const key = (x: Adjustment) => `${x.group}-${x.reason}`;
  const amounts = new Map(a.map((x) => [key(x), x.amountCents]));
  return b.every((x) => amounts.get(key(x)) === x.amountCents);
}
