import { type Claim, claimSchema } from '../../shared/domain/claim.ts';
import { clientSchema } from '../../shared/domain/client.ts';
import { payerSchema } from '../../shared/domain/payer.ts';
import type { AdjudicationPosting } from '../../shared/domain/posting.ts';
import { providerSchema } from '../../shared/domain/provider.ts';
import type { Claim837PInput, OtherPayer837P } from '../../shared/x12/index.ts';
import type { ClaimProblem } from './submissionError.ts';
import type { SubmissionReference } from './submissionReference.ts';

export type ClaimInputResult = { ok: true; input: Claim837PInput } | { ok: false; problem: ClaimProblem };

/** Finds a claim by id (live or a row) near a date of service: the claim a secondary one follows. */
export type RelatedClaimLookup = (claimId: string, dateOfService: string) => Claim | null;

const problem = (claimId: string, code: string, message: string): ClaimInputResult => ({
  ok: false,
  problem: { claimId, code, message },
});

/**
 * The payer's newest adjudication of a claim that no reversal undid: what a secondary claim reports as
 * the primary's payment (2320 AMT*D, CAS; 2430 SVD).
 */
export function lastAdjudication(claim: Claim, payerId: string): AdjudicationPosting | null {
  const reversed = new Set<string>();
  for (const p of claim.postings) if (p.kind === 'reversal') reversed.add(p.reverses);
  for (let i = claim.postings.length - 1; i >= 0; i--) {
    const p = claim.postings[i]!;
    if (p.kind === 'adjudication' && p.payerId === payerId && !reversed.has(p.id)) return p;
  }
  return null;
}

/**
 * Everything `write837p` needs for one claim, from the practice's records: client with policies and
 * subscribers, the billed payer (its EDI id), the rendering provider, the prior authorization number,
 * and for a secondary (or tertiary) claim each payer ahead of it with its adjudication, found by
 * following `relatedClaimId` back to the primary claim. Records are people-written, so each is checked
 * with its schema here; a damaged one keeps this claim out with a message saying what to fix.
 */
export function claimInput(
  raw: Claim,
  ref: SubmissionReference,
  related: RelatedClaimLookup,
): ClaimInputResult {
  const parsed = claimSchema.safeParse(raw);
  if (!parsed.success) {
    return problem(
      raw.id,
      'claim_damaged',
      'Some of this claim’s data is damaged, so it cannot be written to a file — open the claim, check its lines and codes, and save it again.',
    );
  }
  const claim = parsed.data;
  const client = clientSchema.safeParse(ref.clientsById.get(claim.clientId));
  if (!client.success) {
    return problem(
      claim.id,
      'client_record_damaged',
      'The client’s record is missing or incomplete (name, address, date of birth or insurance policies) — open the client, complete it and save it again.',
    );
  }
  const payer = payerSchema.safeParse(ref.payersById.get(claim.payerId));
  if (!payer.success) {
    return problem(
      claim.id,
      'payer_record_damaged',
      'The payer’s record is missing or incomplete (name, payer ID or filing indicator) — fix it in Settings → Payers.',
    );
  }
  const rendering = providerSchema.safeParse(ref.providersById.get(claim.renderingProviderId));
  if (!rendering.success) {
    return problem(
      claim.id,
      'provider_record_damaged',
      'The rendering provider’s record is missing or incomplete (name, NPI or taxonomy) — fix it in Settings → Providers.',
    );
  }
  const authorizationId =
    claim.authorizationId ?? claim.lines.find((l) => l.authorizationId !== null)?.authorizationId ?? null;
  const authorizationNumber =
    authorizationId === null ? null : (ref.authorizationsById.get(authorizationId)?.number ?? null);

  const otherPayers: OtherPayer837P[] = [];
  let follows: Claim = claim;
  for (let rank = claim.policyRank - 1; rank >= 1; rank--) {
    const ahead =
      follows.relatedClaimId === null ? null : related(follows.relatedClaimId, claim.dateOfService);
    const policy = client.data.policies.find((p) => p.rank === rank);
    const aheadParsed = payerSchema.safeParse(policy && ref.payersById.get(policy.payerId));
    const aheadPayer = aheadParsed.success ? aheadParsed.data : undefined;
    const adjudication =
      ahead !== null && ahead.policyRank === rank && aheadPayer !== undefined
        ? lastAdjudication(ahead, aheadPayer.id)
        : null;
    if (adjudication === null || aheadPayer === undefined) {
      const which = rank === 1 ? 'primary' : 'secondary';
      return problem(
        claim.id,
        'other_payer_adjudication_missing',
        `This claim bills the client’s rank-${claim.policyRank} insurance, so the file must carry what the ${which} payer paid — post the ${which} payer’s payment (or its 835) on the ${which} claim first.`,
      );
    }
    otherPayers.push({ rank: rank as 1 | 2, payer: aheadPayer, adjudication });
    follows = ahead!;
  }

  return {
    ok: true,
    input: {
      claim,
      client: client.data,
      payer: payer.data,
      renderingProvider: rendering.data,
      authorizationNumber,
      ...(otherPayers.length > 0 ? { otherPayers } : {}),
    },
  };
}
