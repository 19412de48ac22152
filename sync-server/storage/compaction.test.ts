import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, compactDocNow, shouldCompact } from './compaction.ts';
import { openSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';

describe('shouldCompact', () => {
  it('compacts from 500 pending updates', () => {
    expect(COMPACT_AFTER_UPDATES).toBe(500);
    expect(shouldCompact(0)).toBe(false);
    expect(shouldCompact(499)).toBe(false);
    expect(shouldCompact(500)).toBe(true);
    expect(shouldCompact(10_000)).toBe(true);
  });

  it('compacts a few large updates from 1 MiB, but never an empty log', () => {
    expect(COMPACT_AFTER_BYTES).toBe(1_048_576);
    expect(shouldCompact(3, 1_048_575)).toBe(false);
    expect(shouldCompact(3, 1_048_576)).toBe(true);
    expect(shouldCompact(0, 5_000_000)).toBe(false);
  });
});

describe('compactDocNow', () => {
  // In memory: these tests are about the policy helper, not about the file (sqliteStorage.test.ts is).
  let storage: Storage;
  let doc: Y.Doc;
  // The server's order: the doc already holds the update when it is appended.
  const persist = (u: Uint8Array) => storage.appendUpdate('p1/claims', u);
  beforeEach(() => {
    storage = openSqliteStorage({ path: ':memory:' });
    doc = new Y.Doc();
    doc.on('update', persist);
  });
  afterEach(() => storage.close());

  const map = () => doc.getMap<number>('m');

  it('snapshots the doc up to the last stored seq, leaving nothing pending', () => {
    for (let i = 0; i < 10; i++) map().set(`k${i % 4}`, i);
    expect(compactDocNow(storage, 'p1/claims', doc)).toBe(10);
    const stored = storage.loadDoc('p1/claims')!;
    expect(stored.updates).toEqual([]);
    expect(stored.lastSeq).toBe(10);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, stored.snapshot!);
    expect(fresh.getMap('m').toJSON()).toEqual({ k0: 8, k1: 9, k2: 6, k3: 7 });
  });

  it('keeps numbering after the snapshot and a second compaction absorbs the new updates', () => {
    map().set('a', 1);
    compactDocNow(storage, 'p1/claims', doc);
    map().set('b', 2);
    map().delete('a');
    expect(storage.pendingUpdateCount('p1/claims')).toBe(2);
    expect(compactDocNow(storage, 'p1/claims', doc)).toBe(3);
    const stored = storage.loadDoc('p1/claims')!;
    expect(stored.updates.length).toBe(0);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, stored.snapshot!);
    expect(fresh.getMap('m').toJSON()).toEqual({ b: 2 });
  });

  it('writes nothing when no update is pending', () => {
    expect(compactDocNow(storage, 'p1/claims', doc)).toBe(0);
    expect(storage.loadDoc('p1/claims')).toBeNull();
    map().set('a', 1);
    compactDocNow(storage, 'p1/claims', doc);
    const before = storage.loadDoc('p1/claims')!.snapshot;
    // A change that is not persisted would show up in a rewritten snapshot.
    doc.off('update', persist);
    map().set('b', 2);
    expect(compactDocNow(storage, 'p1/claims', doc)).toBe(1);
    expect(storage.loadDoc('p1/claims')!.snapshot).toEqual(before);
  });
});
