import type { IsoDate } from '../domain/primitives.ts';
import { payerLabel, policyName } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isIsoDate } from './isoDate.ts';
import { isNonBlankString, isRecord, type Loose } from './read.ts';
import type { ScrubContext } from './scrubContext.ts';

const WHERE = "on the client's Insurance tab";

/**
 * The policy the claim bills (client.policies[policyRank − 1]): the client is on file, the policy exists,
 * is with the claim's payer, has a member ID, and covers every date of service on the claim.
 */
export function checkPolicy(
  claim: Loose,
  ctx: ScrubContext,
  payer: Loose | undefined,
  earliest: IsoDate | null,
  latest: IsoDate | null,
  out: ScrubFinding[],
): void {
  const clientId = claim.clientId;
  const client: unknown = typeof clientId === 'string' ? ctx.clientsById.get(clientId) : undefined;
  if (!isRecord(client)) {
    out.push(
      finding(
        'client_missing',
        'error',
        "The claim's client is not on file — the claim cannot be billed; regenerate it from its session note.",
        'clientId',
      ),
    );
    return;
  }
  const rank = claim.policyRank;
  if (rank !== 1 && rank !== 2 && rank !== 3) {
    out.push(
      finding(
        'policy_missing',
        'error',
        "The claim does not say which of the client's policies it bills — set it to the primary or secondary insurance.",
        'policyRank',
      ),
    );
    return;
  }
  const policies = client.policies;
  const policy: unknown = Array.isArray(policies) ? policies[rank - 1] : undefined;
  const name = policyName(rank);
  if (!isRecord(policy)) {
    out.push(
      finding(
        'policy_missing',
        'error',
        `The client has no ${name} insurance on file — add it ${WHERE}, or bill the policy the client does have.`,
        'policyRank',
      ),
    );
    return;
  }
  // An unknown payer is already reported by checkPayer; a second finding about it would only add noise.
  if (payer !== undefined && policy.payerId !== claim.payerId) {
    out.push(
      finding(
        'policy_payer_mismatch',
        'error',
        `The client's ${name} insurance is with a different payer than this claim's (${payerLabel(payer)}) — update the insurance ${WHERE}, then regenerate the claim.`,
        'payerId',
      ),
    );
  }
  if (!isNonBlankString(policy.memberId)) {
    out.push(
      finding(
        'member_id_missing',
        'error',
        `Member ID is missing on the client's ${name} insurance — enter it ${WHERE} (it is on the insurance card).`,
        'memberId',
      ),
    );
  }
  checkCoverageDates(policy, name, earliest, latest, out);
}

function checkCoverageDates(
  policy: Loose,
  name: string,
  earliest: IsoDate | null,
  latest: IsoDate | null,
  out: ScrubFinding[],
): void {
  // Without a readable date of service there is nothing to compare; that is reported by checkDatesOfService.
  if (earliest === null || latest === null) return;
  const from = policy.effectiveFrom;
  const to = policy.effectiveTo;
  let message: string | null = null;
  if (!isIsoDate(from) || (to !== undefined && to !== null && !isIsoDate(to))) {
    message = `The client's ${name} insurance has no valid coverage dates — enter its effective dates ${WHERE}.`;
  } else if (earliest < from) {
    message = `The client's ${name} insurance starts on ${from}, after the date of service ${earliest} — check the coverage dates ${WHERE}, or bill the insurance that covered that date.`;
  } else if (isIsoDate(to) && latest > to) {
    message = `The client's ${name} insurance ended on ${to}, before the date of service ${latest} — check the coverage dates ${WHERE}, or bill the insurance that covered that date.`;
  }
  if (message !== null) out.push(finding('policy_not_effective', 'error', message, 'policyRank'));
}
