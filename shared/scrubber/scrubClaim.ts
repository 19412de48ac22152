import type { Claim } from '../domain/claim.ts';
import { checkAuthorizations } from './checkAuthorizations.ts';
import { checkClaimState } from './checkClaimState.ts';
import { checkDiagnoses } from './checkDiagnoses.ts';
import { checkLines } from './checkLines.ts';
import { checkPayer } from './checkPayer.ts';
import { checkPlaceOfService } from './checkPlaceOfService.ts';
import { checkPolicy } from './checkPolicy.ts';
import { checkBillingProvider, checkRenderingProvider } from './checkProviders.ts';
import { checkTimelyFiling } from './checkTimelyFiling.ts';
import { checkDatesOfService } from './datesOfService.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isRecord } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';

const PAST_SUBMISSION: ReadonlySet<string> = new Set(['Submitted', 'Paid', 'Settled', 'Voided']);

/**
 * Pre-submission check of one claim against the practice's records: every problem that would make the
 * clearinghouse or payer reject it, as typed findings in a stable order. `[]` means clean.
 *
 * Never throws: the claim may come from a damaged replica or an import, so it is read field by field as
 * untrusted data, and anything missing or of the wrong type becomes a finding.
 * @example isSubmittable(scrubClaim(claim, ctx)) // false while any finding is an error
 */
export function scrubClaim(claim: Claim, ctx: ScrubContext): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  scrubClaimInto(claim, ctx, out);
  return out;
}

/** `scrubClaim`, appending to `out` (which batch callers reuse, so clean claims allocate nothing). */
export function scrubClaimInto(claim: Claim, ctx: ScrubContext, out: ScrubFinding[]): void {
  const c: unknown = claim;
  if (!isRecord(c)) {
    out.push(
      finding(
        'claim_unreadable',
        'error',
        'This claim could not be read — regenerate it from its session note, or delete it if it has none.',
      ),
    );
    return;
  }
  try {
    checkClaimState(c, out);
    // A claim past submission can't be fixed and sent again (only corrected by a new claim), so the
    // rest of the checks would only be noise on it. Held and Denied claims get them all: they go back out.
    if (typeof c.status === 'string' && PAST_SUBMISSION.has(c.status)) return;
    checkBillingProvider(ctx.practice, out);
    checkRenderingProvider(c, ctx, out);
    const payer = checkPayer(c, ctx, out);
    const { earliest, latest } = checkDatesOfService(c, ctx.asOf, out);
    checkPolicy(c, ctx, payer, earliest, latest, out);
    checkTimelyFiling(payer, earliest, ctx.asOf, out);
    checkPlaceOfService(c, out);
    const diagnosisCount = checkDiagnoses(c, out);
    checkLines(c, diagnosisCount, out);
    checkAuthorizations(c, ctx, payer, out);
  } catch {
    // Belt and braces: the checks read everything through type guards, and the property tests assert
    // this finding never appears; if it ever does, the claim is held back rather than the batch crashing.
    out.push(
      finding(
        'scrubber_failed',
        'error',
        'This claim could not be fully checked because some of its data is damaged — regenerate it from its session note; report it if this persists.',
      ),
    );
  }
}
