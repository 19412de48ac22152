import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqliteSchema } from './sqliteSchema.ts';
import { StorageError } from './storageError.ts';

/** How to open the server's SQLite file. */
export interface SqliteOptions {
  /** File path; its folder is created if missing. `:memory:` for tests that are about something else. */
  path: string;
  /**
   * FULL (default) fsyncs the WAL on every commit: an acknowledged update survives a power cut.
   * NORMAL survives a killed process but may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a statement waits for another connection's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

const synchronousLevels = { FULL: 2, NORMAL: 1 } as const;

/** Opens (creating if needed) the database file with ClaimGrid's pragmas and the current schema. */
export function openSqliteDatabase(options: SqliteOptions): Database.Database {
  const inMemory = options.path === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const level = synchronousLevels[options.synchronous ?? 'FULL'];
  if (level === undefined) throw new TypeError('synchronous must be FULL or NORMAL');
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));

  const db = new Database(options.path);
  try {
    // First, so switching to WAL and migrating wait for another process instead of failing.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && !inMemory) throw new StorageError('wal_unavailable');
    db.pragma(`synchronous = ${level}`);
    // macOS fsync does not flush the drive's cache; F_FULLFSYNC does. A no-op elsewhere.
    db.pragma(`fullfsync = ${level === synchronousLevels.FULL ? 1 : 0}`);
    db.pragma('foreign_keys = ON');
    migrateSqliteSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
