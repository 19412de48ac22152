import * as Y from 'yjs';
import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { Posting } from '../../shared/domain/posting.ts';
import { assembleClaim } from '../../shared/sync/assembleClaim.ts';
import { type ClaimFacts, factsMaps, workMaps } from '../../shared/sync/layout.ts';

/** The claim maps of a work document and a facts document of the same partition. */
export interface PartitionMaps {
  claims: Y.Map<Y.Map<unknown>>;
  status: Y.Map<ClaimFacts>;
  postings: Y.Map<Posting[]>;
  history: Y.Map<Y.Array<HistoryEvent>>;
}

/** The claim-related maps of one partition's work and facts documents. */
export function partitionMaps(work: Y.Doc, facts: Y.Doc): PartitionMaps {
  return {
    claims: work.getMap(workMaps.claims),
    status: facts.getMap(factsMaps.status),
    postings: facts.getMap(factsMaps.postings),
    history: facts.getMap(factsMaps.history),
  };
}

/** The assembled claim with this id, or null when there is none (or its work record is damaged). */
export function readClaim(maps: PartitionMaps, claimId: string): Claim | null {
  const record = maps.claims.get(claimId);
  if (!(record instanceof Y.Map)) return null;
  return assembleClaim(record.toJSON(), maps.status.get(claimId), maps.postings.get(claimId));
}

/** A new Y.Map holding a claim's work record, one key per field. */
export function workRecordMap(work: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(work)) map.set(key, value);
  return map;
}

/** Appends history events to a claim's history array, creating it on first use. */
export function appendHistory(maps: PartitionMaps, claimId: string, events: HistoryEvent[]): void {
  let list = maps.history.get(claimId);
  if (!list) {
    list = new Y.Array<HistoryEvent>();
    maps.history.set(claimId, list);
  }
  list.push(events);
}
