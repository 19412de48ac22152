/**
 * SPEC §4.3 (server authority) and §8 (roles, expiring sessions): what a modified client, a member of
 * another practice, a viewer, or someone with an expired or forged token can do to everybody else's
 * replica — nothing — against a real server on loopback with its SQLite files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ClaimClosedError, type PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import { initialFacts } from '../../shared/sync/assembleClaim.ts';
import { FEED_ROW_SEQ_KEY } from '../../shared/sync/claimRow.ts';
import { factsDocName, partitionOf, workDocName } from '../../shared/sync/docNames.ts';
import type { IntentOutcome, IntentRecord } from '../../shared/sync/intent.ts';
import { type ClaimFacts, factsMaps, workMaps } from '../../shared/sync/layout.ts';
import { MESSAGE_SYNC } from '../sync/protocol.ts';
import { openRawSocket } from '../testing/rawSocket.ts';
import { sleep } from '../testing/replicaState.ts';
import { serverClaim as claimOnServer } from '../testing/serverClaim.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

const HOUR = 3_600_000;

/** The claim as the server itself holds it. */
function serverClaim(t: TestServer, claim: Claim): Claim | null {
  return claimOnServer(t.server, t.practice.practice.id, claim);
}

/** A biller edit that must reach the other replica: after it, earlier messages have been handled. */
async function roundTrip(from: PracticeReplica, to: PracticeReplica, claimId: string, step: number) {
  const codes = ['F840', `Z${String(step).padStart(4, '0')}`];
  from.editClaim(claimId, 'diagnosisCodes', codes);
  await waitFor(
    () => JSON.stringify(to.claim(claimId)?.diagnosisCodes) === JSON.stringify(codes),
    5000,
    'the round trip edit',
  );
}

function firstWithStatus(r: PracticeReplica, status: Claim['status'], skip = 0): Claim {
  const found = r
    .claims()
    .filter((c) => c.status === status)
    .sort((a, b) => (a.id < b.id ? -1 : 1))[skip];
  if (!found) throw new Error(`no ${status} claim`);
  return found;
}

describe('authority: a modified client writing server facts', () => {
  let t: TestServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'claimgrid-authority-'));
  beforeAll(async () => {
    t = await startTestServer({ claims: 150, seed: 31, dataDir });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('changes nobody else’s replica, not the stored state, not after a restart', async () => {
    const b = t.replica(t.tokens.biller2);
    await b.whenSynced();
    // Two live claims of one service month: a Held one and a Ready one.
    const live = b.claims().filter((c) => c.status === 'Ready' || c.status === 'Held');
    const held = live.find(
      (h) =>
        h.status === 'Held' &&
        live.some(
          (c) => c.status === 'Ready' && partitionOf(c.dateOfService) === partitionOf(h.dateOfService),
        ),
    )!;
    expect(held).toBeDefined();
    const partition = partitionOf(held.dateOfService);
    const ready = live.find((c) => c.status === 'Ready' && partitionOf(c.dateOfService) === partition)!;

    // A raw Y.Doc on the facts document, with a real biller's token: what a modified client can send.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${t.server.url.replace(/^http/, 'ws')}/sync`,
      factsDocName(t.practice.practice.id, partition),
      doc,
      { params: { token: t.tokens.biller1 }, WebSocketPolyfill: WebSocket as never, disableBc: true },
    );
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const status = doc.getMap<ClaimFacts>(factsMaps.status);
    expect(status.get(held.id)?.status).toBe('Held');
    const fakeOutcome: IntentOutcome = {
      opId: 'op-forged',
      userId: t.userIds.biller1,
      decidedAt: '2026-11-23T00:00:00.000Z',
      toStatus: 'Paid',
      results: { [held.id]: { ok: true, seq: 999_999, from: 'Held' } },
    };
    doc.transact(() => {
      status.set(held.id, { ...status.get(held.id)!, status: 'Paid', ediStatus: 'accepted_payer' });
      status.set(ready.id, { ...(status.get(ready.id) ?? initialFacts), status: 'Held' });
      doc.getMap<IntentOutcome>(factsMaps.outcomes).set('op-forged', fakeOutcome);
      // A forged row announcement would send every replica fetching rows that don't exist.
      doc.getMap<number>(factsMaps.feed).set(FEED_ROW_SEQ_KEY, 999_999);
    });
    // The same client also tries to smuggle a fact into the claim's work record.
    const a = t.replica(t.tokens.biller1);
    await a.whenSynced();
    const record = a.partitions
      .get(partitionOf(ready.dateOfService))!
      .work.getMap<Y.Map<unknown>>(workMaps.claims)
      .get(ready.id)!;
    record.set('status', 'Paid');
    await roundTrip(a, b, firstWithStatus(b, 'Ready', 1).id, 1);
    await sleep(200);

    expect(b.claim(held.id)?.status).toBe('Held');
    expect(b.claim(held.id)?.ediStatus).toBe(held.ediStatus);
    expect(b.claim(ready.id)?.status).toBe('Ready');
    expect(b.outcomes().filter((o) => o.opId === 'op-forged')).toEqual([]);
    expect(b.synced).toBe(true);
    expect(serverClaim(t, held)?.status).toBe('Held');
    // The smuggled key was taken out of the work record again, on the server and on the replicas.
    const serverRecord = t.server.registry
      .get(workDocName(t.practice.practice.id, partitionOf(ready.dateOfService)))!
      .doc.getMap<Y.Map<unknown>>(workMaps.claims)
      .get(ready.id)!;
    const bRecord = b.partitions
      .get(partitionOf(ready.dateOfService))!
      .work.getMap<Y.Map<unknown>>(workMaps.claims)
      .get(ready.id)!;
    await waitFor(
      () => !serverRecord.has('status') && !record.has('status') && !bRecord.has('status'),
      5000,
      'the key to be removed',
    );

    // What is on disk: replay the stored facts document on its own.
    const stored = t.server.storage.loadDoc(factsDocName(t.practice.practice.id, partition))!;
    const replay = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(replay, u);
    expect(replay.getMap<ClaimFacts>(factsMaps.status).get(held.id)?.status).toBe('Held');
    expect(replay.getMap<ClaimFacts>(factsMaps.status).get(ready.id)?.status).toBe('Ready');
    expect(replay.getMap(factsMaps.outcomes).has('op-forged')).toBe(false);
    provider.destroy();

    // And after a restart from the same data folder, a fresh replica sees the server's facts only.
    await t.stop();
    t = await startTestServer({ claims: 150, seed: 31, dataDir });
    const fresh = t.replica(t.tokens.biller2);
    await fresh.whenSynced();
    expect(fresh.claim(held.id)?.status).toBe('Held');
    expect(fresh.claim(ready.id)?.status).toBe('Ready');
    expect(fresh.outcomes().filter((o) => o.opId === 'op-forged')).toEqual([]);
  }, 30_000);
});

describe('authority: edits, other practices, viewers, sessions', () => {
  let t: TestServer;
  // The server's clock, moved by the expiry test. Frozen otherwise: nothing may depend on it advancing.
  let clock = Date.parse('2026-11-23T09:00:00.000Z');
  let a: PracticeReplica;
  let b: PracticeReplica;
  beforeAll(async () => {
    t = await startTestServer({ claims: 150, seed: 37, now: () => new Date(clock) });
    a = t.replica(t.tokens.biller1);
    b = t.replica(t.tokens.biller2);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses edits of a closed claim; a modified client writing one anyway changes nothing', async () => {
    const claim = firstWithStatus(a, 'Submitted');
    const lines = claim.lines.map((l) => ({ ...l, units: l.units + 3 }));
    expect(() => a.editClaim(claim.id, 'lines', lines)).toThrow(ClaimClosedError);
    // A closed claim is not in the live documents: a modified client that writes a work record for it
    // makes up a claim, which the server takes out again.
    const work = a.partitions.get(partitionOf(claim.dateOfService))!.work;
    const claims = work.getMap<Y.Map<unknown>>(workMaps.claims);
    const forged = new Y.Map<unknown>();
    claims.set(claim.id, forged);
    forged.set('lines', lines);
    await waitFor(() => !claims.has(claim.id), 5000, 'the forged record to be removed');
    // Nothing was closed over it: the same connection carries on.
    expect(a.problems).toEqual([]);
    await roundTrip(a, b, firstWithStatus(b, 'Ready', 2).id, 2);
    for (const r of [a, b]) expect(r.claim(claim.id)).toEqual(claim);
  }, 15_000);

  it('undoes edits of fixed fields and invalid values of a live claim, with conflicts', async () => {
    const claim = firstWithStatus(a, 'Ready', 3);
    const record = a.partitions
      .get(partitionOf(claim.dateOfService))!
      .work.getMap<Y.Map<unknown>>(workMaps.claims)
      .get(claim.id)!;
    record.set('placeOfService', 'not a place');
    record.set('fixed', { ...(record.get('fixed') as object), payerId: 'PAYER-FORGED' });
    const conflicts = (r: PracticeReplica) => r.history(claim.id).filter((e) => e.kind === 'conflict');
    await waitFor(() => conflicts(b).length === 2 && conflicts(a).length === 2, 5000, 'the conflicts');
    await waitFor(() => a.claim(claim.id)?.placeOfService === claim.placeOfService, 5000, 'undo');
    for (const r of [a, b]) expect(r.claim(claim.id)).toEqual(claim);
    expect(serverClaim(t, claim)).toEqual(claim);
    expect(
      conflicts(b)
        .map((e) => e.detail)
        .sort(),
    ).toEqual(['refused=invalid_value field=placeOfService', 'refused=not_editable field=fixed']);
    expect(conflicts(b)[0]).toMatchObject({
      actor: { kind: 'user', userId: t.userIds.biller1, role: 'biller' },
    });
    expect(new Set(b.history(claim.id).map((e) => e.id)).size).toBe(b.history(claim.id).length);
  }, 15_000);

  it('puts back a claim a modified client deletes or makes up', async () => {
    const victim = firstWithStatus(b, 'Ready', 5);
    const claims = a.partitions
      .get(partitionOf(victim.dateOfService))!
      .work.getMap<Y.Map<unknown>>(workMaps.claims);
    const madeUp = new Y.Map<unknown>();
    madeUp.set('id', 'CMADEUP000001');
    a.partitions.get(partitionOf(victim.dateOfService))!.work.transact(() => {
      claims.delete(victim.id);
      claims.set('CMADEUP000001', madeUp);
    });
    // Gone from the live document; the replica shows it as last seen, as for any claim that leaves.
    expect(claims.has(victim.id)).toBe(false);
    expect(a.claim(victim.id)).toEqual(victim);
    await waitFor(() => claims.has(victim.id) && !claims.has('CMADEUP000001'), 5000, 'the repair');
    await roundTrip(a, b, firstWithStatus(b, 'Ready', 6).id, 6);
    for (const r of [a, b]) {
      expect(r.claim(victim.id)).toEqual(victim);
      expect(r.claimIds()).not.toContain('CMADEUP000001');
    }
    expect(serverClaim(t, victim)).toEqual(victim);
  }, 15_000);

  it('closes another practice’s member with 4403 and sends it nothing', async () => {
    const before = firstWithStatus(b, 'Ready');
    const outsider = t.replica(t.tokens.outsider, { partitions: [partitionOf(before.dateOfService)] });
    await waitFor(() => outsider.problems.length === outsider.providers.length, 5000, 'refusals');
    expect(outsider.problems.map((p) => p.code)).toEqual(outsider.providers.map(() => 4403));
    expect(outsider.claims()).toEqual([]);
    expect(outsider.ref.getMap('practice').size).toBe(0);
    expect(outsider.ref.getMap('clients').size).toBe(0);

    // A raw socket that writes at once, before it can be refused: an intent and a claim edit.
    const name = workDocName(t.practice.practice.id, partitionOf(before.dateOfService));
    const raw = openRawSocket(t.server.url, name, t.tokens.outsider);
    const forged = new Y.Doc();
    forged.getMap<IntentRecord>(workMaps.intents).set('op-outsider', {
      opId: 'op-outsider',
      claimIds: [before.id],
      toStatus: 'Voided',
      requestedAt: '2026-11-23T09:00:00.000Z',
    });
    raw.ws.on('open', () => raw.ws.send(syncUpdate(Y.encodeStateAsUpdate(forged))));
    expect(await raw.closed).toEqual({ code: 4403, reason: 'no access to this practice' });
    expect(raw.received).toEqual([]);
    await roundTrip(a, b, firstWithStatus(b, 'Ready', 2).id, 2);
    expect(b.claim(before.id)?.status).toBe('Ready');
    expect(b.pendingIntents().filter((i) => i.opId === 'op-outsider')).toEqual([]);
    expect(b.outcomes().filter((o) => o.opId === 'op-outsider')).toEqual([]);
  }, 15_000);

  it('lets a viewer read everything and change nothing', async () => {
    const viewer = t.replica(t.tokens.viewer);
    await viewer.whenSynced();
    expect(viewer.claims().length).toBe(b.claims().length);
    expect(viewer.claims().length).toBe(150);
    const target = firstWithStatus(b, 'Ready', 3);
    const place = target.placeOfService === '03' ? '10' : '03';
    viewer.editClaim(target.id, 'placeOfService', place);
    const opId = viewer.requestStatusChange([target.id], 'Held', 'Viewer tries a hold');
    await roundTrip(a, b, firstWithStatus(b, 'Ready', 4).id, 4);
    await sleep(300);
    expect(b.claim(target.id)?.placeOfService).toBe(target.placeOfService);
    expect(b.claim(target.id)?.status).toBe('Ready');
    expect(serverClaim(t, target)?.placeOfService).toBe(target.placeOfService);
    expect(serverClaim(t, target)?.status).toBe('Ready');
    expect(b.outcomes().filter((o) => o.opId === opId)).toEqual([]);
    expect(b.pendingIntents().filter((i) => i.opId === opId)).toEqual([]);
    expect(viewer.intentStatus(opId).decided).toBe(false);
    expect(b.history(target.id).filter((e) => e.id.startsWith(opId))).toEqual([]);
  }, 15_000);

  it('closes an expired session and a forged token with 4401 and sends them nothing', async () => {
    clock += 13 * HOUR; // past the 12-hour session
    const expired = t.replica(t.tokens.biller2, { partitions: [t.partitions[0]!] });
    await waitFor(() => expired.problems.length === expired.providers.length, 5000, 'refusals');
    expect(expired.problems.map((p) => p.code)).toEqual(expired.providers.map(() => 4401));
    expect(expired.claims()).toEqual([]);
    expect(expired.ref.getMap('practice').size).toBe(0);

    const forged = t.replica('A'.repeat(43), { partitions: [t.partitions[0]!] });
    await waitFor(() => forged.problems.length === forged.providers.length, 5000, 'refusals');
    expect(forged.problems.map((p) => p.code)).toEqual(forged.providers.map(() => 4401));
    expect(forged.claims()).toEqual([]);

    for (const token of [null, 'not-a-token']) {
      const raw = openRawSocket(t.server.url, workDocName(t.practice.practice.id, t.partitions[0]!), token);
      expect(await raw.closed).toEqual({ code: 4401, reason: 'session expired or invalid: log in again' });
      expect(raw.received).toEqual([]);
    }
  }, 15_000);
});

// A y-websocket "update" message carrying `update`.
function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
