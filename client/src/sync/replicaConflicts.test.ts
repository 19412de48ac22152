/**
 * The replica's side of the Conflicts view, against a real server: edits the server undid and intents
 * it refused are there to list, also once the claim has moved to the rows, and a version that changes
 * whenever they may have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/domain/claim.ts';
import { partitionOf } from '../../../shared/sync/docNames.ts';
import { recordServerTransition } from '../../../sync-server/testing/recordServerTransition.ts';
import { startTestServer, type TestServer, waitFor } from '../../../sync-server/testing/testServer.ts';
import { collectConflicts } from '../queue/conflicts.ts';
import type { PracticeReplica } from './practiceReplica.ts';

let t: TestServer;
let a: PracticeReplica;
let b: PracticeReplica;
beforeAll(async () => {
  t = await startTestServer({ claims: 120, seed: 71 });
  a = t.replica(t.tokens.biller1);
  b = t.replica(t.tokens.biller2);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
});
afterAll(async () => {
  await t?.stop();
});

function ready(skip: number): Claim {
  const found = b
    .claims()
    .filter((c) => c.status === 'Ready')
    .sort((x, y) => (x.id < y.id ? -1 : 1))[skip];
  if (!found) throw new Error('not enough Ready claims');
  return found;
}

describe('conflicts in the replica', () => {
  it('an edit the server undid is listed, with who made it, and stays listed once the claim is a row', async () => {
    const claim = ready(0);
    const before = a.conflictsVersion;
    a.editClaim(claim.id, 'placeOfService', 'XX'); // not a place-of-service code: the server undoes it
    await waitFor(() => a.conflictEvents().some((e) => e.claimId === claim.id), 5000, 'the conflict');
    expect(a.conflictsVersion).not.toBe(before);
    const [event] = a.conflictEvents().filter((e) => e.claimId === claim.id);
    expect(event?.actor).toMatchObject({ kind: 'user', userId: t.userIds.biller1 });
    expect(a.claim(claim.id)?.placeOfService).toBe(claim.placeOfService);

    const opId = b.requestStatusChange([claim.id], 'Voided', 'Duplicate');
    await waitFor(() => b.intentStatus(opId).decided, 5000, 'the void');
    // A device opening the practice now gets the claim as a row, its history with it.
    const fresh = t.replica(t.tokens.biller2);
    await fresh.whenSynced();
    await waitFor(() => fresh.claim(claim.id)?.status === 'Voided', 5000, 'the row');
    expect(fresh.conflictEvents().map((e) => e.id)).toContain(event!.id);
    fresh.destroy();
  });

  it('an offline Hold on a claim submitted meanwhile comes back as a conflict with what was asked', async () => {
    const claim = ready(1);
    a.disconnect();
    const opId = a.requestStatusChange([claim.id], 'Held', 'Waiting on records');
    const result = recordServerTransition(t.server, {
      practiceId: t.practice.practice.id,
      partition: partitionOf(claim.dateOfService),
      claimId: claim.id,
      intent: { toStatus: 'Submitted', via: 'submission' },
      at: new Date().toISOString(),
    });
    expect(result.ok).toBe(true);
    const before = a.conflictsVersion;
    a.connect();
    await waitFor(() => a.intentStatus(opId).decided, 5000, 'the decision');
    expect(a.conflictsVersion).not.toBe(before);
    const conflicts = collectConflicts({
      outcomes: a.outcomes(),
      editConflicts: a.conflictEvents(),
      dropped: a.droppedEdits(),
      userId: t.userIds.biller1,
    });
    expect(conflicts.find((c) => c.claimId === claim.id)).toMatchObject({
      kind: 'status',
      byMe: true,
      intended: 'Held — Waiting on records',
      saw: 'Ready',
      found: 'Submitted',
    });
  });
});
