/**
 * Untrusted input at the WebSocket edge (STYLE habit 3): bare sockets send what no y-websocket client
 * would — text frames, garbage, truncated varints, unknown message types, a message over the size
 * limit, document names ClaimGrid does not use. Each is closed with a code and a reason, and the
 * billers working at the same time notice nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PracticeReplica } from '../../client/src/sync/practiceReplica.ts';
import { workDocName } from '../../shared/sync/docNames.ts';
import { createPrng } from '../../shared/synthetic/prng.ts';
import { closeCodes, MAX_MESSAGE_BYTES } from '../sync/protocol.ts';
import { openRawSocket, type RawSocket } from '../testing/rawSocket.ts';
import { startTestServer, type TestServer, waitFor } from '../testing/testServer.ts';

let t: TestServer;
let a: PracticeReplica;
let b: PracticeReplica;
let workDoc: string;
beforeAll(async () => {
  t = await startTestServer({ claims: 100, seed: 53 });
  a = t.replica(t.tokens.biller1);
  b = t.replica(t.tokens.biller2);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
  workDoc = workDocName(t.practice.practice.id, t.partitions.at(-1)!);
});
afterAll(async () => {
  await t?.stop();
});

const malformed = { code: closeCodes.malformed.code, reason: closeCodes.malformed.reason };
const unknown = { code: closeCodes.unknownDocument.code, reason: closeCodes.unknownDocument.reason };

// Opens a socket on the work document as a biller, waits for the server's first message (so the
// connection was accepted), sends `payloads` back to back, and returns how it was closed.
async function sendAndClose(payloads: (Uint8Array | string)[]): Promise<{ code: number; reason: string }> {
  const raw = openRawSocket(t.server.url, workDoc, t.tokens.biller1);
  await raw.opened;
  await waitFor(() => raw.received.length > 0, 5000, 'the server hello');
  for (const p of payloads) raw.ws.send(p);
  return raw.closed;
}

// A biller's edit still reaches a colleague, and a new replica still syncs.
async function stillWorking(step: number): Promise<void> {
  const claim = a.claims().find((c) => c.status === 'Ready' || c.status === 'Held')!;
  const codes = ['F840', `Z${String(step).padStart(4, '0')}`];
  a.editClaim(claim.id, 'diagnosisCodes', codes);
  await waitFor(
    () => JSON.stringify(b.claim(claim.id)?.diagnosisCodes) === JSON.stringify(codes),
    5000,
    'an edit after the bad clients',
  );
  expect(b.claims().length).toBe(100);
}

describe('bad input on the sync endpoint', () => {
  it('closes text frames, garbage, truncated varints and unknown types with 4400', async () => {
    const rng = createPrng(53, 'garbage');
    const random = Uint8Array.from({ length: 64 }, () => rng.int(0, 255));
    const cases: [string, (Uint8Array | string)[]][] = [
      ['a text frame', ['hello']],
      ['garbage bytes', [Uint8Array.of(0xde, 0xad, 0xbe, 0xef)]],
      ['a sync message whose length varint is cut off', [Uint8Array.of(0, 2, 0x80)]],
      // Followed at once by another frame, which may share its network buffer: nothing past the message
      // may be read as part of it.
      [
        'a sync message whose length runs past its end',
        [Uint8Array.of(0, 2, 0x10, 1, 2), Uint8Array.of(1, 2, 3)],
      ],
      ['a sync update of random bytes', [Uint8Array.of(0, 2, 64, ...random)]],
      ['a state vector of random bytes', [Uint8Array.of(0, 0, 64, ...random)]],
      ['an awareness update of random bytes', [Uint8Array.of(1, 64, ...random)]],
      ['message type 99', [Uint8Array.of(99)]],
      ['an empty message', [new Uint8Array(0)]],
    ];
    const closes = await Promise.all(cases.map(([, payloads]) => sendAndClose(payloads)));
    expect(Object.fromEntries(cases.map(([name], i) => [name, closes[i]]))).toEqual(
      Object.fromEntries(cases.map(([name]) => [name, malformed])),
    );
    await stillWorking(1);
  }, 15_000);

  it('closes a message over the size limit with 1009 (message too big)', async () => {
    const close = await sendAndClose([new Uint8Array(MAX_MESSAGE_BYTES + 1)]);
    // ws refuses the frame from its header, before reading it: the RFC 6455 code, not 4413.
    expect(close.code).toBe(1009);
    await stillWorking(2);
  }, 20_000);

  it('refuses document names it does not serve, and other practices', async () => {
    const other = t.server.storage.listPractices().find((p) => p.id !== t.practice.practice.id)!;
    const pid = t.practice.practice.id;
    const cases: [string, string, { code: number; reason: string }][] = [
      ['a name that is no document', 'nope', unknown],
      ['month 13', `${pid}:work:2026-13`, unknown],
      ['a kind that does not exist', `${pid}:drafts:2026-11`, unknown],
      ['a practice that does not exist', 'pr-NOSUCHPRAC:ref', unknown],
      ['a path outside the name', `..%2F${pid}:ref`, unknown],
      ['broken percent-encoding', `${pid}:ref%E0%A4%A`, unknown],
      [
        'another practice',
        `${other.id}:ref`,
        { code: closeCodes.forbidden.code, reason: closeCodes.forbidden.reason },
      ],
    ];
    const sockets: RawSocket[] = cases.map(([, path]) => openRawSocket(t.server.url, path, t.tokens.biller1));
    const closes = await Promise.all(sockets.map((s) => s.closed));
    expect(Object.fromEntries(cases.map(([name], i) => [name, closes[i]]))).toEqual(
      Object.fromEntries(cases.map(([name, , want]) => [name, want])),
    );
    for (const s of sockets) expect(s.received).toEqual([]);
    // A path outside the sync endpoint is no WebSocket at all.
    const stray = openRawSocket(t.server.url.replace(/$/, '/../api'), 'x', t.tokens.biller1);
    expect((await stray.closed).code).toBe(1006);
    await stillWorking(3);
  }, 15_000);
});
