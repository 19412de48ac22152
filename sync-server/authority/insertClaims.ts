import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';
import { appendHistory, partitionMaps, workRecordMap } from './claimRecords.ts';
import type { PartitionDocs } from './partitionClaims.ts';

/**
 * Adds new Ready claims made on the server (a secondary, corrected or void claim) to the live documents
 * of their service month, each with its "created" history event and any more events given: the work
 * record first, then the facts, as claims generated from sessions are. A claim whose id is already
 * there (live or a row) is not added again: the ids derive from the original, so a repeated request
 * finds the claim it made before. Returns the ids added.
 */
export function insertClaims(
  docs: PartitionDocs,
  claims: readonly Claim[],
  created: { at: string; actor: HistoryEvent['actor']; detail: (claim: Claim) => string },
): string[] {
  const maps = partitionMaps(docs.work, docs.facts);
  const fresh = claims.filter(
    (c) => !maps.claims.has(c.id) && docs.storage.getClaimRow(docs.practiceId, c.id) === null,
  );
  if (fresh.length === 0) return [];
  const first = docs.storage.nextCounter(`seq:${docs.practiceId}`, fresh.length);
  const split = fresh.map((c, i) => ({ claim: c, ...splitClaim(c, first + i) }));
  docs.work.transact(() => {
    for (const s of split) maps.claims.set(s.claim.id, workRecordMap(s.work));
  }, SERVER_ORIGIN);
  docs.facts.transact(() => {
    for (const s of split) {
      maps.status.set(s.claim.id, s.facts);
      if (s.claim.postings.length > 0) maps.postings.set(s.claim.id, s.claim.postings);
      appendHistory(maps, s.claim.id, [
        {
          id: `${s.claim.id}:created`,
          claimId: s.claim.id,
          at: created.at,
          actor: created.actor,
          kind: 'created',
          toStatus: s.claim.status,
          detail: created.detail(s.claim).slice(0, 500),
        },
      ]);
    }
  }, SERVER_ORIGIN);
  return fresh.map((c) => c.id);
}
