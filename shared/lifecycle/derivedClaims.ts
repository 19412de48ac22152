import { deriveBalances } from '../balances/deriveBalances.ts';
import { matchAuthorization } from '../claims/authorizationMatch.ts';
import { correctedClaimId, secondaryClaimId, voidClaimId } from '../claims/claimId.ts';
import type { Authorization } from '../domain/authorization.ts';
import type { Claim } from '../domain/claim.ts';
import type { Client, InsurancePolicy } from '../domain/client.ts';
import type { Instant } from '../domain/primitives.ts';
import { isWithin } from '../util/dates.ts';

/**
 * New claims made from an existing one (SPEC §3 "Denied / Paid → (new claim)"): a secondary claim for the
 * next payer, a corrected claim (frequency 7) and a void claim (frequency 8). Each starts Ready with
 * fresh facts; ids derive from the original, so asking twice finds the one already made.
 */

export type DerivedClaimRefusalCode =
  | 'no_secondary_policy'
  | 'not_adjudicated'
  | 'nothing_left_to_bill'
  | 'not_sent'
  | 'no_payer_claim_number'
  | 'wrong_status'
  | 'not_an_original';

export type DerivedClaimResult =
  | { ok: true; claim: Claim }
  | { ok: false; refusal: { code: DerivedClaimRefusalCode; message: string } };

const refuse = (code: DerivedClaimRefusalCode, message: string): DerivedClaimResult => ({
  ok: false,
  refusal: { code, message },
});

/** The fresh state of a derived claim: Ready, nothing sent, nothing posted, no notes. */
function fresh(from: Claim, at: Instant): Claim {
  return {
    ...from,
    lines: from.lines.map((l) => ({
      ...l,
      modifiers: [...l.modifiers],
      diagnosisPointers: [...l.diagnosisPointers],
    })),
    diagnosisCodes: [...from.diagnosisCodes],
    status: 'Ready',
    ediStatus: 'not_sent',
    holdReason: null,
    denialCodes: [],
    payerClaimControlNumber: null,
    createdAt: at,
    firstSubmittedAt: null,
    lastSubmittedAt: null,
    postings: [],
    followUpNotes: [],
  };
}

/** The client's policy of the next rank after the claim's, in effect on its date of service. */
export function nextPolicy(
  claim: Pick<Claim, 'policyRank' | 'dateOfService'>,
  client: Client,
): InsurancePolicy | null {
  const rank = claim.policyRank + 1;
  return (
    client.policies.find(
      (p) => p.rank === rank && isWithin(claim.dateOfService, p.effectiveFrom, p.effectiveTo),
    ) ?? null
  );
}

/**
 * The claim that bills the next payer what the previous one left: same services, the next policy's payer,
 * `relatedClaimId` pointing back so the 837P carries the previous payer's adjudication (2320/2430). Needs
 * a posted adjudication and something still owed after it.
 * @example secondaryClaimFrom(paidPrimary, client, at) // → { ok: true, claim: { id: 'S…', policyRank: 2, … } }
 */
export function secondaryClaimFrom(
  primary: Claim,
  client: Client,
  at: Instant,
  /** The client's authorizations: a line draws on the next payer's own one when it covers it. */
  authorizations: readonly Authorization[] = [],
): DerivedClaimResult {
  const policy = nextPolicy(primary, client);
  if (!policy) {
    return refuse(
      'no_secondary_policy',
      `The client has no rank-${primary.policyRank + 1} insurance in effect on ${primary.dateOfService}: add it to the client first.`,
    );
  }
  if (!primary.postings.some((p) => p.kind === 'adjudication')) {
    return refuse(
      'not_adjudicated',
      'Post the payer’s payment (or its 835) first: the secondary claim reports what this payer paid.',
    );
  }
  const b = deriveBalances(primary);
  if (b.insuranceBalanceCents <= 0 && b.patientBalanceCents <= 0) {
    return refuse(
      'nothing_left_to_bill',
      'Nothing is left to bill: this claim has no insurance or patient balance.',
    );
  }
  const base = fresh(primary, at);
  // The previous payer's authorization does not carry over; the next payer's own one may cover a line.
  const lines = base.lines.map((l) => ({
    ...l,
    authorizationId:
      matchAuthorization(authorizations, {
        clientId: primary.clientId,
        payerId: policy.payerId,
        serviceCode: l.serviceCode,
        dateOfService: l.dateOfService,
      })?.id ?? null,
  }));
  return {
    ok: true,
    claim: {
      ...base,
      id: secondaryClaimId(primary.id),
      payerId: policy.payerId,
      policyRank: policy.rank,
      frequency: '1',
      originalReference: null,
      relatedClaimId: primary.id,
      authorizationId: lines.find((l) => l.authorizationId !== null)?.authorizationId ?? null,
      lines,
    },
  };
}

/**
 * A corrected (replacement) claim, frequency 7, for a claim the payer already has: the same content to
 * fix while it is Ready, `originalReference` = the payer's claim number (REF*F8). `n` counts corrections.
 */
export function correctedClaimFrom(original: Claim, n: number, at: Instant): DerivedClaimResult {
  const problem = replacementProblem(original, 'correct');
  if (problem) return problem;
  return {
    ok: true,
    claim: {
      ...fresh(original, at),
      id: correctedClaimId(original.id, n),
      frequency: '7',
      originalReference: original.payerClaimControlNumber,
      relatedClaimId: original.id,
    },
  };
}

/** The void claim, frequency 8, that tells the payer to cancel a claim it has (REF*F8 = its claim number). */
export function voidClaimFrom(original: Claim, at: Instant): DerivedClaimResult {
  const problem = replacementProblem(original, 'void');
  if (problem) return problem;
  return {
    ok: true,
    claim: {
      ...fresh(original, at),
      id: voidClaimId(original.id),
      frequency: '8',
      originalReference: original.payerClaimControlNumber,
      relatedClaimId: original.id,
    },
  };
}

function replacementProblem(original: Claim, what: 'correct' | 'void'): DerivedClaimResult | null {
  if (original.frequency === '8')
    return refuse('not_an_original', 'A void claim cannot be corrected or voided.');
  if (original.firstSubmittedAt === null) {
    return refuse(
      'not_sent',
      what === 'void'
        ? 'This claim was never sent, so the payer has nothing to void: Void it directly.'
        : 'This claim was never sent: edit it while it is Ready instead of correcting it.',
    );
  }
  if (what === 'correct' && original.status !== 'Denied' && original.status !== 'Paid') {
    return refuse(
      'wrong_status',
      `A corrected claim replaces a Denied or Paid claim; this one is ${original.status}.`,
    );
  }
  if (!original.payerClaimControlNumber) {
    return refuse(
      'no_payer_claim_number',
      'The payer’s claim number (ICN) is not known yet; it comes with the 277CA or the 835. A corrected or void claim must name it.',
    );
  }
  return null;
}
