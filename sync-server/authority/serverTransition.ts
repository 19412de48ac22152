import { defaultPracticeSettings, type PracticeSettings } from '../../shared/domain/practice.ts';
import type { StatusIntent } from '../../shared/lifecycle/statusIntent.ts';
import { type TransitionResult, transition } from '../../shared/lifecycle/transition.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';
import { archiveClosedClaims, PartitionClaims, type PartitionDocs } from './partitionClaims.ts';

/** A server fact about one claim: what happens to it (a submission, an acknowledgment, a payment) and when. */
export interface ServerFact {
  claimId: string;
  /** A server-only change, e.g. `{ toStatus: 'Submitted', via: 'submission' }`. */
  intent: StatusIntent;
  at: string;
}

/**
 * Records a server fact on a claim, live or kept as a row: decided by the shared transition function
 * with the server as actor, written under SERVER_ORIGIN (persisted and fanned out like any server
 * change) with its history event, and a claim it closes is then moved out of the live documents.
 */
export function applyServerTransition(
  docs: PartitionDocs,
  fact: ServerFact,
  settings: Pick<PracticeSettings, 'settleWriteOff'> = defaultPracticeSettings,
): TransitionResult | { ok: false; refusal: { code: 'unknown_claim'; message: string } } {
  const claims = new PartitionClaims(docs);
  const claim = claims.read(fact.claimId);
  if (!claim) {
    return {
      ok: false,
      refusal: { code: 'unknown_claim', message: 'This claim is not in this service month on the server.' },
    };
  }
  const eventId = `server:${fact.claimId}:${fact.at}`;
  const result = transition(claim, fact.intent, {
    actor: { kind: 'server' },
    at: fact.at,
    eventId,
    postingIdPrefix: eventId,
    settings,
  });
  if (!result.ok) return result;
  const seq = docs.storage.nextCounter(`seq:${docs.practiceId}`);
  docs.facts.transact(() => {
    claims.write(claim, result.claim, seq, [result.event]);
    claims.commitRows();
  }, SERVER_ORIGIN);
  if (claims.hasReopened) docs.work.transact(() => claims.restoreReopened(), SERVER_ORIGIN);
  archiveClosedClaims(docs, claims.closedClaims());
  return result;
}
