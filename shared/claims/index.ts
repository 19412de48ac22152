/** Claim generation from Finalized sessions (SPEC §2): units, fee lookup, authorization match, claim ids. */
export * from './authorizationMatch.ts';
export * from './claimId.ts';
export * from './feeLookup.ts';
export * from './generateClaim.ts';
export * from './serviceCatalog.ts';
export * from './units.ts';
