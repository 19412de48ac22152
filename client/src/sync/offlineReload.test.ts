/**
 * A laptop's replica kept on the device (DexieReplicaStore over fake-indexeddb here; IndexedDB in the
 * browser): work done offline survives closing the app, the queue reopens from the device without the
 * network, and the work reaches the server once it is back.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer, waitFor } from '../../../sync-server/testing/testServer.ts';
import { DexieReplicaStore, type LocalStoreError } from '../store/dexieReplicaStore.ts';
import { PracticeReplica } from './practiceReplica.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ claims: 150, seed: 71 });
});
afterAll(async () => {
  await t?.stop();
});

function open(
  dbName: string,
  connect: boolean,
  onError?: (error: LocalStoreError) => void,
): { replica: PracticeReplica; store: DexieReplicaStore } {
  const store = new DexieReplicaStore(dbName, { onError });
  const replica = new PracticeReplica({
    serverUrl: t.server.url,
    practiceId: t.practice.practice.id,
    partitions: t.partitions,
    token: t.tokens.biller1,
    WebSocketImpl: WebSocket,
    connect,
    persistence: store,
  });
  return { replica, store };
}

describe('a replica kept on the device', () => {
  it('reopens offline with its data and pending work, then delivers the work', async () => {
    const first = open('offline-reload-1', true);
    await first.replica.whenSynced();
    const all = await first.replica.allClaims();
    expect(all).toHaveLength(t.practice.claims.length);
    const ready = all.filter((c) => c.status === 'Ready').slice(0, 3);

    first.replica.disconnect();
    const codes = ['F840', 'Z7777'];
    first.replica.editClaim(ready[0]!.id, 'diagnosisCodes', codes);
    const opId = first.replica.requestStatusChange(
      ready.slice(1).map((c) => c.id),
      'Held',
      'Waiting on records',
    );
    await first.store.flushed();
    first.replica.destroy();
    await first.store.close();

    // The app is opened again without a network: everything is there, and the hold still pending.
    const second = open('offline-reload-1', false);
    await second.replica.ready();
    expect(await second.replica.allClaims()).toHaveLength(t.practice.claims.length);
    expect(second.replica.claim(ready[0]!.id)?.diagnosisCodes).toEqual(codes);
    expect([...new Set(second.replica.pendingIntents().map((i) => i.opId))]).toEqual([opId]);

    // Back online: the colleague sees the edit and the decided hold.
    second.replica.connect();
    const colleague = t.replica(t.tokens.biller2);
    await colleague.whenSynced();
    await waitFor(
      () =>
        JSON.stringify(colleague.claim(ready[0]!.id)?.diagnosisCodes) === JSON.stringify(codes) &&
        ready.slice(1).every((c) => colleague.claim(c.id)?.status === 'Held'),
      10_000,
      'the offline work on the colleague’s replica',
    );
    await waitFor(() => second.replica.intentStatus(opId).decided, 5000, 'the decision');
    second.replica.destroy();
    await second.store.close();
  }, 30_000);

  it('keeps closed claims (rows) on the device too, and resumes the feed after them', async () => {
    const first = open('offline-reload-2', true);
    await first.replica.whenSynced();
    const closed = (await first.replica.allClaims()).filter((c) => c.status === 'Paid');
    expect(closed.length).toBeGreaterThan(0);
    await first.store.flushed();
    first.replica.destroy();
    await first.store.close();

    const second = open('offline-reload-2', false);
    await second.replica.ready();
    // Closed claims stay on the device: known at once, read back when asked for (one read for many).
    for (const c of closed) expect(second.replica.has(c.id)).toBe(true);
    expect(second.replica.claim(closed[0]!.id)).toBeNull();
    expect(await second.replica.loadClaims(closed.map((c) => c.id))).toEqual(closed);

    // Their sessions stay on the device until a claim panel asks: read then, and the panel told.
    const sessions = new Map(t.practice.sessions.map((s) => [s.id, s]));
    const withSession = closed.find((c) => c.sessionId !== null)!;
    expect(second.replica.sessionOf(withSession.id)).toBeNull();
    const told = new Promise<void>((resolve) => {
      const off = second.replica.onChange(() => {
        off();
        resolve();
      });
    });
    expect(second.replica.detailReady(withSession.id)).toBe(false);
    await told;
    expect(second.replica.detailReady(withSession.id)).toBe(true);
    expect(second.replica.sessionOf(withSession.id)).toEqual(sessions.get(withSession.sessionId!));
    second.replica.destroy();
    await second.store.close();
  }, 30_000);
});

describe('a replica reopened online', () => {
  it('fetches only the rows after those on the device, not all of them again', async () => {
    const first = open('offline-reload-4', true);
    await first.replica.whenSynced();
    await first.store.flushed();
    first.replica.destroy();
    await first.store.close();

    // The facts documents, read from the device before the rows, announce the feed's position;
    // the feed must wait for the rows' own position rather than start from 0.
    const asked: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/claim-rows')) asked.push(new URL(url).searchParams.get('after') ?? '');
      return realFetch(input, init);
    };
    try {
      const second = open('offline-reload-4', true);
      await second.replica.whenSynced();
      expect(await second.replica.allClaims()).toHaveLength(t.practice.claims.length);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked).not.toContain('0');
      second.replica.destroy();
      await second.store.close();
    } finally {
      globalThis.fetch = realFetch;
    }
  }, 30_000);
});

describe('a replica closed while rows are on their way', () => {
  it('writes nothing to the closed device store', async () => {
    const errors: string[] = [];
    const { replica, store } = open('offline-reload-3', true, (e) => errors.push(e.kind));
    await replica.ready(); // the rows fetch starts now
    replica.destroy();
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
    expect(replica.claims()).toEqual([]);
  });
});
