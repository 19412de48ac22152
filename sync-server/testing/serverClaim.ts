import type { Claim } from '../../shared/domain/claim.ts';
import { factsDocName, partitionOf, workDocName } from '../../shared/sync/docNames.ts';
import { PartitionClaims } from '../authority/partitionClaims.ts';
import type { RunningServer } from '../server.ts';

/** A claim as the server itself holds it, live in its documents or kept as a row; null when it has none. */
export function serverClaim(
  server: RunningServer,
  practiceId: string,
  claim: Pick<Claim, 'id' | 'dateOfService'>,
): Claim | null {
  const partition = partitionOf(claim.dateOfService);
  const work = server.registry.get(workDocName(practiceId, partition));
  const facts = server.registry.get(factsDocName(practiceId, partition));
  if (!work || !facts) return null;
  return new PartitionClaims({
    work: work.doc,
    facts: facts.doc,
    storage: server.storage,
    practiceId,
    partition,
  }).read(claim.id);
}
