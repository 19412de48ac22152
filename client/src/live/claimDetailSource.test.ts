/** The claim detail gathered from a real replica of a real server's practice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../../../shared/money/format.ts';
import { startTestServer, type TestServer, waitFor } from '../../../sync-server/testing/testServer.ts';
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
    expect(ediHistoryFromReplica(replica, paid.id, { timeZone: 'UTC' })).toEqual(detail.edi);
    // A viewer looks but can't change anything.
    expect(detail.actions).toEqual([]);
    expect(claimDetailFromReplica(replica, 'C-no-such-claim', 'viewer')).toBeNull();
    expect(ediHistoryFromReplica(replica, 'C-no-such-claim')).toEqual([]);
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
