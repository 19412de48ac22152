import type * as Y from 'yjs';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';

/**
 * Where a replica keeps its data on the device (IndexedDB in the browser, see client/src/store/), so
 * the queue opens before the network answers and offline work survives a reload. Every method may be
 * called before the previous one's promise settles; an implementation keeps the calls' order. A failed
 * write is reported by the implementation itself (to the user, in words) and retried with the next
 * write; its promise rejects only for callers that wait, so fire-and-forget callers may ignore it.
 */
export interface ReplicaPersistence {
  /**
   * Applies what was stored for the document `name` to `doc` (with `PERSISTENCE_ORIGIN`), then stores
   * every later update of `doc` (local or from the server). Resolves once the stored state is applied.
   */
  attachDoc(name: string, doc: Y.Doc): Promise<void>;
  /**
   * The stored claim rows (rows with `claim: null` are never kept) and the feed position they reach.
   * A store that has `readRow` may leave the rows' sessions out (the replica asks for a row again
   * when a claim panel needs it).
   */
  loadRows(): Promise<{ rows: ClaimRow[]; lastSeq: number }>;
  /** Stores rows from the feed (replacing by claim id; a row with `claim: null` deletes) and the new position. */
  saveRows(rows: readonly ClaimRow[], lastSeq: number): Promise<void>;
  /**
   * One stored row, whole (claim, history, session), or undefined; rows handed over but not yet
   * written included. With this and `readClaims`, a replica keeps closed claims on the device only.
   */
  readRow?(claimId: string): Promise<ClaimRow | undefined>;
  /** The stored rows of these claims without their sessions (those found; any order), in one read. */
  readClaims?(claimIds: readonly string[]): Promise<ClaimRow[]>;
  /** A small value the replica keeps for itself (its offline edit journal, its op ids), or undefined. */
  loadMeta<T>(key: string): Promise<T | undefined>;
  saveMeta(key: string, value: unknown): Promise<void>;
  /** Resolves when everything handed over so far is durable (the UI says "saved" only then). */
  flushed(): Promise<void>;
  /** Stops storing; pending writes still complete. */
  close(): Promise<void>;
}

/** Origin of changes replayed from the device's store: not written back to it. */
export const PERSISTENCE_ORIGIN = Symbol('persistence');
