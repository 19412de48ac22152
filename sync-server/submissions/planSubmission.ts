import { type Claim, claimChargeCents } from '../../shared/domain/claim.ts';
import type { Payer } from '../../shared/domain/payer.ts';
import { type ScrubFinding, scrubClaims } from '../../shared/scrubber/index.ts';
import { SubmissionError } from './submissionError.ts';
import type { SubmissionReference } from './submissionReference.ts';

/** Which claims a submission is for: every EDI payer, or one payer. */
export type PayerFilter = { kind: 'all' } | { kind: 'payer'; payer: Payer };

/** A claim that may go into the batch, with what the screen shows of it (no patient data). */
export interface PlannedClaim {
  claimId: string;
  payerId: string;
  dateOfService: string;
  chargeCents: number;
  units: number;
}

export interface ClaimFindings {
  claimId: string;
  findings: ScrubFinding[];
}

/** What "New submission" lists: the Ready claims that pass the scrubber, and those that fail, with why. */
export interface SubmissionPlan {
  /** 'all' or the internal payer id. */
  payer: string;
  /** Claim ids that pass the scrubber (warnings allowed), oldest date of service first. */
  ready: string[];
  claims: PlannedClaim[];
  totalChargeCents: number;
  /** Claims of `ready` with warnings (e.g. few authorization units left). */
  warnings: ClaimFindings[];
  /** Ready claims with at least one error finding: not batched until fixed. */
  failing: ClaimFindings[];
}

/** The payer filter named by a request: 'all', or the internal id of an electronic payer. */
export function payerFilter(ref: SubmissionReference, payer: string): PayerFilter {
  if (payer === 'all') return { kind: 'all' };
  const found = ref.payersById.get(payer);
  if (!found) {
    throw new SubmissionError(
      'payer_not_found',
      'This practice has no such payer — pick a payer from the list, or “All EDI payers”.',
    );
  }
  if (found.submission !== 'electronic') {
    throw new SubmissionError(
      'payer_not_electronic',
      `${found.name} takes paper claims only, so its claims cannot go out in an 837P file — print them as CMS-1500 forms instead.`,
    );
  }
  return { kind: 'payer', payer: found };
}

/**
 * Whether a claim belongs to the submission: its payer is the chosen one, or with "all" any payer that
 * is not paper-only (a claim whose payer is missing stays in, so the scrubber shows it as failing).
 */
export function inScope(claim: Claim, filter: PayerFilter, ref: SubmissionReference): boolean {
  if (filter.kind === 'payer') return claim.payerId === filter.payer.id;
  return ref.payersById.get(claim.payerId)?.submission !== 'paper';
}

const byDateThenId = (a: Claim, b: Claim): number =>
  a.dateOfService < b.dateOfService ? -1 : a.dateOfService > b.dateOfService ? 1 : a.id < b.id ? -1 : 1;

export function claimUnits(claim: Claim): number {
  let units = 0;
  for (const line of claim.lines) units += line.units;
  return units;
}

export function plannedClaim(claim: Claim): PlannedClaim {
  return {
    claimId: claim.id,
    payerId: claim.payerId,
    dateOfService: claim.dateOfService,
    chargeCents: claimChargeCents(claim),
    units: claimUnits(claim),
  };
}

/** Scrubs the Ready claims in scope with the shared scrubber (the grid's own checks). */
export function planClaims(
  claims: readonly Claim[],
  ref: SubmissionReference,
  filter: PayerFilter,
): SubmissionPlan {
  const candidates = claims.filter((c) => c.status === 'Ready' && inScope(c, filter, ref)).sort(byDateThenId);
  const result = scrubClaims(candidates, ref.scrub);
  const planned = result.clean.map(plannedClaim);
  let total = 0;
  for (const p of planned) total += p.chargeCents;
  return {
    payer: filter.kind === 'all' ? 'all' : filter.payer.id,
    ready: planned.map((p) => p.claimId),
    claims: planned,
    totalChargeCents: total,
    warnings: result.warnings.map(({ claim, findings }) => ({ claimId: claim.id, findings })),
    failing: result.failing.map(({ claim, findings }) => ({ claimId: claim.id, findings })),
  };
}
