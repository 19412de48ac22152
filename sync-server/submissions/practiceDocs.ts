import type * as Y from 'yjs';
import type { Claim } from '../../shared/domain/claim.ts';
import { factsDocName, refDocName, workDocName } from '../../shared/sync/docNames.ts';
import { partitionMaps, readClaim } from '../authority/claimRecords.ts';
import type { PartitionDocs } from '../authority/partitionClaims.ts';
import type { Storage } from '../storage/storage.ts';
import type { RoomRegistry } from '../sync/roomRegistry.ts';

/** What reading and writing a practice's documents needs: the live rooms and the storage behind them. */
export interface DocsAccess {
  registry: RoomRegistry;
  storage: Storage;
}

/** The practice's service months that have documents. */
export function practicePartitions({ storage }: DocsAccess, practiceId: string): string[] {
  const prefix = `${practiceId}:work:`;
  return [...new Set(storage.listDocNames(prefix).map((name) => name.slice(prefix.length)))].sort();
}

/**
 * The work and facts documents of one service month, loaded through the registry (so every change goes
 * through the rooms: persisted, then sent to everyone connected) and watched by the authority.
 */
export function partitionDocs(access: DocsAccess, practiceId: string, partition: string): PartitionDocs {
  const work = access.registry.get(workDocName(practiceId, partition));
  const facts = access.registry.get(factsDocName(practiceId, partition));
  if (!work || !facts) throw new Error('not a document name ClaimGrid uses');
  return { work: work.doc, facts: facts.doc, storage: access.storage, practiceId, partition };
}

/** The practice's reference document (practice, payers, providers, clients, authorizations). */
export function refDoc(access: DocsAccess, practiceId: string): Y.Doc {
  const room = access.registry.get(refDocName(practiceId));
  if (!room) throw new Error('not a document name ClaimGrid uses');
  return room.doc;
}

/**
 * Every live claim of the practice (Ready and Held claims are always live; closed claims are rows),
 * with its service month. A claim whose work record is damaged is skipped (the authority reports it).
 */
export function liveClaims(access: DocsAccess, practiceId: string): { claim: Claim; partition: string }[] {
  const out: { claim: Claim; partition: string }[] = [];
  for (const partition of practicePartitions(access, practiceId)) {
    const { work, facts } = partitionDocs(access, practiceId, partition);
    const maps = partitionMaps(work, facts);
    for (const claimId of maps.claims.keys()) {
      const claim = readClaim(maps, claimId);
      if (claim) out.push({ claim, partition });
    }
  }
  return out;
}
