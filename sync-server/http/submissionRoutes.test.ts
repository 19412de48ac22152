/**
 * Submissions over REST against a real server (SQLite files in a temp folder, the authority, the sync
 * endpoint) and a real OpenSSH sshd as the clearinghouse, with the server's credential vault pointed at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import { read837p } from '../../shared/x12/index.ts';
import { hostKeyFingerprint } from '../clearinghouse/hostKey.ts';
import {
  type ApiResponse,
  call,
  configureVault,
  inbound,
  onServer,
  plusDrawn,
  seeded,
  unitsUsed,
} from '../submissions/submissionTestKit.ts';
import { type SshdServer, startSshd } from '../testing/sshdServer.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
let sshd: SshdServer;
let replica: PracticeReplica;
/** Ready, passing claims from the first plan; each test takes its own. */
let pool: string[] = [];

beforeAll(async () => {
  [t, sshd] = await Promise.all([startTestServer(), startSshd()]);
  configureVault(t, sshd);
  replica = t.replica(t.tokens.biller2);
  await replica.whenSynced();
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await sshd?.stop();
});

const base = () => `/api/practices/${t.practice.practice.id}/submissions`;
const get = (token: string | null, suffix = '') => call(t, token, 'GET', `${base()}${suffix}`);
const post = (token: string | null, suffix = '', body?: unknown) =>
  call(t, token, 'POST', `${base()}${suffix}`, body);
const biller = () => t.tokens.biller1;

/** `n` unused claims of the pool; `withAuthorization` picks claims that draw authorization units. */
function take(n: number, withAuthorization = false): string[] {
  const picked = pool
    .filter((id) => !withAuthorization || seeded(t, id).lines.some((l) => l.authorizationId !== null))
    .slice(0, n);
  if (picked.length < n) throw new Error('the synthetic practice has too few Ready claims for the tests');
  pool = pool.filter((id) => !picked.includes(id));
  return picked;
}

async function generate(claimIds: string[], payer = 'all'): Promise<ApiResponse> {
  const res = await post(biller(), '', { payer, claimIds });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res;
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('submissions over REST', { timeout: 60_000 }, () => {
  it('plans: the Ready claims that pass the scrubber, and the failing ones with their findings', async () => {
    const res = await get(biller(), '/plan?payer=all');
    expect(res.status).toBe(200);
    const plan = res.json;
    const ready = t.practice.claims.filter((c) => c.status === 'Ready').map((c) => c.id);
    const failing = plan.failing.map((f: { claimId: string }) => f.claimId);
    expect(sorted([...plan.ready, ...failing])).toEqual(sorted(ready));
    expect(plan.ready.length).toBeGreaterThan(20);
    expect(failing.length).toBeGreaterThan(0);
    for (const f of plan.failing) {
      expect(f.findings.some((x: { severity: string }) => x.severity === 'error')).toBe(true);
    }
    expect(
      plan.failing.flatMap((f: { findings: { code: string }[] }) => f.findings.map((x) => x.code)),
    ).toContain('timely_filing_expired');
    const total = plan.claims.reduce((s: number, c: { chargeCents: number }) => s + c.chargeCents, 0);
    expect(plan.totalChargeCents).toBe(total);
    pool = [...plan.ready];

    const aetna = await get(t.tokens.viewer, '/plan?payer=py-aetna');
    expect(aetna.status).toBe(200);
    expect(aetna.json.ready.length).toBeGreaterThan(0);
    expect(aetna.json.ready).toEqual(plan.ready.filter((id: string) => seeded(t, id).payerId === 'py-aetna'));

    expect((await get(biller(), '/plan?payer=py-nobody')).json.error.code).toBe('payer_not_found');
    expect((await get(biller(), '/plan?payer=bad%20id')).status).toBe(400);
  });

  it('generates a batch whose file reads back with exactly its claims; the claims stay Ready', async () => {
    const chosen = take(3);
    const res = await generate(chosen);
    const batch = res.json.batch;
    expect(batch.state).toBe('generated');
    expect(sorted(batch.claimIds)).toEqual(sorted(chosen));
    expect(res.json.refused).toEqual([]);
    expect(batch.fileName).toContain('837P');
    // The synthetic practice's clearinghouse is in test mode.
    expect(batch.fileName).toContain('OATEST');

    const file = await get(biller(), `/${batch.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${batch.fileName}"`);
    const read = read837p(file.text);
    expect(sorted(read.claims.map((c) => c.patientControlNumber))).toEqual(sorted(chosen));
    for (const c of read.claims) {
      const claim = seeded(t, c.patientControlNumber);
      expect(c.chargeCents).toBe(claim.lines.reduce((s, l) => s + l.chargeCents, 0));
      expect(c.frequency).toBe('1');
    }
    const isa = file.text.split('~')[0]!.split('*');
    expect(isa[13]).toBe(String(batch.interchangeControlNumber).padStart(9, '0'));
    expect(isa[15]).toBe('T');

    const detail = await get(biller(), `/${batch.id}`);
    expect(detail.status).toBe(200);
    const expectedTotal = chosen.reduce(
      (s, id) => s + seeded(t, id).lines.reduce((a, l) => a + l.chargeCents, 0),
      0,
    );
    expect(detail.json.totalChargeCents).toBe(expectedTotal);
    expect(
      detail.json.totalsByPayer.reduce(
        (s: number, p: { totalChargeCents: number }) => s + p.totalChargeCents,
        0,
      ),
    ).toBe(expectedTotal);
    for (const id of chosen) expect(onServer(t, id)?.status).toBe('Ready');

    const list = await get(t.tokens.viewer);
    expect(list.status).toBe(200);
    expect(list.json.batches[0].id).toBe(batch.id);
    expect(list.json.batches[0]).not.toHaveProperty('claims');
    expect(list.text).not.toContain('ISA*');
  });

  it('leaves out chosen claims that are not Ready or fail the scrubber, listing why', async () => {
    const plan = (await get(biller(), '/plan?payer=all')).json;
    const failing = plan.failing[0].claimId as string;
    const submitted = t.practice.claims.find((c) => c.status === 'Submitted')!.id;
    const [good] = take(1);
    const res = await generate([good!, failing, submitted, 'C0NOTACLAIM00']);
    expect(res.json.batch.claimIds).toEqual([good]);
    const refused = new Map(res.json.refused.map((r: { claimId: string }) => [r.claimId, r]));
    expect(refused.get(failing)).toMatchObject({ code: 'scrubber' });
    expect((refused.get(failing) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    expect(refused.get(submitted)).toMatchObject({ code: 'not_ready' });
    expect(refused.get('C0NOTACLAIM00')).toMatchObject({ code: 'not_ready' });

    const none = await post(biller(), '', { payer: 'all', claimIds: [failing, submitted] });
    expect(none.status).toBe(409);
    expect(none.json.error.code).toBe('nothing_to_submit');
    expect(sorted(none.json.claims.map((c: { claimId: string }) => c.claimId))).toEqual(
      sorted([failing, submitted]),
    );

    const other = await post(biller(), '', {
      payer: 'py-aetna',
      claimIds: [pool.find((id) => seeded(t, id).payerId !== 'py-aetna')],
    });
    expect(other.status).toBe(409);
    expect(other.json.claims[0].code).toBe('other_payer');
    expect((await post(biller(), '', { payer: 'all', claimIds: [] })).status).toBe(400);
  });

  it('gives concurrent generations distinct control numbers, each in its own file', async () => {
    const [claim] = pool;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => post(biller(), '', { payer: 'all', claimIds: [claim] })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const isas = results.map((r) => r.json.batch.interchangeControlNumber as number);
    const groups = results.map((r) => r.json.batch.groupControlNumber as number);
    expect(new Set(isas).size).toBe(4);
    expect(new Set(groups).size).toBe(4);
    const listed = (await get(biller(), '?limit=1000')).json.batches as {
      interchangeControlNumber: number;
    }[];
    const all = listed.map((b) => b.interchangeControlNumber);
    expect(new Set(all).size).toBe(all.length);
    // Newest first: numbers are handed out in creation order.
    expect(all).toEqual([...all].sort((a, b) => b - a));
    for (const r of results) {
      const text = (await get(biller(), `/${r.json.batch.id}/file`)).text;
      expect(text).toContain(`*${String(r.json.batch.interchangeControlNumber).padStart(9, '0')}*`);
    }
  });

  it('submits over SFTP: the file lands in inbound/, replicas see Submitted, units rise once', async () => {
    const chosen = take(2, true);
    const claims = chosen.map((id) => seeded(t, id));
    const before = unitsUsed(t);
    const batch = (await generate(chosen)).json.batch;
    const res = await post(biller(), `/${batch.id}/submit`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.batch).toMatchObject({ state: 'uploaded', attempts: 1, lastError: null });
    expect(res.json.batch.factsRecordedAt).not.toBeNull();

    expect(inbound(sshd)).toContain(batch.fileName);
    expect(batch.fileName).toMatch(/837P/);
    const file = (await get(biller(), `/${batch.id}/file`)).text;
    expect(fs.readFileSync(path.join(sshd.rootDir, 'inbound', batch.fileName), 'utf8')).toBe(file);

    for (const id of chosen) expect(onServer(t, id)?.status).toBe('Submitted');
    await waitFor(() => chosen.every((id) => replica.claim(id)?.status === 'Submitted'), 10_000, 'Submitted');
    const event = replica.history(chosen[0]!).find((e) => e.toStatus === 'Submitted');
    expect(event?.detail).toContain(`batch=${batch.id}`);
    const expected = plusDrawn(before, claims);
    expect(expected).not.toEqual(before);
    expect(unitsUsed(t)).toEqual(expected);

    const again = await post(biller(), `/${batch.id}/submit`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_sent');
    expect((await post(biller(), `/${batch.id}/mark-uploaded`)).json.error.code).toBe('already_sent');
    expect(unitsUsed(t)).toEqual(expected);
    expect(inbound(sshd).filter((n) => n === batch.fileName)).toHaveLength(1);
  });

  it('a wrong host key leaves the batch failed with a message and the claims Ready; after the fix it goes', async () => {
    const chosen = take(2, true);
    const before = unitsUsed(t);
    const otherKey = fs.readFileSync(path.join(sshd.dir, 'other_ed25519.pub'), 'utf8').split(' ')[1]!;
    configureVault(t, sshd, { hostKeySha256: hostKeyFingerprint(Buffer.from(otherKey, 'base64')) });
    try {
      const batch = (await generate(chosen)).json.batch;
      const failed = await post(biller(), `/${batch.id}/submit`);
      expect(failed.status).toBe(502);
      expect(failed.json.error.code).toBe('upload_failed');
      expect(failed.json.error.message).toContain('host key');
      expect(failed.json.error.message).not.toMatch(/PRIVATE KEY/);
      expect(failed.json.batch).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: failed.json.error.message,
      });
      expect((await get(biller(), `/${batch.id}`)).json.state).toBe('failed');
      for (const id of chosen) expect(onServer(t, id)?.status).toBe('Ready');
      expect(unitsUsed(t)).toEqual(before);
      expect(inbound(sshd)).not.toContain(batch.fileName);

      configureVault(t, sshd);
      const sent = await post(biller(), `/${batch.id}/submit`);
      expect(sent.status).toBe(200);
      expect(sent.json.batch).toMatchObject({ state: 'uploaded', attempts: 2, lastError: null });
      for (const id of chosen) expect(onServer(t, id)?.status).toBe('Submitted');
      expect(unitsUsed(t)).toEqual(
        plusDrawn(
          before,
          chosen.map((id) => seeded(t, id)),
        ),
      );
      expect(inbound(sshd)).toContain(batch.fileName);
    } finally {
      configureVault(t, sshd);
    }
  });

  it('two concurrent submits of one batch: one uploads, the other is refused', async () => {
    const chosen = take(2, true);
    const before = unitsUsed(t);
    const batch = (await generate(chosen)).json.batch;
    // A hung clearinghouse holds the first upload open while the second request comes in.
    sshd.pause();
    let first: Promise<ApiResponse>;
    try {
      first = post(biller(), `/${batch.id}/submit`);
      await waitFor(
        () => t.server.storage.getSubmissionBatch(t.practice.practice.id, batch.id)?.state === 'uploading',
      );
      const second = await post(t.tokens.biller2, `/${batch.id}/submit`);
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('upload_in_progress');
      expect((await post(t.tokens.biller2, `/${batch.id}/mark-uploaded`)).json.error.code).toBe(
        'upload_in_progress',
      );
    } finally {
      sshd.resume();
    }
    expect((await first).status).toBe(200);
    expect(inbound(sshd).filter((n) => n === batch.fileName)).toHaveLength(1);
    expect((await get(biller(), `/${batch.id}`)).json).toMatchObject({ state: 'uploaded', attempts: 1 });
    expect(unitsUsed(t)).toEqual(
      plusDrawn(
        before,
        chosen.map((id) => seeded(t, id)),
      ),
    );

    // Without a pause, two at once: still exactly one upload.
    const other = (await generate(take(1))).json.batch;
    const both = await Promise.all([
      post(biller(), `/${other.id}/submit`),
      post(t.tokens.biller2, `/${other.id}/submit`),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(inbound(sshd).filter((n) => n === other.fileName)).toHaveLength(1);
  });

  it('mark-uploaded records a manual upload: claims Submitted, units drawn, nothing sent over SFTP', async () => {
    const chosen = take(2, true);
    const before = unitsUsed(t);
    const batch = (await generate(chosen)).json.batch;
    expect((await get(biller(), `/${batch.id}/file`)).status).toBe(200);
    const res = await post(biller(), `/${batch.id}/mark-uploaded`);
    expect(res.status).toBe(200);
    expect(res.json.batch).toMatchObject({ state: 'marked_uploaded', attempts: 0 });
    expect(res.json.batch.uploadedAt).not.toBeNull();
    expect(inbound(sshd)).not.toContain(batch.fileName);
    await waitFor(() => chosen.every((id) => replica.claim(id)?.status === 'Submitted'), 10_000, 'Submitted');
    expect(unitsUsed(t)).toEqual(
      plusDrawn(
        before,
        chosen.map((id) => seeded(t, id)),
      ),
    );
    expect((await post(biller(), `/${batch.id}/submit`)).json.error.code).toBe('already_sent');
  });

  it('refuses to send a batch whose claims changed since the file was made', async () => {
    const [held, edited] = take(2);
    const batch = (await generate([held!, edited!])).json.batch;
    replica.requestStatusChange([held!], 'Held', 'Waiting for the client’s new card');
    await waitFor(() => onServer(t, held!)?.status === 'Held', 10_000, 'the Hold on the server');
    const res = await post(biller(), `/${batch.id}/submit`);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('batch_out_of_date');
    expect(res.json.claims).toEqual([expect.objectContaining({ claimId: held, code: 'not_ready' })]);
    expect((await get(biller(), `/${batch.id}`)).json).toMatchObject({ state: 'generated', attempts: 0 });
    expect(inbound(sshd)).not.toContain(batch.fileName);

    const second = (await generate([edited!])).json.batch;
    replica.editClaim(edited!, 'placeOfService', '02');
    await waitFor(() => onServer(t, edited!)?.placeOfService === '02', 10_000, 'the edit on the server');
    const stale = await post(biller(), `/${second.id}/mark-uploaded`);
    expect(stale.json.error.code).toBe('batch_out_of_date');
    expect(stale.json.claims[0]).toMatchObject({ claimId: edited, code: 'edited' });
    expect(onServer(t, edited!)?.status).toBe('Ready');
  });

  it('viewers read but cannot generate or send; outsiders and strangers get nothing', async () => {
    const batches = (await get(biller())).json.batches;
    const id = batches[batches.length - 1].id as string;
    const viewer = t.tokens.viewer;
    expect((await get(viewer)).status).toBe(200);
    expect((await get(viewer, `/${id}`)).status).toBe(200);
    expect((await get(viewer, `/${id}/file`)).status).toBe(200);
    const [claim] = pool;
    for (const res of [
      await post(viewer, '', { payer: 'all', claimIds: [claim] }),
      await post(viewer, `/${id}/submit`),
      await post(viewer, `/${id}/mark-uploaded`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }

    const outsider = t.tokens.outsider;
    for (const res of [
      await get(outsider),
      await get(outsider, '/plan?payer=all'),
      await get(outsider, `/${id}`),
      await get(outsider, `/${id}/file`),
      await post(outsider, '', { payer: 'all', claimIds: [claim] }),
      await post(outsider, `/${id}/submit`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('ISA*');
    }
    // Their own practice has no such batch.
    const own = t.server.storage.listMemberships(t.userIds.outsider)[0]!.practiceId;
    const mine = await call(t, outsider, 'GET', `/api/practices/${own}/submissions/${id}`);
    expect(mine.status).toBe(404);
    expect(mine.json.error.code).toBe('batch_not_found');
    expect((await get(null)).status).toBe(401);
    expect((await get(biller(), '/B999999999')).status).toBe(404);
  });

  it('reports the clearinghouse connection: connected, or failing with why; never a secret', async () => {
    const ok = await get(t.tokens.viewer, '/connection');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({
      state: 'connected',
      host: sshd.host,
      port: sshd.port,
      hostKeySha256: sshd.hostKeyFingerprint,
    });
    const otherKey = fs.readFileSync(path.join(sshd.dir, 'other_ed25519.pub'), 'utf8').split(' ')[1]!;
    configureVault(t, sshd, { hostKeySha256: hostKeyFingerprint(Buffer.from(otherKey, 'base64')) });
    try {
      const failing = await get(biller(), '/connection');
      expect(failing.json).toMatchObject({ state: 'failing', host: sshd.host, port: sshd.port });
      expect(failing.json.message).toMatch(/host key/i);
      expect(failing.text).not.toContain('PRIVATE KEY');
    } finally {
      configureVault(t, sshd);
    }
    expect((await get(t.tokens.outsider, '/connection')).status).toBe(403);
  });
});
