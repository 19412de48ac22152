/**
 * What happens to connections that are already open when the session behind them changes: a logout
 * ends live sync (4401), and a biller demoted to viewer loses the write right without reconnecting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../testing/replicaState.ts';
import { startTestServer, TEST_PASSWORD, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 60, syncRecheckMs: 100 });
});
afterAll(async () => {
  await t?.stop();
});

describe('open sync connections follow their session', () => {
  it('a biller demoted to viewer can no longer change anything, on the same connection', async () => {
    const { token } = await t.addUser('demoted', 'biller');
    const demoted = t.replica(token);
    const colleague = t.replica(t.tokens.biller1);
    await Promise.all([demoted.whenSynced(), colleague.whenSynced()]);
    const [first, second] = demoted.claims().filter((c) => c.status === 'Ready');
    expect(first && second).toBeTruthy();

    // While a biller, an edit goes through.
    demoted.editClaim(first!.id, 'placeOfService', '12');
    await waitFor(() => colleague.claim(first!.id)?.placeOfService === '12', 5000, 'edit as biller');

    t.server.auth.addMember({
      practiceId: t.practice.practice.id,
      email: 'demoted@example.test',
      role: 'viewer',
    });
    await sleep(400); // several re-checks
    demoted.editClaim(second!.id, 'placeOfService', '10');
    const opId = demoted.requestStatusChange([second!.id], 'Held', 'after demotion');
    await sleep(500);
    expect(colleague.claim(second!.id)?.placeOfService).toBe(second!.placeOfService);
    expect(colleague.claim(second!.id)?.status).toBe('Ready');
    expect(colleague.intentStatus(opId).decided).toBe(false);
    expect(demoted.problems).toEqual([]);
  });

  it('a logout closes the open connections with 4401', async () => {
    const { token } = await t.addUser('leaver', 'biller');
    const leaver = t.replica(token);
    await leaver.whenSynced();
    t.server.auth.logout(token);
    await waitFor(() => leaver.problems.length > 0, 3000, 'the close');
    expect(leaver.problems.every((p) => p.code === 4401)).toBe(true);
  });

  it('a refused connection stays down until connect(), and its problem clears once it connects', async () => {
    const email = 'latecomer@example.test';
    await t.server.auth.createUser({ email, displayName: 'latecomer', password: TEST_PASSWORD });
    const login = await t.server.auth.login(email, TEST_PASSWORD);
    if (!login.ok) throw new Error('login failed');
    const latecomer = t.replica(login.token);
    await waitFor(() => latecomer.problems.length === latecomer.providers.length, 3000, 'the refusals');
    expect(latecomer.problems.every((p) => p.code === 4403)).toBe(true);
    await sleep(300); // retries would come within this time; a refusal is final
    expect(latecomer.problems.length).toBe(latecomer.providers.length);

    t.server.auth.addMember({ practiceId: t.practice.practice.id, email, role: 'biller' });
    latecomer.connect();
    await latecomer.whenSynced();
    await waitFor(() => latecomer.problems.length === 0, 3000, 'the problems cleared');
    expect(latecomer.claims().length).toBeGreaterThan(0);
  });
});
