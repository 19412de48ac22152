import type Database from 'better-sqlite3';
import type { InboundFileRecord, InboundSource, InboundState, InboundStore } from './inboundStore.ts';

interface InboundRow {
  practice_id: string;
  hash: string;
  name: string;
  source: string;
  size: number;
  received_at: string;
  received_by: string | null;
  kind: string;
  state: string;
  outcome: string | null;
  problem: string | null;
  processed_at: string | null;
}

const columns = `practice_id, hash, name, source, size, received_at, received_by, kind, state, outcome, problem,
  processed_at`;

const toRecord = (r: InboundRow): InboundFileRecord => ({
  practiceId: r.practice_id,
  hash: r.hash,
  name: r.name,
  source: r.source as InboundSource,
  size: r.size,
  receivedAt: r.received_at,
  receivedBy: r.received_by,
  kind: r.kind,
  state: r.state as InboundState,
  outcome: r.outcome,
  problem: r.problem,
  processedAt: r.processed_at,
});

/** The InboundStore part of the SQLite storage, on the storage's open database (schema migrated). */
export function sqliteInboundStore(db: Database.Database): InboundStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO inbound_files (practice_id, hash, name, source, size, received_at, received_by, kind, state)
       VALUES (@practiceId, @hash, @name, @source, @size, @receivedAt, @receivedBy, @kind, 'received')
       ON CONFLICT (practice_id, hash) DO NOTHING`,
    ),
    get: db.prepare<[string, string], InboundRow>(
      `SELECT ${columns} FROM inbound_files WHERE practice_id = ? AND hash = ?`,
    ),
    finish: db.prepare(
      `UPDATE inbound_files SET state = @state, kind = @kind, outcome = @outcome, problem = @problem,
         processed_at = @processedAt
       WHERE practice_id = @practiceId AND hash = @hash AND state = 'received'`,
    ),
    setOutcome: db.prepare(
      `UPDATE inbound_files SET outcome = @outcome
       WHERE practice_id = @practiceId AND hash = @hash AND state = 'processed'`,
    ),
    list: db.prepare<[string, number], InboundRow>(
      `SELECT ${columns} FROM inbound_files WHERE practice_id = ?
       ORDER BY received_at DESC, rowid DESC LIMIT ?`,
    ),
    unfinished: db.prepare<[], InboundRow>(
      `SELECT ${columns} FROM inbound_files WHERE state = 'received' ORDER BY received_at, rowid`,
    ),
    seen: db
      .prepare<[string, string, number, string], string>(
        `SELECT hash FROM inbound_remote_files
         WHERE practice_id = ? AND name = ? AND size = ? AND modified_at = ?`,
      )
      .pluck(),
    remember: db.prepare(
      `INSERT INTO inbound_remote_files (practice_id, name, size, modified_at, hash)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
  };
  return {
    addInboundFile: (file) => q.insert.run(file).changes === 1,
    getInboundFile: (practiceId, hash) => {
      const row = q.get.get(practiceId, hash);
      return row ? toRecord(row) : null;
    },
    finishInboundFile: (practiceId, hash, result) =>
      q.finish.run({ practiceId, hash, ...result }).changes === 1,
    setInboundOutcome: (practiceId, hash, outcome) =>
      q.setOutcome.run({ practiceId, hash, outcome }).changes === 1,
    listInboundFiles: (practiceId, limit) => q.list.all(practiceId, Math.max(0, limit)).map(toRecord),
    unfinishedInboundFiles: () => q.unfinished.all().map(toRecord),
    seenRemoteFile: (practiceId, name, size, modifiedAt) =>
      q.seen.get(practiceId, name, size, modifiedAt) ?? null,
    rememberRemoteFile: (practiceId, name, size, modifiedAt, hash) => {
      q.remember.run(practiceId, name, size, modifiedAt, hash);
    },
  };
}
