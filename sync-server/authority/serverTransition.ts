import { defaultPracticeSettings, type PracticeSettings } from '../../shared/domain/practice.ts';
import type { StatusIntent } from '../../shared/lifecycle/statusIntent.ts';
import { type TransitionResult, transition } from '../../shared/lifecycle/transition.ts';
import { recordClaimFacts } from './claimFacts.ts';
import type { PartitionDocs } from './partitionClaims.ts';

/** A server fact about one claim: what happens to it (a submission, an acknowledgment, a payment) and when. */
export interface ServerFact {
  claimId: string;
  /** A server-only change, e.g. `{ toStatus: 'Submitted', via: 'submission' }`. */
  intent: StatusIntent;
  at: string;
}

/**
 * Records a server fact on one claim, live or kept as a row: decided by the shared transition function
 * with the server as actor and written with its history event by `recordClaimFacts` (under
 * SERVER_ORIGIN, persisted and fanned out like any server change; a claim it closes is then moved out
 * of the live documents).
 */
export function applyServerTransition(
  docs: PartitionDocs,
  fact: ServerFact,
  settings: Pick<PracticeSettings, 'settleWriteOff'> = defaultPracticeSettings,
): TransitionResult | { ok: false; refusal: { code: 'unknown_claim'; message: string } } {
  let result: TransitionResult | null = null;
  const eventId = `server:${fact.claimId}:${fact.at}`;
  recordClaimFacts(docs, [
    {
      claimId: fact.claimId,
      decide(claim) {
        result = transition(claim, fact.intent, {
          actor: { kind: 'server' },
          at: fact.at,
          eventId,
          postingIdPrefix: eventId,
          settings,
        });
        return result.ok
          ? { ok: true, claim: result.claim, events: [result.event] }
          : { ok: false, code: result.refusal.code, message: result.refusal.message };
      },
    },
  ]);
  return (
    result ?? {
      ok: false,
      refusal: { code: 'unknown_claim', message: 'This claim is not in this service month on the server.' },
    }
  );
}
