import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { NewInboundFile } from './inboundStore.ts';
import type {
  AuthSessionRecord,
  ClaimRowWrite,
  PracticeRecord,
  Storage,
  StoredClaimRow,
  SubmissionBatchRecord,
  UserRecord,
} from './storage.ts';
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

/** A claim row to write; `version` makes each write's body distinct, so a replacement is visible. */
const claimRow = (claimId: string, version = 1, partition = '2026-10'): ClaimRowWrite => ({
  claimId,
  partition,
  body: JSON.stringify({ claim: null, history: [], version }),
});
const stored = (write: ClaimRowWrite, rowSeq: number): StoredClaimRow => ({ ...write, rowSeq });

/** A generated submission batch; `n` picks its control numbers (n, 1000 + n) and its time. */
const batch = (practiceId: string, id: string, n: number): SubmissionBatchRecord => ({
  id,
  practiceId,
  createdAt: `2026-11-22T10:00:0${n % 10}.000Z`,
  createdBy: 'u1',
  payerFilter: 'all',
  claimCount: 2,
  totalChargeCents: 32500,
  fileName: `${practiceId}_${id}_837P.x12`,
  state: 'generated',
  attempts: 0,
  lastError: null,
  interchangeControlNumber: n,
  groupControlNumber: 1000 + n,
  uploadedAt: null,
  uploadedBy: null,
  factsRecordedAt: null,
  ackState: null,
  acknowledgedAt: null,
  claims: [
    { claimId: 'C1', partition: '2026-11', payerId: 'py-a', chargeCents: 12500, units: 4, fingerprint: 'F1' },
    { claimId: 'C2', partition: '2026-10', payerId: 'py-b', chargeCents: 20000, units: 8, fingerprint: 'F2' },
  ],
  factsSkipped: [],
});
const summaryOf = ({ claims: _c, factsSkipped: _f, ...summary }: SubmissionBatchRecord) => summary;

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

    describe('claim rows', () => {
      it('has no rows and last 0 before the first write', () => {
        expect(s.lastClaimRowSeq('p1')).toBe(0);
        expect(s.claimRowsAfter('p1', 0, 100)).toEqual([]);
        expect(s.getClaimRow('p1', 'c1')).toBeNull();
        expect(s.putClaimRows('p1', [])).toBe(0);
        expect(s.lastClaimRowSeq('p1')).toBe(0);
      });

      it('numbers rows 1, 2, 3 in the order given and feeds them in that order, not by claim id', () => {
        const rows = [claimRow('c3'), claimRow('c1', 1, '2026-09'), claimRow('c2')];
        expect(s.putClaimRows('p1', rows)).toBe(3);
        expect(s.lastClaimRowSeq('p1')).toBe(3);
        expect(s.claimRowsAfter('p1', 0, 100)).toEqual([
          stored(rows[0]!, 1),
          stored(rows[1]!, 2),
          stored(rows[2]!, 3),
        ]);
        expect(s.getClaimRow('p1', 'c1')).toEqual(stored(rows[1]!, 2));
        expect(s.getClaimRow('p1', 'c9')).toBeNull();
        expect(s.putClaimRows('p1', [claimRow('c4')])).toBe(4);
      });

      it('keeps one row per claim: a rewrite replaces it with a newer number, also within one put', () => {
        s.putClaimRows('p1', [claimRow('a'), claimRow('b'), claimRow('c')]);
        const newer = claimRow('a', 2, '2026-11');
        expect(s.putClaimRows('p1', [newer])).toBe(4);
        expect(s.getClaimRow('p1', 'a')).toEqual(stored(newer, 4));
        expect(s.claimRowsAfter('p1', 0, 100)).toEqual([
          stored(claimRow('b'), 2),
          stored(claimRow('c'), 3),
          stored(newer, 4),
        ]);
        // A reader that already had rows up to 3 sees only the rewrite.
        expect(s.claimRowsAfter('p1', 3, 100)).toEqual([stored(newer, 4)]);

        expect(s.putClaimRows('p1', [claimRow('b', 3), claimRow('d'), claimRow('b', 4)])).toBe(7);
        expect(s.claimRowsAfter('p1', 4, 100)).toEqual([
          stored(claimRow('d'), 6),
          stored(claimRow('b', 4), 7),
        ]);
        expect(s.claimRowsAfter('p1', 0, 100).map((r) => r.claimId)).toEqual(['c', 'a', 'd', 'b']);
        expect(s.lastClaimRowSeq('p1')).toBe(7);
      });

      it('pages by afterSeq and limit, the pages adding up to the whole feed', () => {
        const rows = Array.from({ length: 10 }, (_, i) => claimRow(`c${i}`));
        s.putClaimRows('p1', rows);
        const seqs = (after: number, limit: number) =>
          s.claimRowsAfter('p1', after, limit).map((r) => r.rowSeq);
        expect(seqs(0, 4)).toEqual([1, 2, 3, 4]);
        expect(seqs(4, 4)).toEqual([5, 6, 7, 8]);
        expect(seqs(8, 4)).toEqual([9, 10]);
        expect(seqs(10, 4)).toEqual([]);
        expect(seqs(99, 4)).toEqual([]);
        expect(seqs(3, 1)).toEqual([4]);
        expect(seqs(0, 0)).toEqual([]);
        const paged: StoredClaimRow[] = [];
        for (let after = 0; after < s.lastClaimRowSeq('p1'); ) {
          const page = s.claimRowsAfter('p1', after, 3);
          expect(page.length).toBeGreaterThan(0);
          paged.push(...page);
          after = page[page.length - 1]!.rowSeq;
        }
        expect(paged).toEqual(rows.map((r, i) => stored(r, i + 1)));
      });

      it('keeps practices apart: own numbering, own rows, the same claim id in both', () => {
        expect(s.putClaimRows('pA', [claimRow('c1'), claimRow('c2')])).toBe(2);
        expect(s.putClaimRows('pB', [claimRow('c1', 7)])).toBe(1);
        expect(s.putClaimRows('pA', [claimRow('c3')])).toBe(3);
        expect(s.putClaimRows('pB', [claimRow('c9')])).toBe(2);
        expect(s.lastClaimRowSeq('pA')).toBe(3);
        expect(s.lastClaimRowSeq('pB')).toBe(2);
        expect(s.getClaimRow('pA', 'c1')).toEqual(stored(claimRow('c1'), 1));
        expect(s.getClaimRow('pB', 'c1')).toEqual(stored(claimRow('c1', 7), 1));
        expect(s.getClaimRow('pB', 'c2')).toBeNull();
        expect(s.claimRowsAfter('pB', 0, 100)).toEqual([
          stored(claimRow('c1', 7), 1),
          stored(claimRow('c9'), 2),
        ]);
        expect(s.claimRowsAfter('pA', 1, 100).map((r) => r.claimId)).toEqual(['c2', 'c3']);
        expect(s.lastClaimRowSeq('pC')).toBe(0);
      });

      it('an empty put returns the current last and changes nothing', () => {
        s.putClaimRows('p1', [claimRow('a'), claimRow('b'), claimRow('c')]);
        expect(s.putClaimRows('p1', [])).toBe(3);
        expect(s.lastClaimRowSeq('p1')).toBe(3);
        expect(s.claimRowsAfter('p1', 0, 100).map((r) => r.rowSeq)).toEqual([1, 2, 3]);
        expect(s.putClaimRows('p1', [claimRow('d')])).toBe(4);
      });

      it('keeps the body text exactly as written', () => {
        const body = '{"claim":null,"history":[{"note":"Zoë’s \\"co-pay\\" 😀"}],"x":1.50}';
        s.putClaimRows('p1', [{ claimId: 'c1', partition: '2026-10', body }]);
        expect(s.getClaimRow('p1', 'c1')?.body).toBe(body);
        expect(s.claimRowsAfter('p1', 0, 1)[0]?.body).toBe(body);
      });

      it('writes a put all or nothing: a failing row leaves no rows and uses no numbers', () => {
        s.putClaimRows('p1', [claimRow('a')]);
        const broken = { claimId: 'b', partition: '2026-10', body: null } as unknown as ClaimRowWrite;
        expect(() => s.putClaimRows('p1', [claimRow('a', 2), claimRow('c'), broken])).toThrow();
        expect(s.lastClaimRowSeq('p1')).toBe(1);
        expect(s.claimRowsAfter('p1', 0, 100)).toEqual([stored(claimRow('a'), 1)]);
        expect(s.putClaimRows('p1', [claimRow('c')])).toBe(2);
      });

      it('keeps rows and numbering across close and reopen, never reusing a number', () => {
        s.putClaimRows('p1', [claimRow('a'), claimRow('b')]);
        s.putClaimRows('p1', [claimRow('a', 2)]);
        s.putClaimRows('p2', [claimRow('z')]);
        s.close();
        s = h.reopen();
        expect(s.lastClaimRowSeq('p1')).toBe(3);
        expect(s.claimRowsAfter('p1', 0, 100)).toEqual([
          stored(claimRow('b'), 2),
          stored(claimRow('a', 2), 3),
        ]);
        expect(s.getClaimRow('p2', 'z')).toEqual(stored(claimRow('z'), 1));
        // Row 3 is the newest: the next write must not be given 3 again.
        expect(s.putClaimRows('p1', [claimRow('a', 3)])).toBe(4);
        expect(s.putClaimRows('p2', [claimRow('y')])).toBe(2);
      });

      it('writes a practice-sized batch (40,000 rows) in one put and pages through it', () => {
        const rows = Array.from({ length: 40_000 }, (_, i) => claimRow(`c${i}`, i));
        expect(s.putClaimRows('p1', rows)).toBe(40_000);
        const first = s.claimRowsAfter('p1', 0, 20_000);
        const second = s.claimRowsAfter('p1', 20_000, 20_000);
        expect(first.length).toBe(20_000);
        expect(second.length).toBe(20_000);
        expect(first[0]).toEqual(stored(rows[0]!, 1));
        expect(second[19_999]).toEqual(stored(rows[39_999]!, 40_000));
        expect([...first, ...second].every((r, i) => r.rowSeq === i + 1 && r.claimId === `c${i}`)).toBe(true);
        expect(s.claimRowsAfter('p1', 40_000, 20_000)).toEqual([]);
      });
    });

    describe('counters', () => {
      it('starts at 1 and counts each name separately', () => {
        expect(s.nextCounter('isa')).toBe(1);
        expect(s.nextCounter('isa')).toBe(2);
        expect(s.nextCounter('server-seq')).toBe(1);
        expect(s.nextCounter('isa')).toBe(3);
      });

      it('reserves a block of count values and continues after it', () => {
        expect(s.nextCounter('seq:p1', 3)).toBe(1);
        expect(s.nextCounter('seq:p1')).toBe(4);
        expect(s.nextCounter('seq:p1', 5)).toBe(5);
        expect(s.nextCounter('seq:p1', 1)).toBe(10);
        expect(s.nextCounter('seq:p2', 2)).toBe(1);
        expect(s.nextCounter('seq:p2')).toBe(3);
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

    describe('submission batches', () => {
      it('stores a batch with its file and reads both back; lists newest first without claims', () => {
        const text = 'ISA*00*…~\nIEA*1*000000001~\n';
        s.createSubmissionBatch(batch('p1', 'b1', 1), text);
        s.createSubmissionBatch(batch('p1', 'b2', 2), 'second');
        // Same created_at as b2: the later insert is the newer one.
        s.createSubmissionBatch({ ...batch('p1', 'b3', 3), createdAt: batch('p1', 'b2', 2).createdAt }, 'x');
        s.createSubmissionBatch(batch('p2', 'b1', 1), 'other practice');
        expect(s.getSubmissionBatch('p1', 'b1')).toEqual(batch('p1', 'b1', 1));
        expect(s.getSubmissionBatchFile('p1', 'b1')).toBe(text);
        expect(s.getSubmissionBatchFile('p2', 'b1')).toBe('other practice');
        expect(s.getSubmissionBatch('p1', 'b9')).toBeNull();
        expect(s.getSubmissionBatchFile('p3', 'b1')).toBeNull();
        const listed = s.listSubmissionBatches('p1', 10);
        expect(listed.map((b) => b.id)).toEqual(['b3', 'b2', 'b1']);
        expect(listed[2]).toEqual(summaryOf(batch('p1', 'b1', 1)));
        expect(s.listSubmissionBatches('p1', 1).map((b) => b.id)).toEqual(['b3']);
        expect(s.listSubmissionBatches('p9', 10)).toEqual([]);
      });

      it('refuses a reused batch id or control number in the practice; other practices have their own', () => {
        s.createSubmissionBatch(batch('p1', 'b1', 1), 'a');
        expectRefusal(() => s.createSubmissionBatch(batch('p1', 'b1', 2), 'b'), 'duplicate_id');
        expectRefusal(() => s.createSubmissionBatch(batch('p1', 'b2', 1), 'b'), 'duplicate_control_number');
        // Group control number 1001 reused with a fresh interchange number.
        expectRefusal(
          () => s.createSubmissionBatch({ ...batch('p1', 'b2', 1), interchangeControlNumber: 7 }, 'b'),
          'duplicate_control_number',
        );
        s.createSubmissionBatch(batch('p2', 'b2', 1), 'c');
        expect(s.listSubmissionBatches('p1', 10).map((b) => b.id)).toEqual(['b1']);
        expect(s.getSubmissionBatchFile('p1', 'b1')).toBe('a');
      });

      it('changes state only from the states given (compare-and-set), counting attempts', () => {
        s.createSubmissionBatch(batch('p1', 'b1', 1), 'a');
        const started = s.updateSubmissionBatch('p1', 'b1', ['generated', 'failed'], {
          state: 'uploading',
          countAttempt: true,
        });
        expect(started).toMatchObject({ state: 'uploading', attempts: 1, lastError: null });
        // A second starter finds it no longer generated or failed.
        expect(
          s.updateSubmissionBatch('p1', 'b1', ['generated', 'failed'], {
            state: 'uploading',
            countAttempt: true,
          }),
        ).toBeNull();
        const failed = s.updateSubmissionBatch('p1', 'b1', ['uploading'], {
          state: 'failed',
          lastError: 'Could not reach the clearinghouse.',
        });
        expect(failed).toMatchObject({
          state: 'failed',
          attempts: 1,
          lastError: 'Could not reach the clearinghouse.',
        });
        s.updateSubmissionBatch('p1', 'b1', ['failed'], { state: 'uploading', countAttempt: true });
        const sent = s.updateSubmissionBatch('p1', 'b1', ['uploading'], {
          state: 'uploaded',
          lastError: null,
          uploadedAt: '2026-11-22T11:00:00.000Z',
          uploadedBy: 'u1',
        });
        expect(sent).toEqual({
          ...batch('p1', 'b1', 1),
          state: 'uploaded',
          attempts: 2,
          uploadedAt: '2026-11-22T11:00:00.000Z',
          uploadedBy: 'u1',
        });
        expect(s.updateSubmissionBatch('p1', 'b9', ['generated'], { state: 'failed' })).toBeNull();
        expect(s.updateSubmissionBatch('p2', 'b1', ['uploaded'], { state: 'failed' })).toBeNull();
        expect(s.getSubmissionBatch('p1', 'b1')?.state).toBe('uploaded');
      });

      it('marks facts recorded once, only on a sent batch, and lists unfinished batches', () => {
        s.createSubmissionBatch(batch('p1', 'b1', 1), 'a');
        s.createSubmissionBatch(batch('p1', 'b2', 2), 'b');
        s.createSubmissionBatch(batch('p2', 'b3', 3), 'c');
        expect(s.markSubmissionFactsRecorded('p1', 'b1', '2026-11-22T12:00:00.000Z', [])).toBe(false);
        expect(s.unfinishedSubmissionBatches()).toEqual([]);
        s.updateSubmissionBatch('p1', 'b1', ['generated'], { state: 'uploading', countAttempt: true });
        s.updateSubmissionBatch('p1', 'b2', ['generated'], {
          state: 'marked_uploaded',
          uploadedAt: '2026-11-22T11:00:00.000Z',
        });
        expect(s.unfinishedSubmissionBatches().map((b) => [b.practiceId, b.id, b.state])).toEqual([
          ['p1', 'b1', 'uploading'],
          ['p1', 'b2', 'marked_uploaded'],
        ]);
        const skipped = [{ claimId: 'C2', code: 'not_allowed', message: 'Held claims cannot be submitted.' }];
        expect(s.markSubmissionFactsRecorded('p1', 'b2', '2026-11-22T12:00:00.000Z', skipped)).toBe(true);
        expect(s.markSubmissionFactsRecorded('p1', 'b2', '2026-11-22T13:00:00.000Z', [])).toBe(false);
        expect(s.getSubmissionBatch('p1', 'b2')).toMatchObject({
          factsRecordedAt: '2026-11-22T12:00:00.000Z',
          factsSkipped: skipped,
        });
        expect(s.unfinishedSubmissionBatches().map((b) => b.id)).toEqual(['b1']);
      });

      it('keeps batches, states and files across close and reopen', () => {
        s.createSubmissionBatch(batch('p1', 'b1', 1), 'file one');
        s.updateSubmissionBatch('p1', 'b1', ['generated'], { state: 'uploading', countAttempt: true });
        s.close();
        s = h.reopen();
        expect(s.getSubmissionBatch('p1', 'b1')).toMatchObject({ state: 'uploading', attempts: 1 });
        expect(s.getSubmissionBatchFile('p1', 'b1')).toBe('file one');
        expectRefusal(() => s.createSubmissionBatch(batch('p1', 'b2', 1), 'x'), 'duplicate_control_number');
      });
    });

    describe('inbound files', () => {
      const file = (
        hash: string,
        receivedAt: string,
        extra: Partial<NewInboundFile> = {},
      ): NewInboundFile => ({
        practiceId: 'p1',
        hash,
        name: `${hash}.835`,
        source: 'sftp',
        size: 120,
        receivedAt,
        receivedBy: null,
        kind: '835',
        ...extra,
      });

      it('keeps a content once per practice; another practice may hold the same content', () => {
        expect(s.addInboundFile(file('a'.repeat(64), '2026-11-22T10:00:00.000Z'))).toBe(true);
        expect(s.addInboundFile(file('a'.repeat(64), '2026-11-22T11:00:00.000Z', { name: 'other' }))).toBe(
          false,
        );
        expect(s.getInboundFile('p1', 'a'.repeat(64))).toMatchObject({
          name: `${'a'.repeat(64)}.835`,
          receivedAt: '2026-11-22T10:00:00.000Z',
          state: 'received',
          outcome: null,
        });
        expect(s.addInboundFile(file('a'.repeat(64), '2026-11-22T10:00:00.000Z', { practiceId: 'p2' }))).toBe(
          true,
        );
        expect(s.getInboundFile('p3', 'a'.repeat(64))).toBeNull();
      });

      it('finishes a received file once; lists newest first; reports the unfinished ones', () => {
        const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64)) as [string, string, string];
        s.addInboundFile(file(a, '2026-11-22T10:00:00.000Z'));
        s.addInboundFile(file(b, '2026-11-22T11:00:00.000Z', { source: 'upload', receivedBy: 'u1' }));
        s.addInboundFile(file(c, '2026-11-22T12:00:00.000Z'));
        const done = {
          state: 'processed',
          kind: '835',
          outcome: '{"posted":2}',
          problem: null,
          processedAt: '2026-11-22T12:01:00.000Z',
        } as const;
        expect(s.finishInboundFile('p1', a, done)).toBe(true);
        expect(s.finishInboundFile('p1', a, { ...done, state: 'quarantined', problem: 'x' })).toBe(false);
        expect(
          s.finishInboundFile('p1', c, {
            state: 'quarantined',
            kind: 'unknown',
            outcome: null,
            problem: 'Not an X12 file.',
            processedAt: '2026-11-22T12:02:00.000Z',
          }),
        ).toBe(true);
        expect(s.getInboundFile('p1', a)).toMatchObject({ state: 'processed', outcome: '{"posted":2}' });
        expect(s.setInboundOutcome('p1', a, '{"posted":3}')).toBe(true);
        expect(s.getInboundFile('p1', a)?.outcome).toBe('{"posted":3}');
        // Only a processed file's outcome is replaced.
        expect(s.setInboundOutcome('p1', c, '{}')).toBe(false);
        expect(s.setInboundOutcome('p1', b, '{}')).toBe(false);
        expect(s.getInboundFile('p1', c)).toMatchObject({
          state: 'quarantined',
          kind: 'unknown',
          problem: 'Not an X12 file.',
        });
        expect(s.listInboundFiles('p1', 10).map((f) => f.hash)).toEqual([c, b, a]);
        expect(s.listInboundFiles('p1', 1).map((f) => f.hash)).toEqual([c]);
        expect(s.unfinishedInboundFiles().map((f) => [f.hash, f.source, f.receivedBy])).toEqual([
          [b, 'upload', 'u1'],
        ]);
      });

      it('remembers remote files by name, size and modification time', () => {
        expect(s.seenRemoteFile('p1', 'x.999', 10, '2026-11-22T10:00:00.000Z')).toBeNull();
        s.rememberRemoteFile('p1', 'x.999', 10, '2026-11-22T10:00:00.000Z', 'h1');
        s.rememberRemoteFile('p1', 'x.999', 10, '2026-11-22T10:00:00.000Z', 'h1');
        expect(s.seenRemoteFile('p1', 'x.999', 10, '2026-11-22T10:00:00.000Z')).toBe('h1');
        expect(s.seenRemoteFile('p1', 'x.999', 11, '2026-11-22T10:00:00.000Z')).toBeNull();
        expect(s.seenRemoteFile('p1', 'x.999', 10, '2026-11-22T10:00:01.000Z')).toBeNull();
        expect(s.seenRemoteFile('p2', 'x.999', 10, '2026-11-22T10:00:00.000Z')).toBeNull();
      });

      it('finds a batch by its group control number and records its 999 verdict', () => {
        s.createSubmissionBatch(batch('p1', 'b1', 1), 'ISA~');
        expect(s.submissionBatchByGroupControlNumber('p1', 1001)?.id).toBe('b1');
        expect(s.submissionBatchByGroupControlNumber('p1', 1002)).toBeNull();
        expect(s.submissionBatchByGroupControlNumber('p2', 1001)).toBeNull();
        expect(s.getSubmissionBatch('p1', 'b1')).toMatchObject({ ackState: null, acknowledgedAt: null });
        const at = '2026-11-22T12:00:00.000Z';
        expect(
          s.acknowledgeSubmissionBatch('p1', 'b1', { state: 'partially_accepted', at, fileHash: 'h' }),
        ).toBe(true);
        expect(s.acknowledgeSubmissionBatch('p1', 'nope', { state: 'accepted', at, fileHash: 'h' })).toBe(
          false,
        );
        expect(s.getSubmissionBatch('p1', 'b1')).toMatchObject({
          ackState: 'partially_accepted',
          acknowledgedAt: at,
        });
        expect(s.listSubmissionBatches('p1', 5)[0]).toMatchObject({ ackState: 'partially_accepted' });
      });

      it('lists sent batches still without a 999 that went out before a time, oldest first', () => {
        for (const n of [1, 2, 3, 4]) s.createSubmissionBatch(batch('p1', `b${n}`, n), 'ISA~');
        const send = (id: string, at: string) =>
          s.updateSubmissionBatch('p1', id, ['generated'], { state: 'uploaded', uploadedAt: at });
        send('b1', '2026-11-19T10:00:00.000Z');
        send('b2', '2026-11-18T10:00:00.000Z');
        send('b3', '2026-11-22T10:00:00.000Z');
        s.acknowledgeSubmissionBatch('p1', 'b2', {
          state: 'accepted',
          at: '2026-11-18T11:00:00.000Z',
          fileHash: 'h',
        });
        // b4 was never sent.
        expect(s.unacknowledgedSubmissionBatches('p1', '2026-11-20T00:00:00.000Z').map((b) => b.id)).toEqual([
          'b1',
        ]);
        expect(s.unacknowledgedSubmissionBatches('p1', '2026-11-23T00:00:00.000Z').map((b) => b.id)).toEqual([
          'b1',
          'b3',
        ]);
        expect(s.unacknowledgedSubmissionBatches('p2', '2026-11-23T00:00:00.000Z')).toEqual([]);
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
