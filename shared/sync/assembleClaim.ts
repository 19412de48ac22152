import { type Claim, freshClaimState } from '../domain/claim.ts';
import type { Posting } from '../domain/posting.ts';
import { type ClaimFacts, editableFields, FIXED_KEY, factFields, fixedFields } from './layout.ts';

/** Facts of a claim the server has not yet recorded anything about: a new claim is Ready. */
export const initialFacts: ClaimFacts = factsOf(freshClaimState(), 0);

/**
 * A claim from its three sources: the work record (plain object of its work map: the fixed fields under
 * `FIXED_KEY`, each editable field under its own key), the facts record and the postings. Null when the
 * work record lacks a field (a damaged or half-synced record).
 */
export function assembleClaim(
  work: Record<string, unknown>,
  facts: ClaimFacts | undefined,
  postings: readonly Posting[] | undefined,
): Claim | null {
  const fixed = work[FIXED_KEY];
  if (fixed === null || typeof fixed !== 'object') return null;
  const claim: Record<string, unknown> = {};
  for (const field of fixedFields) {
    if (!(field in fixed)) return null;
    claim[field] = (fixed as Record<string, unknown>)[field];
  }
  for (const field of editableFields) {
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
  const fixed: Record<string, unknown> = {};
  for (const field of fixedFields) fixed[field] = claim[field];
  const work: Record<string, unknown> = { [FIXED_KEY]: fixed };
  for (const field of editableFields) work[field] = claim[field];
  return { work, facts: factsOf(claim, seq) };
}

function factsOf(claim: Pick<Claim, (typeof factFields)[number]>, seq: number): ClaimFacts {
  const facts = { seq } as ClaimFacts;
  for (const field of factFields) (facts as Record<string, unknown>)[field] = claim[field];
  return facts;
}
