import type { Role } from '../../shared/domain/actor.ts';
import type { InboundStore } from './inboundStore.ts';

/** A person who can log in. `passwordHash` is a self-describing scrypt string (see auth/password.ts). */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  /** May create practices and users (the first-run admin). Practice roles are separate. */
  isSystemAdmin: boolean;
  createdAt: string;
}

export interface PracticeRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface MembershipRecord {
  userId: string;
  practiceId: string;
  role: Role;
}

/** A login session. Only a hash of the token is stored, so a copy of the database logs nobody in. */
export interface AuthSessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** What is stored for one Yjs document: the latest snapshot and the updates after it, in order. */
export interface StoredDoc {
  /** Full state as one Yjs update (v1 encoding), or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update included (snapshot or appended); 0 for an empty doc. */
  lastSeq: number;
}

/** One claim row to write: `body` is the JSON of a `ClaimRowBody` (shared/sync/claimRow.ts). */
export interface ClaimRowWrite {
  claimId: string;
  partition: string;
  body: string;
}

/** A stored claim row. `body` is kept as JSON text so the feed can send it without re-encoding. */
export interface StoredClaimRow extends ClaimRowWrite {
  rowSeq: number;
}

/** Where a submission batch is: made, being sent, sent (by SFTP or by hand), or its last send failed. */
export type SubmissionBatchState = 'generated' | 'uploading' | 'uploaded' | 'failed' | 'marked_uploaded';

/** One claim of a submission batch, as it was when the file was generated. */
export interface SubmissionBatchClaim {
  claimId: string;
  /** Service month (`YYYY-MM`): where the claim's documents are. */
  partition: string;
  /** Internal payer id. */
  payerId: string;
  chargeCents: number;
  units: number;
  /** Hash of what was billed (lines, codes, providers): a claim edited since no longer matches the file. */
  fingerprint: string;
}

/** A claim the Submitted fact could not be recorded on after its batch went out, and why. */
export interface SubmissionFactSkipped {
  claimId: string;
  code: string;
  message: string;
}

/** A submission batch without its claims and file (lists). */
export interface SubmissionBatchSummary {
  id: string;
  practiceId: string;
  createdAt: string;
  /** User id of the biller or admin who generated it. */
  createdBy: string;
  /** The internal payer id the batch was made for, or 'all' (every EDI payer). */
  payerFilter: string;
  claimCount: number;
  totalChargeCents: number;
  fileName: string;
  state: SubmissionBatchState;
  /** Upload attempts started (each may retry its connection inside). */
  attempts: number;
  /** Why the last send failed, in words for a biller (no patient data); null after a success. */
  lastError: string | null;
  /** ISA13 and GS06: never repeated for the practice. */
  interchangeControlNumber: number;
  groupControlNumber: number;
  uploadedAt: string | null;
  uploadedBy: string | null;
  /** When the Submitted facts (and authorization units) were recorded for the batch's claims. */
  factsRecordedAt: string | null;
  /** The clearinghouse's 999 verdict on the file; null while awaiting it. */
  ackState: SubmissionAckState | null;
  acknowledgedAt: string | null;
}

/** A 999's verdict on a batch: every transaction set accepted, some rejected, or all rejected. */
export type SubmissionAckState = 'accepted' | 'partially_accepted' | 'rejected';

/** A submission batch with its claims; the file text is read separately. */
export interface SubmissionBatchRecord extends SubmissionBatchSummary {
  claims: SubmissionBatchClaim[];
  factsSkipped: SubmissionFactSkipped[];
}

/** A state change of a batch (`updateSubmissionBatch`); fields left out keep their value. */
export interface SubmissionBatchChange {
  state: SubmissionBatchState;
  /** Counts one more upload attempt. */
  countAttempt?: boolean;
  lastError?: string | null;
  uploadedAt?: string | null;
  uploadedBy?: string | null;
}

/**
 * Everything the server keeps on disk. Implementations: SQLite (single machine, the default);
 * PostgreSQL can follow for several instances. Every method is synchronous in the SQLite
 * implementation; the interface is synchronous so an update is durable before the caller goes on.
 * One shared test suite (storage.suite.ts) runs against every implementation.
 */
export interface Storage extends InboundStore {
  // Identity and access.
  createUser(user: UserRecord): void;
  getUserById(id: string): UserRecord | null;
  getUserByEmail(email: string): UserRecord | null;
  countUsers(): number;
  createPractice(practice: PracticeRecord): void;
  getPractice(id: string): PracticeRecord | null;
  listPractices(): PracticeRecord[];
  /** Insert or replace a user's role in a practice. */
  setMembership(membership: MembershipRecord): void;
  getRole(userId: string, practiceId: string): Role | null;
  listMemberships(userId: string): MembershipRecord[];
  createAuthSession(session: AuthSessionRecord): void;
  getAuthSession(tokenHash: string): AuthSessionRecord | null;
  deleteAuthSession(tokenHash: string): void;
  /** Deletes sessions that expired before `now` (ISO instant); returns how many. */
  deleteExpiredAuthSessions(now: string): number;

  // Yjs documents: an append-only update log per document, compacted into snapshots.
  /** Appends one update durably and returns its sequence number (1, 2, … per document). */
  appendUpdate(docName: string, update: Uint8Array): number;
  /** The stored state of a document, or null when nothing was ever stored for it. */
  loadDoc(docName: string): StoredDoc | null;
  /**
   * Replaces every update with seq ≤ `uptoSeq` by `snapshot` (the merged state up to that seq),
   * atomically. Updates appended after `uptoSeq` are kept.
   */
  compactDoc(docName: string, snapshot: Uint8Array, uptoSeq: number): void;
  /** Number of updates stored after the snapshot (drives when to compact). */
  pendingUpdateCount(docName: string): number;
  /** Names of stored documents that start with `prefix`. */
  listDocNames(prefix: string): string[];

  // Claims kept out of the live documents (see shared/sync/claimRow.ts): one row per claim, replaced
  // on every change, each write numbered by a per-practice row sequence.
  /**
   * Inserts or replaces the rows of one practice in one transaction. Each row gets the next row
   * sequence number of the practice, in the order given; returns the last one (the current one when
   * `rows` is empty).
   */
  putClaimRows(practiceId: string, rows: readonly ClaimRowWrite[]): number;
  /** The row of one claim, or null when the claim never left the live documents. */
  getClaimRow(practiceId: string, claimId: string): StoredClaimRow | null;
  /** Up to `limit` rows of the practice with a row sequence number above `afterSeq`, in that order. */
  claimRowsAfter(practiceId: string, afterSeq: number, limit: number): StoredClaimRow[];
  /** The practice's newest row sequence number, 0 before the first row. */
  lastClaimRowSeq(practiceId: string): number;

  // Counters that must never repeat: server sequence numbers, X12 control numbers.
  /**
   * Atomically reserves `count` (default 1) consecutive values of the named counter and returns the
   * first (the counter starts at 1): `nextCounter('seq:p1', 3)` → 1, then `nextCounter('seq:p1')` → 4.
   */
  nextCounter(name: string, count?: number): number;

  // Submission batches: one 837P file each, with its claims and state (sync-server/submissions/).
  /**
   * Stores a new batch with its file. Refuses a batch id already used (`duplicate_id`) and an interchange
   * or group control number the practice already used (`duplicate_control_number`).
   */
  createSubmissionBatch(batch: SubmissionBatchRecord, fileText: string): void;
  getSubmissionBatch(practiceId: string, batchId: string): SubmissionBatchRecord | null;
  /** The batch's 837P text, or null when there is no such batch. */
  getSubmissionBatchFile(practiceId: string, batchId: string): string | null;
  /** Up to `limit` batches of the practice, newest first. */
  listSubmissionBatches(practiceId: string, limit: number): SubmissionBatchSummary[];
  /**
   * Compare-and-set: applies `change` only while the batch is in one of `from`, atomically, and returns
   * the batch as changed; null when it is not (another request moved it first) or does not exist.
   */
  updateSubmissionBatch(
    practiceId: string,
    batchId: string,
    from: readonly SubmissionBatchState[],
    change: SubmissionBatchChange,
  ): SubmissionBatchRecord | null;
  /**
   * Marks the batch's facts recorded, once: only a sent batch (uploaded or marked_uploaded) whose facts
   * are not yet marked. Returns whether this call marked them.
   */
  markSubmissionFactsRecorded(
    practiceId: string,
    batchId: string,
    at: string,
    skipped: readonly SubmissionFactSkipped[],
  ): boolean;
  /** Batches of every practice left unfinished by a stop: 'uploading', or sent with facts not yet recorded. */
  unfinishedSubmissionBatches(): SubmissionBatchRecord[];
  /** Sent batches (uploaded or marked uploaded before `uploadedBefore`) still without a 999, oldest first. */
  unacknowledgedSubmissionBatches(practiceId: string, uploadedBefore: string): SubmissionBatchSummary[];
  /** The batch whose file carried this GS06 (what a 999's AK102 names). */
  submissionBatchByGroupControlNumber(
    practiceId: string,
    groupControlNumber: number,
  ): SubmissionBatchRecord | null;
  /** Records a 999's verdict (a later 999 for the same batch replaces it). Returns false for an unknown batch. */
  acknowledgeSubmissionBatch(
    practiceId: string,
    batchId: string,
    ack: { state: SubmissionAckState; at: string; fileHash: string },
  ): boolean;

  /** Flushes and closes; the storage is unusable afterwards. */
  close(): void;
}
