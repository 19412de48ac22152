import WebSocket from 'ws';
import * as Y from 'yjs';
import { PracticeReplica } from '../client/src/sync/practiceReplica.ts';
import type { ClaimStatus } from '../shared/domain/claimStatus.ts';
import { type ClaimFacts, factsMaps, workMaps } from '../shared/sync/layout.ts';
import type { PracticeAddress } from './syncProtocol.ts';
import type { SeededPractice, ServerProcess } from './syncServerHandle.ts';

// y-websocket adds a process 'exit' listener per provider; a replica has 1 + 2 per partition, and the
// 50-client figure opens about a hundred replicas' worth.
process.setMaxListeners(Math.max(process.getMaxListeners(), 2000));

export type BenchUser = keyof PracticeAddress['tokens'];

/** Where a seeded practice is served and how to log in to it. */
export function addressOf(server: ServerProcess, practice: SeededPractice): PracticeAddress {
  return { url: server.url, practiceId: practice.practiceId, tokens: practice.tokens };
}

/** A replica of the practice at `address` as `user`, with the given partitions open. */
export function openReplica(
  address: PracticeAddress,
  user: BenchUser,
  partitions: readonly string[],
  connect = true,
): PracticeReplica {
  return new PracticeReplica({
    serverUrl: address.url,
    practiceId: address.practiceId,
    partitions,
    token: address.tokens[user],
    WebSocketImpl: WebSocket,
    connect,
  });
}

/**
 * Destroys a replica and waits until nothing keeps its documents reachable: its sockets until they
 * close, and y-websocket's reconnect timer, which it schedules on every close (200 ms after a synced
 * connection) even when destroying. A heap measured earlier would still hold the replica.
 */
export async function destroyReplica(replica: PracticeReplica): Promise<void> {
  const sockets = replica.providers.map((p) => p.ws).filter((ws) => ws !== null);
  replica.destroy();
  const until = performance.now() + 2000;
  while (sockets.some((ws) => ws.readyState !== ws.CLOSED) && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 250));
}

/** The work record (one Y.Map a claim) of `claimId` in the replica's partition `partition`. */
export function workRecord(replica: PracticeReplica, partition: string, claimId: string): Y.Map<unknown> {
  const record = replica.partitions.get(partition)?.work.getMap<Y.Map<unknown>>(workMaps.claims).get(claimId);
  if (!(record instanceof Y.Map)) throw new Error(`bench: no work record for ${claimId} in ${partition}`);
  return record;
}

/** Ids of the claims in `partition` whose server status is `status`, in id order (stable across runs). */
export function claimsWithStatus(replica: PracticeReplica, partition: string, status: ClaimStatus): string[] {
  const facts = replica.partitions.get(partition)?.facts.getMap<ClaimFacts>(factsMaps.status);
  if (!facts) return [];
  const ids: string[] = [];
  for (const [id, f] of facts) if (f.status === status) ids.push(id);
  return ids.sort();
}

/** The value at percentile `p` (0–100) of `values`, nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Rejects after `ms` with a message saying what never happened, so a stuck figure fails loudly. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Prints a line of detail when BENCH_SYNC_VERBOSE is set (breakdowns that are not figures). */
export function detail(line: string): void {
  if (process.env.BENCH_SYNC_VERBOSE) console.log(`    · ${line}`);
}
