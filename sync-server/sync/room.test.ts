import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocName } from '../../shared/sync/docNames.ts';
import { createLogger } from '../log.ts';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES } from '../storage/compaction.ts';
import { openSqliteStorage } from '../storage/sqliteStorage.ts';
import type { Storage } from '../storage/storage.ts';
import { Room, SERVER_ORIGIN } from './room.ts';

const NAME = 'p1:work:2026-11';
const log = createLogger({ level: 'error', write: () => {} });
let dir: string;
let storage: Storage;
const rooms: Room[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimgrid-room-'));
  storage = openSqliteStorage({ path: join(dir, 'db.sqlite'), synchronous: 'NORMAL' });
});
afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Compaction runs after pending I/O (setImmediate); this resolves once it has had its turn. */
function compacted(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

function openRoom(): Room {
  const room = new Room(NAME, parseDocName(NAME)!, storage, log);
  rooms.push(room);
  return room;
}

describe('Room persistence', () => {
  it('compacts its log after enough updates, and a reload gives the same document', async () => {
    const room = openRoom();
    const map = room.doc.getMap<number>('m');
    for (let i = 0; i < COMPACT_AFTER_UPDATES; i++)
      room.doc.transact(() => map.set(`k${i % 50}`, i), SERVER_ORIGIN);
    await compacted();
    for (let i = 0; i < 20; i++) room.doc.transact(() => map.set(`k${i}`, -i), SERVER_ORIGIN);
    expect(storage.loadDoc(NAME)?.snapshot).not.toBeNull();
    expect(storage.pendingUpdateCount(NAME)).toBe(20);
    const reloaded = openRoom();
    expect(reloaded.doc.getMap('m').toJSON()).toEqual(map.toJSON());
    // Compacting again later still covers what came before the first snapshot.
    const again = reloaded.doc.getMap<number>('m');
    for (let i = 0; i < COMPACT_AFTER_UPDATES - 20; i++)
      reloaded.doc.transact(() => again.set('x', i), SERVER_ORIGIN);
    await compacted();
    for (let i = 0; i < 20; i++) reloaded.doc.transact(() => again.set('y', i), SERVER_ORIGIN);
    expect(storage.pendingUpdateCount(NAME)).toBe(20);
    expect(openRoom().doc.getMap('m').toJSON()).toEqual(again.toJSON());
  });

  it('survives a failed compaction: logged, the log intact', async () => {
    const failing: Storage = {
      ...storage,
      compactDoc: () => {
        throw new Error('disk full');
      },
    };
    const errors: string[] = [];
    const watched = new Room(
      NAME,
      parseDocName(NAME)!,
      failing,
      createLogger({ level: 'error', write: (line) => errors.push(line) }),
    );
    rooms.push(watched);
    for (let i = 0; i < COMPACT_AFTER_UPDATES; i++)
      watched.doc.transact(() => watched.doc.getMap('m').set('n', i), SERVER_ORIGIN);
    await compacted();
    expect(errors.some((line) => line.includes('sync_compaction_failed'))).toBe(true);
    expect(storage.pendingUpdateCount(NAME)).toBe(COMPACT_AFTER_UPDATES);
    expect(openRoom().doc.getMap('m').get('n')).toBe(COMPACT_AFTER_UPDATES - 1);
  });

  it('compacts after a few large updates (bytes, not count)', async () => {
    const room = openRoom();
    const big = 'x'.repeat(Math.ceil(COMPACT_AFTER_BYTES / 2));
    room.doc.transact(() => room.doc.getMap('m').set('a', big), SERVER_ORIGIN);
    expect(storage.pendingUpdateCount(NAME)).toBe(1);
    room.doc.transact(() => room.doc.getMap('m').set('b', big), SERVER_ORIGIN);
    await compacted();
    expect(storage.pendingUpdateCount(NAME)).toBe(0);
    expect(openRoom().doc.getMap('m').get('b')).toBe(big);
  });
});
