/** The deterministic synthetic practice behind the demo, the seed command and the benchmarks. */
export * from './eventClock.ts';
export * from './generateSyntheticPractice.ts';
export * from './prng.ts';
