import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 200 });
});
afterAll(async () => {
  await t?.stop();
});

describe('sync: two billers on one queue', () => {
  it('a Hold by one biller is decided by the server and appears on the other screen', async () => {
    const a = t.replica(t.tokens.biller1);
    const b = t.replica(t.tokens.biller2);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const ready = a
      .claims()
      .filter((c) => c.status === 'Ready')
      .slice(0, 3);
    expect(ready.length).toBe(3);
    const opId = a.requestStatusChange(
      ready.map((c) => c.id),
      'Held',
      'Waiting on updated authorization',
    );
    await waitFor(() => a.intentStatus(opId).decided, 5000, 'decision');
    const status = a.intentStatus(opId);
    for (const c of ready) expect(status.results[c.id]).toMatchObject({ ok: true });
    await waitFor(() => ready.every((c) => b.claim(c.id)?.status === 'Held'), 5000, 'Held on B');
    expect(b.claim(ready[0]!.id)?.holdReason).toBe('Waiting on updated authorization');
    const history = b.history(ready[0]!.id);
    expect(history.at(-1)).toMatchObject({
      kind: 'status_changed',
      toStatus: 'Held',
      actor: { userId: t.userIds.biller1 },
    });
  });
});
