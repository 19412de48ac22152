/** `sessionOf`: the session note behind a claim, whether the claim is live or kept as a row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEditableStatus } from '../../../shared/sync/layout.ts';
import { startTestServer, type TestServer } from '../../../sync-server/testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 80, seed: 23 });
});
afterAll(async () => {
  await t?.stop();
});

describe('PracticeReplica.sessionOf', () => {
  it('finds the session of live claims in the work documents and of closed claims in their rows', async () => {
    const replica = t.replica(t.tokens.viewer);
    await replica.whenSynced();
    const sessions = new Map(t.practice.sessions.map((s) => [s.id, s]));
    const withSession = t.practice.claims.filter((c) => c.sessionId !== null);
    const live = withSession.filter((c) => isEditableStatus(c.status));
    const closed = withSession.filter((c) => !isEditableStatus(c.status));
    expect(live.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    for (const c of [...live, ...closed]) {
      const session = replica.sessionOf(c.id);
      expect(session, c.id).toEqual(sessions.get(c.sessionId!));
      expect(session?.clientId).toBe(c.clientId);
    }
    expect(replica.sessionOf('C-no-such-claim')).toBeNull();
  }, 30_000);
});
