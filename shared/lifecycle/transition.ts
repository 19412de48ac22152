import type { Actor } from '../domain/actor.ts';
import type { Claim } from '../domain/claim.ts';
import type { HistoryEvent } from '../domain/history.ts';
import type { PracticeSettings } from '../domain/practice.ts';
import type { Instant } from '../domain/primitives.ts';
import { checkTransition } from './checkTransition.ts';
import type { TransitionRefusal } from './refusals.ts';
import { appendSettleWriteOffs, settleWriteOffAmounts } from './settleWriteOffs.ts';
import type { StatusIntent } from './statusIntent.ts';

/** Who is asking, when, and the ids the change will use; everything `transition` can't invent itself. */
export interface TransitionContext {
  actor: Actor;
  at: Instant;
  /** Id of the history event this change records. */
  eventId: string;
  /** Settle's write-off postings get ids `${postingIdPrefix}:ins` and `${postingIdPrefix}:pat`. */
  postingIdPrefix: string;
  settings: Pick<PracticeSettings, 'settleWriteOff'>;
}

/** The changed claim and its history event, or the refusal and why. */
export type TransitionResult =
  | { ok: true; claim: Claim; event: HistoryEvent }
  | { ok: false; refusal: TransitionRefusal };

/** Longest `detail` a history event stores. */
const MAX_DETAIL_LENGTH = 500;

/**
 * Apply one status intent to one claim under SPEC §3's table (`transitionTable.ts`). Pure: the input is
 * never mutated; the result is a new claim sharing every array it didn't change.
 * What each target does besides the status:
 * - Held stores the hold reason; leaving Held clears it.
 * - Submitted stamps firstSubmittedAt (once) and lastSubmittedAt, and sets the EDI status to 'sent'.
 * - Denied stores the intent's denial codes; Ready (Resubmit) and Paid (reprocessed) clear them.
 * - Settled appends write-off postings per the practice setting, so those balances become zero.
 * @example transition(claim, { toStatus: 'Held', reason: 'Verify payer ID' }, ctx) // → { ok: true, claim, event }
 */
export function transition(claim: Claim, intent: StatusIntent, ctx: TransitionContext): TransitionResult {
  const refusal = checkTransition(claim, intent, ctx.actor);
  if (refusal !== null) return { ok: false, refusal };

  const from = claim.status;
  const to = intent.toStatus;
  const reason = intent.reason?.trim() || undefined;

  let denialCodes = claim.denialCodes;
  if (to === 'Denied') denialCodes = intent.denialCodes ? intent.denialCodes.slice() : [];
  else if ((to === 'Ready' || to === 'Paid') && denialCodes.length > 0) denialCodes = [];

  let postings = claim.postings;
  let writeOffDetail: string | undefined;
  if (to === 'Settled') {
    const amounts = settleWriteOffAmounts(claim, ctx.settings.settleWriteOff);
    postings = appendSettleWriteOffs(postings, amounts, ctx.at, ctx.postingIdPrefix);
    if (postings !== claim.postings) {
      writeOffDetail = `insuranceWriteOff=${amounts.insuranceCents} patientWriteOff=${amounts.patientCents}`;
    }
  }

  const submitted = to === 'Submitted';
  const next: Claim = {
    ...claim,
    status: to,
    holdReason: to === 'Held' ? (reason ?? null) : null,
    denialCodes,
    postings,
    ediStatus: submitted ? 'sent' : claim.ediStatus,
    firstSubmittedAt: submitted ? (claim.firstSubmittedAt ?? ctx.at) : claim.firstSubmittedAt,
    lastSubmittedAt: submitted ? ctx.at : claim.lastSubmittedAt,
  };

  const event: HistoryEvent = {
    id: ctx.eventId,
    claimId: claim.id,
    at: ctx.at,
    actor: ctx.actor,
    kind: 'status_changed',
    fromStatus: from,
    toStatus: to,
  };
  if (reason !== undefined) event.reason = reason;
  const detail = eventDetail(intent, to, writeOffDetail);
  if (detail !== undefined) event.detail = detail;
  return { ok: true, claim: next, event };
}

// Machine-readable `key=value` pairs for the history: the source of a server fact, what was denied,
// which void claim went out, what Settle wrote off. Undefined when there is nothing to say.
function eventDetail(
  intent: StatusIntent,
  to: Claim['status'],
  writeOff: string | undefined,
): string | undefined {
  let detail = '';
  if (intent.via !== undefined && intent.via !== 'user') detail = `via=${intent.via}`;
  if (to === 'Denied' && intent.denialCodes && intent.denialCodes.length > 0) {
    detail += `${detail ? ' ' : ''}denialCodes=${intent.denialCodes.join(',')}`;
  }
  if (to === 'Voided' && intent.voidClaimId) detail += `${detail ? ' ' : ''}voidClaim=${intent.voidClaimId}`;
  if (writeOff !== undefined) detail += `${detail ? ' ' : ''}${writeOff}`;
  if (detail === '') return undefined;
  return detail.length > MAX_DETAIL_LENGTH ? detail.slice(0, MAX_DETAIL_LENGTH) : detail;
}
