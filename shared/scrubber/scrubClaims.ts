import type { Claim } from '../domain/claim.ts';
import { isSubmittable, type ScrubFinding } from './findings.ts';
import { scrubClaimInto } from './scrubClaim.ts';
import type { ScrubContext } from './scrubContext.ts';

/** A claim and what the scrubber found on it. */
export interface ScrubbedClaim {
  claim: Claim;
  findings: ScrubFinding[];
}

/** The claims that may go into a batch, and those that may not (with why). */
export interface ScrubResult {
  /** Submittable claims: no error finding (they may have warnings, listed in `warnings`). */
  clean: Claim[];
  /** Claims with at least one error finding: kept out of the batch. */
  failing: ScrubbedClaim[];
  /** The claims of `clean` that have warnings, with them, so the batch screen can show them. */
  warnings: ScrubbedClaim[];
}

/**
 * Scrubs many claims (a batch, or the whole grid) against one context, in input order.
 * Never throws; a non-array input gives an empty result.
 */
export function scrubClaims(claims: readonly Claim[], ctx: ScrubContext): ScrubResult {
  const result: ScrubResult = { clean: [], failing: [], warnings: [] };
  if (!Array.isArray(claims)) return result;
  // One scratch list for the run: most claims are clean, and they then cost no allocation at all.
  const scratch: ScrubFinding[] = [];
  for (let i = 0; i < claims.length; i++) {
    const claim = claims[i] as Claim;
    scratch.length = 0;
    scrubClaimInto(claim, ctx, scratch);
    if (scratch.length === 0) {
      result.clean.push(claim);
      continue;
    }
    const findings = scratch.slice();
    if (isSubmittable(findings)) {
      result.clean.push(claim);
      result.warnings.push({ claim, findings });
    } else {
      result.failing.push({ claim, findings });
    }
  }
  return result;
}
