/**
 * From a batch going out to the money, against real parts: the server with its SQLite files, the
 * clearinghouse simulator's SFTP server answering the upload with a 999, a 277CA and an 835, and the
 * server's poller fetching them. Claims end Submitted → Paid / Denied with the simulator's amounts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveBalances } from '../../shared/balances/deriveBalances.ts';
import { createClearinghouseAccounts } from '../clearinghouse/clearinghouseAccounts.ts';
import { createLogger } from '../log.ts';
import type { ClearinghouseSimulator, SimulatorEvent } from '../simulator/clearinghouseSimulator.ts';
import { call, onServer } from '../submissions/submissionTestKit.ts';
import { type ConnectedSimulator, connectSimulator } from '../testing/connectedSimulator.ts';
import { remittanceFor } from '../testing/remittanceFor.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';
import { openInboundArchive } from './inboundArchive.ts';
import { createInboundService } from './inboundService.ts';

let t: TestServer;
let sim: ConnectedSimulator;
let simulator: ClearinghouseSimulator;
let simDir: string;

beforeAll(async () => {
  t = await startTestServer();
  sim = await connectSimulator(t, { reportDelayMs: 0, remitDelayMs: 200 });
  simulator = sim.simulator;
  simDir = sim.dir;
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await sim?.stop();
});

const base = () => `/api/practices/${t.practice.practice.id}`;
const biller = () => t.tokens.biller1;

type Answered = Extract<SimulatorEvent, { kind: 'answered' }>;
let answered: Answered;
let remitFile: string;

describe('inbound files from the clearinghouse', { timeout: 60_000 }, () => {
  it('a submitted batch comes back as a 999, a 277CA and an 835, and the claims end Paid or Denied', async () => {
    const plan = await call(t, biller(), 'GET', `${base()}/submissions/plan?payer=all`);
    const chosen: string[] = plan.json.ready.slice(0, 12);
    const made = await call(t, biller(), 'POST', `${base()}/submissions`, { payer: 'all', claimIds: chosen });
    expect(made.status, made.text).toBe(201);
    const batch = made.json.batch;
    const sent = await call(t, biller(), 'POST', `${base()}/submissions/${batch.id}/submit`);
    expect(sent.status, sent.text).toBe(200);

    answered = (await simulator.waitFor(
      (e) => e.kind === 'answered' && e.name === batch.fileName,
    )) as Answered;
    const remitted = await simulator.waitFor((e) => e.kind === 'remitted' && e.name === batch.fileName);
    remitFile = (remitted as Extract<SimulatorEvent, { kind: 'remitted' }>).file;

    const polled = await call(t, biller(), 'POST', `${base()}/inbound/poll`);
    expect(polled.status, polled.text).toBe(200);
    const kinds = polled.json.files.map((f: { kind: string }) => f.kind).sort();
    expect(kinds).toEqual(['277CA', '835', '999']);
    for (const f of polled.json.files) expect(f.state, JSON.stringify(f)).toBe('processed');

    const after = await call(t, biller(), 'GET', `${base()}/submissions/${batch.id}`);
    expect(after.json.ackState).toBe(answered.groupStatus === 'A' ? 'accepted' : 'partially_accepted');

    let paid = 0;
    let denied = 0;
    for (const a of answered.claims) {
      const claim = onServer(t, a.patientControlNumber)!;
      const balances = deriveBalances(claim);
      if (a.outcome === 'rejected' || a.outcome === 'set_rejected') {
        expect(claim.status).toBe('Denied');
        expect(claim.ediStatus).toMatch(/^rejected_/);
        expect(claim.postings).toEqual([]);
        denied++;
        continue;
      }
      expect(a.remit).not.toBeNull();
      expect(balances.insurancePaidCents).toBe(a.remit!.paidCents);
      expect(claim.payerClaimControlNumber).toBe(a.payerClaimControlNumber);
      expect(claim.ediStatus).toBe('accepted_payer');
      if (a.remit!.paidCents > 0) {
        expect(claim.status).toBe('Paid');
        expect(balances.insuranceBalanceCents).toBe(0);
        // The simulator pays 80 % of billed and leaves the rest to the patient as coinsurance (PR-2).
        expect(balances.patientBalanceCents).toBe(balances.billedCents - a.remit!.paidCents);
        paid++;
      } else {
        expect(claim.status).toBe('Denied');
        expect(claim.denialCodes).toContain('CO-4');
        denied++;
      }
    }
    expect(paid).toBeGreaterThan(0);
    expect(paid + denied).toBe(chosen.length);
    // The 277CA's numbers for the claim are in its history (the row of a closed claim).
    const accepted = answered.claims.find((a) => a.outcome === 'adjudicated')!;
    const row = t.server.storage.getClaimRow(t.practice.practice.id, accepted.patientControlNumber)!;
    const history = (JSON.parse(row.body) as { history: { kind: string; detail?: string }[] }).history;
    const ack = history.find((e) => e.kind === 'edi_status_changed' && e.detail?.includes('source=277CA'));
    expect(ack?.detail).toContain(`icn=${accepted.payerClaimControlNumber}`);
    expect(ack?.detail).toMatch(/trace=OA[0-9A-Z]+/);

    // Polling again finds nothing new.
    const again = await call(t, biller(), 'POST', `${base()}/inbound/poll`);
    expect(again.json.files).toEqual([]);
    const list = await call(t, t.tokens.viewer, 'GET', `${base()}/inbound`);
    expect(list.json.files).toHaveLength(3);
    expect(list.json.overdue).toEqual([]);
  });

  it('the same 835 uploaded again posts nothing', async () => {
    const bytes = fs.readFileSync(path.join(simDir, 'outbound', remitFile));
    const before = answered.claims.map((a) => onServer(t, a.patientControlNumber));
    const res = await upload(bytes, 'again.835');
    expect(res.status).toBe(200);
    expect(res.json.alreadyReceived).toBe(true);
    expect(res.json.file.state).toBe('processed');
    expect(answered.claims.map((a) => onServer(t, a.patientControlNumber))).toEqual(before);
  });

  it('an 835 that does not balance is quarantined with the figures, and posts nothing', async () => {
    const text = fs.readFileSync(path.join(simDir, 'outbound', remitFile), 'utf8');
    // BPR02 one cent more than the claims pay.
    const broken = text.replace(/BPR\*I\*(\d+(?:\.\d+)?)\*/, (_, amount: string) => {
      const cents = Math.round(Number(amount) * 100) + 1;
      return `BPR*I*${(cents / 100).toFixed(2)}*`;
    });
    expect(broken).not.toBe(text);
    const before = answered.claims.map((a) => onServer(t, a.patientControlNumber));
    const res = await upload(Buffer.from(broken), 'broken.835');
    expect(res.status).toBe(201);
    expect(res.json.file.state).toBe('quarantined');
    expect(res.json.file.problem).toMatch(/does not balance/);
    expect(res.json.file.problem).toMatch(/nothing was posted/);
    expect(res.json.file.problem).toMatch(/\$0\.01 more/);
    expect(answered.claims.map((a) => onServer(t, a.patientControlNumber))).toEqual(before);
  });

  it('junk, a truncated file and an empty body get a clear answer; the server keeps serving', async () => {
    const junk = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), 'photo.png');
    expect(junk.json.file).toMatchObject({ state: 'quarantined', kind: 'unknown' });
    expect(junk.json.file.problem).toMatch(/not a text file/);

    const text = fs.readFileSync(path.join(simDir, 'outbound', remitFile), 'utf8');
    const truncated = await upload(Buffer.from(text.slice(0, Math.floor(text.length / 2))), 'cut.835');
    expect(truncated.json.file.state).toBe('quarantined');
    expect(truncated.json.file.problem).toMatch(/could not be read|not a readable X12 file/);
    expect(truncated.json.file.problem).not.toMatch(/undefined/);

    const empty = await upload(Buffer.alloc(0), 'empty.835');
    expect(empty.status).toBe(400);
    expect((await call(t, biller(), 'GET', `${base()}/inbound`)).status).toBe(200);
  });

  it('a file a stop left received but not processed is processed at the next start', async () => {
    const ack = fs
      .readdirSync(path.join(simDir, 'outbound'))
      .find((n) => fs.readFileSync(path.join(simDir, 'outbound', n), 'utf8').includes('*277*'))!;
    // The same acknowledgment with another interchange number: new content, the same facts.
    const text = fs
      .readFileSync(path.join(simDir, 'outbound', ack), 'utf8')
      .replace(/^(ISA(?:\*[^*]*){12}\*)\d{9}/, '$1000000777');
    const bytes = Buffer.from(text);
    const log = createLogger({ level: 'warn', write: () => {} });
    const archive = openInboundArchive(t.dataDir);
    const hash = archive.put(bytes);
    t.server.storage.addInboundFile({
      practiceId: t.practice.practice.id,
      hash,
      name: 'interrupted.277',
      source: 'sftp',
      size: bytes.length,
      receivedAt: new Date().toISOString(),
      receivedBy: null,
      kind: 'unknown',
    });
    expect(t.server.storage.unfinishedInboundFiles().map((f) => f.hash)).toEqual([hash]);
    const restarted = createInboundService({
      storage: t.server.storage,
      registry: t.server.registry,
      log,
      dataDir: t.dataDir,
      accounts: createClearinghouseAccounts({ dataDir: t.dataDir, log }),
    });
    restarted.recover();
    expect(t.server.storage.unfinishedInboundFiles()).toEqual([]);
    const done = t.server.storage.getInboundFile(t.practice.practice.id, hash)!;
    expect(done).toMatchObject({ state: 'processed', kind: '277CA' });
    // Nothing new to record: the claims already carry these facts.
    expect(JSON.parse(done.outcome!)).toMatchObject({ kind: '277CA', changed: 0 });
  });

  it('a file the server fails to process is kept, not fetched again, and processed at the next start', async () => {
    const golden = fs
      .readFileSync(path.join(import.meta.dirname, '../../shared/x12/ack/golden/accepted.999.x12'), 'utf8')
      .replace(/^(ISA(?:\*[^*]*){12}\*)\d{9}/, '$1000000888');
    fs.writeFileSync(path.join(simDir, 'outbound', 'FAILING_999.999'), golden);
    const log = createLogger({ level: 'warn', write: () => {} });
    const accounts = createClearinghouseAccounts({ dataDir: t.dataDir, log });
    const options = { registry: t.server.registry, log, dataDir: t.dataDir, accounts };
    // The real storage, with recording a result failing as a bug would.
    const failing = createInboundService({
      ...options,
      storage: {
        ...t.server.storage,
        finishInboundFile: () => {
          throw new Error('simulated failure');
        },
      },
    });
    const first = await failing.poll(t.practice.practice.id);
    if (!first.ok) throw new Error(first.message);
    expect(first.result.files).toEqual([]);
    expect(first.result.skipped).toEqual([
      { name: 'FAILING_999.999', reason: expect.stringContaining('tried again when the server restarts') },
    ]);
    const again = await failing.poll(t.practice.practice.id);
    expect(again.ok && again.result).toEqual({ files: [], skipped: [] });
    const [left] = t.server.storage.unfinishedInboundFiles();
    expect(left).toMatchObject({ name: 'FAILING_999.999', state: 'received' });

    createInboundService({ ...options, storage: t.server.storage }).recover();
    expect(t.server.storage.getInboundFile(t.practice.practice.id, left!.hash)).toMatchObject({
      state: 'processed',
      kind: '999',
    });
  });

  it('a 50 MB file of junk is refused or quarantined, and the server keeps serving', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'ISA*');
    const res = await upload(big, 'big.835');
    expect(res.status).toBe(201);
    expect(res.json.file.state).toBe('quarantined');
    expect(res.json.file.problem).toMatch(/not a readable X12 file/);
    expect((await call(t, biller(), 'GET', `${base()}/inbound?limit=1`)).status).toBe(200);
    // Past 64 MB the upload is refused before it is read.
    const tooBig = await upload(Buffer.alloc(64 * 1024 * 1024 + 1, 'X'), 'huge.835');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.message).toContain('larger than 64 MB');
  });

  it('a claim payment that matches no claim is listed, and a person’s match posts it once', async () => {
    const claim = t.practice.claims.find(
      (c) => c.status === 'Submitted' && !answered.claims.some((a) => a.patientControlNumber === c.id),
    )!;
    const charge = claim.lines.reduce((sum, l) => sum + l.chargeCents, 0);
    // The payer cut the patient control number short.
    const text = remittanceFor(t.practice, [claim], {
      patientControlNumber: (c) => c.id.slice(0, 9),
      payerClaimControlNumber: () => 'ICN-MATCH-1',
    });
    const res = await upload(Buffer.from(text), 'short-pcn.835');
    expect(res.json.file.state).toBe('processed');
    const [listed] = res.json.file.outcome.payments[0].unmatched;
    expect(listed).toMatchObject({ index: 0, code: 'no_claim', paidCents: charge });
    expect(onServer(t, claim.id)!.status).toBe('Submitted');

    const hash = res.json.file.hash;
    const matched = await call(t, biller(), 'POST', `${base()}/inbound/${hash}/match`, {
      payment: 0,
      entry: 0,
      claimId: claim.id,
    });
    expect(matched.status, matched.text).toBe(200);
    expect(matched.json.file.outcome.payments[0].unmatched[0]).toMatchObject({ matchedClaimId: claim.id });
    const after = onServer(t, claim.id)!;
    expect(after.status).toBe('Paid');
    expect(after.payerClaimControlNumber).toBe('ICN-MATCH-1');
    expect(deriveBalances(after).insurancePaidCents).toBe(charge);

    const twice = await call(t, biller(), 'POST', `${base()}/inbound/${hash}/match`, {
      payment: 0,
      entry: 0,
      claimId: claim.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('already_posted');
    expect(deriveBalances(onServer(t, claim.id)!).insurancePaidCents).toBe(charge);
    const viewer = await call(t, t.tokens.viewer, 'POST', `${base()}/inbound/${hash}/match`, {
      payment: 0,
      entry: 0,
      claimId: claim.id,
    });
    expect(viewer.status).toBe(403);
  });

  it('viewers read but do not fetch or upload; other practices see nothing', async () => {
    expect((await call(t, t.tokens.viewer, 'POST', `${base()}/inbound/poll`)).status).toBe(403);
    expect((await call(t, t.tokens.outsider, 'GET', `${base()}/inbound`)).status).toBe(403);
    const files = (await call(t, t.tokens.viewer, 'GET', `${base()}/inbound`)).json.files;
    const one = await call(t, t.tokens.viewer, 'GET', `${base()}/inbound/${files[0].hash}`);
    expect(one.json.file.hash).toBe(files[0].hash);
  });
});

async function upload(bytes: Buffer, name: string) {
  const res = await fetch(`${t.server.url}${base()}/inbound/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${biller()}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read whatever the route answered
  return { status: res.status, json: JSON.parse(text) as any };
}
