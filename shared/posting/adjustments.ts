import type { Adjustment, AdjustmentGroup, LineAdjudication } from '../domain/posting.ts';

/** A CARC as the posting schema stores it (X12 CAS02: 1–5 letters or digits). */
export const CARC_PATTERN = /^[A-Z0-9]{1,5}$/;
/** A RARC as the posting schema stores it (e.g. `N130`, `MA130`). */
export const RARC_PATTERN = /^[A-Z0-9]{1,7}$/;

/**
 * CARCs that are part of an ordinary payment, never a denial reason: 45 (charge exceeds the fee
 * schedule), 253 (sequestration), 23 (impact of the prior payer's adjudication, on secondary claims).
 */
const ORDINARY_CARCS: ReadonlySet<string> = new Set(['45', '253', '23']);
/** The patient's ordinary share (deductible, coinsurance, copay): a cost-share, not a denial reason. */
const COST_SHARE_CARCS: ReadonlySet<string> = new Set(['1', '2', '3']);

/** Total of some adjustments, in cents. */
export function sumAdjustments(adjustments: readonly Adjustment[]): number {
  let total = 0;
  for (const a of adjustments) total += a.amountCents;
  return total;
}

/** Total of the adjustments of one group (e.g. PR: what the payer assigned to the patient). */
export function sumGroup(adjustments: readonly Adjustment[], group: AdjustmentGroup): number {
  let total = 0;
  for (const a of adjustments) if (a.group === group) total += a.amountCents;
  return total;
}

/** Claim-level plus every line's adjustments: in an 835 each adjustment sits at one level only, never both. */
export function allAdjustments(
  claimLevel: readonly Adjustment[],
  lines: readonly LineAdjudication[],
): Adjustment[] {
  const all = claimLevel.slice();
  for (const line of lines) for (const a of line.adjustments) all.push(a);
  return all;
}

/**
 * One adjustment per group + CARC, amounts added, in order of first appearance; totals of zero are
 * dropped (they move no money). This is the posting's `adjustments`, which `deriveBalances` reads.
 */
export function mergeAdjustments(adjustments: readonly Adjustment[]): Adjustment[] {
  const byKey = new Map<string, Adjustment>();
  for (const a of adjustments) {
    const key = `${a.group}-${a.reason}`;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, { group: a.group, reason: a.reason, amountCents: a.amountCents });
    else seen.amountCents += a.amountCents;
  }
  const merged: Adjustment[] = [];
  for (const a of byKey.values()) if (a.amountCents !== 0) merged.push(a);
  return merged;
}

/** Whether an adjustment says why something was not paid (a denial CARC), rather than an ordinary cut. */
export function isDenialAdjustment(a: Adjustment): boolean {
  if (a.amountCents <= 0) return false;
  if (ORDINARY_CARCS.has(a.reason)) return false;
  return !(a.group === 'PR' && COST_SHARE_CARCS.has(a.reason));
}

/** `GROUP-CARC` of each denial adjustment, then the remark codes, each once, in order: e.g. `CO-4`, `N130`. */
export function denialCodes(adjustments: readonly Adjustment[], remarks: readonly string[]): string[] {
  const codes: string[] = [];
  for (const a of adjustments) {
    if (!isDenialAdjustment(a)) continue;
    const code = `${a.group}-${a.reason}`;
    if (!codes.includes(code)) codes.push(code);
  }
  for (const r of remarks) if (!codes.includes(r)) codes.push(r);
  return codes;
}
