import type { Claim } from '../domain/claim.ts';
import type { AdjudicationPosting, Adjustment, LineAdjudication } from '../domain/posting.ts';
import { allocate } from '../money/allocate.ts';
import { applyBasisPoints } from '../money/basisPoints.ts';
import { hash64 } from '../util/hash.ts';
import type { Prng } from './prng.ts';
import type { SyntheticPayer } from './syntheticReference.ts';

/** The payer's claim control number (ICN) for a claim: 14 digits, the same on every run. */
export function syntheticIcn(claimId: string): string {
  const [hi, lo] = hash64(`${claimId}/icn`);
  const codes = new Array<number>(14);
  let a = hi % 10_000_000;
  let b = lo % 10_000_000;
  for (let i = 6; i >= 0; i--) {
    codes[i] = 48 + (a % 10);
    codes[i + 7] = 48 + (b % 10);
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return String.fromCharCode(...codes);
}

/** Patient responsibility of one adjudication: which PR reason (1 deductible, 2 coinsurance, 3 copay) and how much. */
interface PatientShare {
  reason: '1' | '2' | '3';
  cents: number;
}

const copays = [2000, 3000, 4000, 5000];
const coinsurance = [1000, 2000, 3000];

/**
 * What the patient owes of `allowed`: none under Medicaid; Medicare's 20 % coinsurance (or the Part B
 * deductible early in the year); commercial copays, coinsurance or deductible. `force` always gives
 * some share (for claims later settled by writing off the patient's part).
 */
function patientShare(
  prng: Prng,
  payer: SyntheticPayer,
  allowed: number,
  month: number,
  force: boolean,
): PatientShare | null {
  if (allowed === 0) return null;
  const indicator = payer.payer.claimFilingIndicator;
  if (indicator === 'MC') return null;
  if (indicator === 'MB') {
    if (month <= 3 && prng.chance(3000))
      return { reason: '1', cents: Math.min(allowed, prng.int(5000, 28300)) };
    return { reason: '2', cents: applyBasisPoints(allowed, 2000, 'floor') };
  }
  const r = prng.int(0, 99);
  if (r < 35 || (force && r >= 70)) return { reason: '3', cents: Math.min(allowed, prng.pick(copays)) };
  if (r < 60) return { reason: '2', cents: applyBasisPoints(allowed, prng.pick(coinsurance), 'floor') };
  if (r < 70) return { reason: '1', cents: Math.min(allowed, prng.int(2500, 50000)) };
  return null;
}

function pushIfNonZero(list: Adjustment[], group: Adjustment['group'], reason: string, cents: number): void {
  if (cents !== 0) list.push({ group, reason, amountCents: cents });
}

/** Split `total` over lines in proportion to `weights`, or all zeros when there is nothing to split. */
function split(total: number, weights: readonly number[]): number[] {
  if (total === 0 || weights.every((w) => w === 0)) return weights.map(() => 0);
  if (weights.length === 1) return [total];
  return allocate(total, weights);
}

/**
 * A payment that leaves no insurance balance: allowed = 70–95 % of billed (90–100 % under Medicaid,
 * floored to the cent), CO-45 for the rest, the patient's share as PR, Medicare's 2 % sequestration as
 * CO-253, and paid = allowed − PR − CO-253; so paid + Σ adjustments = billed, claim and every line alike.
 * Lines share allowed by charge, PR and sequestration by what each line still carries (largest
 * remainder), so no line is ever paid less than zero.
 */
export function paidAdjudication(
  claim: Claim,
  payer: SyntheticPayer,
  prng: Prng,
  at: string,
  id: string,
  forcePatientShare: boolean,
): AdjudicationPosting {
  const indicator = payer.payer.claimFilingIndicator;
  let billed = 0;
  const charges = claim.lines.map((l) => {
    billed += l.chargeCents;
    return l.chargeCents;
  });
  const allowedBasisPoints =
    indicator === 'MC'
      ? prng.int(9000, 10000)
      : indicator === 'MB'
        ? prng.int(8000, 9500)
        : prng.int(7000, 9500);
  const allowed = applyBasisPoints(billed, allowedBasisPoints, 'floor');
  const share = patientShare(
    prng,
    payer,
    allowed,
    Number(claim.dateOfService.slice(5, 7)),
    forcePatientShare,
  );
  const pr = share?.cents ?? 0;
  const sequestration = indicator === 'MB' ? applyBasisPoints(allowed - pr, 200, 'floor') : 0;
  const paid = allowed - pr - sequestration;

  const lineAllowed = split(allowed, charges);
  const linePr = split(pr, lineAllowed);
  const lineAfterPr = lineAllowed.map((a, i) => a - linePr[i]!);
  const lineSeq = split(sequestration, lineAfterPr);
  const lines: LineAdjudication[] = claim.lines.map((l, i) => {
    const adjustments: Adjustment[] = [];
    pushIfNonZero(adjustments, 'CO', '45', l.chargeCents - lineAllowed[i]!);
    if (share !== null) pushIfNonZero(adjustments, 'PR', share.reason, linePr[i]!);
    pushIfNonZero(adjustments, 'CO', '253', lineSeq[i]!);
    return {
      lineNo: l.lineNo,
      serviceCode: l.serviceCode,
      chargeCents: l.chargeCents,
      paidCents: lineAfterPr[i]! - lineSeq[i]!,
      units: l.units,
      adjustments,
    };
  });

  const adjustments: Adjustment[] = [];
  pushIfNonZero(adjustments, 'CO', '45', billed - allowed);
  if (share !== null) pushIfNonZero(adjustments, 'PR', share.reason, pr);
  pushIfNonZero(adjustments, 'CO', '253', sequestration);
  return {
    id,
    at,
    kind: 'adjudication',
    payerId: claim.payerId,
    allowedCents: allowed,
    paidCents: paid,
    adjustments,
    remarks: [],
    lines,
    payerClaimControlNumber: claim.payerClaimControlNumber ?? syntheticIcn(claim.id),
    source: prng.chance(1000) ? { kind: 'manual' } : { kind: 'remittance' },
  };
}

/** A payer denial reason: the CARC with its group, and the RARC remarks that usually come with it. */
export interface DenialReason {
  group: 'CO' | 'PR';
  carc: string;
  remarks: readonly string[];
}

/**
 * A denial: nothing allowed or paid, the whole charge adjusted under the denial's group and CARC,
 * on the claim and on every line (so the payer's side balances to zero, as an 835 denial does).
 */
export function deniedAdjudication(
  claim: Claim,
  reason: DenialReason,
  at: string,
  id: string,
): AdjudicationPosting {
  let billed = 0;
  const lines: LineAdjudication[] = claim.lines.map((l) => {
    billed += l.chargeCents;
    return {
      lineNo: l.lineNo,
      serviceCode: l.serviceCode,
      chargeCents: l.chargeCents,
      paidCents: 0,
      units: l.units,
      adjustments: [{ group: reason.group, reason: reason.carc, amountCents: l.chargeCents }],
    };
  });
  return {
    id,
    at,
    kind: 'adjudication',
    payerId: claim.payerId,
    allowedCents: 0,
    paidCents: 0,
    adjustments: [{ group: reason.group, reason: reason.carc, amountCents: billed }],
    remarks: reason.remarks.slice(),
    lines,
    payerClaimControlNumber: claim.payerClaimControlNumber ?? syntheticIcn(claim.id),
    source: { kind: 'remittance' },
  };
}
