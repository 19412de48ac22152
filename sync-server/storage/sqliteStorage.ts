import type { Role } from '../../shared/domain/actor.ts';
import { instantSchema } from '../../shared/domain/primitives.ts';
import { emailKey } from './emailKey.ts';
import { openSqliteDatabase, type SqliteOptions } from './sqliteDatabase.ts';
import { sqliteInboundStore } from './sqliteInboundStore.ts';
import type {
  AuthSessionRecord,
  ClaimRowWrite,
  MembershipRecord,
  PracticeRecord,
  Storage,
  StoredClaimRow,
  StoredDoc,
  SubmissionAckState,
  SubmissionBatchRecord,
  SubmissionBatchState,
  SubmissionBatchSummary,
  UserRecord,
} from './storage.ts';
import { StorageError } from './storageError.ts';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_system_admin: number;
  created_at: string;
}
interface PracticeRow {
  id: string;
  name: string;
  created_at: string;
}
interface MembershipRow {
  user_id: string;
  practice_id: string;
  role: string;
}
interface ClaimRowRow {
  claim_id: string;
  partition: string;
  row_seq: number;
  body: string;
}
interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

interface BatchRow {
  practice_id: string;
  id: string;
  created_at: string;
  created_by: string;
  payer_filter: string;
  claim_count: number;
  total_charge_cents: number;
  file_name: string;
  state: string;
  attempts: number;
  last_error: string | null;
  interchange_control_number: number;
  group_control_number: number;
  uploaded_at: string | null;
  uploaded_by: string | null;
  facts_recorded_at: string | null;
  ack_state: string | null;
  acknowledged_at: string | null;
}
interface FullBatchRow extends BatchRow {
  claims: string;
  facts_skipped: string;
}

const userColumns = 'id, email, display_name, password_hash, is_system_admin, created_at';

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  isSystemAdmin: r.is_system_admin === 1,
  createdAt: r.created_at,
});
const toPractice = (r: PracticeRow): PracticeRecord => ({ id: r.id, name: r.name, createdAt: r.created_at });
const toMembership = (r: MembershipRow): MembershipRecord => ({
  userId: r.user_id,
  practiceId: r.practice_id,
  role: r.role as Role,
});
const toClaimRow = (r: ClaimRowRow): StoredClaimRow => ({
  claimId: r.claim_id,
  partition: r.partition,
  rowSeq: r.row_seq,
  body: r.body,
});
const batchColumns = `practice_id, id, created_at, created_by, payer_filter, claim_count, total_charge_cents,
  file_name, state, attempts, last_error, interchange_control_number, group_control_number, uploaded_at,
  uploaded_by, facts_recorded_at, ack_state, acknowledged_at`;
const toBatchSummary = (r: BatchRow): SubmissionBatchSummary => ({
  id: r.id,
  practiceId: r.practice_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  payerFilter: r.payer_filter,
  claimCount: r.claim_count,
  totalChargeCents: r.total_charge_cents,
  fileName: r.file_name,
  state: r.state as SubmissionBatchState,
  attempts: r.attempts,
  lastError: r.last_error,
  interchangeControlNumber: r.interchange_control_number,
  groupControlNumber: r.group_control_number,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by,
  factsRecordedAt: r.facts_recorded_at,
  ackState: r.ack_state as SubmissionAckState | null,
  acknowledgedAt: r.acknowledged_at,
});
// The JSON columns were written by this file from typed values.
const toBatch = (r: FullBatchRow): SubmissionBatchRecord => ({
  ...toBatchSummary(r),
  claims: JSON.parse(r.claims) as SubmissionBatchRecord['claims'],
  factsSkipped: JSON.parse(r.facts_skipped) as SubmissionBatchRecord['factsSkipped'],
});

const toSession = (r: SessionRow): AuthSessionRecord => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/** A plain Uint8Array view of a blob: Buffer's `slice` shares memory where Uint8Array's copies. */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function instantMs(instant: string): number {
  if (!instantSchema.safeParse(instant).success) throw new StorageError('invalid_instant');
  return Date.parse(instant);
}

/** Counter (in `counters`) holding a practice's newest row sequence number. */
const rowCounter = (practiceId: string): string => `rows:${practiceId}`;

/** GLOB pattern matching names that start with `prefix` literally (GLOB, unlike LIKE, can use the index). */
const prefixGlob = (prefix: string): string => prefix.replace(/[*?[]/g, (c) => `[${c}]`) + '*';

/**
 * Opens the SQLite Storage: WAL, synchronous FULL unless told otherwise, foreign keys on, schema
 * migrated. Every statement is prepared here once; every write is committed before its method returns.
 */
export function openSqliteStorage(options: SqliteOptions): Storage {
  const db = openSqliteDatabase(options);

  const q = {
    insertUser: db.prepare(
      `INSERT INTO users (id, email, email_key, display_name, password_hash, is_system_admin, created_at)
       VALUES (@id, @email, @emailKey, @displayName, @passwordHash, @isSystemAdmin, @createdAt)`,
    ),
    userById: db.prepare<[string], UserRow>(`SELECT ${userColumns} FROM users WHERE id = ?`),
    userByEmailKey: db.prepare<[string], UserRow>(`SELECT ${userColumns} FROM users WHERE email_key = ?`),
    countUsers: db.prepare<[], number>('SELECT count(*) FROM users').pluck(),
    insertPractice: db.prepare(
      'INSERT INTO practices (id, name, created_at) VALUES (@id, @name, @createdAt)',
    ),
    practiceById: db.prepare<[string], PracticeRow>(
      'SELECT id, name, created_at FROM practices WHERE id = ?',
    ),
    listPractices: db.prepare<[], PracticeRow>(
      'SELECT id, name, created_at FROM practices ORDER BY created_at, id',
    ),
    upsertMembership: db.prepare(
      `INSERT INTO memberships (user_id, practice_id, role) VALUES (@userId, @practiceId, @role)
       ON CONFLICT (user_id, practice_id) DO UPDATE SET role = excluded.role`,
    ),
    role: db
      .prepare<[string, string], string>('SELECT role FROM memberships WHERE user_id = ? AND practice_id = ?')
      .pluck(),
    listMemberships: db.prepare<[string], MembershipRow>(
      'SELECT user_id, practice_id, role FROM memberships WHERE user_id = ? ORDER BY practice_id',
    ),
    insertSession: db.prepare(
      `INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, expires_at_ms)
       VALUES (@tokenHash, @userId, @createdAt, @expiresAt, @expiresAtMs)`,
    ),
    sessionByHash: db.prepare<[string], SessionRow>(
      'SELECT token_hash, user_id, created_at, expires_at FROM auth_sessions WHERE token_hash = ?',
    ),
    deleteSession: db.prepare<[string]>('DELETE FROM auth_sessions WHERE token_hash = ?'),
    deleteExpiredSessions: db.prepare<[number]>('DELETE FROM auth_sessions WHERE expires_at_ms < ?'),
    // One statement, so the seq is computed and the row written in the same (implicit) transaction.
    appendUpdate: db
      .prepare<{ doc: string; data: Uint8Array }, number>(
        `INSERT INTO doc_updates (doc_name, seq, data)
         VALUES (@doc, 1 + max(
           coalesce((SELECT max(seq) FROM doc_updates WHERE doc_name = @doc), 0),
           coalesce((SELECT upto_seq FROM doc_snapshots WHERE doc_name = @doc), 0)), @data)
         RETURNING seq`,
      )
      .pluck(),
    snapshot: db.prepare<[string], { data: Buffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshots WHERE doc_name = ?',
    ),
    updates: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq',
    ),
    maxUpdateSeq: db
      .prepare<[string], number | null>('SELECT max(seq) FROM doc_updates WHERE doc_name = ?')
      .pluck(),
    upsertSnapshot: db.prepare<{ doc: string; data: Uint8Array; upto: number }>(
      `INSERT INTO doc_snapshots (doc_name, data, upto_seq) VALUES (@doc, @data, @upto)
       ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
    ),
    deleteUpdatesUpTo: db.prepare<[string, number]>(
      'DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?',
    ),
    pendingCount: db.prepare<[string], number>('SELECT count(*) FROM doc_updates WHERE doc_name = ?').pluck(),
    docNames: db
      .prepare<{ pattern: string }, string>(
        `SELECT doc_name FROM doc_snapshots WHERE doc_name GLOB @pattern
         UNION SELECT doc_name FROM doc_updates WHERE doc_name GLOB @pattern
         ORDER BY doc_name`,
      )
      .pluck(),
    // Reserves @count values in one statement and returns the first of them.
    reserveCounter: db
      .prepare<{ name: string; count: number }, number>(
        `INSERT INTO counters (name, value) VALUES (@name, @count)
         ON CONFLICT (name) DO UPDATE SET value = value + @count RETURNING value - @count + 1`,
      )
      .pluck(),
    counterValue: db.prepare<[string], number>('SELECT value FROM counters WHERE name = ?').pluck(),
    upsertClaimRow: db.prepare<{
      practiceId: string;
      claimId: string;
      partition: string;
      rowSeq: number;
      body: string;
    }>(
      `INSERT INTO claim_rows (practice_id, claim_id, partition, row_seq, body)
       VALUES (@practiceId, @claimId, @partition, @rowSeq, @body)
       ON CONFLICT (practice_id, claim_id) DO UPDATE
       SET partition = excluded.partition, row_seq = excluded.row_seq, body = excluded.body`,
    ),
    claimRow: db.prepare<[string, string], ClaimRowRow>(
      'SELECT claim_id, partition, row_seq, body FROM claim_rows WHERE practice_id = ? AND claim_id = ?',
    ),
    claimRowsAfter: db.prepare<[string, number, number], ClaimRowRow>(
      `SELECT claim_id, partition, row_seq, body FROM claim_rows
       WHERE practice_id = ? AND row_seq > ? ORDER BY row_seq LIMIT ?`,
    ),
    insertBatch: db.prepare(
      `INSERT INTO submission_batches (practice_id, id, created_at, created_by, payer_filter, claims,
         claim_count, total_charge_cents, file_name, file_text, state, attempts, last_error,
         interchange_control_number, group_control_number, uploaded_at, uploaded_by, facts_recorded_at,
         facts_skipped)
       VALUES (@practiceId, @id, @createdAt, @createdBy, @payerFilter, @claims, @claimCount,
         @totalChargeCents, @fileName, @fileText, @state, @attempts, @lastError, @interchangeControlNumber,
         @groupControlNumber, @uploadedAt, @uploadedBy, @factsRecordedAt, @factsSkipped)`,
    ),
    batch: db.prepare<[string, string], FullBatchRow>(
      `SELECT ${batchColumns}, claims, facts_skipped FROM submission_batches WHERE practice_id = ? AND id = ?`,
    ),
    batchExists: db
      .prepare<[string, string], number>('SELECT 1 FROM submission_batches WHERE practice_id = ? AND id = ?')
      .pluck(),
    controlNumberUsed: db
      .prepare<[string, number, number], number>(
        `SELECT 1 FROM submission_batches WHERE practice_id = ?
         AND (interchange_control_number = ? OR group_control_number = ?) LIMIT 1`,
      )
      .pluck(),
    batchFile: db
      .prepare<[string, string], string>(
        'SELECT file_text FROM submission_batches WHERE practice_id = ? AND id = ?',
      )
      .pluck(),
    // rowid breaks ties between batches made in the same millisecond: the later insert is newer.
    unacknowledgedBatches: db.prepare<[string, string], BatchRow>(
      `SELECT ${batchColumns} FROM submission_batches
       WHERE practice_id = ? AND state IN ('uploaded', 'marked_uploaded') AND ack_state IS NULL
         AND uploaded_at < ?
       ORDER BY uploaded_at, rowid`,
    ),
    listBatches: db.prepare<[string, number], BatchRow>(
      `SELECT ${batchColumns} FROM submission_batches WHERE practice_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    updateBatch: db.prepare<{
      practiceId: string;
      id: string;
      from: string;
      state: string;
      attempt: number;
      setError: number;
      lastError: string | null;
      setUploadedAt: number;
      uploadedAt: string | null;
      setUploadedBy: number;
      uploadedBy: string | null;
    }>(
      `UPDATE submission_batches SET state = @state, attempts = attempts + @attempt,
         last_error = CASE WHEN @setError THEN @lastError ELSE last_error END,
         uploaded_at = CASE WHEN @setUploadedAt THEN @uploadedAt ELSE uploaded_at END,
         uploaded_by = CASE WHEN @setUploadedBy THEN @uploadedBy ELSE uploaded_by END
       WHERE practice_id = @practiceId AND id = @id AND state IN (SELECT value FROM json_each(@from))`,
    ),
    markFacts: db.prepare<{ practiceId: string; id: string; at: string; skipped: string }>(
      `UPDATE submission_batches SET facts_recorded_at = @at, facts_skipped = @skipped
       WHERE practice_id = @practiceId AND id = @id AND facts_recorded_at IS NULL
         AND state IN ('uploaded', 'marked_uploaded')`,
    ),
    batchByGroupControlNumber: db.prepare<[string, number], FullBatchRow>(
      `SELECT ${batchColumns}, claims, facts_skipped FROM submission_batches
       WHERE practice_id = ? AND group_control_number = ?`,
    ),
    acknowledgeBatch: db.prepare(
      `UPDATE submission_batches SET ack_state = @state, acknowledged_at = @at, ack_file_hash = @fileHash
       WHERE practice_id = @practiceId AND id = @id`,
    ),
    unfinishedBatches: db.prepare<[], FullBatchRow>(
      `SELECT ${batchColumns}, claims, facts_skipped FROM submission_batches
       WHERE state = 'uploading' OR (state IN ('uploaded', 'marked_uploaded') AND facts_recorded_at IS NULL)
       ORDER BY created_at, rowid`,
    ),
  };

  /** Reserves `count` (≥ 0) consecutive values of a counter; returns the first (the next value when 0). */
  const reserveCounter = (name: string, count: number): number => {
    // A fractional count could not be stored (STRICT) and a negative one would hand numbers out again.
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError('Counter count must be a whole number ≥ 0.');
    return q.reserveCounter.get({ name, count })!;
  };
  const lastClaimRowSeq = (practiceId: string): number => q.counterValue.get(rowCounter(practiceId)) ?? 0;

  // Checks and insert share one IMMEDIATE transaction, so no other connection slips in between
  // and the refusal names the real cause (SQLite's constraint errors only say so in message text).
  const createUser = db.transaction((user: UserRecord) => {
    const key = emailKey(user.email);
    if (q.userByEmailKey.get(key)) throw new StorageError('duplicate_email');
    if (q.userById.get(user.id)) throw new StorageError('duplicate_id');
    q.insertUser.run({ ...user, emailKey: key, isSystemAdmin: user.isSystemAdmin ? 1 : 0 });
  });
  const createPractice = db.transaction((practice: PracticeRecord) => {
    if (q.practiceById.get(practice.id)) throw new StorageError('duplicate_id');
    q.insertPractice.run(practice);
  });
  const setMembership = db.transaction((m: MembershipRecord) => {
    if (!q.userById.get(m.userId)) throw new StorageError('unknown_user');
    if (!q.practiceById.get(m.practiceId)) throw new StorageError('unknown_practice');
    q.upsertMembership.run(m);
  });
  const createAuthSession = db.transaction((s: AuthSessionRecord) => {
    const expiresAtMs = instantMs(s.expiresAt);
    if (!q.userById.get(s.userId)) throw new StorageError('unknown_user');
    if (q.sessionByHash.get(s.tokenHash)) throw new StorageError('duplicate_id');
    q.insertSession.run({ ...s, expiresAtMs });
  });

  // Numbers and rows are written in one transaction, so a failed write gives out no numbers, and one
  // counter bump covers the whole batch (a 40k-row import is one statement per row plus one).
  const putClaimRows = db.transaction((practiceId: string, rows: readonly ClaimRowWrite[]): number => {
    if (rows.length === 0) return lastClaimRowSeq(practiceId);
    const first = reserveCounter(rowCounter(practiceId), rows.length);
    rows.forEach((row, i) => {
      q.upsertClaimRow.run({
        practiceId,
        claimId: row.claimId,
        partition: row.partition,
        rowSeq: first + i,
        body: row.body,
      });
    });
    return first + rows.length - 1;
  });

  const createSubmissionBatch = db.transaction((b: SubmissionBatchRecord, fileText: string) => {
    if (q.batchExists.get(b.practiceId, b.id)) throw new StorageError('duplicate_id');
    if (q.controlNumberUsed.get(b.practiceId, b.interchangeControlNumber, b.groupControlNumber))
      throw new StorageError('duplicate_control_number');
    const { claims, factsSkipped, ...rest } = b;
    q.insertBatch.run({
      ...rest,
      claims: JSON.stringify(claims),
      factsSkipped: JSON.stringify(factsSkipped),
      fileText,
    });
  });
  const updateSubmissionBatch = db.transaction(
    (
      practiceId: string,
      id: string,
      from: readonly SubmissionBatchState[],
      change: Parameters<Storage['updateSubmissionBatch']>[3],
    ): SubmissionBatchRecord | null => {
      const { changes } = q.updateBatch.run({
        practiceId,
        id,
        from: JSON.stringify(from),
        state: change.state,
        attempt: change.countAttempt ? 1 : 0,
        setError: change.lastError === undefined ? 0 : 1,
        lastError: change.lastError ?? null,
        setUploadedAt: change.uploadedAt === undefined ? 0 : 1,
        uploadedAt: change.uploadedAt ?? null,
        setUploadedBy: change.uploadedBy === undefined ? 0 : 1,
        uploadedBy: change.uploadedBy ?? null,
      });
      if (changes === 0) return null;
      return toBatch(q.batch.get(practiceId, id)!);
    },
  );

  // Deferred (read) transaction: snapshot and updates come from one consistent view of the file.
  const loadDoc = db.transaction((docName: string): StoredDoc | null => {
    const snap = q.snapshot.get(docName);
    const rows = q.updates.all(docName);
    if (!snap && rows.length === 0) return null;
    const lastUpdateSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : 0;
    return {
      snapshot: snap ? bytes(snap.data) : null,
      updates: rows.map((r) => bytes(r.data)),
      lastSeq: Math.max(snap?.upto_seq ?? 0, lastUpdateSeq),
    };
  });

  const compactDoc = db.transaction((docName: string, snapshot: Uint8Array, uptoSeq: number) => {
    const snappedUpTo = q.snapshot.get(docName)?.upto_seq ?? 0;
    const lastSeq = Math.max(snappedUpTo, q.maxUpdateSeq.get(docName) ?? 0);
    if (!Number.isSafeInteger(uptoSeq) || uptoSeq < 0 || uptoSeq > lastSeq) {
      throw new StorageError('compaction_out_of_range');
    }
    // A snapshot older than the stored one would drop the updates the stored one absorbed: the
    // stored state is already more compact, so a late compaction is a no-op.
    if (uptoSeq < snappedUpTo) return;
    q.upsertSnapshot.run({ doc: docName, data: snapshot, upto: uptoSeq });
    q.deleteUpdatesUpTo.run(docName, uptoSeq);
  });

  return {
    createUser: (user) => createUser.immediate(user),
    getUserById: (id) => {
      const row = q.userById.get(id);
      return row ? toUser(row) : null;
    },
    getUserByEmail: (email) => {
      const row = q.userByEmailKey.get(emailKey(email));
      return row ? toUser(row) : null;
    },
    countUsers: () => q.countUsers.get()!,
    createPractice: (practice) => createPractice.immediate(practice),
    getPractice: (id) => {
      const row = q.practiceById.get(id);
      return row ? toPractice(row) : null;
    },
    listPractices: () => q.listPractices.all().map(toPractice),
    setMembership: (membership) => setMembership.immediate(membership),
    getRole: (userId, practiceId) => (q.role.get(userId, practiceId) as Role | undefined) ?? null,
    listMemberships: (userId) => q.listMemberships.all(userId).map(toMembership),
    createAuthSession: (session) => createAuthSession.immediate(session),
    getAuthSession: (tokenHash) => {
      const row = q.sessionByHash.get(tokenHash);
      return row ? toSession(row) : null;
    },
    deleteAuthSession: (tokenHash) => {
      q.deleteSession.run(tokenHash);
    },
    deleteExpiredAuthSessions: (now) => q.deleteExpiredSessions.run(instantMs(now)).changes,
    appendUpdate: (docName, update) => q.appendUpdate.get({ doc: docName, data: update })!,
    loadDoc: (docName) => loadDoc(docName),
    compactDoc: (docName, snapshot, uptoSeq) => compactDoc.immediate(docName, snapshot, uptoSeq),
    pendingUpdateCount: (docName) => q.pendingCount.get(docName)!,
    listDocNames: (prefix) => q.docNames.all({ pattern: prefixGlob(prefix) }),
    putClaimRows: (practiceId, rows) => putClaimRows.immediate(practiceId, rows),
    getClaimRow: (practiceId, claimId) => {
      const row = q.claimRow.get(practiceId, claimId);
      return row ? toClaimRow(row) : null;
    },
    // SQLite reads a negative LIMIT as "no limit"; the contract says "up to `limit`".
    claimRowsAfter: (practiceId, afterSeq, limit) =>
      q.claimRowsAfter.all(practiceId, afterSeq, Math.max(0, limit)).map(toClaimRow),
    lastClaimRowSeq,
    nextCounter: (name, count = 1) => reserveCounter(name, count),
    createSubmissionBatch: (batch, fileText) => createSubmissionBatch.immediate(batch, fileText),
    getSubmissionBatch: (practiceId, batchId) => {
      const row = q.batch.get(practiceId, batchId);
      return row ? toBatch(row) : null;
    },
    getSubmissionBatchFile: (practiceId, batchId) => q.batchFile.get(practiceId, batchId) ?? null,
    listSubmissionBatches: (practiceId, limit) =>
      q.listBatches.all(practiceId, Math.max(0, limit)).map(toBatchSummary),
    updateSubmissionBatch: (practiceId, batchId, from, change) =>
      updateSubmissionBatch.immediate(practiceId, batchId, from, change),
    markSubmissionFactsRecorded: (practiceId, batchId, at, skipped) =>
      q.markFacts.run({ practiceId, id: batchId, at, skipped: JSON.stringify(skipped) }).changes === 1,
    unfinishedSubmissionBatches: () => q.unfinishedBatches.all().map(toBatch),
    unacknowledgedSubmissionBatches: (practiceId, uploadedBefore) =>
      q.unacknowledgedBatches.all(practiceId, uploadedBefore).map(toBatchSummary),
    submissionBatchByGroupControlNumber: (practiceId, groupControlNumber) => {
      const row = q.batchByGroupControlNumber.get(practiceId, groupControlNumber);
      return row ? toBatch(row) : null;
    },
    acknowledgeSubmissionBatch: (practiceId, batchId, ack) =>
      q.acknowledgeBatch.run({ practiceId, id: batchId, ...ack }).changes === 1,
    ...sqliteInboundStore(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}
