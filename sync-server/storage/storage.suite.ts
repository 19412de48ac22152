import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuthSessionRecord, PracticeRecord, Storage, UserRecord } from './storage.ts';
import { StorageError, type StorageErrorCode } from './storageError.ts';

/** A fresh, empty storage for one test, a way to open it again after close, and its teardown. */
export interface StorageHarness {
  storage: Storage;
  /** Opens the same data again (call after `storage.close()`). */
  reopen: () => Storage;
  /** Closes every storage the harness opened and deletes its data. */
  cleanup: () => void;
}

const user = (id: string, email: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  id,
  email,
  displayName: `Biller ${id}`,
  passwordHash: `scrypt$16384$8$1$c2FsdA$${id}`,
  isSystemAdmin: false,
  createdAt: '2025-03-01T09:00:00.000Z',
  ...extra,
});
const practice = (id: string, createdAt = '2025-03-01T09:00:00.000Z'): PracticeRecord => ({
  id,
  name: `Practice ${id}`,
  createdAt,
});
const session = (tokenHash: string, userId: string, expiresAt: string): AuthSessionRecord => ({
  tokenHash,
  userId,
  createdAt: '2025-03-01T09:00:00.000Z',
  expiresAt,
});

function expectRefusal(action: () => unknown, code: StorageErrorCode): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StorageError);
  expect((caught as StorageError).code).toBe(code);
}

/** Applies a stored document to a fresh Y.Doc, as a server loading it from disk does. */
function replay(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** Records every update a Y.Doc emits, in order. */
function captureUpdates(doc: Y.Doc): Uint8Array[] {
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  return out;
}

const bytesOf = (...values: number[]) => Uint8Array.from(values);

/**
 * The contract every Storage implementation keeps. Call it from `<impl>.test.ts` with a factory that
 * returns a fresh, empty storage each time.
 */
export function describeStorage(name: string, open: () => StorageHarness): void {
  describe(`Storage contract: ${name}`, () => {
    let h: StorageHarness;
    let s: Storage;
    beforeEach(() => {
      h = open();
      s = h.storage;
    });
    afterEach(() => h.cleanup());

    describe('users', () => {
      it('stores a user and finds it by id and by email in any letter case', () => {
        const ann = user('u1', 'Ann.Lee@Example.com', { isSystemAdmin: true });
        s.createUser(ann);
        expect(s.getUserById('u1')).toEqual(ann);
        expect(s.getUserByEmail('ann.lee@example.com')).toEqual(ann);
        expect(s.getUserByEmail('ANN.LEE@EXAMPLE.COM')).toEqual(ann);
        expect(s.getUserByEmail('ann.lee@example.org')).toBeNull();
        expect(s.getUserById('u2')).toBeNull();
        expect(s.countUsers()).toBe(1);
      });

      it('keeps isSystemAdmin false as false', () => {
        s.createUser(user('u1', 'a@example.com'));
        expect(s.getUserById('u1')?.isSystemAdmin).toBe(false);
      });

      it('refuses a second user with the same email in another case, keeping the first', () => {
        s.createUser(user('u1', 'bo@example.com'));
        expectRefusal(() => s.createUser(user('u2', 'BO@Example.COM')), 'duplicate_email');
        expect(s.countUsers()).toBe(1);
        expect(s.getUserById('u2')).toBeNull();
        expect(s.getUserByEmail('bo@example.com')?.id).toBe('u1');
      });

      it('folds non-ASCII letters too, so É and é are one address', () => {
        s.createUser(user('u1', 'élodie@example.com'));
        expect(s.getUserByEmail('ÉLODIE@example.com')?.id).toBe('u1');
        expectRefusal(() => s.createUser(user('u2', 'Élodie@example.com')), 'duplicate_email');
      });

      it('refuses a duplicate id', () => {
        s.createUser(user('u1', 'a@example.com'));
        expectRefusal(() => s.createUser(user('u1', 'b@example.com')), 'duplicate_id');
        expect(s.getUserByEmail('b@example.com')).toBeNull();
        expect(s.countUsers()).toBe(1);
      });
    });

    describe('practices and memberships', () => {
      it('stores practices and lists them oldest first', () => {
        s.createPractice(practice('p2', '2025-03-02T00:00:00.000Z'));
        s.createPractice(practice('p1', '2025-03-03T00:00:00.000Z'));
        s.createPractice(practice('p0', '2025-03-02T00:00:00.000Z'));
        expect(s.getPractice('p1')).toEqual(practice('p1', '2025-03-03T00:00:00.000Z'));
        expect(s.getPractice('p9')).toBeNull();
        expect(s.listPractices().map((p) => p.id)).toEqual(['p0', 'p2', 'p1']);
        expectRefusal(() => s.createPractice(practice('p1')), 'duplicate_id');
      });

      it('sets, replaces and lists a user’s roles', () => {
        s.createUser(user('u1', 'a@example.com'));
        s.createUser(user('u2', 'b@example.com'));
        s.createPractice(practice('pB'));
        s.createPractice(practice('pA'));
        expect(s.getRole('u1', 'pA')).toBeNull();
        s.setMembership({ userId: 'u1', practiceId: 'pB', role: 'viewer' });
        s.setMembership({ userId: 'u1', practiceId: 'pA', role: 'biller' });
        s.setMembership({ userId: 'u2', practiceId: 'pA', role: 'admin' });
        s.setMembership({ userId: 'u1', practiceId: 'pB', role: 'admin' });
        expect(s.getRole('u1', 'pB')).toBe('admin');
        expect(s.getRole('u2', 'pB')).toBeNull();
        expect(s.listMemberships('u1')).toEqual([
          { userId: 'u1', practiceId: 'pA', role: 'biller' },
          { userId: 'u1', practiceId: 'pB', role: 'admin' },
        ]);
        expect(s.listMemberships('u3')).toEqual([]);
      });

      it('refuses a membership of an unknown user or practice', () => {
        s.createUser(user('u1', 'a@example.com'));
        s.createPractice(practice('p1'));
        expectRefusal(
          () => s.setMembership({ userId: 'u9', practiceId: 'p1', role: 'admin' }),
          'unknown_user',
        );
        expectRefusal(
          () => s.setMembership({ userId: 'u1', practiceId: 'p9', role: 'admin' }),
          'unknown_practice',
        );
        expect(s.listMemberships('u1')).toEqual([]);
      });
    });

    describe('auth sessions', () => {
      beforeEach(() => s.createUser(user('u1', 'a@example.com')));

      it('creates, reads and deletes a session', () => {
        const rec = session('h1', 'u1', '2025-03-02T09:00:00.000Z');
        s.createAuthSession(rec);
        expect(s.getAuthSession('h1')).toEqual(rec);
        expect(s.getAuthSession('h2')).toBeNull();
        s.deleteAuthSession('h1');
        expect(s.getAuthSession('h1')).toBeNull();
        s.deleteAuthSession('h1'); // deleting twice is harmless (logout retried)
      });

      it('refuses a session for an unknown user, a reused token hash or an expiry that is not an instant', () => {
        s.createAuthSession(session('h1', 'u1', '2025-03-02T09:00:00Z'));
        expectRefusal(() => s.createAuthSession(session('h2', 'u9', '2025-03-02T09:00:00Z')), 'unknown_user');
        expectRefusal(() => s.createAuthSession(session('h1', 'u1', '2025-03-03T09:00:00Z')), 'duplicate_id');
        expectRefusal(() => s.createAuthSession(session('h3', 'u1', 'next tuesday')), 'invalid_instant');
        expectRefusal(() => s.deleteExpiredAuthSessions('2025-03-02'), 'invalid_instant');
        expect(s.getAuthSession('h1')?.expiresAt).toBe('2025-03-02T09:00:00Z');
      });

      it('deletes only sessions that expired strictly before now, comparing instants not text', () => {
        s.createAuthSession(session('past', 'u1', '2025-03-02T08:59:59.999Z'));
        // As text '…00Z' sorts after '…00.500Z'; as an instant it is earlier, so it has expired.
        s.createAuthSession(session('whole-second', 'u1', '2025-03-02T09:00:00Z'));
        s.createAuthSession(session('exactly-now', 'u1', '2025-03-02T09:00:00.500Z'));
        s.createAuthSession(session('future', 'u1', '2025-03-02T09:00:01Z'));
        expect(s.deleteExpiredAuthSessions('2025-03-02T09:00:00.500Z')).toBe(2);
        expect(s.getAuthSession('past')).toBeNull();
        expect(s.getAuthSession('whole-second')).toBeNull();
        expect(s.getAuthSession('exactly-now')?.userId).toBe('u1');
        expect(s.getAuthSession('future')?.userId).toBe('u1');
        expect(s.deleteExpiredAuthSessions('2025-03-02T09:00:00.500Z')).toBe(0);
      });

      it('keeps a session expiring at a whole second when now is earlier in finer precision', () => {
        // As text '…00.250Z' sorts before '…00Z' the other way round; the session is not yet expired.
        s.createAuthSession(session('h1', 'u1', '2025-03-02T09:00:01Z'));
        expect(s.deleteExpiredAuthSessions('2025-03-02T09:00:00.250Z')).toBe(0);
        expect(s.deleteExpiredAuthSessions('2025-03-02T09:00:01.001Z')).toBe(1);
      });
    });

    describe('document update log', () => {
      it('returns null and zero pending for a document never written', () => {
        expect(s.loadDoc('nothing')).toBeNull();
        expect(s.pendingUpdateCount('nothing')).toBe(0);
      });

      it('numbers updates 1, 2, 3 per document and loads them in append order', () => {
        expect(s.appendUpdate('a', bytesOf(1))).toBe(1);
        expect(s.appendUpdate('b', bytesOf(9, 9))).toBe(1);
        expect(s.appendUpdate('a', bytesOf(2, 2))).toBe(2);
        expect(s.appendUpdate('a', bytesOf(3, 3, 3))).toBe(3);
        expect(s.loadDoc('a')).toEqual({
          snapshot: null,
          updates: [bytesOf(1), bytesOf(2, 2), bytesOf(3, 3, 3)],
          lastSeq: 3,
        });
        expect(s.loadDoc('b')?.lastSeq).toBe(1);
        expect(s.pendingUpdateCount('a')).toBe(3);
      });

      it('returns plain Uint8Arrays, unaffected by later changes to the appended array', () => {
        const update = bytesOf(7, 7, 7);
        s.appendUpdate('a', update);
        update[0] = 0;
        const loaded = s.loadDoc('a')!.updates[0]!;
        expect(Object.getPrototypeOf(loaded)).toBe(Uint8Array.prototype);
        expect(Array.from(loaded)).toEqual([7, 7, 7]);
      });

      it('compaction keeps later updates and continues the numbering', () => {
        for (let i = 1; i <= 5; i++) s.appendUpdate('d', bytesOf(i));
        s.compactDoc('d', bytesOf(100, 3), 3);
        expect(s.loadDoc('d')).toEqual({
          snapshot: bytesOf(100, 3),
          updates: [bytesOf(4), bytesOf(5)],
          lastSeq: 5,
        });
        expect(s.pendingUpdateCount('d')).toBe(2);
        expect(s.appendUpdate('d', bytesOf(6))).toBe(6);
      });

      it('never reuses a seq after compaction removed every update', () => {
        s.appendUpdate('d', bytesOf(1));
        s.appendUpdate('d', bytesOf(2));
        s.compactDoc('d', bytesOf(100, 2), 2);
        expect(s.loadDoc('d')).toEqual({ snapshot: bytesOf(100, 2), updates: [], lastSeq: 2 });
        expect(s.pendingUpdateCount('d')).toBe(0);
        expect(s.appendUpdate('d', bytesOf(3))).toBe(3);
      });

      it('ignores a compaction older than the stored snapshot and refuses one beyond the log', () => {
        for (let i = 1; i <= 4; i++) s.appendUpdate('d', bytesOf(i));
        s.compactDoc('d', bytesOf(100, 3), 3);
        s.compactDoc('d', bytesOf(100, 2), 2);
        expect(s.loadDoc('d')).toEqual({ snapshot: bytesOf(100, 3), updates: [bytesOf(4)], lastSeq: 4 });
        expectRefusal(() => s.compactDoc('d', bytesOf(100, 5), 5), 'compaction_out_of_range');
        expectRefusal(() => s.compactDoc('d', bytesOf(100), -1), 'compaction_out_of_range');
        expectRefusal(() => s.compactDoc('d', bytesOf(100), 2.5), 'compaction_out_of_range');
        expect(s.loadDoc('d')?.snapshot).toEqual(bytesOf(100, 3));
        // Re-compacting at the stored seq replaces the snapshot (a smaller encoding of the same state).
        s.compactDoc('d', bytesOf(101, 3), 3);
        expect(s.loadDoc('d')?.snapshot).toEqual(bytesOf(101, 3));
      });

      it('rebuilds a Yjs map from snapshot + later updates, across a reopen', () => {
        const doc = new Y.Doc();
        const updates = captureUpdates(doc);
        const m = doc.getMap<number | string>('m');
        m.set('units', 4);
        m.set('status', 'Ready');
        m.set('units', 6);
        for (const u of updates.splice(0)) s.appendUpdate('claims', u);
        s.compactDoc('claims', Y.encodeStateAsUpdate(doc), 3);
        m.delete('status');
        m.set('payer', 'P-17');
        for (const u of updates.splice(0)) s.appendUpdate('claims', u);
        s.close();
        s = h.reopen();
        const stored = s.loadDoc('claims')!;
        expect(stored.updates.length).toBe(2);
        expect(stored.lastSeq).toBe(5);
        expect(replay(stored).getMap('m').toJSON()).toEqual({ units: 6, payer: 'P-17' });
      });

      it('reloads exactly the server’s merged state, with compaction at arbitrary points', () => {
        const key = fc.constantFrom('a', 'b', 'c', 'd');
        const edit = fc.record({
          client: fc.constantFrom(0, 1),
          key,
          value: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
          compactAfter: fc.boolean(),
        });
        let run = 0;
        fc.assert(
          fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
            const docName = `prop-${run++}`;
            const server = new Y.Doc();
            const clients = [new Y.Doc(), new Y.Doc()];
            const pending = clients.map(captureUpdates);
            let lastSeq = 0;
            let afterSnapshot = 0;
            for (const e of edits) {
              const m = clients[e.client]!.getMap<number>('m');
              if (e.value === undefined) m.delete(e.key);
              else m.set(e.key, e.value);
              for (const u of pending[e.client]!.splice(0)) {
                lastSeq = s.appendUpdate(docName, u);
                afterSnapshot++;
                Y.applyUpdate(server, u);
              }
              if (e.compactAfter && lastSeq > 0) {
                s.compactDoc(docName, Y.encodeStateAsUpdate(server), lastSeq);
                afterSnapshot = 0;
              }
            }
            const stored = s.loadDoc(docName);
            if (lastSeq === 0) {
              expect(stored).toBeNull();
              return;
            }
            expect(stored?.lastSeq).toBe(lastSeq);
            expect(stored?.updates.length).toBe(afterSnapshot);
            expect(replay(stored!).getMap('m').toJSON()).toEqual(server.getMap('m').toJSON());
          }),
          { numRuns: 40 },
        );
      });

      it('lists document names by literal prefix, including snapshot-only documents', () => {
        for (const n of [
          'p1/claims',
          'p1/ref',
          'p10/claims',
          'p2/claims',
          'p*x',
          'p_1',
          'p%1',
          'p[1]',
          'q',
        ]) {
          s.appendUpdate(n, bytesOf(1));
        }
        s.compactDoc('p1/ref', bytesOf(100, 1), 1);
        expect(s.listDocNames('p1/')).toEqual(['p1/claims', 'p1/ref']);
        expect(s.listDocNames('p1')).toEqual(['p1/claims', 'p1/ref', 'p10/claims']);
        expect(s.listDocNames('p*')).toEqual(['p*x']);
        expect(s.listDocNames('p_')).toEqual(['p_1']);
        expect(s.listDocNames('p%')).toEqual(['p%1']);
        expect(s.listDocNames('p[')).toEqual(['p[1]']);
        expect(s.listDocNames('P1')).toEqual([]);
        expect(s.listDocNames('')).toEqual([
          'p%1',
          'p*x',
          'p1/claims',
          'p1/ref',
          'p10/claims',
          'p2/claims',
          'p[1]',
          'p_1',
          'q',
        ]);
      });
    });

    describe('counters', () => {
      it('starts at 1 and counts each name separately', () => {
        expect(s.nextCounter('isa')).toBe(1);
        expect(s.nextCounter('isa')).toBe(2);
        expect(s.nextCounter('server-seq')).toBe(1);
        expect(s.nextCounter('isa')).toBe(3);
      });

      it('never repeats a value, across many calls and a reopen', () => {
        const seen: number[] = [];
        for (let i = 0; i < 300; i++) seen.push(s.nextCounter('isa'));
        s.close();
        s = h.reopen();
        for (let i = 0; i < 300; i++) seen.push(s.nextCounter('isa'));
        expect(seen).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
      });
    });

    it('keeps everything across close and reopen', () => {
      const ann = user('u1', 'Ann@example.com', { isSystemAdmin: true });
      s.createUser(ann);
      s.createPractice(practice('p1'));
      s.setMembership({ userId: 'u1', practiceId: 'p1', role: 'biller' });
      s.createAuthSession(session('h1', 'u1', '2025-03-02T09:00:00.000Z'));
      s.appendUpdate('p1/claims', bytesOf(1, 2));
      s.appendUpdate('p1/claims', bytesOf(3));
      s.compactDoc('p1/claims', bytesOf(100, 1), 1);
      s.nextCounter('isa');
      s.close();
      s = h.reopen();
      expect(s.getUserByEmail('ann@example.com')).toEqual(ann);
      expect(s.listPractices()).toEqual([practice('p1')]);
      expect(s.getRole('u1', 'p1')).toBe('biller');
      expect(s.getAuthSession('h1')?.expiresAt).toBe('2025-03-02T09:00:00.000Z');
      expect(s.loadDoc('p1/claims')).toEqual({
        snapshot: bytesOf(100, 1),
        updates: [bytesOf(3)],
        lastSeq: 2,
      });
      expect(s.listDocNames('p1/')).toEqual(['p1/claims']);
      expect(s.nextCounter('isa')).toBe(2);
      expect(s.appendUpdate('p1/claims', bytesOf(4))).toBe(3);
    });
  });
}
