import type { Claim } from '../domain/claim.ts';
import type { ClaimStatus, EdiStatus } from '../domain/claimStatus.ts';
import type { AdjudicationPosting, LineAdjudication, Posting } from '../domain/posting.ts';
import type { Instant } from '../domain/primitives.ts';
import type { StatusIntent } from '../lifecycle/statusIntent.ts';
import { formatCents } from '../money/format.ts';
import { allAdjustments, denialCodes, mergeAdjustments, sumAdjustments, sumGroup } from './adjustments.ts';
import { type EntryProblem, entryProblems, type RemittanceEntry } from './entryProblems.ts';
import { decideRemittanceOutcome, isDenialEntry } from './outcome.ts';
import { assertRemittanceId, remittancePostingId } from './postingIds.ts';
import { findReversalTarget } from './reversalTarget.ts';

/** One remittance (one 835 payment) to post. */
export interface RemittancePostingInput {
  /** Content hash of the file (unique per list of claim payments); posting ids derive from it. */
  remittanceId: string;
  /** Internal id of the payer that sent the file; null when it is not one of the practice's payers. */
  payerId: string | null;
  /** The CLPs in file order; an entry's index is its position here. */
  claimPayments: readonly RemittanceEntry[];
  /** The claim whose id is this patient control number (CLM01 = claim id), if any. */
  findClaim: (patientControlNumber: string) => Claim | undefined;
  at: Instant;
}

/** Why a claim payment was not posted automatically. Match on this, never on the reason text. */
export type UnmatchedCode =
  | 'no_claim'
  | 'unknown_payer'
  | 'other_payer'
  /** The claim is Ready or Held: never sent, so nothing is posted to it automatically. */
  | 'not_submitted'
  | 'voided'
  | 'settled'
  /** CLP02 = 22 with no earlier payment on the claim that it exactly undoes. */
  | 'nothing_to_reverse'
  /** Another entry of the same claim is an unmatched reversal: none of the claim's entries post. */
  | 'claim_has_unmatched_reversal'
  /** CLP02 23 (not this payer's claim, forwarded) or 25 (predetermination): no adjudication to post. */
  | 'not_adjudicated';

/** A claim payment for a person to match or post by hand. */
export interface UnmatchedClaimPayment {
  index: number;
  patientControlNumber: string;
  paidCents: number;
  code: UnmatchedCode;
  reason: string;
}

/** An entry skipped because its posting is already on the claim (the file was posted before). */
export interface AlreadyPostedClaimPayment {
  index: number;
  claimId: string;
  postingId: string;
}

/** A service line the payer paid nothing for, with its denial codes (for display beside a payment). */
export interface DeniedLine {
  lineNo: number;
  serviceCode: string;
  codes: string[];
}

export type PlanWarningCode =
  /** An entry's charge differs from the claim's billed amount (a split claim, or the payer's own figure). */
  | 'charge_differs'
  /** After posting, the payers have paid or adjusted more than was billed. */
  | 'insurance_credit';

export interface PlanWarning {
  code: PlanWarningCode;
  message: string;
}

/** What to do to one claim: postings to append, then at most one status change. */
export interface ClaimPostingPlan {
  claimId: string;
  /** The status the plan was made against; applying it to a claim in another status is refused. */
  fromStatus: ClaimStatus;
  /** Positions in the file of the entries posted here. */
  entryIndexes: number[];
  postingsToAppend: Posting[];
  intent: StatusIntent | null;
  /** The payer's claim control number to store, or null to leave it as it is. */
  payerClaimControlNumber: string | null;
  /** The EDI status to store (`accepted_payer` once the payer adjudicated), or null to leave it. */
  ediStatus: EdiStatus | null;
  /** Codes of this file's denial, when it denied the claim (the intent's codes). */
  denialCodes: string[];
  deniedLines: DeniedLine[];
  /** Derived balances after the postings. */
  insuranceBalanceCents: number;
  patientBalanceCents: number;
  warnings: PlanWarning[];
}

/** The plan for a whole file: postable, or rejected (quarantined) because some entries don't balance. */
export type RemittancePlan =
  | {
      postable: true;
      claims: ClaimPostingPlan[];
      unmatched: UnmatchedClaimPayment[];
      alreadyPosted: AlreadyPostedClaimPayment[];
    }
  | { postable: false; problems: EntryProblem[] };

const REVERSAL = '22';
const NOT_ADJUDICATED: Readonly<Record<string, string>> = {
  '23': 'The payer says this is not its claim and forwarded it to another payer (claim status 23)',
  '25': 'Predetermination of benefits only (claim status 25); nothing to post',
};
const POSTABLE_STATUSES: ReadonlySet<ClaimStatus> = new Set(['Submitted', 'Paid', 'Denied']);

interface Item {
  index: number;
  entry: RemittanceEntry;
  postingId: string;
}

interface ClaimGroup {
  claim: Claim;
  items: Item[];
}

/**
 * Plan the posting of one 835 payment (SPEC §6). Pure: nothing is changed; the caller applies the plan
 * (`applyPlanToClaim`) in one transaction, and must first check the file's total (`checkRemittanceBalance`).
 * - Every entry must balance on its own (`entryProblems`), or the whole file is not postable.
 * - An entry is matched by its patient control number; it posts only to a Submitted, Paid or Denied claim
 *   billed to the file's payer. Others are listed as unmatched, with a reason, for a person.
 * - Posting ids are `rem:<remittanceId>:<index>`: an entry whose id is on the claim is already posted.
 * - CLP02 22 appends a reversal of the earlier adjudication it exactly negates (`findReversalTarget`);
 *   when none fits, none of that claim's entries post. Every other CLP02 (1/2/3/4/19–21) appends an
 *   adjudication against the file's payer.
 * - Each claim's status is decided once, from all its entries in the file (`decideRemittanceOutcome`).
 */
export function planRemittancePosting(input: RemittancePostingInput): RemittancePlan {
  assertRemittanceId(input.remittanceId);
  const problems: EntryProblem[] = [];
  input.claimPayments.forEach((e, i) => {
    for (const p of entryProblems(e, i)) problems.push(p);
  });
  if (problems.length > 0) return { postable: false, problems };

  const unmatched: UnmatchedClaimPayment[] = [];
  const alreadyPosted: AlreadyPostedClaimPayment[] = [];
  const groups = new Map<string, ClaimGroup>();
  const postedIds = new Map<string, Set<string>>();
  const unmatch = (index: number, e: RemittanceEntry, code: UnmatchedCode, reason: string): void => {
    unmatched.push({
      index,
      patientControlNumber: e.patientControlNumber,
      paidCents: e.paidCents,
      code,
      reason,
    });
  };

  input.claimPayments.forEach((entry, index) => {
    const notAdjudicated = NOT_ADJUDICATED[entry.statusCode];
    const claim = notAdjudicated === undefined ? input.findClaim(entry.patientControlNumber) : undefined;
    if (notAdjudicated !== undefined) unmatch(index, entry, 'not_adjudicated', notAdjudicated);
    else if (claim === undefined)
      unmatch(index, entry, 'no_claim', 'No claim has this patient control number');
    else sortEntry(claim, index, entry);
  });

  // An entry of a known claim: already posted, not postable to that claim, or one of its group.
  function sortEntry(claim: Claim, index: number, entry: RemittanceEntry): void {
    const postingId = remittancePostingId(input.remittanceId, index);
    let ids = postedIds.get(claim.id);
    if (ids === undefined) {
      ids = new Set(claim.postings.map((p) => p.id));
      postedIds.set(claim.id, ids);
    }
    if (ids.has(postingId)) {
      alreadyPosted.push({ index, claimId: claim.id, postingId });
      return;
    }
    const refused = refuseClaim(claim, input.payerId);
    if (refused !== null) {
      unmatch(index, entry, refused.code, refused.reason);
      return;
    }
    let group = groups.get(claim.id);
    if (group === undefined) {
      group = { claim, items: [] };
      groups.set(claim.id, group);
    }
    group.items.push({ index, entry, postingId });
  }

  const claims: ClaimPostingPlan[] = [];
  for (const group of groups.values()) {
    // refuseClaim let only a known payer through.
    const planned = planClaim(group, input.payerId!, input.remittanceId, input.at);
    if (planned.ok) {
      claims.push(planned.plan);
      continue;
    }
    for (const item of group.items) {
      if (item.index === planned.failedIndex) {
        unmatch(
          item.index,
          item.entry,
          'nothing_to_reverse',
          `This reversal (claim status 22) undoes a payment of ${formatCents(-item.entry.paidCents)} that is not on the claim from this payer`,
        );
      } else {
        unmatch(
          item.index,
          item.entry,
          'claim_has_unmatched_reversal',
          "Not posted: a reversal for this claim in the same file matches none of the claim's payments",
        );
      }
    }
  }
  unmatched.sort((a, b) => a.index - b.index);
  return { postable: true, claims, unmatched, alreadyPosted };
}

function refuseClaim(claim: Claim, payerId: string | null): { code: UnmatchedCode; reason: string } | null {
  if (payerId === null) {
    return {
      code: 'unknown_payer',
      reason: "The payer of this remittance is not one of the practice's payers",
    };
  }
  if (claim.payerId !== payerId)
    return { code: 'other_payer', reason: 'The claim is not billed to this payer' };
  if (POSTABLE_STATUSES.has(claim.status)) return null;
  if (claim.status === 'Voided') return { code: 'voided', reason: 'The claim is Voided' };
  if (claim.status === 'Settled') {
    return {
      code: 'settled',
      reason: 'The claim is Settled (closed), so payments are not posted to it automatically',
    };
  }
  return {
    code: 'not_submitted',
    reason: `The claim is ${claim.status} and has not been submitted, so payments are not posted to it automatically`,
  };
}

type ClaimPlanResult = { ok: true; plan: ClaimPostingPlan } | { ok: false; failedIndex: number };

function planClaim(group: ClaimGroup, payerId: string, remittanceId: string, at: Instant): ClaimPlanResult {
  const { claim, items } = group;
  const ledger = claim.postings.slice();
  const postingsToAppend: Posting[] = [];
  const adjudicated: { entry: RemittanceEntry; posting: AdjudicationPosting; index: number }[] = [];
  const reversedInFile = new Set<string>();
  const reversalRemarks: string[] = [];
  let reversedEarlier = false;

  for (const { index, entry, postingId } of items) {
    if (entry.statusCode === REVERSAL) {
      const target = findReversalTarget(ledger, entry, payerId);
      if (target === null) return { ok: false, failedIndex: index };
      const reversal: Posting = { id: postingId, at, kind: 'reversal', reverses: target.id };
      ledger.push(reversal);
      postingsToAppend.push(reversal);
      if (adjudicated.some((a) => a.posting.id === target.id)) reversedInFile.add(target.id);
      else {
        reversedEarlier = true;
        for (const r of entry.remarks) if (!reversalRemarks.includes(r)) reversalRemarks.push(r);
      }
      continue;
    }
    const posting = adjudicationFrom(entry, postingId, at, payerId, remittanceId);
    ledger.push(posting);
    postingsToAppend.push(posting);
    adjudicated.push({ entry, posting, index });
  }

  const live = adjudicated.filter((a) => !reversedInFile.has(a.posting.id));
  const codes: string[] = [];
  if (live.length > 0 && live.every((l) => isDenialEntry(l.entry))) {
    for (const l of live) {
      for (const c of denialCodes(allAdjustments(l.entry.adjustments, l.entry.lines), l.entry.remarks)) {
        if (!codes.includes(c)) codes.push(c);
      }
    }
  }
  const { intent, balances } = decideRemittanceOutcome({
    claim,
    ledger,
    live,
    denialCodes: codes,
    reversalRemarks,
    reversedEarlier,
  });

  let icn: string | null = null;
  for (const l of live) icn = l.entry.payerClaimControlNumber ?? icn;
  const warnings: PlanWarning[] = [];
  for (const l of live) {
    if (l.entry.chargeCents !== balances.billedCents) {
      warnings.push({
        code: 'charge_differs',
        message: `Claim payment ${l.index + 1}: the payer's charge ${formatCents(l.entry.chargeCents)} differs from the billed ${formatCents(balances.billedCents)}`,
      });
    }
  }
  if (balances.insuranceBalanceCents < 0) {
    warnings.push({
      code: 'insurance_credit',
      message: `The payers have paid or adjusted ${formatCents(-balances.insuranceBalanceCents)} more than was billed`,
    });
  }

  return {
    ok: true,
    plan: {
      claimId: claim.id,
      fromStatus: claim.status,
      entryIndexes: items.map((i) => i.index),
      postingsToAppend,
      intent,
      payerClaimControlNumber: icn !== null && icn !== claim.payerClaimControlNumber ? icn : null,
      ediStatus: adjudicated.length > 0 && claim.ediStatus !== 'accepted_payer' ? 'accepted_payer' : null,
      denialCodes: codes,
      deniedLines: deniedLines(live.map((l) => l.entry)),
      insuranceBalanceCents: balances.insuranceBalanceCents,
      patientBalanceCents: balances.patientBalanceCents,
      warnings,
    },
  };
}

/**
 * The adjudication posting of one entry. Adjustments are the claim-level and line-level CAS together
 * (merged per group + CARC). Allowed is the entry's own allowed amount when the 835 gives one, else
 * charge − the payer's non-patient adjustments (CO + OA + PI + CR), i.e. paid + patient responsibility.
 */
export function adjudicationFrom(
  entry: RemittanceEntry,
  id: string,
  at: Instant,
  payerId: string,
  remittanceId: string,
): AdjudicationPosting {
  const all = allAdjustments(entry.adjustments, entry.lines);
  const allowedCents = entry.allowedCents ?? entry.chargeCents - (sumAdjustments(all) - sumGroup(all, 'PR'));
  const posting: AdjudicationPosting = {
    id,
    at,
    kind: 'adjudication',
    payerId,
    allowedCents,
    paidCents: entry.paidCents,
    adjustments: mergeAdjustments(all),
    remarks: [...new Set(entry.remarks)],
    lines: entry.lines.map(copyLine),
    source: { kind: 'remittance', remittanceId },
  };
  if (entry.payerClaimControlNumber !== null) posting.payerClaimControlNumber = entry.payerClaimControlNumber;
  return posting;
}

/** A copy of a line adjudication with exactly the schema's fields, sharing nothing with the input. */
export function copyLine(l: LineAdjudication): LineAdjudication {
  return {
    lineNo: l.lineNo,
    serviceCode: l.serviceCode,
    chargeCents: l.chargeCents,
    paidCents: l.paidCents,
    units: l.units,
    adjustments: l.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
  };
}

function deniedLines(entries: readonly RemittanceEntry[]): DeniedLine[] {
  const out: DeniedLine[] = [];
  for (const e of entries) {
    for (const l of e.lines) {
      if (l.paidCents !== 0) continue;
      const codes = denialCodes(l.adjustments, []);
      if (codes.length > 0) out.push({ lineNo: l.lineNo, serviceCode: l.serviceCode, codes });
    }
  }
  return out;
}
