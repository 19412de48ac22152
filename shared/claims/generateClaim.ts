import type { Authorization } from '../domain/authorization.ts';
import { type Claim, type ClaimLine, freshClaimState } from '../domain/claim.ts';
import type { Client, InsurancePolicy } from '../domain/client.ts';
import type { Payer } from '../domain/payer.ts';
import type { Practice } from '../domain/practice.ts';
import type { Instant, IsoDate } from '../domain/primitives.ts';
import type { Session } from '../domain/session.ts';
import { isWithin } from '../util/dates.ts';
import { matchAuthorization } from './authorizationMatch.ts';
import { claimIdFor } from './claimId.ts';
import { type FeeIndex, lookupRateCents } from './feeLookup.ts';
import { sessionUnits } from './units.ts';

/** Everything besides the session that a claim is assembled from. */
export interface ClaimContext {
  practice: Practice;
  client: Client;
  payersById: ReadonlyMap<string, Payer>;
  feeIndex: FeeIndex;
  /** This client's authorizations (others are ignored). */
  authorizations: readonly Authorization[];
  createdAt: Instant;
}

/** Why a session could not become a claim. */
export type GenerateClaimErrorCode =
  /** The note is still a Draft. */
  | 'not_finalized'
  /** The session belongs to another client than the one given. */
  | 'client_mismatch'
  /** No primary policy is in effect on the date of service. */
  | 'no_insurance'
  /** The primary policy names a payer the practice doesn't have. */
  | 'unknown_payer';

export interface GenerateClaimError {
  code: GenerateClaimErrorCode;
  message: string;
}

export type GenerateClaimResult = { ok: true; claim: Claim } | { ok: false; error: GenerateClaimError };

/** Most diagnosis pointers one service line may carry (837P SV107). */
const MAX_POINTERS = 4;

/** The client's primary policy in effect on `date`, or null. */
export function primaryPolicyOn(client: Client, date: IsoDate): InsurancePolicy | null {
  for (const p of client.policies) {
    if (p.rank === 1 && isWithin(date, p.effectiveFrom, p.effectiveTo)) return p;
  }
  return null;
}

// Already upper case, no dot, no blanks: kept as is (the common case; saves a string per code).
const STORED_FORM = /^[A-Z0-9]+$/;

/**
 * ICD-10 codes as claims store them: trimmed, upper case, without the dot, duplicates dropped (the first
 * keeps its place, so the principal diagnosis stays first). Malformed codes are kept, normalised, for the
 * scrubber to report: silently dropping a diagnosis would change what the claim says. `['f84.0']` → `['F840']`.
 */
export function normalizeDiagnosisCodes(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const code of codes) {
    const c = STORED_FORM.test(code) ? code : code.trim().toUpperCase().replaceAll('.', '');
    if (c !== '' && !out.includes(c)) out.push(c);
  }
  return out;
}

function fail(code: GenerateClaimErrorCode, message: string): GenerateClaimResult {
  return { ok: false, error: { code, message } };
}

/**
 * Assemble the claim for a Finalized session (SPEC §2): one claim, one line per service, units from the
 * practice's rounding rule, rates from the primary payer's fee schedule (null rate → charge 0, which the
 * scrubber refuses), an authorization per line, status Ready. Pure and deterministic: the same inputs give
 * the same claim, id included, on every replica.
 * @example generateClaim(session, ctx) // → { ok: true, claim: { id: 'C…', status: 'Ready', lines: [...] } }
 */
export function generateClaim(session: Session, ctx: ClaimContext): GenerateClaimResult {
  if (session.noteStatus !== 'Finalized') {
    return fail('not_finalized', 'The session note is still a draft; finalize it to create its claim.');
  }
  const { client, practice } = ctx;
  if (session.clientId !== client.id) {
    return fail('client_mismatch', 'This session belongs to a different client than the one given.');
  }
  const dos = session.dateOfService;
  const policy = primaryPolicyOn(client, dos);
  if (policy === null) {
    return fail(
      'no_insurance',
      `The client has no primary insurance in effect on ${dos}. Add or update their policy, or bill the patient (self-pay) for this session.`,
    );
  }
  const payer = ctx.payersById.get(policy.payerId);
  if (payer === undefined) {
    return fail(
      'unknown_payer',
      `The client's primary policy names a payer (${policy.payerId}) that is not set up for this practice; add the payer or correct the policy.`,
    );
  }

  const diagnosisCodes = normalizeDiagnosisCodes(session.diagnosisCodes);
  // The schema needs at least one pointer; with no diagnosis at all, pointer 1 dangles and the scrubber
  // reports the missing diagnosis instead of the claim failing to exist.
  const pointerCount = Math.max(1, Math.min(MAX_POINTERS, diagnosisCodes.length));
  const units = sessionUnits(session.services, practice.settings);

  const lines: ClaimLine[] = [];
  for (let i = 0; i < session.services.length; i++) {
    const service = session.services[i]!;
    const lineUnits = units[i]!;
    const rateCents = lookupRateCents(ctx.feeIndex, {
      payerId: payer.id,
      serviceCode: service.serviceCode,
      modifiers: service.modifiers,
      dateOfService: dos,
    });
    const auth = matchAuthorization(ctx.authorizations, {
      clientId: client.id,
      payerId: payer.id,
      serviceCode: service.serviceCode,
      dateOfService: dos,
      preferredId: session.authorizationId,
    });
    const diagnosisPointers: number[] = [];
    for (let p = 1; p <= pointerCount; p++) diagnosisPointers.push(p);
    lines.push({
      lineNo: i + 1,
      serviceCode: service.serviceCode,
      modifiers: service.modifiers.slice(),
      units: lineUnits,
      minutes: service.minutes,
      rateCents,
      chargeCents: rateCents === null ? 0 : lineUnits * rateCents,
      diagnosisPointers,
      dateOfService: dos,
      authorizationId: auth?.id ?? null,
    });
  }

  const claim: Claim = {
    id: claimIdFor(practice.id, session.id),
    practiceId: practice.id,
    sessionId: session.id,
    clientId: client.id,
    payerId: payer.id,
    policyRank: 1,
    renderingProviderId: session.renderingProviderId,
    placeOfService: session.placeOfService,
    diagnosisCodes,
    lines,
    dateOfService: dos,
    authorizationId: lines[0]?.authorizationId ?? null,
    createdAt: ctx.createdAt,
    ...freshClaimState(),
  };
  return { ok: true, claim };
}
