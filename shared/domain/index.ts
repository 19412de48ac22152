/** The ClaimGrid domain: schemas (validated at every boundary) and the types inferred from them. */
export * from './actor.ts';
export * from './authorization.ts';
export * from './claim.ts';
export * from './claimStatus.ts';
export * from './client.ts';
export * from './feeSchedule.ts';
export * from './history.ts';
export * from './npi.ts';
export * from './payer.ts';
export * from './posting.ts';
export * from './practice.ts';
export * from './primitives.ts';
export * from './provider.ts';
export * from './remittance.ts';
export * from './session.ts';
export * from './submission.ts';
