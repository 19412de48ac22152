import type { PracticeReplica } from '../client/src/sync/practiceReplica.ts';
import { withTimeout, workRecord } from './syncReplicas.ts';

/** Two CMS place-of-service codes no synthetic claim uses, so every edit is a visible change. */
export const EDIT_VALUES = ['61', '62'] as const;

/** The edit value that differs from what `record` holds now. */
export function nextEditValue(current: unknown): string {
  return current === EDIT_VALUES[0] ? EDIT_VALUES[1] : EDIT_VALUES[0];
}

/**
 * `edits` sequential cell edits by `a` (place of service of claims in `partition`, cycling through
 * `claimIds`); each is timed from just before `editClaim` until `b`'s copy of the claim shows it.
 * Returns the latencies in ms.
 */
export async function editLatencies(
  a: PracticeReplica,
  b: PracticeReplica,
  partition: string,
  claimIds: readonly string[],
  edits: number,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) {
    const claimId = claimIds[i % claimIds.length]!;
    const seenBy = workRecord(b, partition, claimId);
    const value = nextEditValue(workRecord(a, partition, claimId).get('placeOfService'));
    let started = 0;
    const seen = new Promise<number>((resolve) => {
      const onChange = () => {
        if (seenBy.get('placeOfService') !== value) return;
        seenBy.unobserve(onChange);
        resolve(performance.now());
      };
      seenBy.observe(onChange);
    });
    started = performance.now();
    a.editClaim(claimId, 'placeOfService', value);
    latencies.push((await withTimeout(seen, 5000, `edit ${i} to reach the other client`)) - started);
  }
  return latencies;
}
