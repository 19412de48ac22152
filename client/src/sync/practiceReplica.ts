import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { assembleClaim } from '../../../shared/sync/assembleClaim.ts';
import { type ClaimRow, FEED_ROW_SEQ_KEY } from '../../../shared/sync/claimRow.ts';
import { factsDocName, partitionOf, refDocName, workDocName } from '../../../shared/sync/docNames.ts';
import type { ClaimOutcome, IntentOutcome, IntentRecord } from '../../../shared/sync/intent.ts';
import {
  type ClaimFacts,
  type EditableField,
  factsMaps,
  isEditableStatus,
  workMaps,
} from '../../../shared/sync/layout.ts';
import { claimHistory } from '../../../shared/sync/outcomeHistory.ts';
import { ClaimRowsFeed } from './claimRowsFeed.ts';
import { ConflictIndex } from './conflictIndex.ts';
import { type DroppedEdit, EditJournal, type EditJournalState, type ReopenFacts } from './editJournal.ts';
import type { ReplicaPersistence } from './replicaPersistence.ts';
import { StringPool } from './stringPool.ts';

export interface ReplicaOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8080`. */
  serverUrl: string;
  practiceId: string;
  /** Service months to open (from `GET /api/practices/:id/partitions`, plus any the user creates). */
  partitions: readonly string[];
  /** Session token for Node clients (sent as a query parameter); browsers use the cookie instead. */
  token?: string;
  /** WebSocket implementation for Node (`ws`); the browser's own by default. */
  WebSocketImpl?: unknown;
  /** Connect at once (default true). */
  connect?: boolean;
  /** The user's role; a viewer's replica refuses local writes (the server would drop them anyway). */
  role?: Role;
  now?: () => Date;
  newOpId?: () => string;
  /**
   * Where the replica keeps its data on this device (IndexedDB in the browser). With it, the stored
   * state is loaded before any connection is made (`ready()`), and everything received or written is
   * kept, so the queue opens offline and offline work survives a reload.
   */
  persistence?: ReplicaPersistence;
}

/** Closed claims read back from the device for claim panels, kept for the next opening. */
const DETAIL_CACHE = 50;
/** Claims whose panels were opened lately, whose sessions are kept as their rows arrive. */
const DETAILS_FOLLOWED = 20;

/** Key of the edit journal among the values the replica keeps on the device (see `persistence`). */
const JOURNAL_KEY = 'replica';

/** The decision on an intent so far: per claim, accepted or refused; `decided` once every part is in. */
export interface IntentStatus {
  decided: boolean;
  results: Record<string, ClaimOutcome>;
}

/** Why the server refused or closed a connection (a 44xx code: no retry until `connect()`). */
export interface ConnectionProblem {
  doc: string;
  code: number;
  reason: string;
}

/** A write attempted on a viewer's replica: viewers can look but not change. */
export class ReadOnlyReplicaError extends Error {
  readonly code = 'read_only';
  constructor() {
    super("Viewers can't change claims — ask an admin for the biller role.");
    this.name = 'ReadOnlyReplicaError';
  }
}

/** An edit of a claim that can no longer be edited (it went out, or was settled or voided). */
export class ClaimClosedError extends Error {
  readonly code = 'claim_closed';
  constructor(
    readonly claimId: string,
    readonly status: ClaimStatus,
  ) {
    super(
      `This claim is ${status} and can't be edited any more; to change what was billed, send a corrected claim.`,
    );
    this.name = 'ClaimClosedError';
  }
}

interface Partition {
  work: Y.Doc;
  facts: Y.Doc;
}

/**
 * A claim that left the live documents and whose row has not arrived yet: shown as last seen. A claim
 * reopened (Resubmit) whose row was not in memory has no copy to show (`claim` null) until its work
 * record arrives; a grid keeps its row as it was meanwhile.
 */
interface Departed {
  claim: Claim | null;
  status: ClaimStatus;
  partition: string;
  history: HistoryEvent[];
}

/**
 * A claim kept as a row. With a device store that reads rows back (`readRow`), memory keeps only where
 * the claim belongs and its status; the claim, its history and its session stay on the device until a
 * panel or a dialog asks (68k closed claims at 100k: about 55 MB of heap otherwise).
 */
interface KeptRow {
  partition: string;
  rowSeq: number;
  status: ClaimStatus;
  /**
   * The whole row, when the device can't give it back (no store, or one without `readRow`), or while
   * the claim is still live here.
   */
  whole: ClaimRow | null;
}

/**
 * A client's replica of one practice: the ref document and a work and facts document per service
 * month, each synced through a y-websocket provider. Reads assemble claims from work records and server
 * facts; writes are cell edits (CRDT fields) and status intents that the server decides.
 * @example
 * const r = new PracticeReplica({ serverUrl, practiceId, partitions: ['2026-11'], token, WebSocketImpl: WebSocket });
 * await r.whenSynced();
 * const opId = r.requestStatusChange(['C123'], 'Held', 'Waiting on authorization');
 */
export class PracticeReplica {
  readonly ref = new Y.Doc();
  readonly partitions = new Map<string, Partition>();
  readonly providers: WebsocketProvider[] = [];
  /** The latest refusal of each document's connection, until it connects again. */
  readonly problems: ConnectionProblem[] = [];
  /** Live claims (editable, in the work documents) → their service month. */
  readonly #claimPartition = new Map<string, string>();
  /** Claims kept as rows (everything not editable), from the device and the row feed. */
  readonly #rows = new Map<string, KeptRow>();
  readonly #strings = new StringPool();
  /** Whole rows read back from the device for panels (with their sessions), most recent last. */
  readonly #details = new Map<string, ClaimRow>();
  readonly #detailReads = new Map<string, Promise<void>>();
  /**
   * Rows just received, whole, until the claim listeners have seen them (a grid builds its rows from
   * them); with a store that reads rows back they are then dropped from memory.
   */
  #arriving = new Map<string, ClaimRow>();
  /**
   * Claims whose panel was asked for lately (`detailReady`): when one of them arrives as a row from
   * the feed, the whole row is kept, so an open panel (and a dialog in it) doesn't vanish while it
   * would be read back from the device.
   */
  readonly #detailAsked = new Set<string>();
  readonly #departed = new Map<string, Departed>();
  /** Facts of live claims whose facts were removed before their work record (the two documents sync apart). */
  readonly #departedFacts = new Map<string, { facts: ClaimFacts; postings: Claim['postings'] | undefined }>();
  /** This replica's edits the CRDT alone can't account for (offline, held for a reopening). */
  readonly #journal = new EditJournal(() => this.#saveJournal());
  readonly #feed: ClaimRowsFeed;
  readonly #conflicts = new ConflictIndex();
  /** Counts changes to any partition's intent outcomes (see `conflictsVersion`). */
  #outcomesVersion = 0;
  readonly #changeListeners = new Set<() => void>();
  readonly #claimListeners = new Set<(ids: ReadonlySet<string>) => void>();
  #changedClaims = new Set<string>();
  readonly #now: () => Date;
  readonly #newOpId: () => string;

  constructor(private readonly options: ReplicaOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#newOpId = options.newOpId ?? (() => `op-${crypto.randomUUID()}`);
    this.#feed = new ClaimRowsFeed({
      serverUrl: options.serverUrl,
      practiceId: options.practiceId,
      token: options.token,
      onRows: (rows) => this.#receiveRows(rows),
      onError: () => {
        this.rowsProblem =
          this.#feed.lastSeq > 0
            ? 'Working offline: closed claims are shown as this device last received them; newer changes arrive when the server answers.'
            : 'Closed claims could not be loaded from the server; they will load when it answers again.';
      },
    });
    this.#open(refDocName(options.practiceId), this.ref);
    for (const partition of options.partitions) this.addPartition(partition);
    this.#ready = options.persistence ? this.#loadFromDevice(options.persistence) : Promise.resolve();
    if (this.#shouldConnect) void this.#ready.then(() => this.#catchUp(this.#announcedRowSeq()));
  }

  readonly #ready: Promise<void>;
  // With persistence, connecting waits for the stored state, so the server's sync starts from it.
  get #shouldConnect(): boolean {
    return this.options.connect ?? true;
  }

  /** Resolves once the data kept on this device is loaded (at once without persistence). */
  ready(): Promise<void> {
    return this.#ready;
  }

  async #loadFromDevice(store: ReplicaPersistence): Promise<void> {
    let placed = () => {};
    this.#rowsKnown = new Promise((resolve) => {
      placed = resolve;
    });
    try {
      // Both asked for now, so they come before any write the connections queue in the store meanwhile.
      const [stored, journal] = await Promise.all([
        store.loadRows(),
        store.loadMeta<EditJournalState>(JOURNAL_KEY),
      ]);
      this.#feed.resumeAfter(stored.lastSeq);
      if (stored.rows.length > 0) this.#receiveRows(stored.rows, false);
      if (journal) this.#journal.restore(journal);
    } finally {
      placed();
    }
    await this.#attached;
  }

  // Documents attach to the device store as they are created; connecting waits for all of them.
  #attached: Promise<unknown> = Promise.resolve();

  #saveJournal(): void {
    // A failure is reported and retried by the store (see ReplicaPersistence).
    void this.options.persistence?.saveMeta(JOURNAL_KEY, this.#journal.state()).catch(() => {});
  }

  /** Why closed claims are missing or stale, when the last fetch of them failed; null when fine. */
  rowsProblem: string | null = null;

  #open(name: string, doc: Y.Doc): WebsocketProvider {
    const provider = new WebsocketProvider(
      `${this.options.serverUrl.replace(/^http/, 'ws')}/sync`,
      name,
      doc,
      {
        connect: (this.options.connect ?? true) && !this.options.persistence,
        params: this.options.token ? { token: this.options.token } : {},
        WebSocketPolyfill: this.options.WebSocketImpl as typeof WebSocket | undefined,
        disableBc: true,
      },
    );
    // One problem per document, the latest; a connection that succeeds again (`connect()` after a
    // new login) clears it.
    provider.on('connection-close', (event) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        this.#clearProblem(name);
        this.problems.push({ doc: name, code: event.code, reason: event.reason });
      }
    });
    provider.on('status', (event) => {
      if (event.status === 'connected') this.#clearProblem(name);
    });
    this.providers.push(provider);
    const store = this.options.persistence;
    if (store) {
      // The provider's own 'update' listener would make Yjs re-encode everything loaded from the
      // device; it has nothing to send before it connects (after the load), and the sync handshake
      // then exchanges whatever differs. So it listens from the end of the load on.
      const relay = (provider as unknown as { _updateHandler: (u: Uint8Array, o: unknown) => void })
        ._updateHandler;
      doc.off('update', relay);
      const attached = store.attachDoc(name, doc).finally(() => {
        if (!this.#destroyed) doc.on('update', relay);
      });
      this.#attached = Promise.all([this.#attached, attached]);
      if (this.#shouldConnect) void attached.then(() => provider.connect());
    }
    return provider;
  }

  #clearProblem(doc: string): void {
    const at = this.problems.findIndex((p) => p.doc === doc);
    if (at >= 0) this.problems.splice(at, 1);
  }

  /** Opens the documents of one more service month (no-op if open). */
  addPartition(partition: string): void {
    if (this.partitions.has(partition)) return;
    const work = new Y.Doc();
    const facts = new Y.Doc();
    this.partitions.set(partition, { work, facts });
    const claims = work.getMap<Y.Map<unknown>>(workMaps.claims);
    const status = facts.getMap<ClaimFacts>(factsMaps.status);
    const postings = facts.getMap<Claim['postings']>(factsMaps.postings);
    claims.observe((event) => {
      for (const [id, change] of event.changes.keys) {
        if (change.action !== 'delete') {
          this.#claimPartition.set(id, partition);
          this.#departed.delete(id);
          const held = this.#journal.takeHeld(id);
          if (held) {
            queueMicrotask(() => {
              for (const [field, value] of held) this.#writeEdit(id, field, value);
            });
          }
          continue;
        }
        // The claim left the live documents (closed): keep showing it as last seen until its row comes.
        this.#claimPartition.delete(id);
        const kept = this.#rows.get(id);
        if (kept?.whole && this.#slim) {
          // Its row came first: shown from it now (the listeners see it), then left on the device.
          this.#arriving.set(id, kept.whole);
          kept.whole = null;
        }
        const record = change.oldValue as Y.Map<unknown> | undefined;
        const known = this.#departedFacts.get(id);
        const claim =
          record instanceof Y.Map
            ? assembleClaim(
                lastContent(record),
                status.get(id) ?? known?.facts,
                postings.get(id) ?? known?.postings,
              )
            : null;
        if (claim && !this.#rows.has(id))
          this.#departed.set(id, { claim, status: claim.status, partition, history: [] });
      }
    });
    status.observe((event) => {
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete' && claims.has(id)) {
          this.#departedFacts.set(id, { facts: change.oldValue as ClaimFacts, postings: postings.get(id) });
        } else if (change.action !== 'delete') this.#departedFacts.delete(id);
      }
    });
    facts.getMap<number>(factsMaps.feed).observe(() => this.#followFeed(facts));
    claims.observeDeep((events) => {
      for (const e of events) {
        if (e.path.length === 0) for (const id of e.changes.keys.keys()) this.#claimChanged(id);
        else if (typeof e.path[0] === 'string') this.#claimChanged(e.path[0]);
      }
    });
    for (const map of [status, postings]) {
      map.observe((event) => {
        for (const id of event.changes.keys.keys()) this.#claimChanged(id);
      });
    }
    facts.getMap(factsMaps.outcomes).observe(() => {
      this.#outcomesVersion++;
      this.#journal.checkHeld(this.#reopenFacts);
    });
    this.#conflicts.follow(facts.getMap<Y.Array<HistoryEvent>>(factsMaps.history));
    for (const id of claims.keys()) this.#claimPartition.set(id, partition);
    const workProvider = this.#open(workDocName(this.options.practiceId, partition), work);
    this.#open(factsDocName(this.options.practiceId, partition), facts);
    workProvider.on('sync', (synced: boolean) => {
      // Offline edits of claims still live here have reached the server (one the server refused is
      // undone there and shows as a conflict in the claim's history).
      if (synced) this.#journal.settle((claimId) => this.#claimPartition.get(claimId) === partition);
    });
  }

  #followFeed(facts: Y.Doc): void {
    const announced = facts.getMap<number>(factsMaps.feed).get(FEED_ROW_SEQ_KEY) ?? 0;
    if (announced > this.#feed.lastSeq) void this.#catchUp(announced);
  }

  #announcedRowSeq(): number {
    let max = 0;
    for (const { facts } of this.partitions.values())
      max = Math.max(max, facts.getMap<number>(factsMaps.feed).get(FEED_ROW_SEQ_KEY) ?? 0);
    return max;
  }

  /**
   * Fetches rows once the feed knows where the device's rows end. A facts document loaded from the
   * device announces the row sequence before the rows are read, and fetching then would download
   * every row again (68k at 100k claims) on each start.
   */
  #catchUp(target: number): Promise<void> {
    return this.#rowsKnown.then(() => this.#feed.catchUp(Math.max(target, this.#announcedRowSeq())));
  }

  /** Resolves once the device's rows are read (or could not be): where the feed resumes is known. */
  #rowsKnown: Promise<void> = Promise.resolve();

  // A fetch of rows still on its way when the replica is destroyed has nowhere to go.
  #destroyed = false;

  /** Whether rows stay on the device and are read back when asked for (see `KeptRow`). */
  get #slim(): boolean {
    const store = this.options.persistence;
    return store?.readRow !== undefined && store.readClaims !== undefined;
  }

  #receiveRows(rows: ClaimRow[], fromFeed = true): void {
    if (this.#destroyed) return;
    // A failure is reported and retried by the store (see ReplicaPersistence).
    if (fromFeed) void this.options.persistence?.saveRows(rows, this.#feed.lastSeq).catch(() => {});
    const slim = this.#slim;
    for (const row of rows) {
      const departed = this.#departed.get(row.claimId);
      this.#departedFacts.delete(row.claimId);
      const old = this.#rows.get(row.claimId);
      const oldWhole = this.#wholeRow(row.claimId);
      this.#details.delete(row.claimId);
      if (row.claim) {
        this.#strings.row(row);
        if (fromFeed && this.#detailAsked.has(row.claimId)) this.#keepDetail(row);
        // A claim still live here (its row came before its record left) keeps its row whole until the
        // record goes, so the queue can show it as the row says then.
        const keepWhole = !slim || this.#claimPartition.has(row.claimId);
        this.#rows.set(row.claimId, {
          partition: row.partition,
          rowSeq: row.rowSeq,
          status: row.claim.status,
          whole: keepWhole ? row : null,
        });
        if (!keepWhole) this.#arriving.set(row.claimId, row);
        this.#departed.delete(row.claimId);
      } else {
        // Back in the live documents (Resubmit); until its work record arrives, show the last copy.
        this.#rows.delete(row.claimId);
        this.#arriving.delete(row.claimId);
        if (old && !this.#claimPartition.has(row.claimId) && !departed)
          this.#departed.set(row.claimId, {
            claim: oldWhole?.claim ?? null,
            status: old.status,
            partition: old.partition,
            history: oldWhole?.history ?? [],
          });
      }
      this.#journal.rowArrived(row);
    }
    this.#conflicts.addRows(rows);
    this.#journal.checkHeld(this.#reopenFacts, new Set(rows.filter((r) => r.claim).map((r) => r.claimId)));
    this.rowsProblem = null;
    for (const row of rows) this.#claimChanged(row.claimId);
    for (const fn of this.#changeListeners) fn();
  }

  /** A closed claim's whole row if it is in memory (kept, just arrived, or read back for a panel). */
  #wholeRow(claimId: string): ClaimRow | undefined {
    return this.#rows.get(claimId)?.whole ?? this.#arriving.get(claimId) ?? this.#details.get(claimId);
  }

  /** What the edit journal needs to know about reopenings of closed claims. */
  readonly #reopenFacts: ReopenFacts = {
    isLive: (claimId) => this.#claimPartition.has(claimId),
    reopening: (claimId) =>
      this.pendingIntents().some(
        (i) => this.#journal.isMine(i.opId) && isEditableStatus(i.toStatus) && i.claimIds.includes(claimId),
      ),
    reopenAccepted: (claimId) =>
      this.outcomes().some(
        (o) =>
          this.#journal.isMine(o.opId) && isEditableStatus(o.toStatus) && o.results[claimId]?.ok === true,
      ),
    statusOf: (claimId) => this.#statusOf(claimId),
  };

  /** Offline edits the server never applied because their claim had been closed meanwhile. */
  droppedEdits(): readonly DroppedEdit[] {
    return this.#journal.dropped();
  }

  /**
   * Resolves once every document has completed its first sync with the server and the claim rows they
   * announce have arrived (or could not be fetched: see `rowsProblem`).
   */
  async whenSynced(): Promise<void> {
    await Promise.all(
      this.providers.map((p) =>
        p.synced ? undefined : new Promise<void>((resolve) => p.once('sync', () => resolve())),
      ),
    );
    await this.#catchUp(this.#announcedRowSeq());
  }

  /** Whether every provider is connected and synced, and every announced claim row is here. */
  get synced(): boolean {
    return this.providers.every((p) => p.synced) && this.#feed.lastSeq >= this.#announcedRowSeq();
  }

  /** Goes offline: local changes keep working and are sent on `connect()`. */
  disconnect(): void {
    for (const p of this.providers) p.disconnect();
  }

  connect(): void {
    for (const p of this.providers) p.connect();
    this.options.connect = true;
    void this.#catchUp(this.#announcedRowSeq());
  }

  destroy(): void {
    this.#destroyed = true;
    for (const p of this.providers) p.destroy();
    this.ref.destroy();
    for (const { work, facts } of this.partitions.values()) {
      work.destroy();
      facts.destroy();
    }
  }

  /** Calls `fn` after any change to any of this replica's documents; returns an unsubscribe function. */
  onChange(fn: () => void): () => void {
    const docs = [this.ref, ...[...this.partitions.values()].flatMap((p) => [p.work, p.facts])];
    // 'afterTransaction', not 'update': an update listener makes Yjs encode every change, which costs
    // seconds while a device's stored state loads.
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) fn();
    };
    for (const d of docs) d.on('afterTransaction', onTransaction);
    this.#changeListeners.add(fn);
    return () => {
      for (const d of docs) d.off('afterTransaction', onTransaction);
      this.#changeListeners.delete(fn);
    };
  }

  /**
   * Calls `fn` with the ids of claims that changed (edited, decided, arrived, left the live documents),
   * once per burst of changes; returns an unsubscribe function. What a grid needs to update its rows.
   */
  onClaimsChanged(fn: (ids: ReadonlySet<string>) => void): () => void {
    this.#claimListeners.add(fn);
    return () => this.#claimListeners.delete(fn);
  }

  #claimChanged(id: string): void {
    if (this.#changedClaims.size === 0) {
      queueMicrotask(() => {
        const ids = this.#changedClaims;
        this.#changedClaims = new Set();
        for (const fn of this.#claimListeners) fn(ids);
        if (this.#arriving.size > 0) this.#arriving = new Map();
      });
    }
    this.#changedClaims.add(id);
  }

  /** Ids of every claim: live ones of the open partitions, and those kept as rows. */
  claimIds(): string[] {
    const ids = new Set(this.#claimPartition.keys());
    for (const id of this.#rows.keys()) ids.add(id);
    for (const id of this.#departed.keys()) ids.add(id);
    return [...ids];
  }

  /** One claim as this replica sees it (server facts as last received), or null. */
  claim(claimId: string): Claim | null {
    const p = this.#partitionOf(claimId);
    const record = p?.work.getMap<Y.Map<unknown>>(workMaps.claims).get(claimId);
    if (p && record instanceof Y.Map) {
      const departed = this.#departedFacts.get(claimId);
      const facts = p.facts.getMap<ClaimFacts>(factsMaps.status).get(claimId) ?? departed?.facts;
      // Work and facts arrive on separate connections: until the server's facts are here, the claim's
      // status is unknown, and showing it as a fresh Ready claim would invite the wrong batch change.
      if (facts === undefined) return null;
      return assembleClaim(
        record.toJSON(),
        facts,
        p.facts.getMap<Claim['postings']>(factsMaps.postings).get(claimId) ?? departed?.postings,
      );
    }
    const kept = this.#wholeRow(claimId)?.claim ?? this.#departed.get(claimId)?.claim ?? null;
    return kept && this.#journal.overlay(kept);
  }

  /**
   * Whether this replica knows the claim (live, kept as a row, or on its way between the two), even
   * when `claim()` can't answer at once because its row is on the device only.
   */
  has(claimId: string): boolean {
    return this.#claimPartition.has(claimId) || this.#rows.has(claimId) || this.#departed.has(claimId);
  }

  /**
   * The claims of `claimIds` this replica knows, in that order: those in memory at once, closed ones
   * read back from the device in one read (what a batch dialog over thousands of closed claims needs).
   */
  async loadClaims(claimIds: readonly string[]): Promise<Claim[]> {
    const found = new Map<string, Claim>();
    const onDevice: string[] = [];
    for (const id of claimIds) {
      const claim = this.claim(id);
      if (claim) found.set(id, claim);
      else if (this.#rows.has(id)) onDevice.push(id);
    }
    const store = this.options.persistence;
    if (onDevice.length > 0 && store?.readClaims) {
      // The store answers rows handed to it and not yet written too, so what it reads is the newest.
      for (const row of await store.readClaims(onDevice))
        if (row.claim && this.#rows.has(row.claimId))
          found.set(row.claimId, this.#journal.overlay(row.claim));
      // One that moved meanwhile (reopened into the live documents, say) is asked for again.
      for (const id of onDevice) {
        const claim = found.has(id) ? null : this.claim(id);
        if (claim) found.set(id, claim);
      }
    }
    return claimIds.flatMap((id) => found.get(id) ?? []);
  }

  /**
   * Every claim in memory: the live ones and the rows kept whole. With a device store that reads rows
   * back, closed claims stay on the device (`allClaims`, `loadClaims`).
   */
  claims(): Claim[] {
    const out: Claim[] = [];
    for (const id of this.claimIds()) {
      const c = this.claim(id);
      if (c) out.push(c);
    }
    return out;
  }

  /** Every claim, closed ones read back from the device where they are kept there. */
  allClaims(): Promise<Claim[]> {
    return this.loadClaims(this.claimIds());
  }

  /**
   * The claim's history as received from the server, oldest first: the events stored for it and the
   * status changes and conflicts implied by the intent outcomes of its service month.
   */
  history(claimId: string): HistoryEvent[] {
    const partition = this.#anyPartitionOf(claimId);
    const p = partition === undefined ? undefined : this.partitions.get(partition);
    if (!p) return [];
    const kept = this.#wholeRow(claimId) ?? this.#departed.get(claimId);
    const stored =
      kept && !this.#claimPartition.has(claimId)
        ? kept.history
        : (p.facts.getMap<Y.Array<HistoryEvent>>(factsMaps.history).get(claimId)?.toArray() ?? []);
    return claimHistory(claimId, stored, p.facts.getMap<IntentOutcome>(factsMaps.outcomes).values());
  }

  /**
   * The session note a claim was made from, or null: a closed claim's comes with its row; a live
   * claim's is in the work document of its month (looked for in the others too, in case it is elsewhere).
   */
  sessionOf(claimId: string): Session | null {
    const row = this.#wholeRow(claimId);
    if (row?.session && !this.#claimPartition.has(claimId)) return row.session;
    const sessionId = this.claim(claimId)?.sessionId;
    if (!sessionId) return null;
    const home = this.#anyPartitionOf(claimId);
    const order = home === undefined ? [] : [home];
    for (const partition of this.partitions.keys()) if (partition !== home) order.push(partition);
    for (const partition of order) {
      const found = this.partitions.get(partition)?.work.getMap<Session>(workMaps.sessions).get(sessionId);
      if (found) return found;
    }
    return null;
  }

  /**
   * Whether everything a claim panel shows about `claimId` is in memory. A closed claim stays on the
   * device until asked for: this starts reading it back (with its session) and answers false; the
   * change listeners (`onChange`) are called once it is here.
   */
  detailReady(claimId: string): boolean {
    this.#detailAsked.delete(claimId);
    this.#detailAsked.add(claimId);
    if (this.#detailAsked.size > DETAILS_FOLLOWED)
      this.#detailAsked.delete(this.#detailAsked.keys().next().value!);
    const kept = this.#rows.get(claimId);
    const store = this.options.persistence;
    if (!kept || kept.whole || !store?.readRow || this.#claimPartition.has(claimId)) return true;
    if (this.#details.has(claimId)) {
      this.#keepDetail(this.#details.get(claimId)!); // most recent last
      return true;
    }
    if (!this.#detailReads.has(claimId)) {
      const read = store
        .readRow(claimId)
        .catch(() => undefined) // reported by the store; the panel says it can't open the claim
        .then((row) => {
          this.#detailReads.delete(claimId);
          if (this.#destroyed || this.#rows.get(claimId) !== kept) return;
          if (row?.claim) {
            this.#strings.row(row);
            this.#keepDetail(row);
          }
          for (const fn of this.#changeListeners) fn();
        });
      this.#detailReads.set(claimId, read);
    }
    return false;
  }

  /** Resolves once `detailReady(claimId)` would answer true (or the read failed). */
  async whenDetailReady(claimId: string): Promise<void> {
    while (!this.detailReady(claimId)) {
      const read = this.#detailReads.get(claimId);
      if (!read) return;
      await read;
      if (!this.#details.has(claimId)) return; // not found on the device, or replaced meanwhile
    }
  }

  #keepDetail(row: ClaimRow): void {
    this.#details.delete(row.claimId);
    this.#details.set(row.claimId, row);
    if (this.#details.size > DETAIL_CACHE) this.#details.delete(this.#details.keys().next().value!);
  }

  /** Whether this replica may write (not a viewer's). */
  get canWrite(): boolean {
    return this.options.role !== 'viewer';
  }

  #assertCanWrite(): void {
    if (!this.canWrite) throw new ReadOnlyReplicaError();
  }

  /**
   * Edits one field of a claim (a CRDT field: concurrent edits of other fields merge). Only claims
   * that are Ready or Held can be edited; others throw ClaimClosedError.
   */
  editClaim(claimId: string, field: EditableField, value: unknown): void {
    this.#assertCanWrite();
    const status = this.#statusOf(claimId);
    if (status && !isEditableStatus(status)) {
      if (!this.#claimPartition.has(claimId) && this.#reopenFacts.reopening(claimId)) {
        this.#journal.hold(claimId, field, value);
        this.#claimChanged(claimId);
        for (const fn of this.#changeListeners) fn();
        return;
      }
      throw new ClaimClosedError(claimId, status);
    }
    this.#writeEdit(claimId, field, value);
  }

  #writeEdit(claimId: string, field: EditableField, value: unknown): void {
    const partition = this.#claimPartition.get(claimId);
    const record =
      partition === undefined
        ? undefined
        : this.partitions.get(partition)?.work.getMap<Y.Map<unknown>>(workMaps.claims).get(claimId);
    if (!(record instanceof Y.Map)) throw new Error(`no claim ${claimId} in the open partitions`);
    record.set(field, value);
    const workProvider = this.providers.find((p) => p.doc === this.partitions.get(partition!)?.work);
    if (!workProvider?.synced || !workProvider.wsconnected)
      this.#journal.recordOffline(claimId, field, value);
  }

  /** Writes (or rewrites) a session note into the partition of its date of service. */
  saveSession(session: Session): void {
    this.#assertCanWrite();
    const partition = partitionOf(session.dateOfService);
    this.addPartition(partition);
    this.partitions.get(partition)!.work.getMap(workMaps.sessions).set(session.id, session);
  }

  /**
   * Asks the server to change the status of claims. The intent is written to the work document of each
   * claim's service month (same op id), reaches the server now or on reconnect, and is decided there.
   * Returns the op id to follow with `intentStatus`.
   */
  requestStatusChange(claimIds: readonly string[], toStatus: ClaimStatus, reason?: string): string {
    this.#assertCanWrite();
    const opId = this.#newOpId();
    const byPartition = new Map<string, string[]>();
    for (const id of claimIds) {
      const partition = this.#anyPartitionOf(id);
      if (!partition) throw new Error(`no claim ${id} in this replica`);
      this.addPartition(partition);
      const list = byPartition.get(partition);
      if (list) list.push(id);
      else byPartition.set(partition, [id]);
    }
    const requestedAt = this.#now().toISOString();
    for (const [partition, ids] of byPartition) {
      const { work } = this.partitions.get(partition)!;
      const basedOn: Record<string, ClaimStatus> = {};
      for (const id of ids) basedOn[id] = this.#statusOf(id) ?? 'Ready';
      const record: IntentRecord = { opId, claimIds: ids, toStatus, basedOn, requestedAt };
      if (reason !== undefined) record.reason = reason;
      work.getMap<IntentRecord>(workMaps.intents).set(opId, record);
    }
    this.#journal.addOpId(opId);
    return opId;
  }

  /** What the server has decided for an intent so far, merged over its partitions. */
  intentStatus(opId: string): IntentStatus {
    const results: Record<string, ClaimOutcome> = {};
    let decided = true;
    let seen = false;
    for (const { work, facts } of this.partitions.values()) {
      const outcome = facts.getMap<IntentOutcome>(factsMaps.outcomes).get(opId);
      if (outcome) {
        seen = true;
        Object.assign(results, outcome.results);
      } else if (work.getMap(workMaps.intents).has(opId)) {
        decided = false;
      }
    }
    return { decided: decided && seen, results };
  }

  /** Intents written here or by others that the server has not decided yet. */
  pendingIntents(): IntentRecord[] {
    const out: IntentRecord[] = [];
    for (const { work, facts } of this.partitions.values()) {
      const outcomes = facts.getMap(factsMaps.outcomes);
      for (const [opId, intent] of work.getMap<IntentRecord>(workMaps.intents)) {
        if (!outcomes.has(opId)) out.push(intent);
      }
    }
    return out;
  }

  /** Edits the server undid (claim history events of kind `conflict`), live claims and rows alike. */
  conflictEvents(): HistoryEvent[] {
    return this.#conflicts.events();
  }

  /**
   * Changes whenever the conflicts may have: a new outcome, an undone edit, an offline edit found
   * dropped. Lets a view recompute its conflicts only when this differs.
   */
  get conflictsVersion(): string {
    return `${this.#outcomesVersion}:${this.#conflicts.version}:${this.#journal.dropped().length}`;
  }

  /** Every decided intent, for a conflicts view (filter by `userId` and refused results). */
  outcomes(): IntentOutcome[] {
    const out: IntentOutcome[] = [];
    for (const { facts } of this.partitions.values())
      out.push(...facts.getMap<IntentOutcome>(factsMaps.outcomes).values());
    return out;
  }

  #partitionOf(claimId: string): Partition | undefined {
    const partition = this.#claimPartition.get(claimId);
    return partition === undefined ? undefined : this.partitions.get(partition);
  }

  /** A claim's status as last received, without assembling the claim. */
  #statusOf(claimId: string): ClaimStatus | undefined {
    const p = this.#partitionOf(claimId);
    if (p) {
      const facts = p.facts.getMap<ClaimFacts>(factsMaps.status).get(claimId);
      return (facts ?? this.#departedFacts.get(claimId)?.facts)?.status;
    }
    return (this.#rows.get(claimId) ?? this.#departed.get(claimId))?.status;
  }

  /** The service month of a claim, live or kept as a row. */
  #anyPartitionOf(claimId: string): string | undefined {
    return (
      this.#claimPartition.get(claimId) ??
      this.#rows.get(claimId)?.partition ??
      this.#departed.get(claimId)?.partition
    );
  }
}

/**
 * The fields a work record held when it was deleted. `toJSON()` of a deleted Y.Map is `{}` (its entries
 * are deleted with it), but during the observer call each entry's last item still holds its content.
 */
function lastContent(record: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = (record as unknown as { _map: Map<string, Y.Item> })._map;
  for (const [key, item] of entries) {
    const content = item.content.getContent();
    const value = content[content.length - 1];
    out[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  }
  return out;
}
