/**
 * The client's submission calls against the real routes (a test server with SQLite files in a temp
 * folder, and a real OpenSSH sshd as the clearinghouse): the answers parse with the client's schemas,
 * and refusals arrive as ApiErrors whose extras (claims, the failed batch) the screen can read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureVault, inbound } from '../../../sync-server/submissions/submissionTestKit.ts';
import { type SshdServer, startSshd } from '../../../sync-server/testing/sshdServer.ts';
import { startTestServer, type TestServer } from '../../../sync-server/testing/testServer.ts';
import { type ApiClient, ApiError, createApiClient } from '../api/apiClient.ts';
import { buildPlanView, generateRequest } from './planView.ts';
import { submissionProblem } from './submissionProblem.ts';
import { readX12View, segmentCounts } from './x12Highlight.ts';

let t: TestServer;
let sshd: SshdServer;
let api: ApiClient;
let practiceId: string;

beforeAll(async () => {
  [t, sshd] = await Promise.all([startTestServer({ claims: 200 }), startSshd()]);
  api = createApiClient({ baseUrl: t.server.url, token: t.tokens.biller1 });
  practiceId = t.practice.practice.id;
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await sshd?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('submission calls', { timeout: 60_000 }, () => {
  let ready: string[] = [];

  it('reads the plan: passing claims with totals, failing ones with findings', async () => {
    const plan = await api.submissionPlan(practiceId, 'all');
    expect(plan.payer).toBe('all');
    expect(plan.ready.length).toBeGreaterThan(5);
    expect(plan.claims.map((c) => c.claimId)).toEqual(plan.ready);
    expect(plan.failing.length).toBeGreaterThan(0);
    const names = new Map(t.practice.payers.map((p) => [p.id, p.name]));
    const payerOf = (id: string) => t.practice.claims.find((c) => c.id === id)?.payerId;
    const view = buildPlanView(plan, names, payerOf);
    expect(view.totals.totalCents).toBe(plan.totalChargeCents);
    expect(view.groups.flatMap((g) => g.claims).length).toBe(plan.ready.length);
    expect(view.failing.flatMap((g) => g.claims).every((c) => c.messages.length > 0)).toBe(true);
    expect(view.failing.some((g) => g.payerName === 'Unknown payer')).toBe(false);
    ready = plan.ready;

    const one = t.practice.payers.find((p) => p.submission === 'electronic')!;
    const forOne = await api.submissionPlan(practiceId, one.id);
    expect(forOne.claims.every((c) => c.payerId === one.id)).toBe(true);
  });

  it('generates a batch and reads it back: detail, list, the file', async () => {
    const chosen = ready.slice(0, 3);
    const request = generateRequest(await api.submissionPlan(practiceId, 'all'), new Set(chosen));
    expect(request.ok).toBe(true);
    const result = await api.generateSubmission(practiceId, request.ok ? request.request : { payer: 'all' });
    expect(result.refused).toEqual([]);
    expect(result.batch.state).toBe('generated');
    expect([...result.batch.claimIds].sort()).toEqual([...chosen].sort());

    const detail = await api.submission(practiceId, result.batch.id);
    expect(detail).toEqual(result.batch);
    const list = await api.submissions(practiceId);
    expect(list[0]?.id).toBe(result.batch.id);

    const text = await api.submissionFile(practiceId, result.batch.id);
    const view = readX12View(text);
    expect(view.error).toBeNull();
    expect(segmentCounts(view, ['ISA', 'CLM', 'IEA'])).toEqual({ ISA: 1, CLM: 3, IEA: 1 });
    expect(api.submissionFileUrl(practiceId, result.batch.id)).toBe(
      `${t.server.url}/api/practices/${practiceId}/submissions/${result.batch.id}/file`,
    );
  });

  it('a failed upload rejects with the server’s words and the failed batch', async () => {
    // No connection saved yet for this practice.
    const { batch } = await api.generateSubmission(practiceId, { payer: 'all', claimIds: [ready[3]!] });
    const error = await rejection(api.submitSubmission(practiceId, batch.id));
    expect(error.status).toBe(502);
    expect(error.server?.code).toBe('upload_failed');
    const problem = submissionProblem(error);
    expect(problem.message).toContain('No clearinghouse SFTP connection');
    expect(problem.batch).toMatchObject({ id: batch.id, state: 'failed', lastError: problem.message });

    configureVault(t, sshd);
    const sent = await api.submitSubmission(practiceId, batch.id);
    expect(sent).toMatchObject({ state: 'uploaded', attempts: 2, lastError: null });
    expect(inbound(sshd)).toContain(batch.fileName);
    expect(fs.readFileSync(path.join(sshd.rootDir, 'inbound', batch.fileName), 'utf8')).toBe(
      await api.submissionFile(practiceId, batch.id),
    );
  });

  it('mark uploaded records a manual upload; a second send is refused in words', async () => {
    const { batch } = await api.generateSubmission(practiceId, { payer: 'all', claimIds: [ready[4]!] });
    const marked = await api.markSubmissionUploaded(practiceId, batch.id);
    expect(marked.state).toBe('marked_uploaded');
    expect(inbound(sshd)).not.toContain(batch.fileName);
    const again = await rejection(api.submitSubmission(practiceId, batch.id));
    expect(again.status).toBe(409);
    expect(again.server?.code).toBe('already_sent');
    expect(again.message).toContain('already sent');
  });

  it('a refusal about claims lists them', async () => {
    const failing = (await api.submissionPlan(practiceId, 'all')).failing[0]!.claimId;
    const error = await rejection(api.generateSubmission(practiceId, { payer: 'all', claimIds: [failing] }));
    expect(error.server?.code).toBe('nothing_to_submit');
    const problem = submissionProblem(error);
    expect(problem.claims).toEqual([expect.objectContaining({ claimId: failing, code: 'scrubber' })]);
    expect(problem.claims[0]!.findings!.length).toBeGreaterThan(0);
  });

  it('viewers read but are refused in words; no server at all is "offline"', async () => {
    const viewer = createApiClient({ baseUrl: t.server.url, token: t.tokens.viewer });
    expect((await viewer.submissions(practiceId)).length).toBeGreaterThan(0);
    const refused = await rejection(viewer.generateSubmission(practiceId, { payer: 'all' }));
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('Viewers');

    const gone = createApiClient({ baseUrl: 'http://127.0.0.1:9', token: t.tokens.biller1 });
    const offline = submissionProblem(await rejection(gone.submissions(practiceId)));
    expect(offline.offline).toBe(true);
  });
});
