import type { Actor } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import { checkTransition } from '../../../shared/lifecycle/checkTransition.ts';

/** What a batch status change would do to the selected claims, before the biller confirms it. */
export interface BatchPlan {
  toStatus: ClaimStatus;
  /** Claims that can make the change; only these are sent. */
  allowed: string[];
  /** Claims that can't, with the shared transition rules' reason. */
  refused: { claimId: string; code: string; message: string }[];
  /** Hold needs a reason before anything is sent. */
  needsReason: boolean;
  /** Settled and Voided can't be undone: the biller types CONFIRM. */
  needsConfirm: boolean;
}

/** The word a biller types to confirm a change that can't be undone. */
export const CONFIRM_WORD = 'CONFIRM';

/**
 * Plans a batch status change with the same rules the server decides by (`checkTransition`), so the
 * dialog says which claims can't change and why before anything is sent.
 */
export function planBatch(
  claims: readonly Pick<Claim, 'id' | 'status' | 'firstSubmittedAt' | 'lines' | 'postings'>[],
  toStatus: ClaimStatus,
  reason: string,
  actor: Actor,
): BatchPlan {
  const trimmed = reason.trim();
  const needsReason = toStatus === 'Held' && trimmed === '';
  const allowed: string[] = [];
  const refused: BatchPlan['refused'] = [];
  for (const claim of claims) {
    // Checked with a placeholder reason while none is typed, so "needs a reason" is said once, above.
    const refusal = checkTransition(claim, { toStatus, reason: trimmed || 'reason to follow' }, actor);
    if (refusal === null) allowed.push(claim.id);
    else refused.push({ claimId: claim.id, code: refusal.code, message: refusal.message });
  }
  return {
    toStatus,
    allowed,
    refused,
    needsReason,
    needsConfirm: toStatus === 'Settled' || toStatus === 'Voided',
  };
}

/** Whether the plan may be sent: something to change, a reason if needed, CONFIRM typed if needed. */
export function canSend(plan: BatchPlan, confirmation: string): boolean {
  if (plan.allowed.length === 0 || plan.needsReason) return false;
  return !plan.needsConfirm || confirmation.trim() === CONFIRM_WORD;
}
