import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { splitClaim } from '../../../shared/sync/assembleClaim.ts';
import { partitionOf } from '../../../shared/sync/docNames.ts';
import { type ClaimFacts, factsMaps, workMaps } from '../../../shared/sync/layout.ts';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { workRecordMap } from '../../../sync-server/authority/claimRecords.ts';
import { PracticeReplica, ReadOnlyReplicaError } from './practiceReplica.ts';

function offlineReplica(role: 'viewer' | 'biller'): PracticeReplica {
  // Never connects: these checks are local, before anything would be sent.
  return new PracticeReplica({
    serverUrl: 'http://127.0.0.1:9',
    practiceId: 'p1',
    partitions: ['2026-11'],
    connect: false,
    role,
    WebSocketImpl: WebSocket,
  });
}

describe('PracticeReplica for a viewer', () => {
  it('refuses local writes, so a viewer never sees a change the server will drop', () => {
    const viewer = offlineReplica('viewer');
    expect(viewer.canWrite).toBe(false);
    expect(() => viewer.requestStatusChange(['C1'], 'Held', 'x')).toThrow(ReadOnlyReplicaError);
    expect(() => viewer.editClaim('C1', 'placeOfService', '11')).toThrow(ReadOnlyReplicaError);
    expect(viewer.pendingIntents()).toEqual([]);
    viewer.destroy();
  });

  it('lets a biller write (and says which claim is unknown)', () => {
    const biller = offlineReplica('biller');
    expect(biller.canWrite).toBe(true);
    expect(() => biller.requestStatusChange(['C1'], 'Held', 'x')).toThrow(/no claim C1/);
    biller.destroy();
  });
});

describe('PracticeReplica while its documents arrive', () => {
  it('shows a live claim only once the server’s facts for it are here', () => {
    const practice = generateSyntheticPractice({ seed: 9, claims: 40, asOf: '2026-11-22' });
    const held = practice.claims.find((c) => c.status === 'Held')!;
    const partition = partitionOf(held.dateOfService);
    const { work, facts } = splitClaim(held, 1);
    const replica = offlineReplica('biller');
    replica.addPartition(partition);
    const docs = replica.partitions.get(partition)!;
    // The work document (one connection) is here before the facts document (another).
    docs.work.getMap<Y.Map<unknown>>(workMaps.claims).set(held.id, workRecordMap(work));
    expect(replica.claim(held.id)).toBeNull();
    expect(replica.claims()).toEqual([]);
    docs.facts.getMap<ClaimFacts>(factsMaps.status).set(held.id, facts);
    expect(replica.claim(held.id)).toMatchObject({
      id: held.id,
      status: 'Held',
      holdReason: held.holdReason,
    });
    replica.destroy();
  });

  it('keeps showing a claim as last seen when its work record leaves before its row arrives', () => {
    const practice = generateSyntheticPractice({ seed: 9, claims: 40, asOf: '2026-11-22' });
    const ready = practice.claims.find((c) => c.status === 'Ready')!;
    const partition = partitionOf(ready.dateOfService);
    const { work, facts } = splitClaim(ready, 1);
    const replica = offlineReplica('biller');
    replica.addPartition(partition);
    const docs = replica.partitions.get(partition)!;
    docs.work.getMap<Y.Map<unknown>>(workMaps.claims).set(ready.id, workRecordMap(work));
    docs.facts.getMap<ClaimFacts>(factsMaps.status).set(ready.id, facts);
    expect(replica.claim(ready.id)?.placeOfService).toBe(ready.placeOfService);
    // The claim closes: the server removes its work record; its row comes later from the feed.
    docs.work.getMap<Y.Map<unknown>>(workMaps.claims).delete(ready.id);
    expect(replica.claim(ready.id)).toMatchObject({
      id: ready.id,
      placeOfService: ready.placeOfService,
      lines: ready.lines,
    });
    replica.destroy();
  });
});
