import { hash64 } from '../util/hash.ts';

/*
 * Claim ids are the X12 patient control number (CLM01, ≤ 20 characters), so they are short, upper-case
 * letters and digits only, and derived from stable inputs: two replicas that generate the same claim
 * offline give it the same id, and the merge sees one claim, not two. A one-letter prefix tells the kinds
 * apart at a glance and keeps the kinds from colliding with each other; 12 Crockford base-32 characters
 * carry 60 bits of the hash, so a practice with a million claims has ~1 in 2 million odds of any collision.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `prefix` + `hashBase32(input, 12)` (shared/util/hash.ts), computed with 32-bit integers instead of
 * BigInt: this runs once per claim, and 100k claims are generated in one go. Character i carries bits
 * 5i…5i+4 of the 64-bit hash (low half first), exactly as `hashBase32` takes them.
 */
function c(fiveBits: number): number {
  return CROCKFORD.charCodeAt(fiveBits & 31);
}

function prefixedHash(prefix: string, input: string): string {
  const [hi, lo] = hash64(input);
  return String.fromCharCode(
    prefix.charCodeAt(0),
    c(lo),
    c(lo >>> 5),
    c(lo >>> 10),
    c(lo >>> 15),
    c(lo >>> 20),
    c(lo >>> 25),
    c((lo >>> 30) | (hi << 2)),
    c(hi >>> 3),
    c(hi >>> 8),
    c(hi >>> 13),
    c(hi >>> 18),
    c(hi >>> 23),
  );
}

/** The id of the claim generated from a session: `'C'` + 12 base-32 characters. `claimIdFor('pr-1', 'ses-9')` → e.g. 'C7W3…'. */
export function claimIdFor(practiceId: string, sessionId: string): string {
  return prefixedHash('C', `${practiceId}/${sessionId}`);
}

/** The id of the `n`-th corrected claim (frequency 7) replacing `originalId` (n = 1, 2, …): `'R'` + 12 characters. */
export function correctedClaimId(originalId: string, n: number): string {
  return prefixedHash('R', `${originalId}/corrected/${n}`);
}

/** The id of the void claim (frequency 8) that cancels `originalId` at the payer: `'V'` + 12 characters. */
export function voidClaimId(originalId: string): string {
  return prefixedHash('V', `${originalId}/void`);
}

/** The id of the secondary claim that follows `originalId` to the next payer: `'S'` + 12 characters. */
export function secondaryClaimId(originalId: string): string {
  return prefixedHash('S', `${originalId}/secondary`);
}
