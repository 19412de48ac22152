import type * as Y from 'yjs';
import type { Actor } from '../../shared/domain/actor.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { PracticeSettings } from '../../shared/domain/practice.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import type { ClaimOutcome, IntentOutcome, IntentRecord } from '../../shared/sync/intent.ts';
import { factsMaps } from '../../shared/sync/layout.ts';
import { appendHistory, type PartitionMaps, readClaim } from './claimRecords.ts';

export interface DecideContext {
  actor: Extract<Actor, { kind: 'user' }>;
  at: string;
  settings: Pick<PracticeSettings, 'settleWriteOff'>;
  /** Reserves `count` consecutive server sequence numbers for this practice; returns the first. */
  reserveSeq(count: number): number;
}

/**
 * Decides one intent claim by claim with the shared transition function and records, in the facts
 * document, the new facts of each accepted claim, a history event for every claim (a status change or
 * a conflict), and the outcome of the intent. Call inside a transaction on the facts document.
 * Returns the outcome (also stored under the op id, which makes redelivery a no-op).
 */
export function decideIntent(
  intent: IntentRecord,
  maps: PartitionMaps,
  facts: Y.Doc,
  ctx: DecideContext,
): IntentOutcome {
  const claimIds = [...new Set(intent.claimIds)];
  const firstSeq = ctx.reserveSeq(claimIds.length);
  const results: Record<string, ClaimOutcome> = {};
  claimIds.forEach((claimId, i) => {
    const claim = readClaim(maps, claimId);
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
      maps.status.set(claimId, splitClaim(result.claim, seq).facts);
      if (result.claim.postings !== claim.postings) maps.postings.set(claimId, result.claim.postings);
      appendHistory(maps, claimId, [
        { ...result.event, detail: joinDetail(result.event.detail, `seq=${seq}`) },
      ]);
      results[claimId] = { ok: true, seq };
      return;
    }
    const { code, message } = result.refusal;
    results[claimId] = { ok: false, code, message };
    const conflict: HistoryEvent = {
      id: eventId,
      claimId,
      at: ctx.at,
      actor: ctx.actor,
      kind: 'conflict',
      fromStatus: claim.status,
      toStatus: intent.toStatus,
      detail: `refused=${code}${intent.basedOn?.[claimId] ? ` saw=${intent.basedOn[claimId]}` : ''}`,
    };
    if (intent.reason) conflict.reason = intent.reason.slice(0, 500);
    appendHistory(maps, claimId, [conflict]);
  });
  const outcome: IntentOutcome = {
    opId: intent.opId,
    userId: ctx.actor.userId,
    decidedAt: ctx.at,
    toStatus: intent.toStatus,
    results,
  };
  if (intent.reason) outcome.reason = intent.reason;
  facts.getMap<IntentOutcome>(factsMaps.outcomes).set(intent.opId, outcome);
  return outcome;
}

function joinDetail(a: string | undefined, b: string): string {
  return a ? `${a} ${b}` : b;
}
