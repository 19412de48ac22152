import type { Actor } from '../domain/actor.ts';
import type { Claim } from '../domain/claim.ts';
import type { ClaimStatus, EdiStatus } from '../domain/claimStatus.ts';
import type { HistoryEvent } from '../domain/history.ts';
import type { Posting } from '../domain/posting.ts';
import type { Instant } from '../domain/primitives.ts';
import { type RefusalCode, readOnlyRefusal } from '../lifecycle/refusals.ts';
import type { StatusIntent } from '../lifecycle/statusIntent.ts';
import { transition } from '../lifecycle/transition.ts';
import type { ManualPaymentPlan } from './manualPayment.ts';
import type { ClaimPostingPlan } from './planRemittancePosting.ts';

/** When, and the id of the status-change history event (used only when the plan changes the status). */
export interface ApplyContext {
  at: Instant;
  eventId: string;
}

export type ApplyRefusalCode =
  /** The plan is for another claim. */
  | 'wrong_claim'
  /** The claim changed since the plan was made (another status, or the postings are already on it): plan again. */
  | 'stale_plan'
  /** The lifecycle refused the status change (see `shared/lifecycle/refusals.ts`). */
  | RefusalCode;

export type ApplyResult =
  | { ok: true; claim: Claim; event: HistoryEvent | null }
  | { ok: false; refusal: { code: ApplyRefusalCode; message: string } };

interface AppliedPlan {
  claimId: string;
  fromStatus: ClaimStatus;
  postingsToAppend: readonly Posting[];
  intent: StatusIntent | null;
  payerClaimControlNumber: string | null;
  ediStatus?: EdiStatus | null;
}

const server: Actor = { kind: 'server' };

/**
 * Apply one claim's part of a remittance plan, as the server: append the postings, store the payer
 * claim control number and EDI status, then take the status intent through `transition` (actor server),
 * whose table and balance rules still have the last word. All or nothing: a refusal changes nothing.
 * `event` is the status-change history event (null when the status stays); recording the postings in
 * the history is the caller's.
 */
export function applyPlanToClaim(claim: Claim, plan: ClaimPostingPlan, ctx: ApplyContext): ApplyResult {
  return applyPlan(claim, plan, server, ctx);
}

/** Apply a Record Payment plan for the person who recorded it (`actor`), the same way. */
export function applyManualPayment(
  claim: Claim,
  plan: ManualPaymentPlan,
  ctx: ApplyContext & { actor: Actor },
): ApplyResult {
  return applyPlan(claim, plan, ctx.actor, ctx);
}

function applyPlan(claim: Claim, plan: AppliedPlan, actor: Actor, ctx: ApplyContext): ApplyResult {
  // A posting is a change even when the status stays, so a viewer is refused before anything else.
  if (actor.kind === 'user' && actor.role === 'viewer') return { ok: false, refusal: readOnlyRefusal };
  if (claim.id !== plan.claimId) {
    return { ok: false, refusal: { code: 'wrong_claim', message: 'This posting plan is for another claim' } };
  }
  const existing = new Set(claim.postings.map((p) => p.id));
  if (claim.status !== plan.fromStatus || plan.postingsToAppend.some((p) => existing.has(p.id))) {
    return {
      ok: false,
      refusal: {
        code: 'stale_plan',
        message: 'The claim changed while the payment was being posted; post it again',
      },
    };
  }
  const next: Claim = {
    ...claim,
    postings: [...claim.postings, ...plan.postingsToAppend],
    payerClaimControlNumber: plan.payerClaimControlNumber ?? claim.payerClaimControlNumber,
    ediStatus: plan.ediStatus ?? claim.ediStatus,
  };
  if (plan.intent === null) return { ok: true, claim: next, event: null };
  const result = transition(next, plan.intent, {
    actor,
    at: ctx.at,
    eventId: ctx.eventId,
    // Settle is never planned here, so no write-off is ever made under this prefix.
    postingIdPrefix: `${ctx.eventId}:wo`,
    settings: { settleWriteOff: { insurance: false, patient: false } },
  });
  if (!result.ok) return { ok: false, refusal: result.refusal };
  return { ok: true, claim: result.claim, event: result.event };
}
