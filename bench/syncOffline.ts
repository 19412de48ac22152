import type * as Y from 'yjs';
import type { PracticeReplica } from '../client/src/sync/practiceReplica.ts';
import type { ClaimStatus } from '../shared/domain/claimStatus.ts';
import { workMaps } from '../shared/sync/layout.ts';
import type { ClientProcess } from './syncClientHandle.ts';
import { type OfflineEdit, type OfflineIntent, sharedNow } from './syncProtocol.ts';
import { withTimeout } from './syncReplicas.ts';

/** What one laptop brings back: `edits` claims edited, `intents` status changes of `claimsPerIntent`. */
export interface OfflinePlan {
  editClaimIds: string[];
  /** Ready claims (not among the edited ones) to put on hold, in chunks per run. */
  intentPool: string[];
  intents: number;
  claimsPerIntent: number;
}

export interface OfflineTiming {
  /** From `connect()` until the observer has every edit and the laptop every decision. */
  reconciledMs: number;
  observerMs: number;
  decidedMs: number;
  accepted: number;
  refused: number;
}

/** Resolves (with `sharedNow`) when `replica` shows every claim's place of service as `values` says. */
function whenAllEdited(replica: PracticeReplica, values: Map<string, string>): Promise<number> {
  const waiting = new Set(values.keys());
  const maps = [...replica.partitions.values()].map((p) => p.work.getMap<Y.Map<unknown>>(workMaps.claims));
  const check = (map: Y.Map<Y.Map<unknown>>, id: string) => {
    if (map.get(id)?.get('placeOfService') === values.get(id)) waiting.delete(id);
  };
  for (const map of maps) for (const id of values.keys()) check(map, id);
  return new Promise((resolve) => {
    if (waiting.size === 0) return resolve(sharedNow());
    const listeners = maps.map((map) => {
      const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const e of events) {
          const id = e.path[0];
          if (typeof id === 'string' && waiting.has(id)) check(map, id);
        }
        if (waiting.size > 0) return;
        const at = sharedNow();
        for (const [i, m] of maps.entries()) m.unobserveDeep(listeners[i]!);
        resolve(at);
      };
      map.observeDeep(onChange);
      return onChange;
    });
  });
}

/**
 * Run `run` of the offline figure: the laptop (replica 0 of `clients`) goes offline, edits every
 * claim of the plan (a value new to this run) and makes the intents, then reconnects.
 */
export async function offlineRoundTrip(
  clients: ClientProcess,
  observer: PracticeReplica,
  plan: OfflinePlan,
  run: number,
): Promise<OfflineTiming> {
  // Place-of-service codes no synthetic claim uses, a different one each run.
  const value = String(63 + (run % 30));
  const edits: OfflineEdit[] = plan.editClaimIds.map((claimId) => ({ claimId, value }));
  // Each run holds the next chunk of the pool; once it is used up, the next pass clears those holds.
  const chunk = plan.intents * plan.claimsPerIntent;
  const chunks = Math.max(1, Math.floor(plan.intentPool.length / chunk));
  const base = (run % chunks) * chunk;
  const toStatus: ClaimStatus = Math.floor(run / chunks) % 2 === 0 ? 'Held' : 'Ready';
  const intents: OfflineIntent[] = [];
  for (let i = 0; i < plan.intents; i++) {
    const start = base + i * plan.claimsPerIntent;
    const intent: OfflineIntent = {
      claimIds: plan.intentPool.slice(start, start + plan.claimsPerIntent),
      toStatus,
    };
    if (toStatus === 'Held') intent.reason = 'Waiting on updated authorization';
    intents.push(intent);
  }

  const opIds = await clients.offline(0, edits, intents);
  const seen = whenAllEdited(observer, new Map(edits.map((e) => [e.claimId, e.value])));
  const { reconnectedAt, decided } = await clients.reconnect(0, opIds);
  const [seenAt, decision] = await withTimeout(
    Promise.all([seen, decided]),
    60_000,
    `${edits.length} offline edits and ${intents.length} intents to be reconciled`,
  );
  return {
    reconciledMs: Math.max(seenAt, decision.at) - reconnectedAt,
    observerMs: seenAt - reconnectedAt,
    decidedMs: decision.at - reconnectedAt,
    accepted: decision.accepted,
    refused: decision.refused,
  };
}
