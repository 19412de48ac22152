import type * as Y from 'yjs';
import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { Session } from '../../shared/domain/session.ts';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { type ClaimRowBody, FEED_ROW_SEQ_KEY } from '../../shared/sync/claimRow.ts';
import { factsMaps, isEditableStatus, workMaps } from '../../shared/sync/layout.ts';
import type { ClaimRowWrite, Storage } from '../storage/storage.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';
import {
  appendHistory,
  type PartitionMaps,
  partitionMaps,
  readClaim,
  workRecordMap,
} from './claimRecords.ts';

/** Reads claims wherever they are and records accepted changes (what `decideIntent` needs). */
export interface ClaimStore {
  read(claimId: string): Claim | null;
  /**
   * Records the new state of a claim that `read` returned, with history events to store beside it
   * (user decisions need none: their history comes from the intent outcome). Call inside a facts
   * transaction.
   */
  write(before: Claim, after: Claim, seq: number, events?: readonly HistoryEvent[]): void;
}

export interface PartitionDocs {
  work: Y.Doc;
  facts: Y.Doc;
  storage: Storage;
  practiceId: string;
  partition: string;
}

/**
 * The claims of one service month, wherever they are: live in the partition's documents while people
 * can edit them (Ready, Held), a row in storage otherwise (see shared/sync/claimRow.ts). Writing a
 * decision puts the claim where its new status belongs:
 * - live → still editable: new facts in the facts document;
 * - live → closed: new facts now (everyone sees the decision), moved to a row by `archiveClosedClaims`
 *   after the broadcast (`closedClaims()` lists them);
 * - row → closed: the row is rewritten (`commitRows`, inside the facts transaction, so the row is on
 *   disk before anyone hears of the decision);
 * - row → editable (Resubmit): facts and history back into the facts document now, the work record
 *   and session back into the work document by `restoreReopened` (a work transaction), and a row with
 *   `claim: null` so replicas drop their copy.
 */
export class PartitionClaims implements ClaimStore {
  readonly #docs: PartitionDocs;
  readonly #maps: PartitionMaps;
  readonly #rowWrites = new Map<string, ClaimRowBody>();
  readonly #reopened: { claimId: string; work: Record<string, unknown>; session: Session | undefined }[] = [];
  readonly #closed = new Set<string>();

  constructor(docs: PartitionDocs) {
    this.#docs = docs;
    this.#maps = partitionMaps(docs.work, docs.facts);
  }

  read(claimId: string): Claim | null {
    return readClaim(this.#maps, claimId) ?? this.#row(claimId)?.claim ?? null;
  }

  write(before: Claim, after: Claim, seq: number, events: readonly HistoryEvent[] = []): void {
    const id = after.id;
    const { work, facts } = splitClaim(after, seq);
    const { status, postings } = this.#maps;
    if (this.#maps.claims.has(id)) {
      status.set(id, facts);
      if (after.postings !== before.postings) postings.set(id, after.postings);
      if (events.length > 0) appendHistory(this.#maps, id, [...events]);
      if (!isEditableStatus(after.status)) this.#closed.add(id);
      return;
    }
    const found = this.#row(id);
    if (!found) throw new Error('a decision was written for a claim this partition does not have');
    const row = { ...found, history: [...found.history, ...events] };
    if (!isEditableStatus(after.status)) {
      this.#rowWrites.set(id, { ...row, claim: after });
      return;
    }
    status.set(id, facts);
    if (after.postings.length > 0) postings.set(id, after.postings);
    if (row.history.length > 0) appendHistory(this.#maps, id, row.history);
    this.#reopened.push({ claimId: id, work, session: row.session });
    this.#rowWrites.set(id, { claim: null, history: [] });
  }

  /** Writes the rows decided so far and announces them; call inside the facts transaction. */
  commitRows(): void {
    if (this.#rowWrites.size === 0) return;
    const { storage, practiceId, partition, facts } = this.#docs;
    const rows = [...this.#rowWrites].map(([claimId, body]) => ({
      claimId,
      partition,
      body: JSON.stringify(body),
    }));
    const last = storage.putClaimRows(practiceId, rows);
    facts.getMap<number>(factsMaps.feed).set(FEED_ROW_SEQ_KEY, last);
    this.#rowWrites.clear();
  }

  /** Whether `restoreReopened` has work to do. */
  get hasReopened(): boolean {
    return this.#reopened.length > 0;
  }

  /** Puts reopened claims' work records and sessions back; call inside a server transaction on the work document. */
  restoreReopened(): void {
    const sessions = this.#docs.work.getMap<Session>(workMaps.sessions);
    for (const { claimId, work, session } of this.#reopened.splice(0)) {
      this.#maps.claims.set(claimId, workRecordMap(work));
      if (session && !sessions.has(session.id)) sessions.set(session.id, session);
    }
  }

  /** Live claims that a decision closed: move them out with `archiveClosedClaims` after the broadcast. */
  closedClaims(): string[] {
    return [...this.#closed];
  }

  /** Hands over a row already read (by a caller that looked many claims up at once), so it is not read again. */
  primeRow(claimId: string, row: ClaimRowBody | null): void {
    if (!this.#rowWrites.has(claimId)) this.#rowsRead.set(claimId, row?.claim ? row : null);
  }

  // A decision reads a row and then writes it: one read and parse per claim, not two.
  readonly #rowsRead = new Map<string, ClaimRowBody | null>();
  #row(claimId: string): ClaimRowBody | null {
    const pending = this.#rowWrites.get(claimId);
    if (pending) return pending.claim ? pending : null;
    let row = this.#rowsRead.get(claimId);
    if (row === undefined) {
      row = readClaimRow(this.#docs, claimId);
      this.#rowsRead.set(claimId, row);
    }
    return row;
  }
}

/** The row that keeps a closed claim, with its stored history and the session it was made from. */
export function closedClaimRow(
  claim: Claim,
  partition: string,
  history: HistoryEvent[],
  session: Session | undefined,
): ClaimRowWrite {
  const body: ClaimRowBody = { claim, history };
  if (session) body.session = session;
  return { claimId: claim.id, partition, body: JSON.stringify(body) };
}

/** The stored row of a claim of this partition, or null (none, or the claim is live again). */
export function readClaimRow(
  docs: Pick<PartitionDocs, 'storage' | 'practiceId' | 'partition'>,
  claimId: string,
): ClaimRowBody | null {
  const stored = docs.storage.getClaimRow(docs.practiceId, claimId);
  if (!stored || stored.partition !== docs.partition) return null;
  // The server wrote this text itself from a validated claim.
  const body = JSON.parse(stored.body) as ClaimRowBody;
  return body.claim ? body : null;
}

/**
 * Moves live claims that are no longer editable into rows: the rows are written (durably) first, then
 * the claims and their sessions leave the work document and their facts leave the facts document, in
 * server transactions. Without `claimIds`, sweeps the whole partition; that also finishes a move a
 * crash interrupted (facts left behind for a claim that already has its row). Returns how many claims
 * moved.
 */
export function archiveClosedClaims(docs: PartitionDocs, claimIds?: Iterable<string>): number {
  const { work, facts, storage, practiceId, partition } = docs;
  const maps = partitionMaps(work, facts);
  const sessions = work.getMap<Session>(workMaps.sessions);
  const moving: { claimId: string; sessionId: string | null; body: string }[] = [];
  for (const claimId of claimIds ?? [...maps.claims.keys()]) {
    // The status alone says whether to move: the sweep at start assembles only the claims that go.
    const status = maps.status.get(claimId)?.status;
    if (status === undefined || isEditableStatus(status)) continue;
    const claim = readClaim(maps, claimId);
    if (!claim || isEditableStatus(claim.status)) continue;
    const session = claim.sessionId === null ? undefined : sessions.get(claim.sessionId);
    const row = closedClaimRow(claim, partition, maps.history.get(claimId)?.toArray() ?? [], session);
    moving.push({ ...row, sessionId: claim.sessionId });
  }
  const leftovers = claimIds
    ? []
    : [...maps.status.keys()].filter(
        (id) => !maps.claims.has(id) && readClaimRow({ storage, practiceId, partition }, id) !== null,
      );
  if (moving.length === 0 && leftovers.length === 0) return 0;
  const last =
    moving.length > 0
      ? storage.putClaimRows(
          practiceId,
          moving.map(({ claimId, body }) => ({ claimId, partition, body })),
        )
      : storage.lastClaimRowSeq(practiceId);
  work.transact(() => {
    for (const { claimId, sessionId } of moving) {
      maps.claims.delete(claimId);
      if (sessionId !== null) sessions.delete(sessionId);
    }
  }, SERVER_ORIGIN);
  facts.transact(() => {
    for (const claimId of [...moving.map((m) => m.claimId), ...leftovers]) {
      maps.status.delete(claimId);
      maps.postings.delete(claimId);
      maps.history.delete(claimId);
    }
    facts.getMap<number>(factsMaps.feed).set(FEED_ROW_SEQ_KEY, last);
  }, SERVER_ORIGIN);
  return moving.length;
}
