/** The claim detail gathered from a real replica of a real server's practice. */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../../../shared/money/format.ts';
import { startTestServer, type TestServer, waitFor } from '../../../sync-server/testing/testServer.ts';
import { DexieReplicaStore } from '../store/dexieReplicaStore.ts';
import { claimDetailFromReplica, ediHistoryFromReplica } from './claimDetailSource.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 80, seed: 23 });
});
afterAll(async () => {
  await t?.stop();
});

describe('claimDetailFromReplica', () => {
  it('gathers a closed claim with its session, authorization, names and payments', async () => {
    const replica = t.replica(t.tokens.viewer);
    await replica.whenSynced();
    const paid = t.practice.claims.find(
      (c) => c.status === 'Paid' && c.authorizationId !== null && c.sessionId !== null,
    )!;
    const client = t.practice.clients.find((c) => c.id === paid.clientId)!;
    const payer = t.practice.payers.find((p) => p.id === paid.payerId)!;
    const auth = t.practice.authorizations.find((a) => a.id === paid.authorizationId)!;

    const detail = claimDetailFromReplica(replica, paid.id, 'viewer', new Map(), { timeZone: 'UTC' })!;
    expect(detail.header).toMatchObject({
      claimId: paid.id,
      patient: `${client.name.last}, ${client.name.first}`,
      payer: payer.name,
      status: 'Paid',
      billed: formatCents(paid.lines.reduce((s, l) => s + l.chargeCents, 0)),
    });
    expect(detail.session?.id).toBe(paid.sessionId);
    expect(detail.session?.provider).not.toMatch(/unknown/);
    expect(detail.authorization).toMatchObject({ id: auth.id, number: auth.number });
    expect(detail.billing.rows.find((r) => r.key === `paid-${payer.id}`)?.label).toBe(
      `Paid by ${payer.name}`,
    );
    expect(detail.edi.some((i) => i.title === `Paid by ${payer.name}` && i.tone === 'accepted')).toBe(true);
    expect(await ediHistoryFromReplica(replica, paid.id, { timeZone: 'UTC' })).toEqual(detail.edi);
    // A viewer looks but can't change anything.
    expect(detail.actions).toEqual([]);
    expect(claimDetailFromReplica(replica, 'C-no-such-claim', 'viewer')).toBeNull();
    expect(await ediHistoryFromReplica(replica, 'C-no-such-claim')).toEqual([]);
  }, 30_000);

  it('opens a closed claim kept on the device once it is read back with its session', async () => {
    const store = new DexieReplicaStore('claim-detail-device');
    const replica = t.replica(t.tokens.viewer, { persistence: store });
    await replica.whenSynced();
    const paid = t.practice.claims.find((c) => c.status === 'Paid' && c.sessionId !== null)!;
    const told = new Promise<void>((resolve) => {
      const off = replica.onChange(() => {
        off();
        resolve();
      });
    });
    // The claim and its session are on the device, not in memory: no panel yet, then the whole one.
    expect(replica.has(paid.id)).toBe(true);
    expect(replica.claim(paid.id)).toBeNull();
    expect(claimDetailFromReplica(replica, paid.id, 'viewer')).toBeNull();
    await told;
    const detail = claimDetailFromReplica(replica, paid.id, 'viewer');
    expect(detail?.session?.id).toBe(paid.sessionId);
    expect(detail?.header.status).toBe('Paid');
    // The EDI badge's popover reads it back on its own too.
    const other = t.practice.claims.find((c) => c.status === 'Paid' && c.id !== paid.id)!;
    expect(replica.claim(other.id)).toBeNull();
    const edi = await ediHistoryFromReplica(replica, other.id);
    expect(edi.some((i) => i.tone === 'accepted')).toBe(true);
    replica.destroy();
    await store.close();
  }, 30_000);

  it('keeps an open panel while its claim closes into a row (no wait for the device)', async () => {
    const store = new DexieReplicaStore('claim-detail-device-2');
    const replica = t.replica(t.tokens.biller1, { persistence: store });
    await replica.whenSynced();
    const ready = t.practice.claims.filter((c) => c.status === 'Ready' && c.sessionId !== null)[3]!;
    expect(claimDetailFromReplica(replica, ready.id, 'biller')?.session?.id).toBe(ready.sessionId);
    // The panel is shown while its detail is not null: it must stay through the whole move.
    const shown: boolean[] = [];
    const off = replica.onChange(() => {
      shown.push(claimDetailFromReplica(replica, ready.id, 'biller') !== null);
    });
    replica.requestStatusChange([ready.id], 'Voided');
    await waitFor(
      () => replica.claim(ready.id)?.status === 'Voided' && replica.synced,
      10_000,
      'the void, and the claim as a row',
    );
    off();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((s) => !s)).toEqual([]);
    expect(claimDetailFromReplica(replica, ready.id, 'biller')?.session?.id).toBe(ready.sessionId);
    replica.destroy();
    await store.close();
  }, 30_000);

  it('shows a biller’s decided hold in the history under their name, with what they can do next', async () => {
    const replica = t.replica(t.tokens.biller1);
    await replica.whenSynced();
    const ready = replica.claims().find((c) => c.status === 'Ready')!;
    const before = claimDetailFromReplica(replica, ready.id, 'biller')!;
    expect(before.actions.map((a) => a.toStatus)).toContain('Held');

    const opId = replica.requestStatusChange([ready.id], 'Held', 'Waiting on records');
    await waitFor(() => replica.intentStatus(opId).decided, 10_000, 'the hold to be decided');
    await waitFor(() => replica.claim(ready.id)?.status === 'Held', 10_000, 'the held claim');

    const users = new Map([[t.userIds.biller1, 'Biller One']]);
    const detail = claimDetailFromReplica(replica, ready.id, 'biller', users)!;
    expect(detail.header.status).toBe('Held');
    expect(detail.header.holdReason).toBe('Waiting on records');
    expect(detail.history[0]).toMatchObject({
      actor: 'Biller One',
      actorKind: 'user',
      title: 'Ready → Held',
      text: 'Reason: Waiting on records',
    });
    // Seeded claims carry no stored events: the hold is all there is.
    expect(detail.history).toHaveLength(1);
    expect(detail.actions.map((a) => a.label)).toEqual(['Clear hold', 'Void', 'Settle']);
  }, 30_000);
});
