import type { Role } from '../../../shared/domain/actor.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { ALL_PAYERS } from './planView.ts';
import type { BatchState, BatchSummary } from './submissionSchemas.ts';
import { claimsText, payerNameOf } from './submissionTotals.ts';

/**
 * A submission batch as the screen shows it: its state in words (what happened, what to do next) and
 * which actions the person may take now. The server decides every state; this only reads it.
 */

export type Tone = 'neutral' | 'busy' | 'ok' | 'error';

export interface BatchStateView {
  label: string;
  tone: Tone;
  /** What happened, one sentence. */
  message: string;
  /** What to do now, when there is something to do. */
  todo: string | null;
}

const LABELS: Record<BatchState, string> = {
  generated: 'Generated',
  uploading: 'Sending…',
  uploaded: 'Uploaded',
  failed: 'Failed',
  marked_uploaded: 'Marked uploaded',
};

const TONES: Record<BatchState, Tone> = {
  generated: 'neutral',
  uploading: 'busy',
  uploaded: 'ok',
  failed: 'error',
  marked_uploaded: 'ok',
};

export function stateLabel(state: BatchState): string {
  return LABELS[state];
}

/**
 * A moment for people, in the browser's time zone (`timeZone` for tests): "Nov 22, 2026, 3:04 PM".
 * An unreadable value is shown as it is rather than as "Invalid Date".
 */
export function formatWhen(iso: string | null, timeZone?: string): string {
  if (iso === null) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
}

/** A sent batch's 999 verdict as a badge; 'awaiting' while no 999 has come back. */
export interface AckVerdict {
  state: 'accepted' | 'partially_accepted' | 'rejected' | 'awaiting';
  label: string;
  tone: Tone;
}

const ACK: Record<AckVerdict['state'], { label: string; tone: Tone }> = {
  accepted: { label: 'Accepted by clearinghouse', tone: 'ok' },
  partially_accepted: { label: 'Partially accepted', tone: 'error' },
  rejected: { label: 'Rejected (999)', tone: 'error' },
  // Blue, like seed 002's "being processed by the clearinghouse".
  awaiting: { label: 'Awaiting acknowledgment', tone: 'busy' },
};

/**
 * The clearinghouse's verdict on a batch (its 999), null for a batch not sent yet, or from a server
 * that does not report verdicts (the field absent, not null).
 */
export function ackVerdict(batch: Pick<BatchSummary, 'state' | 'ackState'>): AckVerdict | null {
  if (batch.ackState === undefined) return null;
  if (batch.ackState !== null) return { state: batch.ackState, ...ACK[batch.ackState] };
  const sent = batch.state === 'uploaded' || batch.state === 'marked_uploaded';
  return sent ? { state: 'awaiting', ...ACK.awaiting } : null;
}

/** The verdict in a sentence for the batch's detail, and what to do about a rejection. */
function ackSentence(
  batch: BatchSummary,
  timeZone: string | undefined,
): { text: string; todo: string | null } | null {
  const verdict = ackVerdict(batch);
  if (verdict === null) return null;
  const when = batch.acknowledgedAt ? ` ${formatWhen(batch.acknowledgedAt, timeZone)}` : '';
  const fix = 'Open the Denied tab to see why, correct the claims and submit them again.';
  switch (verdict.state) {
    case 'accepted':
      return { text: `Accepted by the clearinghouse (999)${when}.`, todo: null };
    case 'partially_accepted':
      return {
        text: `Partially accepted by the clearinghouse (999)${when}: the claims of the rejected transaction sets are Denied with the errors.`,
        todo: fix,
      };
    case 'rejected':
      return {
        text: `Rejected by the clearinghouse (999)${when}: its claims are Denied with the errors.`,
        todo: fix,
      };
    case 'awaiting':
      return { text: 'Awaiting the clearinghouse’s acknowledgment (999).', todo: null };
  }
}

export function batchStateView(batch: BatchSummary, timeZone?: string): BatchStateView {
  const view = sentStateView(batch, timeZone);
  const ack = ackSentence(batch, timeZone);
  return ack ? { ...view, message: `${view.message} ${ack.text}`, todo: ack.todo ?? view.todo } : view;
}

function sentStateView(batch: BatchSummary, timeZone?: string): BatchStateView {
  const claims = claimsText(batch.claimCount);
  const are = batch.claimCount === 1 ? 'is' : 'are';
  switch (batch.state) {
    case 'generated':
      return {
        label: LABELS.generated,
        tone: 'neutral',
        message: `The file is made; nothing has been sent. Its ${claims} ${are} still Ready.`,
        todo: 'Submit sends it to the clearinghouse. Or Download .x12, upload it yourself, then Mark uploaded.',
      };
    case 'uploading':
      return {
        label: LABELS.uploading,
        tone: 'busy',
        message: 'The file is being sent to the clearinghouse now.',
        todo: 'Wait for the result; this page updates by itself.',
      };
    case 'uploaded':
      return {
        label: LABELS.uploaded,
        tone: 'ok',
        message: `Sent to the clearinghouse ${formatWhen(batch.uploadedAt, timeZone)}. Its ${claims} ${are} Submitted.`,
        todo: null,
      };
    case 'marked_uploaded':
      return {
        label: LABELS.marked_uploaded,
        tone: 'ok',
        message: `Recorded as uploaded by hand ${formatWhen(batch.uploadedAt, timeZone)}. Its ${claims} ${are} Submitted.`,
        todo: null,
      };
    case 'failed':
      return {
        label: LABELS.failed,
        tone: 'error',
        message: batch.lastError ?? 'The file could not be sent.',
        todo: `Nothing was sent and the ${claims} ${are} still Ready. Fix the problem and Submit again (a file that already arrived is never sent twice), or Download .x12, upload it yourself, then Mark uploaded.`,
      };
  }
}

export interface BatchActions {
  submit: boolean;
  markUploaded: boolean;
  download: boolean;
  /** Why Submit and Mark uploaded are not offered, when they are not (null when they are). */
  reason: string | null;
}

export const OFFLINE_REASON =
  'Submissions need the ClaimGrid server: only the server talks to the clearinghouse. Reconnect to make or send a batch.';
export const VIEWER_REASON = 'Read-only: viewers can see batches but not make or send them.';

/** The buttons a batch offers this person now. Viewers get none; offline nothing can be sent. */
export function batchActions(
  batch: Pick<BatchSummary, 'state'>,
  ctx: { role: Role; online: boolean; busy: boolean },
): BatchActions {
  if (ctx.role === 'viewer')
    return { submit: false, markUploaded: false, download: false, reason: VIEWER_REASON };
  const sendable = batch.state === 'generated' || batch.state === 'failed';
  if (!ctx.online) return { submit: false, markUploaded: false, download: false, reason: OFFLINE_REASON };
  if (batch.state === 'uploading' || ctx.busy) {
    return { submit: false, markUploaded: false, download: true, reason: 'The file is being sent now.' };
  }
  return {
    submit: sendable,
    markUploaded: sendable,
    download: true,
    reason: sendable ? null : 'This batch has been sent; it cannot be sent again.',
  };
}

/**
 * Whether the server can be reached for submissions. The browser's word wins when it says offline; the
 * sync connection being up says yes; while it is still connecting (or one month's document is down), a
 * submission call that just got an answer says yes too, so the screen does not flash "offline" at login.
 */
export function serverReachable(s: {
  browserOnline: boolean;
  syncOnline: boolean;
  lastCall: 'ok' | 'offline' | null;
}): boolean {
  if (!s.browserOnline) return false;
  return s.syncOnline || s.lastCall === 'ok';
}

/** Whether "New submission" is offered, and why not. */
export function canStartSubmission(ctx: { role: Role; online: boolean }): {
  ok: boolean;
  reason: string | null;
} {
  if (ctx.role === 'viewer') return { ok: false, reason: VIEWER_REASON };
  if (!ctx.online) return { ok: false, reason: OFFLINE_REASON };
  return { ok: true, reason: null };
}

export interface BatchListRow {
  id: string;
  created: string;
  payer: string;
  claims: string;
  total: string;
  fileName: string;
  state: BatchState;
  stateLabel: string;
  tone: Tone;
  /** The failure, shown under the state in the list. */
  problem: string | null;
  /** The 999 verdict of a sent batch (absent when the server does not report one). */
  ack?: AckVerdict;
}

export function payerLabel(payer: string, payerNames: ReadonlyMap<string, string>): string {
  return payer === ALL_PAYERS ? 'All EDI payers' : payerNameOf(payerNames, payer);
}

/** The recent-batches list, one row a batch (the server sends newest first). */
export function batchListRows(
  batches: readonly BatchSummary[],
  payerNames: ReadonlyMap<string, string>,
  timeZone?: string,
): BatchListRow[] {
  return batches.map((b) => ({
    id: b.id,
    created: formatWhen(b.createdAt, timeZone),
    payer: payerLabel(b.payer, payerNames),
    claims: claimsText(b.claimCount),
    total: formatCents(b.totalChargeCents),
    fileName: b.fileName,
    state: b.state,
    stateLabel: LABELS[b.state],
    tone: TONES[b.state],
    problem: b.state === 'failed' ? b.lastError : null,
    ack: ackVerdict(b) ?? undefined,
  }));
}
