/**
 * The practice replica's store on this device: IndexedDB through Dexie, one database per user and
 * practice (`replicaDbName`). It keeps the Yjs documents as lists of updates, the claim rows by claim
 * id and a few small values (the row feed's position among them).
 *
 * Why updates are coalesced: Yjs emits one update per transaction — a keystroke, a message from the
 * server, each cell of a pasted column — and every IndexedDB transaction costs milliseconds. Stored one
 * by one, a burst of 1,000 updates becomes 1,000 transactions queued behind each other and 1,000 records
 * that the next start has to read and merge. So the updates a document emits in the same tick (or while
 * an earlier write is still running) are merged into one record and written in one transaction.
 *
 * Why they are compacted: records still pile up over a session, and every one of them is read and
 * merged when the queue opens. Once a document has more than 200, they are replaced by the document's
 * whole state, one record, in one transaction that deletes exactly the records it folded in.
 *
 * Why a row is stored as text: IndexedDB hands back what it stores as objects built by the browser's
 * structured-clone reader, and those are much larger in the JS heap than the same data from
 * JSON.parse (measured: 68k closed claims, 198 MB as clones against 140 MB parsed, in Node's V8). So
 * a row's claim and history are one JSON text (`body`), parsed when the rows are loaded (to build the
 * queue's rows; the replica then lets them go). Its session is kept in a table of its own: the queue
 * never needs it, a claim panel reads the row back with it (`readRow`), and leaving it out of the
 * start's read keeps it out of memory.
 *
 * Order: every call goes through one promise chain, so calls take effect in the order they were made,
 * a compaction never races an append, and `flushed()` is simply the end of the chain. Claim rows are
 * written 1,000 per transaction so no single transaction holds the main thread long; the feed position
 * is written with the last of them, never before.
 *
 * Failures (a full disk, mostly) are reported through `onError` and `lastError`; what could not be
 * written is kept in memory and written again with the next write or `flushed()`.
 */
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { Session } from '../../../shared/domain/session.ts';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';
import { PERSISTENCE_ORIGIN, type ReplicaPersistence } from '../sync/replicaPersistence.ts';

/** The database of one user's replica of one practice. */
export function replicaDbName(userId: string, practiceId: string): string {
  return `claimgrid:${userId}:${practiceId}`;
}

export type LocalStoreErrorKind = 'storage-full' | 'write-failed' | 'read-failed' | 'closed';

const MESSAGES: Record<LocalStoreErrorKind, string> = {
  'storage-full':
    "This device's storage is full, so recent changes are not saved on it. Free up some space; ClaimGrid will try again.",
  'write-failed':
    "Recent changes could not be saved on this device (the browser's storage failed). ClaimGrid will try again.",
  'read-failed': 'What was saved on this device could not be read.',
  closed: 'The store on this device was already closed.',
};

/** A failure of the device's store, with a message meant for the user (the browser's error is `cause`). */
export class LocalStoreError extends Error {
  constructor(
    readonly kind: LocalStoreErrorKind,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[kind], options);
    this.name = 'LocalStoreError';
  }
}

export interface DexieReplicaStoreOptions {
  /** Called on every failed read or write; writing goes on (and retries what failed). */
  onError?: (error: LocalStoreError) => void;
  /** Stored updates a document may have before they are compacted into one (200). */
  compactAfter?: number;
}

interface UpdateRecord {
  id?: number;
  doc: string;
  update: Uint8Array;
}

/** A claim row as stored (version 2): the claim and its history as JSON text, the session apart. */
interface StoredRow {
  claimId: string;
  partition: string;
  rowSeq: number;
  /** `JSON.stringify({ claim, history })`. */
  body: string;
}

interface StoredSession {
  claimId: string;
  session: Session;
}

interface MetaRecord {
  key: string;
  value: unknown;
}

interface AttachedDoc {
  doc: Y.Doc;
  /** Updates emitted since the last write was taken. */
  pending: Uint8Array[];
  /** Ids of this document's stored records whose content the document has. */
  known: Set<number>;
  /** Replace the stored records by the whole state at the next write. */
  compact: boolean;
  detach: () => void;
}

const ROW_CHUNK = 1_000;
/**
 * Rows read per request at load: a page is a task of its own (the JSON texts are parsed page by
 * page), and fewer pages mean fewer round trips to IndexedDB (68 of them for 68k rows at 1,000).
 */
const READ_PAGE = 5_000;
const DEFAULT_COMPACT_AFTER = 200;
/** Keys under this prefix belong to the store itself (the row feed's position). */
const RESERVED_PREFIX = 'store:';
const LAST_SEQ_KEY = `${RESERVED_PREFIX}rowsLastSeq`;

const noop = (): void => {};

export class DexieReplicaStore implements ReplicaPersistence {
  /** The last failure, until a later write has stored everything that failed; null otherwise. */
  lastError: LocalStoreError | null = null;

  readonly #db: Dexie;
  readonly #updates: Table<UpdateRecord, number>;
  readonly #rowTable: Table<StoredRow, string>;
  readonly #sessionTable: Table<StoredSession, string>;
  readonly #metaTable: Table<MetaRecord, string>;
  readonly #onError: ((error: LocalStoreError) => void) | undefined;
  readonly #compactAfter: number;

  readonly #docs = new Map<string, AttachedDoc>();
  // Handed over but not yet taken by a write (or put back after a failed one).
  #rows = new Map<string, ClaimRow>();
  /** Rows taken by the write under way, until it commits (what `readRow` may still need). */
  #writing = new Map<string, ClaimRow>();
  #lastSeq: number | undefined;
  #meta = new Map<string, unknown>();

  #tail: Promise<void> = Promise.resolve();
  /** A write in the chain that has not started yet: later writes join it. */
  #openWrite: Promise<void> | null = null;
  /** The last write failure while something that failed to be written is still only in memory. */
  #unsaved: LocalStoreError | null = null;
  #closing: Promise<void> | null = null;

  constructor(name: string, options: DexieReplicaStoreOptions = {}) {
    this.#db = new Dexie(name);
    this.#db.version(1).stores({ updates: '++id, doc', rows: 'claimId', meta: 'key' });
    // Version 2: rows as JSON text, their sessions in a table of their own (see above).
    this.#db
      .version(2)
      .stores({ updates: '++id, doc', rows: 'claimId', sessions: 'claimId', meta: 'key' })
      .upgrade(async (tx) => {
        const rows = tx.table('rows');
        const sessions = tx.table('sessions');
        let after: string | undefined;
        for (;;) {
          const page = (await (after === undefined
            ? rows.orderBy('claimId')
            : rows.where('claimId').above(after)
          )
            .limit(ROW_CHUNK)
            .toArray()) as ClaimRow[];
          if (page.length === 0) return;
          await rows.bulkPut(page.map(storedRow));
          const kept = page.flatMap((r) => (r.session ? [{ claimId: r.claimId, session: r.session }] : []));
          if (kept.length > 0) await sessions.bulkPut(kept);
          after = page[page.length - 1]!.claimId;
        }
      });
    this.#updates = this.#db.table('updates');
    this.#rowTable = this.#db.table('rows');
    this.#sessionTable = this.#db.table('sessions');
    this.#metaTable = this.#db.table('meta');
    this.#onError = options.onError;
    this.#compactAfter = options.compactAfter ?? DEFAULT_COMPACT_AFTER;
  }

  attachDoc(name: string, doc: Y.Doc): Promise<void> {
    if (this.#closing) return Promise.reject(new LocalStoreError('closed'));
    if (this.#docs.has(name)) return Promise.reject(new Error(`document ${name} is already attached`));
    const entry: AttachedDoc = { doc, pending: [], known: new Set(), compact: false, detach: noop };
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (origin === PERSISTENCE_ORIGIN) return;
      entry.pending.push(update);
      void this.#scheduleWrite();
    };
    // While the stored state loads, only note that something else changed the document: an 'update'
    // listener would make Yjs encode the whole loaded state once more (seconds for 100k claims), only
    // for us to drop it as our own. A change made meanwhile is then saved as the full state.
    let changedWhileLoading = false;
    const onLoadingTransaction = (transaction: Y.Transaction): void => {
      if (transaction.origin !== PERSISTENCE_ORIGIN) changedWhileLoading = true;
    };
    doc.on('afterTransaction', onLoadingTransaction);
    const listen = () => {
      doc.off('afterTransaction', onLoadingTransaction);
      if (this.#docs.get(name) !== entry) return;
      doc.on('update', onUpdate);
      entry.detach = () => doc.off('update', onUpdate);
      if (changedWhileLoading) {
        entry.pending.push(Y.encodeStateAsUpdate(doc));
        void this.#scheduleWrite();
      }
    };
    entry.detach = () => doc.off('afterTransaction', onLoadingTransaction);
    this.#docs.set(name, entry);
    const loaded = this.#enqueue(() =>
      this.#read(async () => {
        const records = await this.#updates.where('doc').equals(name).toArray();
        if (records.length === 0) return;
        for (const r of records) entry.known.add(r.id!);
        const merged =
          records.length === 1 ? records[0]!.update : Y.mergeUpdates(records.map((r) => r.update));
        Y.transact(doc, () => Y.applyUpdate(doc, merged), PERSISTENCE_ORIGIN);
        if (records.length > this.#compactAfter) {
          entry.compact = true;
          void this.#scheduleWrite();
        }
      }),
    );
    return loaded.finally(listen);
  }

  loadRows(): Promise<{ rows: ClaimRow[]; lastSeq: number }> {
    if (this.#closing) return Promise.reject(new LocalStoreError('closed'));
    return this.#enqueue(() =>
      this.#read(async () => {
        const lastSeq = ((await this.#metaTable.get(LAST_SEQ_KEY))?.value as number | undefined) ?? 0;
        // Pages by key rather than one toArray: each page is a short task, not one long block.
        const rows: ClaimRow[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await (after === undefined
            ? this.#rowTable.orderBy('claimId')
            : this.#rowTable.where('claimId').above(after)
          )
            .limit(READ_PAGE)
            .toArray();
          for (const stored of page) rows.push(claimRowOf(stored));
          if (page.length < READ_PAGE) return { rows, lastSeq };
          after = page[page.length - 1]!.claimId;
        }
      }),
    );
  }

  /**
   * One row, whole (claim, history and session), or undefined when the claim is not a row. Read
   * outside the write chain, so a panel opening during a long save does not wait for it; rows handed
   * over and not yet committed are answered from memory.
   */
  async readRow(claimId: string): Promise<ClaimRow | undefined> {
    if (this.#closing) throw new LocalStoreError('closed');
    const buffered = this.#buffered(claimId);
    if (buffered) return buffered.claim ? buffered : undefined;
    return this.#read(async () => {
      const [stored, session] = await Promise.all([
        this.#rowTable.get(claimId),
        this.#sessionTable.get(claimId),
      ]);
      if (!stored) return undefined;
      const row = claimRowOf(stored);
      return session ? { ...row, session: session.session } : row;
    });
  }

  /** The rows of these claims, without their sessions: those found, buffered ones first. */
  async readClaims(claimIds: readonly string[]): Promise<ClaimRow[]> {
    if (this.#closing) throw new LocalStoreError('closed');
    const out: ClaimRow[] = [];
    const stored: string[] = [];
    for (const id of claimIds) {
      const buffered = this.#buffered(id);
      if (buffered === undefined) stored.push(id);
      else if (buffered.claim) out.push(buffered);
    }
    if (stored.length === 0) return out;
    return this.#read(async () => {
      for (const row of await this.#rowTable.bulkGet(stored)) if (row) out.push(claimRowOf(row));
      return out;
    });
  }

  // Handed over and not yet committed: newer than what the tables hold.
  #buffered(claimId: string): ClaimRow | undefined {
    return this.#rows.get(claimId) ?? this.#writing.get(claimId);
  }

  saveRows(rows: readonly ClaimRow[], lastSeq: number): Promise<void> {
    if (this.#closing) return Promise.reject(new LocalStoreError('closed'));
    for (const row of rows) this.#rows.set(row.claimId, row);
    this.#lastSeq = lastSeq;
    return this.#scheduleWrite();
  }

  loadMeta<T>(key: string): Promise<T | undefined> {
    if (this.#closing) return Promise.reject(new LocalStoreError('closed'));
    return this.#enqueue(() =>
      this.#read(async () => (await this.#metaTable.get(key))?.value as T | undefined),
    );
  }

  saveMeta(key: string, value: unknown): Promise<void> {
    if (this.#closing) return Promise.reject(new LocalStoreError('closed'));
    if (key.startsWith(RESERVED_PREFIX)) return Promise.reject(new RangeError(`meta key ${key} is reserved`));
    // Copied now: the value stored is the one handed over, whatever the caller does with it later.
    this.#meta.set(key, structuredClone(value));
    return this.#scheduleWrite();
  }

  flushed(): Promise<void> {
    if (this.#hasBuffered()) void this.#scheduleWrite();
    return this.#enqueue(async () => {
      if (this.#unsaved) throw this.#unsaved;
    });
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const entry of this.#docs.values()) entry.detach();
      if (this.#hasBuffered()) await this.#scheduleWrite().catch(noop);
      await this.#tail;
      this.#db.close();
    })();
    return this.#closing;
  }

  #enqueue<T>(op: () => Promise<T>): Promise<T> {
    this.#openWrite = null; // writes handed over after this call come after it
    const result = this.#tail.then(op);
    this.#tail = result.then(noop, noop);
    return result;
  }

  #scheduleWrite(): Promise<void> {
    if (this.#openWrite) return this.#openWrite;
    const write = this.#enqueue(() => {
      this.#openWrite = null;
      return this.#write();
    });
    write.catch(noop); // reported through onError; callers who await still see the rejection
    this.#openWrite = write;
    return write;
  }

  #hasBuffered(): boolean {
    if (this.#rows.size > 0 || this.#meta.size > 0 || this.#lastSeq !== undefined) return true;
    for (const entry of this.#docs.values()) if (entry.pending.length > 0 || entry.compact) return true;
    return false;
  }

  /** Writes everything handed over so far: documents and small values first, then rows by chunks. */
  async #write(): Promise<void> {
    const docs: { name: string; entry: AttachedDoc; update: Uint8Array | null; compact: boolean }[] = [];
    for (const [name, entry] of this.#docs) {
      if (entry.pending.length === 0 && !entry.compact) continue;
      const batch = entry.pending;
      entry.pending = [];
      const update = batch.length === 0 ? null : batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
      docs.push({ name, entry, update, compact: entry.compact });
    }
    const meta = this.#meta;
    this.#meta = new Map();
    const rows = [...this.#rows.values()];
    this.#writing = this.#rows;
    this.#rows = new Map();
    const lastSeq = this.#lastSeq;
    this.#lastSeq = undefined;
    if (docs.length === 0 && meta.size === 0 && rows.length === 0 && lastSeq === undefined) return;

    const chunks: ClaimRow[][] = [];
    for (let i = 0; i < rows.length; i += ROW_CHUNK) chunks.push(rows.slice(i, i + ROW_CHUNK));
    if (chunks.length === 0) chunks.push([]);
    let written = 0; // chunks committed; the documents and values go with the first
    try {
      for (const [i, chunk] of chunks.entries()) {
        const after: (() => void)[] = [];
        const tables = [this.#updates, this.#rowTable, this.#sessionTable, this.#metaTable];
        await this.#db.transaction('rw', tables, async () => {
          if (i === 0) {
            for (const d of docs) after.push(await this.#writeDoc(d.name, d.entry, d.update, d.compact));
            if (meta.size > 0)
              await this.#metaTable.bulkPut([...meta].map(([key, value]) => ({ key, value })));
          }
          const puts = chunk.filter((r) => r.claim !== null);
          const deletes = chunk.filter((r) => r.claim === null).map((r) => r.claimId);
          const sessions = puts.flatMap((r) =>
            r.session ? [{ claimId: r.claimId, session: r.session }] : [],
          );
          const noSession = puts.filter((r) => !r.session).map((r) => r.claimId);
          if (puts.length > 0) await this.#rowTable.bulkPut(puts.map(storedRow));
          if (sessions.length > 0) await this.#sessionTable.bulkPut(sessions);
          if (deletes.length > 0 || noSession.length > 0) {
            await this.#rowTable.bulkDelete(deletes);
            await this.#sessionTable.bulkDelete([...deletes, ...noSession]);
          }
          if (i === chunks.length - 1 && lastSeq !== undefined)
            await this.#metaTable.put({ key: LAST_SEQ_KEY, value: lastSeq });
        });
        for (const fn of after) fn();
        written = i + 1;
      }
    } catch (cause) {
      // Put back what was not written, under anything newer handed over meanwhile.
      if (written === 0) {
        for (const d of docs) {
          if (d.update) d.entry.pending.unshift(d.update);
          d.entry.compact ||= d.compact;
        }
        for (const [key, value] of meta) if (!this.#meta.has(key)) this.#meta.set(key, value);
      }
      for (const chunk of chunks.slice(written))
        for (const row of chunk) if (!this.#rows.has(row.claimId)) this.#rows.set(row.claimId, row);
      if (lastSeq !== undefined) this.#lastSeq ??= lastSeq;
      this.#unsaved = this.#fail(isQuotaError(cause) ? 'storage-full' : 'write-failed', cause);
      throw this.#unsaved;
    } finally {
      this.#writing = new Map();
    }
    // Everything that failed before was handed back into this write, so it is all stored now.
    if (this.#unsaved) {
      if (this.lastError === this.#unsaved) this.lastError = null;
      this.#unsaved = null;
    }
  }

  /** Inside a transaction: appends a document's update, or compacts. Returns what to do once committed. */
  async #writeDoc(
    name: string,
    entry: AttachedDoc,
    update: Uint8Array | null,
    compact: boolean,
  ): Promise<() => void> {
    if (!compact && update && entry.known.size < this.#compactAfter) {
      const id = await this.#updates.add({ doc: name, update });
      return () => entry.known.add(id);
    }
    // Replace every stored record by the document's state. Records the document does not have (another
    // tab's, or ones it failed to load) are merged in rather than lost.
    const ids = await this.#updates.where('doc').equals(name).primaryKeys();
    const foreign = ids.filter((id) => !entry.known.has(id));
    let state = Y.encodeStateAsUpdate(entry.doc);
    if (foreign.length > 0) {
      const records = await this.#updates.bulkGet(foreign);
      state = Y.mergeUpdates([state, ...records.flatMap((r) => (r ? [r.update] : []))]);
    }
    await this.#updates.bulkDelete(ids);
    const id = await this.#updates.add({ doc: name, update: state });
    return () => {
      entry.known = new Set([id]);
      entry.compact = false;
    };
  }

  async #read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      throw this.#fail('read-failed', cause);
    }
  }

  #fail(kind: LocalStoreErrorKind, cause: unknown): LocalStoreError {
    const error = new LocalStoreError(kind, { cause });
    this.lastError = error;
    try {
      this.#onError?.(error);
    } catch {
      // a failing listener must not stop the store
    }
    return error;
  }
}

function storedRow(row: ClaimRow): StoredRow {
  return {
    claimId: row.claimId,
    partition: row.partition,
    rowSeq: row.rowSeq,
    body: JSON.stringify({ claim: row.claim, history: row.history }),
  };
}

function claimRowOf(stored: StoredRow): ClaimRow {
  const { claim, history } = JSON.parse(stored.body) as { claim: Claim; history: HistoryEvent[] };
  return { claimId: stored.claimId, partition: stored.partition, rowSeq: stored.rowSeq, claim, history };
}

/** Whether IndexedDB refused for lack of space (Dexie wraps it in AbortError or BulkError). */
function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}
