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

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimgrid-room-'));
  storage = openSqliteStorage({ path: join(dir, 'db.sqlite'), synchronous: 'NORMAL' });
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

function openRoom(): Room {
  return new Room(NAME, parseDocName(NAME)!, storage, log);
}

describe('Room persistence', () => {
  it('compacts its log after enough updates, and a reload gives the same document', () => {
    const room = openRoom();
    const map = room.doc.getMap<number>('m');
    for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++)
      room.doc.transact(() => map.set(`k${i % 50}`, i), SERVER_ORIGIN);
    expect(storage.loadDoc(NAME)?.snapshot).not.toBeNull();
    expect(storage.pendingUpdateCount(NAME)).toBe(20);
    const reloaded = openRoom();
    expect(reloaded.doc.getMap('m').toJSON()).toEqual(map.toJSON());
    // Compacting again later still covers what came before the first snapshot.
    for (let i = 0; i < COMPACT_AFTER_UPDATES; i++)
      reloaded.doc.transact(() => reloaded.doc.getMap('m').set('x', i), SERVER_ORIGIN);
    expect(storage.pendingUpdateCount(NAME)).toBe(20);
    expect(openRoom().doc.getMap('m').toJSON()).toEqual(reloaded.doc.getMap('m').toJSON());
  });

  it('compacts after a few large updates (bytes, not count)', () => {
    const room = openRoom();
    const big = 'x'.repeat(Math.ceil(COMPACT_AFTER_BYTES / 2));
    room.doc.transact(() => room.doc.getMap('m').set('a', big), SERVER_ORIGIN);
    expect(storage.pendingUpdateCount(NAME)).toBe(1);
    room.doc.transact(() => room.doc.getMap('m').set('b', big), SERVER_ORIGIN);
    expect(storage.pendingUpdateCount(NAME)).toBe(0);
    expect(openRoom().doc.getMap('m').get('b')).toBe(big);
  });
});
