/**
 * The submission service on a real test server (SQLite files, authority, rooms) and a real OpenSSH sshd:
 * failures that need the clearinghouse gone, what a stop leaves behind, and control numbers over restarts.
 * A second service over the server's own storage and rooms stands in for the server after a restart
 * (its `recover` runs on creation, as at start).
 */
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { type SshdServer, startSshd } from '../testing/sshdServer.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { interchangeCounter, MAX_CONTROL_NUMBER } from './controlNumbers.ts';
import { SubmissionError } from './submissionError.ts';
import { createSubmissionService, type SubmissionService } from './submissionService.ts';
import {
  call,
  configureVault,
  inbound,
  onServer,
  plusDrawn,
  seeded,
  unitsUsed,
} from './submissionTestKit.ts';

const quiet = createLogger({ level: 'error', write: () => {} });

/** A service over the test server's own storage and rooms, with fast SFTP retries. */
function serviceFor(t: TestServer): SubmissionService {
  return createSubmissionService({
    storage: t.server.storage,
    registry: t.server.registry,
    log: quiet,
    dataDir: t.dataDir,
    sftp: { retries: 1, backoffMs: 20, readyTimeoutMs: 5000 },
  });
}

function userOf(t: TestServer) {
  return { id: t.userIds.biller1, displayName: 'biller1', email: 'biller1@example.test' };
}

/** Runs SQL on the server's database file from a second connection (what a crash would have left). */
function onDatabase(t: TestServer, sql: string, ...params: unknown[]): void {
  const db = new Database(join(t.dataDir, 'claimgrid.sqlite'));
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

function rejection(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('submission service against sshd', { timeout: 60_000 }, () => {
  let t: TestServer;
  let sshd: SshdServer;
  let service: SubmissionService;
  let pool: string[];
  beforeAll(async () => {
    [t, sshd] = await Promise.all([startTestServer({ seed: 23 }), startSshd()]);
    configureVault(t, sshd);
    service = serviceFor(t);
    pool = service
      .plan(t.practice.practice.id, 'all')
      .ready.filter((id) => seeded(t, id).lines.some((l) => l.authorizationId !== null));
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await sshd?.stop();
  });
  let sshdDown = false;
  afterEach(async () => {
    // A test that failed while sshd was down must not take the next one with it.
    if (sshdDown) await sshd.restart();
    sshdDown = false;
  });
  const take = (n: number) => pool.splice(0, n);
  const P = () => t.practice.practice.id;

  it('an unreachable clearinghouse leaves the batch failed and the claims Ready; once back it goes', async () => {
    const chosen = take(2);
    const before = unitsUsed(t);
    const { batch } = service.generate(P(), userOf(t), { payer: 'all', claimIds: chosen });
    await sshd.kill();
    sshdDown = true;
    const failed = await service.submit(P(), batch.id, t.userIds.biller1);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.message).toMatch(/Could not reach the clearinghouse/);
    expect(failed.batch).toMatchObject({ state: 'failed', attempts: 1, lastError: failed.message });
    for (const id of chosen) expect(onServer(t, id)?.status).toBe('Ready');
    expect(unitsUsed(t)).toEqual(before);

    await sshd.restart();
    sshdDown = false;
    const sent = await service.submit(P(), batch.id, t.userIds.biller1);
    expect(sent.ok).toBe(true);
    expect(sent.batch).toMatchObject({ state: 'uploaded', attempts: 2, lastError: null });
    expect(inbound(sshd)).toContain(batch.fileName);
    for (const id of chosen) expect(onServer(t, id)?.status).toBe('Submitted');
    expect(unitsUsed(t)).toEqual(
      plusDrawn(
        before,
        chosen.map((id) => seeded(t, id)),
      ),
    );
  });

  it('without saved credentials nothing is sent and the batch says what to do', async () => {
    const chosen = take(1);
    const { batch } = service.generate(P(), userOf(t), { payer: 'all', claimIds: chosen });
    const vaultFile = join(t.dataDir, 'clearinghouse-credentials.json');
    const saved = fs.readFileSync(vaultFile);
    fs.rmSync(vaultFile);
    try {
      const result = await service.submit(P(), batch.id, t.userIds.biller1);
      expect(result.ok).toBe(false);
      expect(result.batch.state).toBe('failed');
      expect(result.batch.lastError).toMatch(/No clearinghouse SFTP connection is saved/);
      expect(onServer(t, chosen[0]!)?.status).toBe('Ready');
    } finally {
      fs.writeFileSync(vaultFile, saved, { mode: 0o600 });
    }
  });

  it('a stop after the upload and before the facts: recovery records claims and units exactly once', async () => {
    const chosen = take(2);
    const claims = chosen.map((id) => seeded(t, id));
    const before = unitsUsed(t);
    const { batch } = service.generate(P(), userOf(t), { payer: 'all', claimIds: chosen });
    // What a process killed right after the 'uploaded' compare-and-set leaves on disk.
    onDatabase(
      t,
      `UPDATE submission_batches SET state = 'uploaded', attempts = 1, uploaded_at = ?, uploaded_by = ?
       WHERE practice_id = ? AND id = ?`,
      '2026-11-23T09:30:00.000Z',
      t.userIds.biller1,
      P(),
      batch.id,
    );
    expect(t.server.storage.unfinishedSubmissionBatches().map((b) => b.id)).toEqual([batch.id]);
    serviceFor(t); // the restart
    for (const id of chosen)
      expect(onServer(t, id)).toMatchObject({
        status: 'Submitted',
        lastSubmittedAt: '2026-11-23T09:30:00.000Z',
      });
    const after = plusDrawn(before, claims);
    expect(unitsUsed(t)).toEqual(after);
    expect(service.get(P(), batch.id).factsRecordedAt).not.toBeNull();
    expect(t.server.storage.unfinishedSubmissionBatches()).toEqual([]);
    const history = (id: string) =>
      (JSON.parse(t.server.storage.getClaimRow(P(), id)!.body) as { history: { toStatus?: string }[] })
        .history;
    expect(history(chosen[0]!).filter((e) => e.toStatus === 'Submitted')).toHaveLength(1);

    // A stop after every fact was written but before the batch said so: running again changes nothing.
    onDatabase(
      t,
      'UPDATE submission_batches SET facts_recorded_at = NULL WHERE practice_id = ? AND id = ?',
      P(),
      batch.id,
    );
    serviceFor(t);
    expect(unitsUsed(t)).toEqual(after);
    expect(history(chosen[0]!).filter((e) => e.toStatus === 'Submitted')).toHaveLength(1);
    expect(service.get(P(), batch.id).factsRecordedAt).not.toBeNull();
  });

  it('facts a sent batch lacks are finished before its claims can be planned again', () => {
    const chosen = take(1);
    const { batch } = service.generate(P(), userOf(t), { payer: 'all', claimIds: chosen });
    onDatabase(
      t,
      `UPDATE submission_batches SET state = 'marked_uploaded', uploaded_at = ? WHERE practice_id = ? AND id = ?`,
      '2026-11-23T10:00:00.000Z',
      P(),
      batch.id,
    );
    const plan = service.plan(P(), 'all');
    expect(plan.ready).not.toContain(chosen[0]);
    expect(onServer(t, chosen[0]!)?.status).toBe('Submitted');
    expect(service.get(P(), batch.id).factsRecordedAt).not.toBeNull();
  });

  it('a stop during the upload: the batch becomes failed; sending again does not duplicate the file', async () => {
    const chosen = take(1);
    const { batch } = service.generate(P(), userOf(t), { payer: 'all', claimIds: chosen });
    onDatabase(
      t,
      `UPDATE submission_batches SET state = 'uploading', attempts = 1 WHERE practice_id = ? AND id = ?`,
      P(),
      batch.id,
    );
    // The interrupted attempt had delivered the file completely.
    const text = service.file(P(), batch.id).text;
    fs.writeFileSync(path.join(sshd.rootDir, 'inbound', batch.fileName), text);
    const restarted = serviceFor(t);
    expect(restarted.get(P(), batch.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(restarted.get(P(), batch.id).lastError).toMatch(/server stopped/);
    expect(onServer(t, chosen[0]!)?.status).toBe('Ready');
    const sent = await restarted.submit(P(), batch.id, t.userIds.biller1);
    expect(sent.batch).toMatchObject({ state: 'uploaded', attempts: 2 });
    expect(inbound(sshd).filter((n) => n === batch.fileName)).toHaveLength(1);
    expect(fs.readFileSync(path.join(sshd.rootDir, 'inbound', batch.fileName), 'utf8')).toBe(text);
    expect(onServer(t, chosen[0]!)?.status).toBe('Submitted');
  });

  it('refuses an unknown batch and a payer that takes paper claims', () => {
    const missing = rejection(() => service.get(P(), 'B000000000'));
    expect(missing).toBeInstanceOf(SubmissionError);
    expect((missing as SubmissionError).code).toBe('batch_not_found');
    expect((rejection(() => service.plan(P(), 'py-nobody')) as SubmissionError).code).toBe('payer_not_found');
  });
});

describe('control numbers', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'claimgrid-control-numbers-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keep increasing across a restart and are refused, not wrapped, past 999,999,999', async () => {
    const generate = async (t: TestServer, claimId: string) =>
      call(t, t.tokens.biller1, 'POST', `/api/practices/${t.practice.practice.id}/submissions`, {
        payer: 'all',
        claimIds: [claimId],
      });
    let t = await startTestServer({ dataDir });
    let claimId: string;
    let first: number;
    try {
      claimId = (
        await call(t, t.tokens.biller1, 'GET', `/api/practices/${t.practice.practice.id}/submissions/plan`)
      ).json.ready[0];
      const a = await generate(t, claimId);
      const b = await generate(t, claimId);
      first = a.json.batch.interchangeControlNumber;
      expect(b.json.batch.interchangeControlNumber).toBe(first + 1);
    } finally {
      await t.stop();
    }
    t = await startTestServer({ dataDir });
    try {
      const c = await generate(t, claimId);
      expect(c.status).toBe(201);
      expect(c.json.batch.interchangeControlNumber).toBe(first + 2);
      expect(c.json.batch.groupControlNumber).toBeGreaterThan(first + 1);
      // Jump to the last 9-digit number: it is still used, then generating is refused.
      const next = first + 3;
      t.server.storage.nextCounter(interchangeCounter(t.practice.practice.id), MAX_CONTROL_NUMBER - next);
      const last = await generate(t, claimId);
      expect(last.status).toBe(201);
      expect(last.json.batch.interchangeControlNumber).toBe(MAX_CONTROL_NUMBER);
      const file = await call(
        t,
        t.tokens.biller1,
        'GET',
        `/api/practices/${t.practice.practice.id}/submissions/${last.json.batch.id}/file`,
      );
      expect(file.text.split('~')[0]!.split('*')[13]).toBe('999999999');
      const refused = await generate(t, claimId);
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('control_numbers_exhausted');
      const listed = (
        await call(t, t.tokens.biller1, 'GET', `/api/practices/${t.practice.practice.id}/submissions`)
      ).json.batches as { interchangeControlNumber: number }[];
      expect(listed.map((b) => b.interchangeControlNumber)).toEqual([
        MAX_CONTROL_NUMBER,
        first + 2,
        first + 1,
        first,
      ]);
    } finally {
      await t.stop();
    }
  });
});
