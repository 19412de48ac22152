/** The claim lifecycle (SPEC §3): the transition table as data, and one pure function that applies it. */
export * from './checkTransition.ts';
export * from './refusals.ts';
export * from './settleWriteOffs.ts';
export * from './statusIntent.ts';
export * from './transition.ts';
export * from './transitionTable.ts';
