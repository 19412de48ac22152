/**
 * The poller on its schedule: with CLEARINGHOUSE_POLL_SECONDS set, a file the clearinghouse puts in
 * outbound/ is fetched and processed without anyone asking.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../submissions/submissionTestKit.ts';
import { type ConnectedSimulator, connectSimulator } from '../testing/connectedSimulator.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
let sim: ConnectedSimulator;

beforeAll(async () => {
  t = await startTestServer({ pollSeconds: 5 });
  sim = await connectSimulator(t);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await sim?.stop();
});

describe('the inbound poller', () => {
  it('fetches a new file from outbound/ on its schedule and processes it', { timeout: 60_000 }, async () => {
    const golden = fs.readFileSync(
      path.join(import.meta.dirname, '../../shared/x12/ack/golden/accepted.999.x12'),
    );
    fs.writeFileSync(path.join(sim.dir, 'outbound', 'SCHEDULED_999.999'), golden);
    const listed = async () =>
      (await call(t, t.tokens.viewer, 'GET', `/api/practices/${t.practice.practice.id}/inbound`)).json.files;
    await expect.poll(async () => (await listed()).length, { timeout: 30_000, interval: 500 }).toBe(1);
    const [file] = await listed();
    expect(file).toMatchObject({
      name: 'SCHEDULED_999.999',
      source: 'sftp',
      kind: '999',
      state: 'processed',
    });
  });
});
