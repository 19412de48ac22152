import type * as Y from 'yjs';
import type { Actor } from '../../shared/domain/actor.ts';
import type { PracticeSettings } from '../../shared/domain/practice.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import type { ClaimOutcome, IntentOutcome, IntentRecord } from '../../shared/sync/intent.ts';
import { factsMaps } from '../../shared/sync/layout.ts';
import type { ClaimStore } from './partitionClaims.ts';

export interface DecideContext {
  actor: Extract<Actor, { kind: 'user' }>;
  at: string;
  settings: Pick<PracticeSettings, 'settleWriteOff'>;
  /** Reserves `count` consecutive server sequence numbers for this practice; returns the first. */
  reserveSeq(count: number): number;
}

/**
 * Decides one intent claim by claim with the shared transition function and records the new state of
 * each accepted claim (through `claims`, which knows where it lives) and, in the facts document, the
 * outcome of the intent (which the claims'
 * histories show as a status change or a conflict, see shared/sync/outcomeHistory.ts). Call inside a transaction on the facts document.
 * Returns the outcome (also stored under the op id, which makes redelivery a no-op).
 */
export function decideIntent(
  intent: IntentRecord,
  claims: ClaimStore,
  facts: Y.Doc,
  ctx: DecideContext,
): IntentOutcome {
  const claimIds = [...new Set(intent.claimIds)];
  const firstSeq = ctx.reserveSeq(claimIds.length);
  const results: Record<string, ClaimOutcome> = {};
  claimIds.forEach((claimId, i) => {
    const claim = claims.read(claimId);
    if (!claim) {
      results[claimId] = {
        ok: false,
        code: 'unknown_claim',
        message: 'This claim is not in this service month on the server; reload and try again.',
      };
      return;
    }
    const eventId = `${intent.opId}:${claimId}`;
    const result = transition(
      claim,
      { toStatus: intent.toStatus, reason: intent.reason, via: 'user', voidClaimId: intent.voidClaimId },
      { actor: ctx.actor, at: ctx.at, eventId, postingIdPrefix: eventId, settings: ctx.settings },
    );
    if (result.ok) {
      const seq = firstSeq + i;
      claims.write(claim, result.claim, seq);
      results[claimId] = { ok: true, seq, from: claim.status };
      return;
    }
    const { code, message } = result.refusal;
    const refused: ClaimOutcome = { ok: false, code, message, from: claim.status };
    const saw = intent.basedOn?.[claimId];
    if (saw !== undefined) refused.saw = saw;
    results[claimId] = refused;
  });
  const outcome: IntentOutcome = {
    opId: intent.opId,
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    decidedAt: ctx.at,
    toStatus: intent.toStatus,
    results,
  };
  if (intent.reason) outcome.reason = intent.reason;
  facts.getMap<IntentOutcome>(factsMaps.outcomes).set(intent.opId, outcome);
  return outcome;
}
