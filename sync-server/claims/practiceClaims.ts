import type { Claim } from '../../shared/domain/claim.ts';
import type { ClaimRowBody } from '../../shared/sync/claimRow.ts';
import { type ClaimFact, recordClaimFacts } from '../authority/claimFacts.ts';
import { partitionMaps } from '../authority/claimRecords.ts';
import { PartitionClaims } from '../authority/partitionClaims.ts';
import { type DocsAccess, partitionDocs, practicePartitions } from '../submissions/practiceDocs.ts';

export interface PracticeFactsOutcome {
  changed: Claim[];
  unchanged: number;
  refused: { claimId: string; code: string; message: string }[];
  /** Claim ids found in no service month of the practice. */
  unknown: string[];
}

/**
 * Claims of a practice looked up by id, wherever they are, read once: `claims` as they are now, the
 * service month of each, and the readers that hold them, so recording facts on them reads nothing again.
 * Use it and record in the same synchronous turn (nothing else may write in between).
 */
export interface LocatedClaims {
  claims: Map<string, Claim>;
  partitions: Map<string, string>;
  readers: Map<string, PartitionClaims>;
}

/**
 * Looks claims up: closed claims by their row (one read and parse each), live ones in the partition whose
 * documents hold them. `known` gives service months already known (e.g. from a batch).
 */
export function locateClaims(
  access: DocsAccess,
  practiceId: string,
  claimIds: Iterable<string>,
  known: ReadonlyMap<string, string> = new Map(),
): LocatedClaims {
  const located: LocatedClaims = { claims: new Map(), partitions: new Map(), readers: new Map() };
  const reader = (partition: string) => {
    let r = located.readers.get(partition);
    if (!r) {
      r = new PartitionClaims(partitionDocs(access, practiceId, partition));
      located.readers.set(partition, r);
    }
    return r;
  };
  const live: string[] = [];
  for (const id of new Set(claimIds)) {
    if (located.claims.has(id)) continue;
    const stored = access.storage.getClaimRow(practiceId, id);
    // The server wrote this text itself from a validated claim; `claim: null` means live again.
    const body = stored ? (JSON.parse(stored.body) as ClaimRowBody) : null;
    if (stored && body?.claim) {
      reader(stored.partition).primeRow(id, body);
      located.claims.set(id, body.claim);
      located.partitions.set(id, stored.partition);
    } else live.push(id);
  }
  if (live.length === 0) return located;
  const search = [
    ...new Set([
      ...live.map((id) => known.get(id)).filter((p) => p !== undefined),
      ...practicePartitions(access, practiceId),
    ]),
  ];
  for (const partition of search) {
    const docs = partitionDocs(access, practiceId, partition);
    const { claims } = partitionMaps(docs.work, docs.facts);
    for (const id of live) {
      if (located.claims.has(id) || !claims.has(id)) continue;
      const claim = reader(partition).read(id);
      if (!claim) continue;
      located.claims.set(id, claim);
      located.partitions.set(id, partition);
    }
  }
  return located;
}

/** Records facts on located claims: one facts transaction per service month, with the readers that found them. */
export function recordPracticeFacts(
  access: DocsAccess,
  practiceId: string,
  facts: readonly ClaimFact[],
  located: { partitions: ReadonlyMap<string, string>; readers?: ReadonlyMap<string, PartitionClaims> },
): PracticeFactsOutcome {
  const outcome: PracticeFactsOutcome = { changed: [], unchanged: 0, refused: [], unknown: [] };
  const byPartition = new Map<string, ClaimFact[]>();
  for (const fact of facts) {
    const p = located.partitions.get(fact.claimId);
    if (p === undefined) {
      outcome.unknown.push(fact.claimId);
      continue;
    }
    const list = byPartition.get(p);
    if (list) list.push(fact);
    else byPartition.set(p, [fact]);
  }
  for (const [partition, list] of byPartition) {
    const docs = partitionDocs(access, practiceId, partition);
    const result = recordClaimFacts(docs, list, located.readers?.get(partition));
    outcome.changed.push(...result.changed);
    outcome.unchanged += result.unchanged.length;
    outcome.refused.push(...result.refused);
  }
  return outcome;
}
