import type Database from 'better-sqlite3';
import { StorageError } from './storageError.ts';

type Migration = (db: Database.Database) => void;

/**
 * Migration `i` takes the schema from version `i` to `i + 1`. Append new migrations; never edit a
 * released one, since databases in the field have already run it.
 */
const migrations: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        -- emailKey(email): uniqueness and lookup ignore case (full Unicode, not ASCII-only NOCASE).
        email_key TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_system_admin INTEGER NOT NULL CHECK (is_system_admin IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE practices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE memberships (
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (user_id, practice_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX memberships_by_practice ON memberships (practice_id);

      CREATE TABLE auth_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        -- ISO strings of different precision do not sort as text ('…00Z' > '…00.5Z'), so expiry is
        -- compared on epoch milliseconds.
        expires_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX auth_sessions_by_expiry ON auth_sessions (expires_at_ms);
      CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id);

      CREATE TABLE doc_updates (
        doc_name TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (doc_name, seq)
      ) STRICT;

      CREATE TABLE doc_snapshots (
        doc_name TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        upto_seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
    `),
  // Claims kept out of the live documents: one row per claim, numbered by a per-practice row sequence
  // (its counter is `rows:{practiceId}` in counters, so a number is never given out twice).
  (db) =>
    db.exec(`
      CREATE TABLE claim_rows (
        practice_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        partition TEXT NOT NULL,
        row_seq INTEGER NOT NULL,
        -- JSON text of a ClaimRowBody, sent to clients as is.
        body TEXT NOT NULL,
        PRIMARY KEY (practice_id, claim_id)
      ) STRICT;
      -- The feed reads rows by (practice, row_seq); unique because every write takes a fresh number.
      CREATE UNIQUE INDEX claim_rows_by_seq ON claim_rows (practice_id, row_seq);
    `),
  // Submission batches (sync-server/submissions/): one 837P file each. Control numbers are unique per
  // practice here as well as by their counters, so a repeat cannot be stored even by a bug.
  (db) =>
    db.exec(`
      CREATE TABLE submission_batches (
        practice_id TEXT NOT NULL,
        id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        payer_filter TEXT NOT NULL,
        -- JSON array of SubmissionBatchClaim.
        claims TEXT NOT NULL,
        claim_count INTEGER NOT NULL,
        total_charge_cents INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        file_text TEXT NOT NULL,
        state TEXT NOT NULL
          CHECK (state IN ('generated', 'uploading', 'uploaded', 'failed', 'marked_uploaded')),
        attempts INTEGER NOT NULL,
        last_error TEXT,
        interchange_control_number INTEGER NOT NULL,
        group_control_number INTEGER NOT NULL,
        uploaded_at TEXT,
        uploaded_by TEXT,
        facts_recorded_at TEXT,
        -- JSON array of SubmissionFactSkipped.
        facts_skipped TEXT NOT NULL,
        PRIMARY KEY (practice_id, id)
      ) STRICT;
      CREATE UNIQUE INDEX submission_batches_by_isa
        ON submission_batches (practice_id, interchange_control_number);
      CREATE UNIQUE INDEX submission_batches_by_gs ON submission_batches (practice_id, group_control_number);
      CREATE INDEX submission_batches_newest ON submission_batches (practice_id, created_at);
      -- Recovery at start reads only the few unfinished batches.
      CREATE INDEX submission_batches_unfinished ON submission_batches (state, facts_recorded_at);
    `),
  // Acknowledgments and remittances (sync-server/inbound/): files received, known by content hash, and
  // the names already downloaded; a batch's 999 verdict.
  (db) =>
    db.exec(`
      CREATE TABLE inbound_files (
        practice_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('sftp', 'upload')),
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        received_by TEXT,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('received', 'processed', 'quarantined', 'ignored')),
        outcome TEXT,
        problem TEXT,
        processed_at TEXT,
        PRIMARY KEY (practice_id, hash)
      ) STRICT;
      CREATE INDEX inbound_files_newest ON inbound_files (practice_id, received_at);
      CREATE INDEX inbound_files_unfinished ON inbound_files (state);

      CREATE TABLE inbound_remote_files (
        practice_id TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        modified_at TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (practice_id, name, size, modified_at)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE submission_batches ADD COLUMN ack_state TEXT
        CHECK (ack_state IN ('accepted', 'partially_accepted', 'rejected'));
      ALTER TABLE submission_batches ADD COLUMN acknowledged_at TEXT;
      ALTER TABLE submission_batches ADD COLUMN ack_file_hash TEXT;
    `),
];

/** The schema version this code writes (SQLite's `user_version`). */
export const SQLITE_SCHEMA_VERSION = migrations.length;

/** Brings the database to SQLITE_SCHEMA_VERSION; refuses a database from a newer version. */
export function migrateSqliteSchema(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  // Fast path: an up-to-date database is opened without taking the write lock.
  if (version() === SQLITE_SCHEMA_VERSION) return;
  // IMMEDIATE so two processes opening one new file cannot both run the same migration.
  db.transaction(() => {
    const from = version();
    if (from > SQLITE_SCHEMA_VERSION) throw new StorageError('schema_too_new');
    for (let v = from; v < SQLITE_SCHEMA_VERSION; v++) migrations[v]!(db);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
