import type { Claim } from '../../shared/domain/claim.ts';
import { hashBase32 } from '../../shared/util/hash.ts';

/** JSON with object keys sorted, so the same value always gives the same text whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A hash of everything a claim's 837P is written from. Stored per claim when a batch is generated; a
 * claim whose fingerprint differs at upload time was edited since, so the file no longer says what the
 * claim says and the batch must be generated again. Not cryptographic: it detects edits, not forgeries
 * (only billers and admins can edit, and they could as well generate a new batch).
 */
export function claimFingerprint(claim: Claim): string {
  return hashBase32(
    canonical([
      claim.payerId,
      claim.clientId,
      claim.policyRank,
      claim.renderingProviderId,
      claim.placeOfService,
      claim.diagnosisCodes,
      claim.lines,
      claim.authorizationId,
      claim.frequency,
      claim.originalReference,
      claim.relatedClaimId,
    ]),
    12,
  );
}
