/**
 * SPEC §4.2 ("a server killed at any moment loses no acknowledged update"): a biller streams edits
 * while a colleague's replica records every value the server sends it; the server process is killed
 * with SIGKILL mid-stream and started again on the same SQLite files. Whatever the colleague saw, a
 * fresh replica sees too (or a later value of the same biller): the server sends nothing it has not
 * stored first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import { sleep } from '../testing/replicaState.ts';
import { type ServerProcess, startServerProcess } from '../testing/serverProcess.ts';
import { startTestServer } from '../testing/testServer.ts';

const EDITS = 300;
const KILL_AFTER = 150;
const TRACKED = 30;

const dataDir = mkdtempSync(join(tmpdir(), 'claimgrid-durability-'));
const processes: ServerProcess[] = [];
const replicas: PracticeReplica[] = [];
afterAll(async () => {
  for (const r of replicas) r.destroy();
  for (const p of processes)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  rmSync(dataDir, { recursive: true, force: true });
});

// The writer's step rides in the diagnosis codes (`['F840', 'Z90123']` is step 123), unique per edit;
// anything else (a seeded value) is step -1.
const codeOf = (step: number) => `Z9${String(step).padStart(4, '0')}`;
const stepOf = (codes: readonly string[] | undefined) => {
  const m = codes?.length === 2 && codes[0] === 'F840' ? /^Z9(\d{4})$/.exec(codes[1]!) : null;
  return m && Number(m[1]) < EDITS ? Number(m[1]) : -1;
};

describe('durability: the server killed mid-stream', () => {
  it('keeps every edit a colleague had already received', async () => {
    // Seed the data folder with the in-process harness, then hand it to a server process.
    const seeded = await startTestServer({ claims: 120, seed: 47, dataDir });
    const { tokens, partitions } = seeded;
    const practiceId = seeded.practice.practice.id;
    const tracked = seeded.practice.claims
      .filter((c) => c.status === 'Ready' || c.status === 'Held')
      .map((c) => c.id)
      .sort()
      .slice(0, TRACKED);
    expect(tracked.length).toBe(TRACKED);
    await seeded.stop();

    const open = (url: string, token: string) => {
      const r = new PracticeReplica({
        serverUrl: url,
        practiceId,
        partitions,
        token,
        WebSocketImpl: WebSocket,
      });
      replicas.push(r);
      return r;
    };
    const first = await startServerProcess(dataDir);
    processes.push(first);
    const writer = open(first.url, tokens.biller1);
    const observer = open(first.url, tokens.biller2);
    await Promise.all([writer.whenSynced(), observer.whenSynced()]);

    // The latest step of each claim the observer has been sent.
    const seen = new Map<string, number>();
    let received = 0;
    observer.onChange(() => {
      for (const id of tracked) {
        const step = stepOf(observer.claim(id)?.diagnosisCodes);
        if (step > (seen.get(id) ?? -1)) {
          seen.set(id, step);
          received++;
        }
      }
    });

    for (let step = 0; step < EDITS; step++) {
      writer.editClaim(tracked[step % TRACKED]!, 'diagnosisCodes', ['F840', codeOf(step)]);
      if (step === KILL_AFTER) first.child.kill('SIGKILL');
      await sleep(step % 3 === 0 ? 2 : 0);
    }
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const acknowledged = new Map(seen);
    // Stop both before the restart, so only what the server stored can reach the fresh replica.
    writer.destroy();
    observer.destroy();
    expect(received).toBeGreaterThan(40);
    expect(Math.max(...acknowledged.values())).toBeLessThan(EDITS - 1);

    const second = await startServerProcess(dataDir);
    processes.push(second);
    const fresh = open(second.url, tokens.biller2);
    await fresh.whenSynced();
    let survived = 0;
    for (const [index, id] of tracked.entries()) {
      const step = stepOf(fresh.claim(id)?.diagnosisCodes);
      const saw = acknowledged.get(id) ?? -1;
      // The value on disk is the one the observer saw, or a later edit of the writer to the same claim.
      expect(
        step,
        `claim ${id}: the observer saw step ${saw}, the restarted server has ${step}`,
      ).toBeGreaterThanOrEqual(saw);
      if (step >= 0) expect(step % TRACKED).toBe(index);
      if (step >= 0) survived++;
    }
    expect(survived).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toMatchObject({ code: 0 });
  }, 40_000);
});
