import { deriveBalances } from '../balances/deriveBalances.ts';
import type { Actor } from '../domain/actor.ts';
import type { Claim } from '../domain/claim.ts';
import {
  balanceOutstandingRefusal,
  finalRefusal,
  MAX_REASON_LENGTH,
  noChangeRefusal,
  notInTableRefusal,
  readOnlyRefusal,
  reasonRequiredRefusal,
  reasonTooLongRefusal,
  serverOnlyRefusal,
  type TransitionRefusal,
  userOnlyRefusal,
  voidClaimRequiredRefusal,
  wrongSourceRefusal,
} from './refusals.ts';
import type { StatusIntent } from './statusIntent.ts';
import { edgesBetween, type TransitionEdge } from './transitionTable.ts';

/** The parts of a claim a transition's rules look at. */
export type ClaimForCheck = Pick<Claim, 'status' | 'firstSubmittedAt' | 'lines' | 'postings'>;

/**
 * Whether `actor` may apply `intent` to `claim`: null when allowed, else the refusal `transition` would
 * give — the same code and message, because `transition` calls this. Cheap enough to call per selected
 * row: refusals are prebuilt, and balances are derived only for a change to Paid.
 * `reason_required` and `void_claim_required` depend on what the intent carries, so a batch dialog can
 * ask with the reason it will send (or read those two codes as "needs a reason" / "needs a void claim").
 * @example checkTransition(claim, { toStatus: 'Held', reason: 'Verify payer ID' }, biller) // → null
 */
export function checkTransition(
  claim: ClaimForCheck,
  intent: StatusIntent,
  actor: Actor,
): TransitionRefusal | null {
  if (actor.kind === 'user' && actor.role === 'viewer') return readOnlyRefusal;
  const from = claim.status;
  const to = intent.toStatus;
  if (from === to) return noChangeRefusal(to);
  if (from === 'Voided') return finalRefusal;

  const edges = edgesBetween(from, to);
  if (edges.length === 0) return notInTableRefusal(from, to, actor.kind);

  const via = intent.via ?? 'user';
  const edge = findEdge(edges, actor.kind, via);
  if (edge === null) {
    // A person missing a pair the server can take (e.g. Submitted → Paid without Record Payment) is
    // asking for a server fact; otherwise the source named is simply the wrong one for this change.
    const serverMayTake = findEdge(edges, 'server', null) !== null;
    if (actor.kind === 'user')
      return serverMayTake ? serverOnlyRefusal(from, to) : wrongSourceRefusal(from, to, actor.kind, via);
    return serverMayTake ? wrongSourceRefusal(from, to, actor.kind, via) : userOnlyRefusal(from, to);
  }

  const reason = intent.reason;
  switch (edge.requires) {
    case 'reason':
      if (reason === undefined || reason.trim() === '') return reasonRequiredRefusal;
      break;
    case 'void_claim_if_sent':
      if (claim.firstSubmittedAt !== null && !intent.voidClaimId) return voidClaimRequiredRefusal;
      break;
    case 'zero_insurance_balance': {
      const balance = deriveBalances(claim).insuranceBalanceCents;
      if (balance > 0) return balanceOutstandingRefusal(balance);
      break;
    }
    case null:
      break;
  }
  if (reason !== undefined && reason.trim().length > MAX_REASON_LENGTH) return reasonTooLongRefusal;
  return null;
}

// The row this actor may take through `via`; with via null, any row this actor may take at all.
function findEdge(
  edges: readonly TransitionEdge[],
  by: 'user' | 'server',
  via: StatusIntent['via'] | null,
): TransitionEdge | null {
  for (const edge of edges) {
    if (edge.by === by && (via === null || (via !== undefined && edge.via.includes(via)))) return edge;
  }
  return null;
}
