import { type Balances, deriveBalances } from '../balances/deriveBalances.ts';
import type { Claim } from '../domain/claim.ts';
import type { AdjudicationPosting, Posting } from '../domain/posting.ts';
import type { StatusIntent } from '../lifecycle/statusIntent.ts';
import { allAdjustments, isDenialAdjustment, sumGroup } from './adjustments.ts';
import type { RemittanceEntry } from './entryProblems.ts';

/** Most codes a status intent carries (its schema's limit). */
const MAX_DENIAL_CODES = 50;
/** Codes named in a denial's history reason; the rest are on the claim. */
const CODES_IN_REASON = 10;

/**
 * Rule for "denied": the payer paid nothing and either said so (CLP02 = 4), or assigned nothing to the
 * patient and gave a denial CARC (anything but CO-45 fee schedule, CO-253 sequestration, 23 prior payer
 * and PR 1/2/3 cost-share). Paid 0 with only a deductible (PR-1) is a payment the patient owes, not a
 * denial; a secondary's 0 with OA-23 only is "the primary covered it", not a denial either.
 */
export function isDenialEntry(e: RemittanceEntry): boolean {
  if (e.paidCents !== 0) return false;
  if (e.statusCode === '4') return true;
  const all = allAdjustments(e.adjustments, e.lines);
  return sumGroup(all, 'PR') <= 0 && all.some(isDenialAdjustment);
}

/** The same rule read from a posted adjudication (which does not keep CLP02). */
export function isDenialPosting(p: AdjudicationPosting): boolean {
  return p.paidCents === 0 && sumGroup(p.adjustments, 'PR') <= 0 && p.adjustments.some(isDenialAdjustment);
}

/** The claim's newest adjudication that no reversal undid, or null. */
export function latestLiveAdjudication(ledger: readonly Posting[]): AdjudicationPosting | null {
  const reversed = new Set<string>();
  for (const p of ledger) if (p.kind === 'reversal') reversed.add(p.reverses);
  for (let i = ledger.length - 1; i >= 0; i--) {
    const p = ledger[i]!;
    if (p.kind === 'adjudication' && !reversed.has(p.id)) return p;
  }
  return null;
}

/** A Denied intent from a remittance, naming the codes (at most 10 in the reason; all, up to 50, stored). */
export function deniedIntent(codes: readonly string[]): StatusIntent {
  const stored = codes.slice(0, MAX_DENIAL_CODES);
  const named = stored.slice(0, CODES_IN_REASON).join(', ') + (stored.length > CODES_IN_REASON ? ', …' : '');
  return {
    toStatus: 'Denied',
    via: 'remittance',
    reason: named === '' ? 'Denied by the payer' : `Denied by the payer: ${named}`,
    denialCodes: stored,
  };
}

/** What one file did to one claim, as the status rule needs it. */
export interface RemittanceEffect {
  claim: Pick<Claim, 'status' | 'lines'>;
  /** The claim's postings after this file's postings were appended. */
  ledger: readonly Posting[];
  /** This file's adjudications for the claim that no reversal in the same file undid, in file order. */
  live: readonly { entry: RemittanceEntry; posting: AdjudicationPosting }[];
  /** Denial codes of the live denials, in order, each once. */
  denialCodes: readonly string[];
  /** RARCs on this file's reversals of earlier postings (kept on the claim when it becomes Denied). */
  reversalRemarks: readonly string[];
  /** Whether this file reversed a payment posted before it. */
  reversedEarlier: boolean;
}

/**
 * The claim's one status change for a whole file (null for none), from the net of its entries:
 * 1. every live entry of the file is a denial → Denied with the codes (a Denied claim stays as it is);
 * 2. else the derived insurance balance is ≤ 0 → Paid (Submitted, or Denied reprocessed), provided the
 *    claim's newest live adjudication is a payment (so reversing something else never "pays" a denial);
 * 3. else (the payer still owes) a Paid claim → Denied 'Payment reversed' (or reduced) for a biller to
 *    work; a Submitted or Denied claim keeps its status (a partial payment leaves it Submitted).
 */
export function decideRemittanceOutcome(effect: RemittanceEffect): {
  intent: StatusIntent | null;
  balances: Balances;
} {
  const { claim, ledger, live } = effect;
  const balances = deriveBalances({ lines: claim.lines, postings: ledger as Posting[] });
  const status = claim.status;
  if (live.length > 0 && live.every((l) => isDenialEntry(l.entry))) {
    return { intent: status === 'Denied' ? null : deniedIntent(effect.denialCodes), balances };
  }
  if (live.length === 0 && !effect.reversedEarlier) return { intent: null, balances };
  if (balances.insuranceBalanceCents <= 0) {
    if (status === 'Paid') return { intent: null, balances };
    const newest = latestLiveAdjudication(ledger);
    if (newest === null || isDenialPosting(newest)) return { intent: null, balances };
    return {
      intent: {
        toStatus: 'Paid',
        via: 'remittance',
        reason: status === 'Denied' ? 'Reprocessed and paid by the payer' : 'Paid by the payer',
      },
      balances,
    };
  }
  if (status !== 'Paid') return { intent: null, balances };
  const intent: StatusIntent = {
    toStatus: 'Denied',
    via: 'remittance',
    reason: effect.reversedEarlier ? 'Payment reversed' : 'Payment reduced by the payer',
    denialCodes: effect.reversalRemarks.slice(0, MAX_DENIAL_CODES),
  };
  return { intent, balances };
}
