import { defaultPracticeSettings } from '../../shared/domain/practice.ts';
import type { StatusIntent } from '../../shared/lifecycle/statusIntent.ts';
import { type TransitionResult, transition } from '../../shared/lifecycle/transition.ts';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { factsDocName, workDocName } from '../../shared/sync/docNames.ts';
import { appendHistory, partitionMaps, readClaim } from '../authority/claimRecords.ts';
import type { RunningServer } from '../server.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';

/** Which claim a server fact is about, what it does, and when. */
export interface ServerFact {
  practiceId: string;
  /** Service month of the claim (`YYYY-MM`). */
  partition: string;
  claimId: string;
  /** A server-only change, e.g. `{ toStatus: 'Submitted', via: 'submission' }`. */
  intent: StatusIntent;
  at: string;
}

/**
 * Records a server fact (a submission going out, an acknowledgment, a remittance) on one claim the way
 * the server's own paths will: decided by the shared transition function with the server as actor,
 * written into the facts document under SERVER_ORIGIN (so it is persisted and fanned out like any
 * server change). For tests, until the submission pipeline exists. Returns the transition's result.
 */
export function recordServerTransition(server: RunningServer, fact: ServerFact): TransitionResult {
  const work = server.registry.get(workDocName(fact.practiceId, fact.partition));
  const facts = server.registry.get(factsDocName(fact.practiceId, fact.partition));
  if (!work || !facts) throw new Error(`no documents for ${fact.practiceId} ${fact.partition}`);
  const maps = partitionMaps(work.doc, facts.doc);
  const claim = readClaim(maps, fact.claimId);
  if (!claim) throw new Error(`no claim ${fact.claimId} in ${fact.partition}`);
  const eventId = `server:${fact.claimId}:${fact.at}`;
  const result = transition(claim, fact.intent, {
    actor: { kind: 'server' },
    at: fact.at,
    eventId,
    postingIdPrefix: eventId,
    settings: defaultPracticeSettings,
  });
  if (!result.ok) return result;
  const seq = server.storage.nextCounter(`seq:${fact.practiceId}`);
  facts.doc.transact(() => {
    maps.status.set(fact.claimId, splitClaim(result.claim, seq).facts);
    if (result.claim.postings !== claim.postings) maps.postings.set(fact.claimId, result.claim.postings);
    appendHistory(maps, fact.claimId, [result.event]);
  }, SERVER_ORIGIN);
  return result;
}
