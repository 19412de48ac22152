/**
 * Reference data is written by billers, so a modified client can damage it. A damaged client record
 * must not take the server down when a session for that client is finalized: the claim job fails
 * alone (logged), and everyone keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/domain/session.ts';
import { refMaps } from '../../shared/sync/layout.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 60 });
});
afterAll(async () => {
  await t?.stop();
});

describe('damaged reference data', () => {
  it('a finalized session for a damaged client record fails alone; the server keeps serving', async () => {
    const a = t.replica(t.tokens.biller1);
    const b = t.replica(t.tokens.biller2);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const model = t.practice.sessions[0]!;
    const client = t.practice.clients.find((c) => c.id === model.clientId)!;
    // Written straight into the ref document, as a modified client could: no policies array at all.
    const { policies: _dropped, ...damaged } = client;
    a.ref.getMap(refMaps.clients).set(client.id, damaged);
    const session: Session = { ...model, id: 'ses-damaged-0001', noteStatus: 'Finalized' };
    a.saveSession(session);

    // The server is still there: a Hold on another claim is decided and reaches the colleague.
    const ready = a.claims().find((c) => c.status === 'Ready')!;
    const opId = a.requestStatusChange([ready.id], 'Held', 'Checking the client record');
    await waitFor(() => b.claim(ready.id)?.status === 'Held', 5000, 'the Hold after the failed job');
    expect(b.intentStatus(opId).results[ready.id]).toMatchObject({ ok: true });
  });
});
