import type { Claim } from '../../shared/domain/claim.ts';
import { type ClaimFact, claimPartitions, recordClaimFacts } from '../authority/claimFacts.ts';
import { PartitionClaims } from '../authority/partitionClaims.ts';
import { type DocsAccess, partitionDocs, practicePartitions } from '../submissions/practiceDocs.ts';

/** Where an inbound file's facts come from: the practice, the file's content hash, when it was processed. */
export interface InboundSourceRef {
  practiceId: string;
  fileHash: string;
  at: string;
}

export interface InboundFactsOutcome {
  changed: Claim[];
  unchanged: number;
  refused: { claimId: string; code: string; message: string }[];
  /** Claim ids found in no service month of the practice. */
  unknown: string[];
}

/** The service month of each claim id (given ones first, e.g. from a batch), and the claims as they are now. */
export function locateClaims(
  access: DocsAccess,
  practiceId: string,
  claimIds: Iterable<string>,
  known: ReadonlyMap<string, string> = new Map(),
): { partitions: Map<string, string>; claims: Map<string, Claim> } {
  const wanted = [...new Set(claimIds)];
  const partitions = new Map<string, string>();
  const rest: string[] = [];
  for (const id of wanted) {
    const p = known.get(id);
    if (p !== undefined) partitions.set(id, p);
    else rest.push(id);
  }
  if (rest.length > 0) {
    const found = claimPartitions(
      access.storage,
      practiceId,
      rest,
      (partition) => partitionDocs(access, practiceId, partition),
      practicePartitions(access, practiceId),
    );
    for (const [id, p] of found) partitions.set(id, p);
  }
  const claims = new Map<string, Claim>();
  const byPartition = groupBy(partitions);
  for (const [partition, ids] of byPartition) {
    const reader = new PartitionClaims(partitionDocs(access, practiceId, partition));
    for (const id of ids) {
      const claim = reader.read(id);
      if (claim) claims.set(id, claim);
    }
  }
  return { partitions, claims };
}

/** Records facts on claims wherever they are: one facts transaction per service month. */
export function recordInboundFacts(
  access: DocsAccess,
  practiceId: string,
  facts: readonly ClaimFact[],
  partitions: ReadonlyMap<string, string>,
): InboundFactsOutcome {
  const outcome: InboundFactsOutcome = { changed: [], unchanged: 0, refused: [], unknown: [] };
  const byPartition = new Map<string, ClaimFact[]>();
  for (const fact of facts) {
    const p = partitions.get(fact.claimId);
    if (p === undefined) {
      outcome.unknown.push(fact.claimId);
      continue;
    }
    const list = byPartition.get(p);
    if (list) list.push(fact);
    else byPartition.set(p, [fact]);
  }
  for (const [partition, list] of byPartition) {
    const result = recordClaimFacts(partitionDocs(access, practiceId, partition), list);
    outcome.changed.push(...result.changed);
    outcome.unchanged += result.unchanged.length;
    outcome.refused.push(...result.refused);
  }
  return outcome;
}

function groupBy(partitions: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, p] of partitions) {
    const list = out.get(p);
    if (list) list.push(id);
    else out.set(p, [id]);
  }
  return out;
}
