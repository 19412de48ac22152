/**
 * SPEC §4.4 (conflicts are visible, never silent): a biller offline puts a claim on hold, or edits its
 * lines, while the server sends it to the payer. The fact wins on every replica, and the biller's intent
 * stays visible: a refused outcome with the user's change and reason, and a conflict in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimClosedError, type PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import { partitionOf } from '../../shared/sync/docNames.ts';
import { recordServerTransition } from '../testing/recordServerTransition.ts';
import { mergedResults } from '../testing/replicaState.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
let a: PracticeReplica;
let b: PracticeReplica;
beforeAll(async () => {
  t = await startTestServer({ claims: 150, seed: 41 });
  a = t.replica(t.tokens.biller1);
  b = t.replica(t.tokens.biller2);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
});
afterAll(async () => {
  await t?.stop();
});

function readyClaims(): Claim[] {
  return b
    .claims()
    .filter((c) => c.status === 'Ready')
    .sort((x, y) => (x.id < y.id ? -1 : 1));
}

// The server sends the claim out (what a submission batch will do), while A is offline.
async function submitOnServer(claim: Claim): Promise<void> {
  const result = recordServerTransition(t.server, {
    practiceId: t.practice.practice.id,
    partition: partitionOf(claim.dateOfService),
    claimId: claim.id,
    intent: { toStatus: 'Submitted', via: 'submission' },
    at: new Date().toISOString(),
  });
  expect(result.ok).toBe(true);
  await waitFor(() => b.claim(claim.id)?.status === 'Submitted', 5000, 'the submission on B');
}

describe('conflict: an offline change meets a submission', () => {
  it('a hold made offline is refused, kept as the user’s intent, and shown as a conflict', async () => {
    const claim = readyClaims()[0]!;
    const reason = 'Waiting on updated authorization';
    a.disconnect();
    const opId = a.requestStatusChange([claim.id], 'Held', reason);
    expect(a.pendingIntents().map((i) => i.opId)).toEqual([opId]);
    await submitOnServer(claim);
    expect(a.claim(claim.id)?.status).toBe('Ready'); // A has not heard yet

    a.connect();
    await waitFor(() => a.intentStatus(opId).decided, 5000, 'the decision');
    expect(a.intentStatus(opId).results[claim.id]).toMatchObject({
      ok: false,
      code: 'locked_after_submission',
    });
    const outcome = a.outcomes().find((o) => o.opId === opId)!;
    expect(outcome).toMatchObject({ userId: t.userIds.biller1, toStatus: 'Held', reason });
    // The conflicts view of A: its own intents with a refused claim.
    const mine = a
      .outcomes()
      .filter((o) => o.userId === t.userIds.biller1 && Object.values(o.results).some((r) => !r.ok));
    expect(mine.map((o) => o.opId)).toContain(opId);

    await waitFor(() => a.history(claim.id).some((e) => e.kind === 'conflict'), 5000, 'the history');
    const conflict = a.history(claim.id).find((e) => e.id === `${opId}:${claim.id}`);
    expect(conflict).toMatchObject({
      kind: 'conflict',
      actor: { kind: 'user', userId: t.userIds.biller1, role: 'biller' },
      fromStatus: 'Submitted',
      toStatus: 'Held',
      reason,
      detail: 'refused=locked_after_submission saw=Ready',
    });
    // The fact won everywhere, and a replica opened now agrees.
    const fresh = t.replica(t.tokens.biller2);
    await fresh.whenSynced();
    for (const r of [a, b, fresh]) {
      expect(r.claim(claim.id)).toMatchObject({ status: 'Submitted', holdReason: null, ediStatus: 'sent' });
      expect(r.history(claim.id).map((e) => e.kind)).toEqual(['status_changed', 'conflict']);
      expect(mergedResults(r, opId)[claim.id]).toMatchObject({ ok: false, code: 'locked_after_submission' });
    }
    expect(a.pendingIntents()).toEqual([]);
  }, 15_000);

  it('lines edited offline after the claim went out are not applied, and the editor is told', async () => {
    const claim = readyClaims()[1]!;
    const lines = claim.lines.map((l) => ({
      ...l,
      units: l.units + 1,
      chargeCents: (l.units + 1) * (l.rateCents ?? 0),
    }));
    const otherPlace = claim.placeOfService === '12' ? '11' : '12';
    a.disconnect();
    a.editClaim(claim.id, 'lines', lines);
    a.editClaim(claim.id, 'placeOfService', otherPlace);
    expect(a.claim(claim.id)?.lines).toEqual(lines);
    await submitOnServer(claim);
    a.connect();

    // The submitted claim left the live documents, so the offline edits had nothing to land on.
    await waitFor(() => a.droppedEdits().length === 2, 5000, 'the dropped edits');
    expect(
      a
        .droppedEdits()
        .map((d) => [d.claimId, d.field, d.status])
        .sort(),
    ).toEqual([
      [claim.id, 'lines', 'Submitted'],
      [claim.id, 'placeOfService', 'Submitted'],
    ]);
    expect(a.droppedEdits().find((d) => d.field === 'lines')).toMatchObject({
      value: lines,
      message: expect.stringContaining('was not applied'),
    });
    const fresh = t.replica(t.tokens.biller2);
    await fresh.whenSynced();
    for (const r of [a, b, fresh]) {
      expect(r.claim(claim.id)).toMatchObject({
        status: 'Submitted',
        lines: claim.lines,
        placeOfService: claim.placeOfService,
      });
    }
    expect(b.droppedEdits()).toEqual([]);
    // Once closed, the replica refuses further edits at once, with a reason.
    expect(() => a.editClaim(claim.id, 'placeOfService', otherPlace)).toThrow(ClaimClosedError);
  }, 15_000);
});
