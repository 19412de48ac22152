/** The posting engine (SPEC §6): an 835's claim payments or a Record Payment → postings and status intents. Pure. */
export * from './adjustments.ts';
export * from './applyPlan.ts';
export * from './entryProblems.ts';
export * from './fromParsed835.ts';
export * from './manualPayment.ts';
export * from './outcome.ts';
export * from './planRemittancePosting.ts';
export * from './postingIds.ts';
export * from './remittanceBalance.ts';
export * from './reversalTarget.ts';
