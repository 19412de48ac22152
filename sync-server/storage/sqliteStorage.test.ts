import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payloadNumber } from './numberedPayload.ts';
import { openSqliteDatabase } from './sqliteDatabase.ts';
import { SQLITE_SCHEMA_VERSION } from './sqliteSchema.ts';
import { openSqliteStorage } from './sqliteStorage.ts';
import { describeStorage, type StorageHarness } from './storage.suite.ts';
import type { Storage } from './storage.ts';
import { StorageError } from './storageError.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-storage-'));

/** A real SQLite file in a fresh temp folder (a nested one, so opening must create it). */
function sqliteHarness(): StorageHarness {
  const dir = tempDir();
  const file = path.join(dir, 'data', 'claimgrid.db');
  const opened: Storage[] = [];
  const openOne = () => {
    const storage = openSqliteStorage({ path: file });
    opened.push(storage);
    return storage;
  };
  return {
    storage: openOne(),
    reopen: openOne,
    cleanup: () => {
      for (const storage of opened) storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStorage('SQLite file', sqliteHarness);

describe('SQLite specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens in WAL mode with FULL sync, foreign keys, a busy timeout and the current schema', () => {
    const db = openSqliteDatabase({ path: path.join(dir, 'a', 'b', 'c.db') });
    try {
      expect(fs.existsSync(path.join(dir, 'a', 'b', 'c.db'))).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
      expect(SQLITE_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it('uses synchronous NORMAL when asked', () => {
    const db = openSqliteDatabase({ path: path.join(dir, 'n.db'), synchronous: 'NORMAL' });
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('enforces foreign keys in the schema itself, not only in the storage’s checks', () => {
    const db = openSqliteDatabase({ path: path.join(dir, 'fk.db') });
    try {
      expect(() =>
        db.prepare("INSERT INTO memberships (user_id, practice_id, role) VALUES ('u9', 'p9', 'admin')").run(),
      ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }));
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer schema version and leaves it untouched', () => {
    const file = path.join(dir, 'future.db');
    openSqliteStorage({ path: file }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    raw.close();
    let caught: unknown;
    try {
      openSqliteStorage({ path: file });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).code).toBe('schema_too_new');
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION + 1);
    check.close();
  });

  it('sees another connection’s committed updates and continues its numbering', () => {
    const file = path.join(dir, 'two.db');
    const a = openSqliteStorage({ path: file });
    const b = openSqliteStorage({ path: file });
    try {
      expect(a.appendUpdate('d', Uint8Array.of(1))).toBe(1);
      expect(b.appendUpdate('d', Uint8Array.of(2))).toBe(2);
      expect(a.appendUpdate('d', Uint8Array.of(3))).toBe(3);
      expect(b.loadDoc('d')?.updates.map((u) => u[0])).toEqual([1, 2, 3]);
      expect([a.nextCounter('c'), b.nextCounter('c'), a.nextCounter('c')]).toEqual([1, 2, 3]);
    } finally {
      a.close();
      b.close();
    }
  });
});

/** Runs the append loop in a child process, SIGKILLs it after `minSeqs` printed seqs, returns them. */
function appendThenKill(file: string, synchronous: 'FULL' | 'NORMAL', docName: string, minSeqs: number) {
  return new Promise<{ seqs: number[]; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'appendUntilKilled.ts'), file, synchronous, docName],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const seqs: number[] = [];
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop()!; // a partial last line is not yet a printed seq
      for (const line of lines) seqs.push(Number(line));
      if (seqs.length >= minSeqs && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null) reject(new Error(`append loop exited with ${code} before it was killed: ${err}`));
      else resolve({ seqs, signal });
    });
  });
}

describe('durability against a killed process', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    it(`keeps every update whose seq was printed before SIGKILL (synchronous ${synchronous})`, async () => {
      const file = path.join(dir, 'kill.db');
      const { seqs, signal } = await appendThenKill(file, synchronous, 'durability', 200);
      expect(signal).toBe('SIGKILL');
      expect(seqs.length).toBeGreaterThanOrEqual(200);
      // Printed in order, one per append, starting at 1.
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

      const storage = openSqliteStorage({ path: file });
      try {
        const stored = storage.loadDoc('durability')!;
        // The kill may land after a commit and before its print: at most one unprinted update.
        expect(stored.lastSeq - seqs.length).toBeGreaterThanOrEqual(0);
        expect(stored.lastSeq - seqs.length).toBeLessThanOrEqual(1);
        expect(stored.snapshot).toBeNull();
        // The n-th stored update is the intact n-th payload, so every printed seq is there, in order.
        expect(stored.updates.map(payloadNumber)).toEqual(
          Array.from({ length: stored.lastSeq }, (_, i) => i + 1),
        );
        expect(storage.appendUpdate('durability', Uint8Array.of(0))).toBe(stored.lastSeq + 1);
      } finally {
        storage.close();
      }
    }, 30_000);
  }
});
