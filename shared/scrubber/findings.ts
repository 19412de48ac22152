/**
 * Every problem the scrubber can report. Match on the code, never on the message; the message is for
 * people (shown in the grid, and logged), so it says what is wrong and what to do, and never carries
 * patient names, dates of birth or member IDs.
 */
export const scrubFindingCodes = [
  /** The claim is not an object at all. */
  'claim_unreadable',
  /** A check hit data it could not read; reported instead of throwing (should never happen). */
  'scrubber_failed',
  /** Only Ready claims go into a batch. */
  'not_ready',
  'frequency_invalid',
  /** Corrected (7) or void (8) claim without the original's payer claim control number. */
  'original_reference_missing',
  'billing_npi_missing',
  'billing_npi_malformed',
  'billing_npi_check_digit',
  'rendering_provider_missing',
  'rendering_npi_missing',
  'rendering_npi_malformed',
  'rendering_npi_check_digit',
  'payer_missing',
  /** Warning: the payer takes paper claims only. */
  'payer_paper_only',
  'payer_id_malformed',
  'client_missing',
  /** The client has no policy at the claim's rank (or the rank is unreadable). */
  'policy_missing',
  /** The policy at the claim's rank is with another payer than the claim's. */
  'policy_payer_mismatch',
  'member_id_missing',
  'policy_not_effective',
  'date_of_service_invalid',
  'date_of_service_in_future',
  'timely_filing_expired',
  /** Warning: within 14 days of the payer's timely-filing limit. */
  'timely_filing_near',
  'place_of_service_invalid',
  'diagnosis_missing',
  'diagnosis_too_many',
  'diagnosis_malformed',
  'diagnosis_pointer_missing',
  'diagnosis_pointer_invalid',
  'lines_missing',
  'lines_too_many',
  'line_unreadable',
  'service_code_invalid',
  'units_invalid',
  'rate_missing',
  'rate_invalid',
  /** Line charge ≠ units × rate: the claim's data is inconsistent. */
  'charge_mismatch',
  'authorization_missing',
  'authorization_not_found',
  'authorization_wrong_client',
  'authorization_wrong_payer',
  'authorization_code_not_covered',
  'authorization_not_started',
  'authorization_expired',
  'authorization_units_exceeded',
  /** Warning: after this claim less than 10% of the authorized units remain. */
  'authorization_units_low',
] as const;

export type ScrubFindingCode = (typeof scrubFindingCodes)[number];

export type ScrubSeverity = 'error' | 'warning';

/**
 * What to fix. Claim fields by their schema name; with `lineNo`, the line's field of that name.
 * `billingProviderNpi` (Settings → Practice) and `memberId` (the client's policy) live outside the claim.
 */
export const scrubFields = [
  'status',
  'frequency',
  'originalReference',
  'billingProviderNpi',
  'renderingProviderId',
  'payerId',
  'clientId',
  'policyRank',
  'memberId',
  'dateOfService',
  'placeOfService',
  'diagnosisCodes',
  'lines',
  'serviceCode',
  'units',
  'rateCents',
  'chargeCents',
  'diagnosisPointers',
  'authorizationId',
] as const;

export type ScrubField = (typeof scrubFields)[number];

/** One problem found on a claim. A claim with any `error` finding is not submittable. */
export interface ScrubFinding {
  readonly code: ScrubFindingCode;
  readonly severity: ScrubSeverity;
  readonly message: string;
  /** The service line concerned (its `lineNo`), when the problem is on one line. */
  readonly lineNo?: number;
  readonly field?: ScrubField;
}

/** Builds a finding, leaving `lineNo` and `field` off when not given (so logs and JSON stay small). */
export function finding(
  code: ScrubFindingCode,
  severity: ScrubSeverity,
  message: string,
  field?: ScrubField,
  lineNo?: number,
): ScrubFinding {
  if (lineNo === undefined)
    return field === undefined ? { code, severity, message } : { code, severity, message, field };
  return field === undefined
    ? { code, severity, message, lineNo }
    : { code, severity, message, lineNo, field };
}

/** True when no finding is an error: warnings alone do not keep a claim out of a batch. */
export function isSubmittable(findings: readonly ScrubFinding[]): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i]!.severity === 'error') return false;
  return true;
}
