/** The scrubber: pre-submission validation of claims, shared by the client (grid) and the server (batches). */
export * from './findings.ts';
export * from './icd10.ts';
export * from './npi.ts';
export * from './placeOfService.ts';
export * from './scrubClaim.ts';
export * from './scrubClaims.ts';
export type { ScrubContext } from './scrubContext.ts';
