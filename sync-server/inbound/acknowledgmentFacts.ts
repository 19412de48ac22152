import type { Claim } from '../../shared/domain/claim.ts';
import type { EdiStatus } from '../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import { defaultPracticeSettings } from '../../shared/domain/practice.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import { elementErrorText, segmentErrorText, statusCodeText } from '../../shared/x12/ack/ackCodeText.ts';
import type { ClaimFact, ClaimFactResult } from '../authority/claimFacts.ts';

/** One 999 error as the reader gives it (IK3 with its IK4, flattened). */
export interface AckError {
  segment: string;
  position: number | null;
  element: string | null;
  code: string;
}

/** Where a file's facts come from: its content hash (for event ids) and when it was processed. */
export interface FactSource {
  fileHash: string;
  at: string;
}

/** IK501 / AK901 codes that reject: R rejected, M/W/X rejected for security reasons. */
export function isRejectedAckCode(code: string): boolean {
  return code === 'R' || code === 'M' || code === 'W' || code === 'X';
}

/** The reason a biller reads for a transaction set the clearinghouse rejected. */
export function rejectedSetReason(controlNumber: string, errors: readonly AckError[]): string {
  const what = errors
    .slice(0, 3)
    .map((e) =>
      e.element === null
        ? segmentErrorText(e.segment, e.position, e.code)
        : `${e.segment}${e.position === null ? '' : ` (segment ${e.position})`} ${elementErrorText(e.element, e.code)}`,
    );
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  const found = what.length > 0 ? `: ${what.join('; ')}${more}` : '';
  return (
    `The clearinghouse rejected the file's transaction set ${controlNumber} before it reached the payer (999)${found}. ` +
    'Fix the claim and Resubmit it.'
  ).slice(0, 500);
}

const eventId = (source: FactSource, claimId: string, what: string) =>
  `edi:${source.fileHash.slice(0, 16)}:${what}:${claimId}`;

function ediEvent(
  claim: Claim,
  source: FactSource,
  what: '999' | '277CA',
  to: EdiStatus,
  extra: { codes?: readonly string[]; icn?: string | null; trace?: string | null; reason?: string },
): HistoryEvent {
  const detail = [`source=${what}`, `edi=${to}`, `from=${claim.ediStatus}`];
  if (extra.codes && extra.codes.length > 0) detail.push(`codes=${extra.codes.join(',')}`);
  if (extra.icn) detail.push(`icn=${extra.icn}`);
  // The clearinghouse's own number for the claim (277CA REF*D9), what its support desk asks for.
  if (extra.trace && /^[A-Za-z0-9-]{1,50}$/.test(extra.trace)) detail.push(`trace=${extra.trace}`);
  return {
    id: eventId(source, claim.id, what),
    claimId: claim.id,
    at: source.at,
    actor: { kind: 'server' },
    kind: 'edi_status_changed',
    detail: detail.join(' ').slice(0, 500),
    ...(extra.reason ? { reason: extra.reason.slice(0, 500) } : {}),
  };
}

/**
 * A rejection before adjudication (999 transaction set, or 277CA claim): the EDI status turns red and a
 * Submitted claim becomes Denied with the reason, so it shows up in the Denied tab for a fix. A claim
 * already past Submitted (paid meanwhile) keeps its status; the rejection is still recorded.
 */
export function rejectionFact(
  claimId: string,
  source: FactSource,
  what: '999' | '277CA',
  rejected: Extract<EdiStatus, 'rejected_clearinghouse' | 'rejected_payer'>,
  reason: string,
  codes: readonly string[] = [],
  trace: string | null = null,
): ClaimFact {
  return {
    claimId,
    decide(claim): ClaimFactResult {
      if (claim.ediStatus === rejected && claim.status !== 'Submitted') return { ok: true, unchanged: true };
      const edi = ediEvent(claim, source, what, rejected, { codes, reason, trace });
      let after: Claim = { ...claim, ediStatus: rejected };
      const events: HistoryEvent[] = [edi];
      if (claim.status === 'Submitted') {
        const id = eventId(source, claimId, `${what}-denied`);
        const result = transition(
          claim,
          { toStatus: 'Denied', via: 'acknowledgment', reason, denialCodes: codes.slice(0, 50) },
          {
            actor: { kind: 'server' },
            at: source.at,
            eventId: id,
            postingIdPrefix: id,
            settings: defaultPracticeSettings,
          },
        );
        if (!result.ok) return { ok: false, code: result.refusal.code, message: result.refusal.message };
        after = { ...result.claim, ediStatus: rejected };
        events.push(result.event);
      }
      return { ok: true, claim: after, events };
    },
  };
}

/** An acceptance (277CA): the EDI status turns green and the payer's claim number is kept. */
export function acceptanceFact(
  claimId: string,
  source: FactSource,
  accepted: Extract<EdiStatus, 'accepted_clearinghouse' | 'accepted_payer'>,
  payerClaimControlNumber: string | null,
  codes: readonly string[],
  message: string,
  trace: string | null = null,
): ClaimFact {
  return {
    claimId,
    decide(claim): ClaimFactResult {
      const icn = payerClaimControlNumber ?? claim.payerClaimControlNumber;
      // Only forward: a 277CA arriving after the 835 must not turn a paid claim's status back.
      const rank = (s: EdiStatus) => (s === 'accepted_payer' ? 2 : s === 'accepted_clearinghouse' ? 1 : 0);
      const keep = rank(claim.ediStatus) >= rank(accepted);
      if (keep && icn === claim.payerClaimControlNumber) return { ok: true, unchanged: true };
      const to = keep ? claim.ediStatus : accepted;
      return {
        ok: true,
        claim: { ...claim, ediStatus: to, payerClaimControlNumber: icn },
        events: [ediEvent(claim, source, '277CA', to, { codes, icn, trace, reason: message })],
      };
    },
  };
}

/**
 * The EDI status a 277CA claim status means. A 277CA from the payer (2100A NM1*PR) or a status naming
 * the payer as the entity (STC01-3 PR) is the payer's word, otherwise the clearinghouse's; an A2
 * (accepted into the payer's adjudication system) is the payer's acceptance.
 */
export function ediStatusOf277(
  sourceEntity: string | null,
  statusCodes: readonly string[],
  rejected: boolean,
): EdiStatus {
  const parts = statusCodes.map((c) => c.split(':'));
  const byPayer = sourceEntity === 'PR' || parts.some((p) => p[2] === 'PR');
  if (rejected) return byPayer ? 'rejected_payer' : 'rejected_clearinghouse';
  return byPayer || parts.some((p) => p[0] === 'A2') ? 'accepted_payer' : 'accepted_clearinghouse';
}

/** The reason of a 277CA rejection: the clearinghouse's message when it sent one, else its codes in words. */
export function rejection277Reason(statusCodes: readonly string[], message: string | null): string {
  const codes = statusCodes.map(statusCodeText).join('; ');
  const said = message?.trim() ? `${message.trim()} (${statusCodes.join(', ')})` : codes;
  return `Rejected before adjudication (277CA): ${said}. Fix the claim and Resubmit it.`.slice(0, 500);
}
