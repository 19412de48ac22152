import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { assembleClaim } from '../../../shared/sync/assembleClaim.ts';
import { factsDocName, partitionOf, refDocName, workDocName } from '../../../shared/sync/docNames.ts';
import type { ClaimOutcome, IntentOutcome, IntentRecord } from '../../../shared/sync/intent.ts';
import { type ClaimFacts, type EditableField, factsMaps, workMaps } from '../../../shared/sync/layout.ts';
import { claimHistory } from '../../../shared/sync/outcomeHistory.ts';

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
}

/** The decision on an intent so far: per claim, accepted or refused; `decided` once every part is in. */
export interface IntentStatus {
  decided: boolean;
  results: Record<string, ClaimOutcome>;
}

/** Why a connection was closed by the server, when it said (44xx codes do not reconnect). */
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

interface Partition {
  work: Y.Doc;
  facts: Y.Doc;
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
  readonly problems: ConnectionProblem[] = [];
  readonly #claimPartition = new Map<string, string>();
  readonly #now: () => Date;
  readonly #newOpId: () => string;

  constructor(private readonly options: ReplicaOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#newOpId = options.newOpId ?? (() => `op-${crypto.randomUUID()}`);
    this.#open(refDocName(options.practiceId), this.ref);
    for (const partition of options.partitions) this.addPartition(partition);
  }

  #open(name: string, doc: Y.Doc): void {
    const provider = new WebsocketProvider(
      `${this.options.serverUrl.replace(/^http/, 'ws')}/sync`,
      name,
      doc,
      {
        connect: this.options.connect ?? true,
        params: this.options.token ? { token: this.options.token } : {},
        WebSocketPolyfill: this.options.WebSocketImpl as typeof WebSocket | undefined,
        disableBc: true,
      },
    );
    provider.on('connection-close', (event) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        this.problems.push({ doc: name, code: event.code, reason: event.reason });
      }
    });
    this.providers.push(provider);
  }

  /** Opens the documents of one more service month (no-op if open). */
  addPartition(partition: string): void {
    if (this.partitions.has(partition)) return;
    const work = new Y.Doc();
    const facts = new Y.Doc();
    this.partitions.set(partition, { work, facts });
    const claims = work.getMap<Y.Map<unknown>>(workMaps.claims);
    claims.observe((event) => {
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete') this.#claimPartition.delete(id);
        else this.#claimPartition.set(id, partition);
      }
    });
    for (const id of claims.keys()) this.#claimPartition.set(id, partition);
    this.#open(workDocName(this.options.practiceId, partition), work);
    this.#open(factsDocName(this.options.practiceId, partition), facts);
  }

  /** Resolves once every document has completed its first sync with the server. */
  whenSynced(): Promise<void> {
    return Promise.all(
      this.providers.map((p) =>
        p.synced ? undefined : new Promise<void>((resolve) => p.once('sync', () => resolve())),
      ),
    ).then(() => undefined);
  }

  /** Whether every provider is connected and synced. */
  get synced(): boolean {
    return this.providers.every((p) => p.synced);
  }

  /** Goes offline: local changes keep working and are sent on `connect()`. */
  disconnect(): void {
    for (const p of this.providers) p.disconnect();
  }

  connect(): void {
    for (const p of this.providers) p.connect();
  }

  destroy(): void {
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
    for (const d of docs) d.on('update', fn);
    return () => {
      for (const d of docs) d.off('update', fn);
    };
  }

  /** Ids of every claim in the open partitions. */
  claimIds(): string[] {
    return [...this.#claimPartition.keys()];
  }

  /** One claim as this replica sees it (server facts as last received), or null. */
  claim(claimId: string): Claim | null {
    const p = this.#partitionOf(claimId);
    if (!p) return null;
    const record = p.work.getMap<Y.Map<unknown>>(workMaps.claims).get(claimId);
    if (!(record instanceof Y.Map)) return null;
    return assembleClaim(
      record.toJSON(),
      p.facts.getMap<ClaimFacts>(factsMaps.status).get(claimId),
      p.facts.getMap<Claim['postings']>(factsMaps.postings).get(claimId),
    );
  }

  /** Every claim of the open partitions. */
  claims(): Claim[] {
    const out: Claim[] = [];
    for (const id of this.#claimPartition.keys()) {
      const c = this.claim(id);
      if (c) out.push(c);
    }
    return out;
  }

  /**
   * The claim's history as received from the server, oldest first: the events stored for it and the
   * status changes and conflicts implied by the intent outcomes of its service month.
   */
  history(claimId: string): HistoryEvent[] {
    const p = this.#partitionOf(claimId);
    if (!p) return [];
    const stored = p.facts.getMap<Y.Array<HistoryEvent>>(factsMaps.history).get(claimId)?.toArray() ?? [];
    return claimHistory(claimId, stored, p.facts.getMap<IntentOutcome>(factsMaps.outcomes).values());
  }

  /** Whether this replica may write (not a viewer's). */
  get canWrite(): boolean {
    return this.options.role !== 'viewer';
  }

  #assertCanWrite(): void {
    if (!this.canWrite) throw new ReadOnlyReplicaError();
  }

  /** Edits one field of a claim (a CRDT field: concurrent edits of other fields merge). */
  editClaim(claimId: string, field: EditableField, value: unknown): void {
    this.#assertCanWrite();
    const record = this.#partitionOf(claimId)?.work.getMap<Y.Map<unknown>>(workMaps.claims).get(claimId);
    if (!(record instanceof Y.Map)) throw new Error(`no claim ${claimId} in the open partitions`);
    record.set(field, value);
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
      const partition = this.#claimPartition.get(id);
      if (!partition) throw new Error(`no claim ${id} in the open partitions`);
      const list = byPartition.get(partition);
      if (list) list.push(id);
      else byPartition.set(partition, [id]);
    }
    const requestedAt = this.#now().toISOString();
    for (const [partition, ids] of byPartition) {
      const { work, facts } = this.partitions.get(partition)!;
      const status = facts.getMap<ClaimFacts>(factsMaps.status);
      const basedOn: Record<string, ClaimStatus> = {};
      for (const id of ids) basedOn[id] = status.get(id)?.status ?? 'Ready';
      const record: IntentRecord = { opId, claimIds: ids, toStatus, basedOn, requestedAt };
      if (reason !== undefined) record.reason = reason;
      work.getMap<IntentRecord>(workMaps.intents).set(opId, record);
    }
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
}
