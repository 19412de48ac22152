import type { PracticeReplica } from '../client/src/sync/practiceReplica.ts';
import type { ClaimStatus } from '../shared/domain/claimStatus.ts';
import { type ClaimFacts, factsMaps } from '../shared/sync/layout.ts';
import type { ClientProcess } from './syncClientHandle.ts';
import { sharedNow } from './syncProtocol.ts';
import { withTimeout } from './syncReplicas.ts';

/** Resolves when every claim of `claimIds` has `status` in `replica`'s facts, with when (`sharedNow`). */
export function whenAllHave(
  replica: PracticeReplica,
  claimIds: readonly string[],
  status: ClaimStatus,
): Promise<number> {
  const waiting = new Set(claimIds);
  const maps = [...replica.partitions.values()].map((p) => p.facts.getMap<ClaimFacts>(factsMaps.status));
  const check = (id: string, facts: ClaimFacts | undefined) => {
    if (facts?.status === status) waiting.delete(id);
  };
  for (const map of maps) for (const id of claimIds) check(id, map.get(id));
  if (waiting.size === 0) return Promise.resolve(sharedNow());
  return new Promise((resolve) => {
    const listeners = maps.map((map) => {
      const onChange = (event: { keysChanged: Set<string> }) => {
        for (const id of event.keysChanged) if (waiting.has(id)) check(id, map.get(id));
        if (waiting.size > 0) return;
        const at = sharedNow();
        for (const [i, m] of maps.entries()) m.unobserve(listeners[i]!);
        resolve(at);
      };
      map.observe(onChange);
      return onChange;
    });
  });
}

/** How one batch went, on the bench's clock. */
export interface BatchTiming {
  /** From `requestStatusChange` on the requester to the watcher showing every claim at the new status. */
  visibleMs: number;
  /** From `requestStatusChange` to the requester seeing the decision of every partition. */
  decidedMs: number;
  accepted: number;
  refused: number;
  /** Bytes of document updates the watcher received until it saw them all (facts, mostly). */
  watcherBytes: number;
}

/**
 * The client process's replica `requester` changes the status of `claimIds` in one request; timed
 * until `watcher` (in this process) shows all of them at `toStatus`, which can only happen once the
 * server has decided them: the watcher receives facts, never the requester's intent as a status.
 */
export async function batchStatusChange(
  clients: ClientProcess,
  requester: number,
  watcher: PracticeReplica,
  claimIds: string[],
  toStatus: ClaimStatus,
  reason?: string,
): Promise<BatchTiming> {
  let watcherBytes = 0;
  const docs = [...watcher.partitions.values()].flatMap((p) => [p.work, p.facts]);
  const count = (update: Uint8Array) => {
    watcherBytes += update.byteLength;
  };
  for (const d of docs) d.on('update', count);
  const visible = whenAllHave(watcher, claimIds, toStatus).finally(() => {
    for (const d of docs) d.off('update', count);
  });
  const { requestedAt, decided } = await clients.request(requester, claimIds, toStatus, reason);
  const what = `${claimIds.length} claims to become ${toStatus}`;
  const [visibleAt, decision] = await withTimeout(Promise.all([visible, decided]), 60_000, what);
  return {
    watcherBytes,
    visibleMs: visibleAt - requestedAt,
    decidedMs: decision.at - requestedAt,
    accepted: decision.accepted,
    refused: decision.refused,
  };
}
