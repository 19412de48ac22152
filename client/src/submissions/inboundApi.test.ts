/**
 * The client's inbound-file calls against the real routes: a test server with its SQLite files in a temp
 * folder and the clearinghouse simulator answering a submitted batch with a 999, a 277CA and an 835.
 * Every answer parses with the client's schemas into the outcome kinds the panel reads (none falls back
 * to 'unreadable'), uploads send raw bytes, and refusals arrive as ApiErrors in the server's words.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVaultKey, openCredentialVault } from '../../../sync-server/clearinghouse/credentialVault.ts';
import {
  type ClearinghouseSimulator,
  type SimulatorEvent,
  startClearinghouseSimulator,
} from '../../../sync-server/simulator/clearinghouseSimulator.ts';
import { startTestServer, type TestServer } from '../../../sync-server/testing/testServer.ts';
import { type ApiClient, ApiError, createApiClient } from '../api/apiClient.ts';
import { ackVerdict } from './batchView.ts';
import {
  inboundDetail,
  inboundSummary,
  overdueText,
  pollResultText,
  uploadResultText,
} from './inboundView.ts';

let t: TestServer;
let simulator: ClearinghouseSimulator;
let simDir: string;
let biller: ApiClient;
let practiceId: string;
/** The server's clock runs this far from the real one (to send a batch "80 hours ago"). */
let clockOffsetMs = 0;

beforeAll(async () => {
  simDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-client-inbound-'));
  [t, simulator] = await Promise.all([
    startTestServer({ claims: 120, now: () => new Date(Date.now() + clockOffsetMs) }),
    startClearinghouseSimulator({ dir: simDir, reportDelayMs: 0, remitDelayMs: 100 }),
  ]);
  biller = createApiClient({ baseUrl: t.server.url, token: t.tokens.biller1 });
  practiceId = t.practice.practice.id;
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await simulator?.stop();
  if (simDir) fs.rmSync(simDir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const blob = (bytes: Buffer | string) =>
  new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]);

let remitText = '';

describe('inbound file calls', { timeout: 60_000 }, () => {
  it('Check for files now without a clearinghouse saved: the server’s message, as clearinghouse_unavailable', async () => {
    const error = await rejection(biller.pollInbound(practiceId));
    expect(error.code).toBe('clearinghouse_unavailable');
    expect(error.status).toBe(502);
    expect(error.message.length).toBeGreaterThan(10);
    const list = await biller.inboundFiles(practiceId);
    expect(list).toEqual({ files: [], overdue: [] });
  });

  it('a submitted batch comes back as a 999, a 277CA and an 835 that parse into their outcomes', async () => {
    openCredentialVault({ dataDir: t.dataDir, key: loadVaultKey(process.env, t.dataDir).key }).save(
      practiceId,
      simulator.connection,
    );
    const plan = await biller.submissionPlan(practiceId, 'all');
    const made = await biller.generateSubmission(practiceId, {
      payer: 'all',
      claimIds: plan.ready.slice(0, 6),
    });
    const sent = await biller.submitSubmission(practiceId, made.batch.id);
    expect(sent.state).toBe('uploaded');
    expect(ackVerdict(sent)?.state).toBe('awaiting');

    const answered = await simulator.waitFor((e) => e.kind === 'answered' && e.name === sent.fileName);
    const remitted = (await simulator.waitFor(
      (e) => e.kind === 'remitted' && e.name === sent.fileName,
    )) as Extract<SimulatorEvent, { kind: 'remitted' }>;
    remitText = fs.readFileSync(path.join(simDir, 'outbound', remitted.file), 'utf8');

    const polled = await biller.pollInbound(practiceId);
    expect(polled.files.map((f) => f.kind).sort()).toEqual(['277CA', '835', '999']);
    expect(polled.files.map((f) => f.state)).toEqual(['processed', 'processed', 'processed']);
    expect(polled.files.map((f) => f.outcome?.kind).sort()).toEqual(['277CA', '835', '999']);
    expect(pollResultText(polled)).toMatch(/^3 new files from the clearinghouse: /);

    const ack = polled.files.find((f) => f.kind === '999')!;
    if (answered.kind !== 'answered') throw new Error('expected an answer');
    if (answered.groupStatus === 'A') expect(inboundSummary(ack)).toBe(`999 · batch ${sent.id} accepted`);
    else expect(inboundSummary(ack)).toMatch(new RegExp(`^999 · batch ${sent.id} partially accepted — `));
    const remit = polled.files.find((f) => f.kind === '835')!;
    expect(inboundSummary(remit)).toMatch(/^835 · (check|EFT) \S+ · \$[\d,]+\.\d\d · \d+ posted/);
    const payment = inboundDetail(remit).blocks[0]!;
    expect(payment.facts.map((f) => f.label)).toEqual([
      'Payer',
      'Trace number',
      'Method',
      'Date',
      'Total paid',
      'Claim payments',
    ]);

    const after = await biller.submission(practiceId, sent.id);
    expect(after.ackState).not.toBeNull();
    expect(after.acknowledgedAt).not.toBeNull();
    expect((await biller.submissions(practiceId))[0]!.ackState).toBe(after.ackState);

    // Read back: newest first, each file downloadable by its URL.
    const list = await createApiClient({ baseUrl: t.server.url, token: t.tokens.viewer }).inboundFiles(
      practiceId,
    );
    expect(list.files).toHaveLength(3);
    const url = biller.inboundFileUrl(practiceId, remit.hash);
    expect(url).toBe(`${t.server.url}/api/practices/${practiceId}/inbound/${remit.hash}/file`);
    const res = await fetch(url, { headers: { authorization: `Bearer ${t.tokens.biller1}` } });
    expect(await res.text()).toBe(remitText);
  });

  it('an upload sends the raw bytes: the same 835 again is already received, one cent off is quarantined', async () => {
    const again = await biller.uploadInbound(practiceId, 'again.835', blob(remitText));
    expect(again.alreadyReceived).toBe(true);
    expect(uploadResultText(again, 'again.835').text).toContain('already received');
    expect(uploadResultText(again, 'again.835').text).toContain('nothing posted twice');

    const broken = remitText.replace(/BPR\*I\*(\d+(?:\.\d+)?)\*/, (_, amount: string) => {
      const cents = Math.round(Number(amount) * 100) + 1;
      return `BPR*I*${(cents / 100).toFixed(2)}*`;
    });
    expect(broken).not.toBe(remitText);
    const bad = await biller.uploadInbound(practiceId, 'broken.835', blob(broken));
    expect(bad.alreadyReceived).toBe(false);
    expect(bad.file.state).toBe('quarantined');
    expect(bad.file.problem).toMatch(/does not balance/);
    expect(uploadResultText(bad, 'broken.835').tone).toBe('error');

    const binary = await biller.uploadInbound(practiceId, 'photo.png', blob(Buffer.from([0x89, 0x50, 0, 1])));
    expect(binary.file).toMatchObject({ kind: 'unknown', state: 'quarantined' });

    const empty = await rejection(biller.uploadInbound(practiceId, 'empty.835', blob('')));
    expect(empty.status).toBe(400);
    expect(empty.message).toContain('empty');
  });

  it('viewers read but cannot fetch or upload, in words', async () => {
    const viewer = createApiClient({ baseUrl: t.server.url, token: t.tokens.viewer });
    const error = await rejection(viewer.pollInbound(practiceId));
    expect(error.status).toBe(403);
    expect(error.message).toContain('Viewers');
    expect((await rejection(viewer.uploadInbound(practiceId, 'x.835', blob(remitText)))).status).toBe(403);
  });

  it('a batch sent more than 72 hours ago without a 999 is overdue, and the alert says so', async () => {
    const plan = await biller.submissionPlan(practiceId, 'all');
    const made = await biller.generateSubmission(practiceId, {
      payer: 'all',
      claimIds: plan.ready.slice(0, 2),
    });
    clockOffsetMs = -80 * 3_600_000;
    try {
      await biller.markSubmissionUploaded(practiceId, made.batch.id);
    } finally {
      clockOffsetMs = 0;
    }
    const { overdue } = await biller.inboundFiles(practiceId, 0);
    expect(overdue).toEqual([
      { id: made.batch.id, fileName: made.batch.fileName, uploadedAt: expect.any(String), claimCount: 2 },
    ]);
    expect(overdueText(overdue)).toMatch(
      /^1 submission batch sent more than 72 hours ago has no acknowledgment/,
    );
  });

  it('no server at all is offline', async () => {
    const gone = createApiClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    expect((await rejection(gone.inboundFiles(practiceId))).code).toBe('offline');
  });
});
