import { factsDocName, workDocName } from '../../shared/sync/docNames.ts';
import { applyServerTransition, type ServerFact as ClaimFact } from '../authority/serverTransition.ts';
import type { RunningServer } from '../server.ts';

/** Which claim a server fact is about (practice and service month), what it does, and when. */
export interface ServerFact extends ClaimFact {
  practiceId: string;
  /** Service month of the claim (`YYYY-MM`). */
  partition: string;
}

/**
 * Records a server fact (a submission going out, an acknowledgment, a remittance) on one claim the way
 * the server's own paths do (`applyServerTransition`), for tests until the submission pipeline exists.
 */
export function recordServerTransition(server: RunningServer, fact: ServerFact) {
  const work = server.registry.get(workDocName(fact.practiceId, fact.partition));
  const facts = server.registry.get(factsDocName(fact.practiceId, fact.partition));
  if (!work || !facts) throw new Error(`no documents for ${fact.practiceId} ${fact.partition}`);
  return applyServerTransition(
    {
      work: work.doc,
      facts: facts.doc,
      storage: server.storage,
      practiceId: fact.practiceId,
      partition: fact.partition,
    },
    fact,
  );
}
