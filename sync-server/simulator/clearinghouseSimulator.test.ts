import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileName } from '../../shared/x12/837p/fileName.ts';
import { AT, claim, envelope, line, originalClaim, practice, rbt } from '../../shared/x12/837p/testInput.ts';
import { write837p } from '../../shared/x12/837p/write837p.ts';
import { envelopeProblems } from '../../shared/x12/ack/envelopeCheck.ts';
import { detectX12, type X12Kind } from '../../shared/x12/detect.ts';
import { components, tokenize } from '../../shared/x12/tokenize.ts';
import { download, listOutbound, testConnection, uploadFile } from '../clearinghouse/sftpUploader.ts';
import {
  type ClearinghouseSimulator,
  type SimulatorEvent,
  startClearinghouseSimulator,
} from './clearinghouseSimulator.ts';

// The simulator as `npm start` and the end-to-end tests use it: a real SFTP server on 127.0.0.1, driven
// through OUR client (uploadFile, listOutbound, download) with the host key pinned. No delays: the tests
// wait for the simulator's events, never for time.

let dir: string;
let sim: ClearinghouseSimulator;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgrid-sim-'));
  sim = await startClearinghouseSimulator({ dir, reportDelayMs: 0, remitDelayMs: 0, pollMs: 60_000 });
});
afterEach(async () => {
  await sim?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One accepted claim, one with a bad rendering NPI (rejected), one with 97155 without a modifier. */
function batch837p(): { name: string; text: string } {
  const text = write837p(
    envelope([
      originalClaim,
      {
        ...originalClaim,
        claim: claim({ id: 'C0BADNPI0002' }),
        renderingProvider: { ...rbt, npi: '1345678901' },
      },
      {
        ...originalClaim,
        claim: claim({
          id: 'C0NOMOD00003',
          lines: [line(1), line(2, { serviceCode: '97155', modifiers: [], units: 2, chargeCents: 6250 })],
        }),
      },
    ]),
  ).text;
  const name = fileName({ practiceId: practice.id, batchId: 'b-0001', testMode: true, at: AT });
  return { name, text };
}

const retryless = { retries: 0 };

/** Every file in outbound/, downloaded and classified by content. */
async function outboundByKind(): Promise<Map<X12Kind, string[]>> {
  const byKind = new Map<X12Kind, string[]>();
  for (const f of await listOutbound(sim.connection, retryless)) {
    const text = (await download(sim.connection, f.name, retryless)).toString('utf8');
    const kind = detectX12(text).kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), text]);
  }
  return byKind;
}

function only(byKind: Map<X12Kind, string[]>, kind: X12Kind): string {
  const texts = byKind.get(kind) ?? [];
  expect(texts, `${kind} files in outbound`).toHaveLength(1);
  return texts[0]!;
}

const isAnswered = (name: string) => (e: SimulatorEvent) => e.kind === 'answered' && e.name === name;

describe('clearinghouse simulator over SFTP', { timeout: 30_000 }, () => {
  it('answers an 837P uploaded with our client: a 999, a 277CA and an 835 per the payer rules', async () => {
    const { name, text } = batch837p();
    const upload = await uploadFile(
      { connection: sim.connection, localName: name, content: text },
      retryless,
    );
    expect(upload).toMatchObject({ remotePath: `inbound/${name}`, alreadyPresent: false, attempts: 1 });
    await sim.waitFor(isAnswered(name));
    await sim.waitFor((e) => e.kind === 'remitted' && e.name === name);

    const names = (await listOutbound(sim.connection, retryless)).map((f) => f.name);
    const stem = name.replace(/\.x12$/, '');
    expect(names).toEqual([`${stem}.277CA.x12`, `${stem}.835.x12`, `${stem}.999.x12`]);

    const files = await outboundByKind();
    const ack999 = only(files, '999');
    const ack277 = only(files, '277CA');
    const remit = only(files, '835');
    for (const t of [ack999, ack277, remit]) expect(envelopeProblems(t)).toEqual([]);

    // 999: the one set is accepted.
    const seg999 = tokenize(ack999).segments;
    expect(seg999.find((s) => s.id === 'IK5')!.elements.slice(1)).toEqual(['A']);
    expect(seg999.find((s) => s.id === 'AK9')!.elements.slice(1)).toEqual(['A', '1', '1', '1']);

    // 277CA: the bad NPI claim rejected (A7:562 rendering, action U), the others accepted (A2:20).
    const { segments: seg277, delimiters } = tokenize(ack277);
    const statusOf = (pcn: string) => {
      const i = seg277.findIndex((s) => s.id === 'TRN' && s.elements[1] === '2' && s.elements[2] === pcn);
      expect(i, pcn).toBeGreaterThan(0);
      const stc = seg277[i + 1]!;
      return [components(stc.elements[1]!, delimiters).join(':'), stc.elements[3]];
    };
    expect(statusOf('C0GOLDEN00001')).toEqual(['A2:20', 'WQ']);
    expect(statusOf('C0BADNPI0002')).toEqual(['A7:562:82', 'U']);
    expect(statusOf('C0NOMOD00003')).toEqual(['A2:20', 'WQ']);

    // 835: the rejected claim is not paid; 97155 without a modifier is denied CO-4; 80 % with PR-2.
    const seg835 = tokenize(remit).segments;
    expect(seg835.filter((s) => s.id === 'CLP').map((s) => s.elements.slice(1, 6))).toEqual([
      ['C0GOLDEN00001', '1', '212.5', '170', '42.5'],
      ['C0NOMOD00003', '1', '212.5', '120', '30'],
    ]);
    expect(seg835.filter((s) => s.id === 'CAS').map((s) => s.elements.slice(1))).toEqual([
      ['PR', '2', '30'],
      ['PR', '2', '12.5'],
      ['PR', '2', '30'],
      ['CO', '4', '62.5'],
    ]);
    expect(seg835.find((s) => s.id === 'BPR')!.elements[2]).toBe('290');

    // The answered file left inbound/ for inbound/processed/.
    expect(fs.readdirSync(path.join(dir, 'inbound')).sort()).toEqual(['processed']);
    expect(fs.readdirSync(path.join(dir, 'inbound', 'processed'))).toEqual([name]);
  });

  it('answers the same file once when it is uploaded twice', async () => {
    const { name, text } = batch837p();
    await uploadFile({ connection: sim.connection, localName: name, content: text }, retryless);
    await sim.waitFor(isAnswered(name));
    await sim.waitFor((e) => e.kind === 'remitted' && e.name === name);
    // The first copy was moved away, so our client sends it again; the simulator knows its content.
    const again = await uploadFile({ connection: sim.connection, localName: name, content: text }, retryless);
    expect(again.alreadyPresent).toBe(false);
    await sim.waitFor((e) => e.kind === 'duplicate' && e.name === name);

    const files = await outboundByKind();
    expect([...files.keys()].sort()).toEqual(['277CA', '835', '999']);
    for (const texts of files.values()) expect(texts).toHaveLength(1);
    expect(sim.events().filter((e) => e.kind === 'answered')).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'inbound', 'processed')).sort()).toEqual(
      [name, name.replace(/\.x12$/, '.2.x12')].sort(),
    );
  });

  it('rejects a set with a wrong segment count in the 999 and sends no 277CA or 835 for it', async () => {
    const { name, text } = batch837p();
    const broken = text.replace(/SE\*(\d+)\*0001/, (_, n: string) => `SE*${Number(n) - 1}*0001`);
    await uploadFile({ connection: sim.connection, localName: name, content: broken }, retryless);
    const answered = await sim.waitFor(isAnswered(name));
    expect(answered).toMatchObject({ kind: 'answered', groupStatus: 'R' });
    const files = await outboundByKind();
    expect([...files.keys()]).toEqual(['999']);
    const ik5 = tokenize(only(files, '999')).segments.find((s) => s.id === 'IK5')!;
    expect(ik5.elements.slice(1)).toEqual(['R', '4']);
  });

  it('picks up a file put in inbound/ without SFTP at the next scan, and sets aside a file that is not X12', async () => {
    const { name, text } = batch837p();
    fs.writeFileSync(path.join(dir, 'inbound', name), text);
    fs.writeFileSync(path.join(dir, 'inbound', 'junk_837P.txt'), 'not an X12 file');
    fs.writeFileSync(path.join(dir, 'inbound', 'notes.txt'), 'no 837P in the name: never touched');
    sim.scanNow();
    await sim.waitFor(isAnswered(name));
    const junk = await sim.waitFor((e) => e.kind === 'unreadable' && e.name === 'junk_837P.txt');
    expect(junk).toMatchObject({ error: expect.stringMatching(/^X12 syntax error: \? at line 1: /) });
    expect(fs.readdirSync(path.join(dir, 'inbound')).sort()).toEqual(['notes.txt', 'processed']);
  });

  it('keeps its host key, user key and answered files across a restart, and delivers a pending 835', async () => {
    await sim.stop();
    sim = await startClearinghouseSimulator({
      dir,
      reportDelayMs: 0,
      remitDelayMs: 3_600_000,
      pollMs: 60_000,
    });
    const { name, text } = batch837p();
    await uploadFile({ connection: sim.connection, localName: name, content: text }, retryless);
    await sim.waitFor(isAnswered(name));
    const before = { hostKey: sim.hostKeySha256, privateKey: sim.privateKey };
    await sim.stop();
    // The 835 was not due yet: it waits in the simulator's own folder, invisible over SFTP.
    expect(fs.readdirSync(path.join(dir, 'outbound')).some((f) => f.endsWith('.835.x12'))).toBe(false);

    sim = await startClearinghouseSimulator({ dir, reportDelayMs: 0, remitDelayMs: 0, pollMs: 60_000 });
    expect({ hostKey: sim.hostKeySha256, privateKey: sim.privateKey }).toEqual(before);
    // Restarted with the same settings but the 835's due time was kept: deliver it by restarting "later".
    await sim.stop();
    const now = () => new Date(Date.now() + 3_600_001);
    sim = await startClearinghouseSimulator({ dir, reportDelayMs: 0, pollMs: 60_000, now });
    await sim.waitFor((e) => e.kind === 'remitted' && e.name === name);
    const check = await testConnection(sim.connection);
    expect(check).toMatchObject({ ok: true, hostKeySha256: before.hostKey, inbound: true, outbound: true });
    // Uploaded again after the restart: still a duplicate.
    await uploadFile({ connection: sim.connection, localName: name, content: text }, retryless);
    await sim.waitFor((e) => e.kind === 'duplicate' && e.name === name);
    expect((await outboundByKind()).get('999')).toHaveLength(1);
  });

  it('stop() closes the server and open sessions; a second stop() is harmless', async () => {
    expect((await testConnection(sim.connection)).ok).toBe(true);
    await sim.stop();
    await sim.stop();
    const after = await testConnection(sim.connection);
    expect(after).toMatchObject({ ok: false, problem: 'unavailable' });
  });
});
