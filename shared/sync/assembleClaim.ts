import type { Claim } from '../domain/claim.ts';
import type { Posting } from '../domain/posting.ts';
import { type ClaimFacts, factFields, workFields } from './layout.ts';

/** Facts of a claim the server has not yet recorded anything about: a new claim is Ready. */
export const initialFacts: ClaimFacts = {
  status: 'Ready',
  ediStatus: 'not_sent',
  holdReason: null,
  denialCodes: [],
  payerClaimControlNumber: null,
  firstSubmittedAt: null,
  lastSubmittedAt: null,
  seq: 0,
};

/**
 * A claim from its three sources: the work record (plain object of its work map), the facts record and
 * the postings. Null when the work record lacks a field (a damaged or half-synced record).
 */
export function assembleClaim(
  work: Record<string, unknown>,
  facts: ClaimFacts | undefined,
  postings: readonly Posting[] | undefined,
): Claim | null {
  const claim: Record<string, unknown> = {};
  for (const field of workFields) {
    if (!(field in work)) return null;
    claim[field] = work[field];
  }
  const f = facts ?? initialFacts;
  for (const field of factFields) claim[field] = f[field];
  claim.postings = postings ?? [];
  return claim as Claim;
}

/** Splits a claim into its work record and facts record (the inverse of `assembleClaim`). */
export function splitClaim(claim: Claim, seq: number): { work: Record<string, unknown>; facts: ClaimFacts } {
  const work: Record<string, unknown> = {};
  for (const field of workFields) work[field] = claim[field];
  const facts = { seq } as ClaimFacts;
  for (const field of factFields) (facts as Record<string, unknown>)[field] = claim[field];
  return { work, facts };
}
