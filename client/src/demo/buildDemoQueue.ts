import type { IsoDate } from '../../../shared/domain/primitives.ts';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { buildClaimRows } from '../queue/claimRow.ts';
import type { QueueData } from '../queueStore.ts';

/** What demo to build: the generator's seed and size, and the date the queue is as of. */
export interface DemoOptions {
  seed: number;
  claims: number;
  asOf: IsoDate;
}

/** Generate a synthetic practice and flatten its claims into queue rows (pure, deterministic). */
export function buildDemoQueue(options: DemoOptions): QueueData {
  const practice = generateSyntheticPractice(options);
  return {
    practiceName: practice.practice.name,
    asOf: options.asOf,
    rows: buildClaimRows(practice.claims, practice, options.asOf),
  };
}
