import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refMaps } from '../../../shared/sync/layout.ts';
import { startTestServer, type TestServer, waitFor } from '../../../sync-server/testing/testServer.ts';
import { buildClaimRows } from '../queue/claimRow.ts';
import { DexieReplicaStore } from '../store/dexieReplicaStore.ts';
import type { PracticeReplica } from '../sync/practiceReplica.ts';
import { LiveRows } from './liveRows.ts';

const asOf = () => '2026-11-22' as const;
let t: TestServer;
let a: PracticeReplica;
let b: PracticeReplica;
beforeAll(async () => {
  t = await startTestServer({ claims: 120, seed: 61 });
  a = t.replica(t.tokens.biller1);
  b = t.replica(t.tokens.biller2);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
});
afterAll(async () => {
  await t?.stop();
});

const byId = <T extends { id: string }>(rows: readonly T[]) =>
  [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));

describe('LiveRows', () => {
  it('builds a row per claim, live and closed, with the names from reference data', () => {
    const live = new LiveRows(b, asOf);
    expect(byId(live.rebuild())).toEqual(byId(buildClaimRows(t.practice.claims, t.practice, asOf())));
    expect(live.practiceName()).toBe(t.practice.practice.name);
  });

  it('follows a colleague’s batch Hold: only the changed rows are rebuilt, and they match a full rebuild', async () => {
    const live = new LiveRows(b, asOf);
    live.rebuild();
    const before = live.rows;
    let updates = 0;
    const off = b.onClaimsChanged((ids) => {
      if (live.apply(ids)) updates++;
    });
    const ready = t.practice.claims.filter((c) => c.status === 'Ready').slice(0, 5);
    a.requestStatusChange(
      ready.map((c) => c.id),
      'Held',
      'Waiting on authorization',
    );
    await waitFor(
      () => ready.every((c) => live.rows.find((r) => r.id === c.id)?.status === 'Held'),
      5000,
      'the hold in the rows',
    );
    off();
    expect(updates).toBeGreaterThan(0);
    expect(live.rows).not.toBe(before);
    expect(byId(live.rows)).toEqual(byId(new LiveRows(b, asOf).rebuild()));
    expect(live.rows.find((r) => r.id === ready[0]!.id)?.holdReason).toBe('Waiting on authorization');
  });

  it('keeps a voided claim (now a row on the server) in the queue, marked Voided', async () => {
    const live = new LiveRows(b, asOf);
    live.rebuild();
    const off = b.onClaimsChanged((ids) => live.apply(ids));
    const claim = t.practice.claims.filter((c) => c.status === 'Ready')[7]!;
    a.requestStatusChange([claim.id], 'Voided');
    await waitFor(
      () => live.rows.find((r) => r.id === claim.id)?.status === 'Voided' && b.synced,
      5000,
      'void',
    );
    off();
    expect(live.rows.length).toBe(t.practice.claims.length);
    expect(byId(live.rows)).toEqual(byId(new LiveRows(b, asOf).rebuild()));
  });

  it('a payer renamed by a colleague renames it on every row, in one rebuild', async () => {
    const live = new LiveRows(b, asOf);
    live.rebuild();
    const deliveries: (readonly unknown[])[] = [];
    const off = live.follow((rows) => deliveries.push(rows));
    const payer = t.practice.payers[0]!;
    const renamed = `${payer.name} (renamed)`;
    a.ref.getMap(refMaps.payers).set(payer.id, { ...payer, name: renamed });
    const ofPayer = t.practice.claims.filter((c) => c.payerId === payer.id);
    expect(ofPayer.length).toBeGreaterThan(0);
    await waitFor(
      () => ofPayer.every((c) => live.rows.find((r) => r.id === c.id)?.payer === renamed),
      5000,
      'the new name',
    );
    off();
    expect(deliveries).toHaveLength(1);
    expect(byId(live.rows)).toEqual(byId(new LiveRows(b, asOf).rebuild()));
  });

  it('keeps the rows of closed claims that stay on the device: built as they arrive, renamed in place', async () => {
    const store = new DexieReplicaStore('live-rows-device');
    const device = t.replica(t.tokens.biller2, { persistence: store });
    const live = new LiveRows(device, asOf);
    const off = live.follow(() => {});
    await device.whenSynced();
    await waitFor(() => live.rows.length === t.practice.claims.length, 5000, 'every row');
    const closed = t.practice.claims.find((c) => c.status === 'Paid')!;
    expect(device.claim(closed.id)).toBeNull(); // on the device only
    expect(byId(live.rows)).toEqual(byId(new LiveRows(b, asOf).rebuild()));

    const payer = t.practice.payers.find((p) => p.id === closed.payerId)!;
    const renamed = `${payer.name} (renamed again)`;
    a.ref.getMap(refMaps.payers).set(payer.id, { ...payer, name: renamed });
    await waitFor(() => live.rows.find((r) => r.id === closed.id)?.payer === renamed, 5000, 'the new name');
    await waitFor(
      () => b.ref.getMap<{ name: string }>(refMaps.payers).get(payer.id)?.name === renamed,
      5000,
      'b',
    );
    off();
    expect(byId(live.rows)).toEqual(byId(new LiveRows(b, asOf).rebuild()));
    device.destroy();
    await store.close();
  });
});
