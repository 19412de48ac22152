/**
 * An intent a client writes by hand (not through requestStatusChange) that the server cannot read still
 * gets an outcome — every named claim refused as `unusable_intent` — and is removed from the work
 * document, so nobody sees it pending forever; the claims are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf } from '../../shared/sync/docNames.ts';
import { workMaps } from '../../shared/sync/layout.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 60 });
});
afterAll(async () => {
  await t?.stop();
});

describe('a malformed intent', () => {
  it('is refused for each claim it names, removed, and changes nothing', async () => {
    const a = t.replica(t.tokens.biller1);
    const b = t.replica(t.tokens.biller2);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const claim = a.claims().find((c) => c.status === 'Ready')!;
    const work = a.partitions.get(partitionOf(claim.dateOfService))!.work;
    const opId = 'op-malformed-1';
    work
      .getMap(workMaps.intents)
      .set(opId, { opId, claimIds: [claim.id], toStatus: 'Archived', requestedAt: 'yesterday' });

    await waitFor(() => b.intentStatus(opId).decided, 5000, 'the outcome');
    expect(b.intentStatus(opId).results[claim.id]).toMatchObject({ ok: false, code: 'unusable_intent' });
    const outcome = b.outcomes().find((o) => o.opId === opId)!;
    expect(outcome.userId).toBe(t.userIds.biller1);
    await waitFor(() => !work.getMap(workMaps.intents).has(opId), 5000, 'the intent removed');
    expect(b.claim(claim.id)?.status).toBe('Ready');
    expect(a.pendingIntents()).toEqual([]);
  });
});
