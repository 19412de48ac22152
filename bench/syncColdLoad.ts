import type { PracticeAddress } from './syncProtocol.ts';
import { destroyReplica, openReplica } from './syncReplicas.ts';

export interface ColdLoad {
  /** From creating the replica to `whenSynced()` of every document. */
  syncMs: number;
  /** Heap the synced replica holds after a full collection, in MB. */
  heapMb: number;
}

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * A fresh replica (empty, as on a new laptop) opens every partition and syncs everything. Its heap is
 * the difference after a full collection before and after, so it needs `--expose-gc` (npm run bench
 * has it); without it the figure includes garbage.
 */
export async function coldLoad(address: PracticeAddress, partitions: readonly string[]): Promise<ColdLoad> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const replica = openReplica(address, 'biller1', partitions);
  try {
    await replica.whenSynced();
    const syncMs = performance.now() - started;
    collectGarbage();
    return { syncMs, heapMb: (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024) };
  } finally {
    await destroyReplica(replica);
  }
}
