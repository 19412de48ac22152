import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { PERSISTENCE_ORIGIN } from '../sync/replicaPersistence.ts';
import { DexieReplicaStore, type LocalStoreError } from './dexieReplicaStore.ts';

let counter = 0;
const opened: DexieReplicaStore[] = [];

function dbName(): string {
  return `claimgrid:test-${process.pid}-${++counter}:practice`;
}

function openStore(name: string, options: ConstructorParameters<typeof DexieReplicaStore>[1] = {}) {
  const store = new DexieReplicaStore(name, options);
  opened.push(store);
  return store;
}

/** A second connection to the same database, as another tab (or a later start) would open it. */
async function inspect<T>(name: string, fn: (db: Dexie) => Promise<T>): Promise<T> {
  const db = new Dexie(name);
  await db.open();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function storedUpdates(name: string, doc: string): Promise<number> {
  return inspect(name, (db) => db.table('updates').where('doc').equals(doc).count());
}

const claims = generateSyntheticPractice({ seed: 3, claims: 50, asOf: '2026-11-22' }).claims;

/** `count` distinct rows built from the synthetic claims (ids ≤ 20 characters, as real ones). */
function makeRows(count: number, firstSeq = 1): ClaimRow[] {
  return Array.from({ length: count }, (_, i) => {
    const claim = claims[i % claims.length]!;
    const claimId = `R${String(i).padStart(6, '0')}`;
    return {
      claimId,
      partition: claim.dateOfService.slice(0, 7),
      rowSeq: firstSeq + i,
      claim: { ...claim, id: claimId },
      history: [],
    };
  });
}

function mapsOf(doc: Y.Doc): unknown {
  return { claims: doc.getMap('claims').toJSON(), intents: doc.getMap('intents').toJSON() };
}

/** Makes IndexedDB refuse writes as a full disk does, after `allowed` more records. */
function fillDisk(allowed: number): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const put = proto.put;
  const add = proto.add;
  let left = allowed;
  const guard = <A extends unknown[], R>(fn: (this: IDBObjectStore, ...args: A) => R) =>
    function (this: IDBObjectStore, ...args: A): R {
      if (left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return fn.apply(this, args);
    };
  proto.put = guard(put);
  proto.add = guard(add);
  return () => {
    proto.put = put;
    proto.add = add;
  };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('DexieReplicaStore documents', () => {
  it('keeps local edits and remote updates across closing and reopening', async () => {
    const name = dbName();
    const store = openStore(name);
    const doc = new Y.Doc();
    await store.attachDoc('work:p1:2026-11', doc);

    const local = new Y.Map<unknown>();
    doc.getMap('claims').set('C1', local);
    local.set('holdReason', 'waiting on auth');
    // An update from the server, as y-websocket applies it (its own origin).
    const remote = new Y.Doc();
    remote.getMap('intents').set('op-1', { toStatus: 'Held' });
    remote.getMap('claims').set('C2', new Y.Map([['units', 4]]));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'provider');
    local.set('holdReason', 'auth received');
    await store.close();

    const reopened = openStore(name);
    const fresh = new Y.Doc();
    await reopened.attachDoc('work:p1:2026-11', fresh);
    expect(mapsOf(fresh)).toEqual(mapsOf(doc));
    expect(fresh.getMap<Y.Map<unknown>>('claims').get('C1')?.get('holdReason')).toBe('auth received');
    expect(fresh.getMap<Y.Map<unknown>>('claims').get('C2')?.get('units')).toBe(4);
  });

  it('keeps documents of one store apart by name', async () => {
    const name = dbName();
    const store = openStore(name);
    const work = new Y.Doc();
    const facts = new Y.Doc();
    await store.attachDoc('work', work);
    await store.attachDoc('facts', facts);
    work.getMap('claims').set('C1', 'work');
    facts.getMap('claims').set('C9', 'facts');
    await store.close();

    const reopened = openStore(name);
    const work2 = new Y.Doc();
    await reopened.attachDoc('work', work2);
    expect(work2.getMap('claims').toJSON()).toEqual({ C1: 'work' });
  });

  it('stores updates emitted before the stored state was read', async () => {
    const name = dbName();
    const first = openStore(name);
    const doc = new Y.Doc();
    await first.attachDoc('d', doc);
    doc.getMap('claims').set('old', 1);
    await first.close();

    const store = openStore(name);
    const fresh = new Y.Doc();
    const attached = store.attachDoc('d', fresh);
    fresh.getMap('claims').set('early', 2); // before the stored updates are applied
    await attached;
    await store.close();

    const again = new Y.Doc();
    await openStore(name).attachDoc('d', again);
    expect(again.getMap('claims').toJSON()).toEqual({ old: 1, early: 2 });
  });

  it('coalesces updates of the same tick into one stored record', async () => {
    const name = dbName();
    const store = openStore(name, { compactAfter: 10_000 });
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    const map = doc.getMap<number>('claims');
    for (let i = 0; i < 1_000; i++) map.set(`C${i}`, i); // 1,000 Yjs transactions, one tick
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(1);

    // Updates in separate ticks are separate writes.
    for (let i = 0; i < 3; i++) {
      map.set(`late${i}`, i);
      await store.flushed();
    }
    expect(await storedUpdates(name, 'd')).toBe(4);
    await store.close();

    const fresh = new Y.Doc();
    await openStore(name).attachDoc('d', fresh);
    expect(fresh.getMap('claims').toJSON()).toEqual(map.toJSON());
    expect(fresh.getMap('claims').size).toBe(1_003);
  });

  it('compacts a document with more than 200 stored updates and keeps its content', async () => {
    const name = dbName();
    const store = openStore(name);
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    const map = doc.getMap<number>('claims');
    for (let i = 0; i < 250; i++) {
      map.set(`C${i % 40}`, i); // overwrites too, so the state is smaller than the history
      await store.flushed();
    }
    const count = await storedUpdates(name, 'd');
    expect(count).toBeLessThanOrEqual(200);
    expect(count).toBeLessThan(250);
    await store.close();

    const fresh = new Y.Doc();
    await openStore(name).attachDoc('d', fresh);
    expect(fresh.getMap('claims').toJSON()).toEqual(map.toJSON());
  });

  it('compacts without losing records another tab appended meanwhile', async () => {
    const name = dbName();
    const store = openStore(name, { compactAfter: 5 });
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    for (let i = 0; i < 4; i++) {
      doc.getMap('claims').set(`C${i}`, i);
      await store.flushed();
    }
    // Another tab appends an update this document has never seen.
    const other = new Y.Doc();
    other.getMap('claims').set('fromOtherTab', true);
    await inspect(name, (db) => db.table('updates').add({ doc: 'd', update: Y.encodeStateAsUpdate(other) }));
    expect(await storedUpdates(name, 'd')).toBe(5);
    doc.getMap('claims').set('C4', 4); // this store's 5th record
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(6);
    doc.getMap('claims').set('C5', 5); // its 6th: compaction
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(1);
    await store.close();

    const fresh = new Y.Doc();
    await openStore(name).attachDoc('d', fresh);
    expect(fresh.getMap('claims').toJSON()).toEqual({
      C0: 0,
      C1: 1,
      C2: 2,
      C3: 3,
      C4: 4,
      C5: 5,
      fromOtherTab: true,
    });
  });

  it('compacts a document that was stored with too many records when it is attached', async () => {
    const name = dbName();
    const first = openStore(name, { compactAfter: 1_000 });
    const doc = new Y.Doc();
    await first.attachDoc('d', doc);
    for (let i = 0; i < 10; i++) {
      doc.getMap('claims').set(`C${i}`, i);
      await first.flushed();
    }
    await first.close();
    expect(await storedUpdates(name, 'd')).toBe(10);

    const store = openStore(name, { compactAfter: 5 });
    const fresh = new Y.Doc();
    await store.attachDoc('d', fresh);
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(1);
    await store.close();
    const again = new Y.Doc();
    await openStore(name).attachDoc('d', again);
    expect(again.getMap('claims').toJSON()).toEqual(doc.getMap('claims').toJSON());
  });

  it('does not write back updates applied with PERSISTENCE_ORIGIN', async () => {
    const name = dbName();
    const store = openStore(name);
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    const source = new Y.Doc();
    source.getMap('claims').set('C1', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), PERSISTENCE_ORIGIN);
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(0);

    doc.getMap('claims').set('C2', 2);
    await store.flushed();
    expect(await storedUpdates(name, 'd')).toBe(1);
    await store.close();

    // Replaying the stored state on attach is not stored again either.
    const reopened = openStore(name);
    const fresh = new Y.Doc();
    await reopened.attachDoc('d', fresh);
    await reopened.flushed();
    expect(fresh.getMap('claims').toJSON()).toEqual({ C2: 2 });
    expect(await storedUpdates(name, 'd')).toBe(1);
  });

  it('stops storing a document once closed', async () => {
    const name = dbName();
    const store = openStore(name);
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    doc.getMap('claims').set('before', 1);
    await store.close();
    doc.getMap('claims').set('after', 2);
    await expect(store.saveMeta('k', 1)).rejects.toThrow(/closed/);

    const fresh = new Y.Doc();
    await openStore(name).attachDoc('d', fresh);
    expect(fresh.getMap('claims').toJSON()).toEqual({ before: 1 });
  });

  it('refuses to attach two documents under one name', async () => {
    const store = openStore(dbName());
    await store.attachDoc('d', new Y.Doc());
    await expect(store.attachDoc('d', new Y.Doc())).rejects.toThrow(/already attached/);
  });
});

describe('DexieReplicaStore rows and values', () => {
  it('saves rows in chunks, deletes closed-out rows, and keeps the feed position', async () => {
    const name = dbName();
    const store = openStore(name);
    expect(await store.loadRows()).toEqual({ rows: [], lastSeq: 0 });
    const rows = makeRows(2_500);
    const saved = store.saveRows(rows, 2_500);
    const loaded = store.loadRows(); // called before the save settled: still sees it
    await saved;
    expect((await loaded).rows).toHaveLength(2_500);
    expect((await loaded).lastSeq).toBe(2_500);
    expect((await loaded).rows.find((r) => r.claimId === 'R000123')).toEqual(rows[123]);

    // The server moved one claim back into the live documents and closed another again.
    const reopenedRow: ClaimRow = { ...rows[7]!, rowSeq: 2_501, claim: null };
    const rewritten: ClaimRow = { ...rows[8]!, rowSeq: 2_502, claim: { ...rows[8]!.claim!, status: 'Paid' } };
    await store.saveRows([reopenedRow, rewritten], 2_502);
    const after = await store.loadRows();
    expect(after.rows).toHaveLength(2_499);
    expect(after.rows.some((r) => r.claimId === rows[7]!.claimId)).toBe(false);
    expect(after.rows.find((r) => r.claimId === rows[8]!.claimId)?.claim?.status).toBe('Paid');
    expect(after.lastSeq).toBe(2_502);
    await store.close();

    const reopened = await openStore(name).loadRows();
    expect(reopened).toEqual(after);
  });

  it('round-trips small values and keeps the feed position key to itself', async () => {
    const name = dbName();
    const store = openStore(name);
    expect(await store.loadMeta('journal')).toBeUndefined();
    const journal = { edits: [{ claimId: 'C1', field: 'units', value: 3 }], opIds: ['op-1'] };
    const saving = store.saveMeta('journal', journal);
    journal.opIds.push('op-2'); // changed after it was handed over: the stored copy is the old one
    await saving;
    await store.saveMeta('count', 7);
    await expect(store.saveMeta('store:rowsLastSeq', 99)).rejects.toThrow(/reserved/);
    await store.close();

    const reopened = openStore(name);
    expect(await reopened.loadMeta('journal')).toEqual({
      edits: [{ claimId: 'C1', field: 'units', value: 3 }],
      opIds: ['op-1'],
    });
    expect(await reopened.loadMeta<number>('count')).toBe(7);
    expect((await reopened.loadRows()).lastSeq).toBe(0);
  });

  it('flushed() waits until a large save is committed', async () => {
    const name = dbName();
    const store = openStore(name);
    void store.saveRows(makeRows(3_000), 3_000);
    void store.saveMeta('journal', ['op-1']);
    await store.flushed();
    // A second connection sees everything.
    const seen = await inspect(name, async (db) => ({
      rows: await db.table('rows').count(),
      lastSeq: (await db.table('meta').get('store:rowsLastSeq'))?.value,
      journal: (await db.table('meta').get('journal'))?.value,
    }));
    expect(seen).toEqual({ rows: 3_000, lastSeq: 3_000, journal: ['op-1'] });
    const other = openStore(name);
    expect((await other.loadRows()).rows).toHaveLength(3_000);
  });

  it('keeps sessions out of the loaded rows and reads a row back whole on request, saved or still pending', async () => {
    const name = dbName();
    const store = openStore(name);
    const session = generateSyntheticPractice({ seed: 3, claims: 50, asOf: '2026-11-22' }).sessions[0]!;
    const rows = makeRows(3).map((r) => ({ ...r, session: { ...session, id: `ses-${r.claimId}` } }));
    const saving = store.saveRows(rows, 3);
    // Asked before the write committed: answered from what was handed over.
    expect((await store.readRow('R000001'))?.session?.id).toBe('ses-R000001');
    await saving;
    expect(await store.readRow('R000002')).toEqual(rows[2]);
    expect(await store.readRow('R999999')).toBeUndefined();
    const loaded = (await store.loadRows()).rows;
    expect(loaded.map((r) => r.session)).toEqual([undefined, undefined, undefined]);
    expect(loaded[1]).toEqual({ ...rows[1], session: undefined });

    // A row rewritten without a session, another reopened (claim: null): their sessions go too.
    await store.saveRows(
      [
        { ...rows[0]!, rowSeq: 4, session: undefined },
        { ...rows[1]!, rowSeq: 5, claim: null },
      ],
      5,
    );
    await store.close();
    const reopened = openStore(name);
    expect(await reopened.readRow('R000000')).toEqual({ ...rows[0], rowSeq: 4, session: undefined });
    expect(await reopened.readRow('R000001')).toBeUndefined();
    expect((await reopened.readRow('R000002'))?.session?.id).toBe('ses-R000002');
  });

  it('reads the rows of many claims in one go, without sessions, pending ones as handed over', async () => {
    const store = openStore(dbName());
    const session = generateSyntheticPractice({ seed: 3, claims: 50, asOf: '2026-11-22' }).sessions[0]!;
    const rows = makeRows(2_500).map((r) => ({ ...r, session }));
    await store.saveRows(rows, 2_500);
    // One rewritten (still pending when read), one reopened (claim: null): the newest of each counts.
    const rewritten = { ...rows[10]!, rowSeq: 2_501, session: undefined };
    void store.saveRows([rewritten, { ...rows[11]!, rowSeq: 2_502, claim: null }], 2_502);
    const wanted = ['R000010', 'R000011', 'R000012', 'R002499', 'R999999'];
    const read = await store.readClaims(wanted);
    const byId = new Map(read.map((r) => [r.claimId, r]));
    expect([...byId.keys()].sort()).toEqual(['R000010', 'R000012', 'R002499']);
    expect(byId.get('R000010')).toEqual(rewritten);
    expect(byId.get('R000012')).toEqual({ ...rows[12], session: undefined });
    expect(await store.readClaims([])).toEqual([]);
  });

  it('upgrades rows stored whole (version 1): same rows, sessions moved to their own table', async () => {
    const name = dbName();
    const session = generateSyntheticPractice({ seed: 3, claims: 50, asOf: '2026-11-22' }).sessions[0]!;
    const rows = makeRows(1_200).map((r, i) => (i % 2 === 0 ? { ...r, session } : r));
    const v1 = new Dexie(name);
    v1.version(1).stores({ updates: '++id, doc', rows: 'claimId', meta: 'key' });
    await v1.table('rows').bulkPut(rows);
    await v1.table('meta').put({ key: 'store:rowsLastSeq', value: 1_200 });
    v1.close();

    const store = openStore(name);
    const loaded = await store.loadRows();
    expect(loaded.lastSeq).toBe(1_200);
    expect(loaded.rows).toEqual(rows.map((r) => ({ ...r, session: undefined })));
    expect((await store.readRow(rows[0]!.claimId))?.session).toEqual(session);
    expect((await store.readRow(rows[1]!.claimId))?.session).toBeUndefined();
  });

  it('keeps two databases apart', async () => {
    const nameA = dbName();
    const nameB = dbName();
    const a = openStore(nameA);
    const b = openStore(nameB);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    await a.attachDoc('d', docA);
    await b.attachDoc('d', docB);
    docA.getMap('claims').set('onlyA', 1);
    await a.saveRows(makeRows(3), 3);
    await a.saveMeta('k', 'a');
    await a.flushed();

    expect(await b.loadRows()).toEqual({ rows: [], lastSeq: 0 });
    expect(await b.loadMeta('k')).toBeUndefined();
    const freshB = new Y.Doc();
    await b.close();
    await openStore(nameB).attachDoc('d', freshB);
    expect(freshB.getMap('claims').size).toBe(0);
    expect(docB.getMap('claims').size).toBe(0);
    await a.close();
    const freshA = new Y.Doc();
    await openStore(nameA).attachDoc('d', freshA);
    expect(freshA.getMap('claims').toJSON()).toEqual({ onlyA: 1 });
  });
});

describe('DexieReplicaStore failures', () => {
  it('reports a full disk, never stores a feed position past the rows, and writes them later', async () => {
    const name = dbName();
    const errors: LocalStoreError[] = [];
    const store = openStore(name, { onError: (e) => errors.push(e) });
    const restore = fillDisk(1_500); // the second chunk of 1,000 fails
    let saveFailed = false;
    try {
      await store.saveRows(makeRows(2_500), 2_500).catch(() => {
        saveFailed = true;
      });
    } finally {
      restore();
    }
    expect(saveFailed).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.kind).toBe('storage-full');
    expect(errors[0]?.message).toMatch(/storage is full/);
    expect(store.lastError).toBe(errors[0]);
    // The first chunk was committed on its own; the position was not stored.
    const partial = await inspect(name, async (db) => ({
      rows: await db.table('rows').count(),
      lastSeq: await db.table('meta').get('store:rowsLastSeq'),
    }));
    expect(partial).toEqual({ rows: 1_000, lastSeq: undefined });

    // Space is back: a later write goes on and also stores what failed.
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    doc.getMap('claims').set('C1', 1);
    await store.flushed();
    expect(store.lastError).toBeNull();
    const all = await openStore(name).loadRows();
    expect(all.rows).toHaveLength(2_500);
    expect(all.lastSeq).toBe(2_500);
  });

  it('keeps document updates a full disk refused and stores them once there is room', async () => {
    const name = dbName();
    const errors: LocalStoreError[] = [];
    const store = openStore(name, { onError: (e) => errors.push(e) });
    const doc = new Y.Doc();
    await store.attachDoc('d', doc);
    const restore = fillDisk(0);
    try {
      doc.getMap('claims').set('offline', 'edit');
      await expect(store.flushed()).rejects.toThrow(/storage is full/);
    } finally {
      restore();
    }
    expect(errors.map((e) => e.kind)).toContain('storage-full');
    await store.flushed();
    expect(store.lastError).toBeNull();
    await store.close();

    const fresh = new Y.Doc();
    await openStore(name).attachDoc('d', fresh);
    expect(fresh.getMap('claims').toJSON()).toEqual({ offline: 'edit' });
  });
});
