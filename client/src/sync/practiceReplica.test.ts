import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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
