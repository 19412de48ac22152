import type { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { ClaimOutcome, IntentOutcome } from '../../shared/sync/intent.ts';

/** What two converged replicas must agree on: claims, their histories and the intent outcomes. */
export interface ReplicaState {
  claims: Claim[];
  history: Record<string, HistoryEvent[]>;
  outcomes: IntentOutcome[];
}

/** A replica's state in a canonical order (claims by id, outcomes by op id), comparable with toEqual. */
export function replicaState(replica: PracticeReplica): ReplicaState {
  const claims = replica.claims().sort((a, b) => compare(a.id, b.id));
  const history: Record<string, HistoryEvent[]> = {};
  for (const c of claims) history[c.id] = replica.history(c.id);
  // An intent over several service months has one outcome per month, each with its own claims.
  const outcomes = replica
    .outcomes()
    .sort((a, b) => compare(a.opId, b.opId) || compare(JSON.stringify(a), JSON.stringify(b)));
  return { claims, history, outcomes };
}

/** The decisions on one op id merged over every service month it touched. */
export function mergedResults(replica: PracticeReplica, opId: string): Record<string, ClaimOutcome> {
  const results: Record<string, ClaimOutcome> = {};
  for (const o of replica.outcomes()) if (o.opId === opId) Object.assign(results, o.results);
  return results;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
