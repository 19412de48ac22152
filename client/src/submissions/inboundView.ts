import type { Role } from '../../../shared/domain/actor.ts';
import { claimSchema } from '../../../shared/domain/claim.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { formatWhen } from './batchView.ts';
import type {
  AckState,
  InboundFile,
  Outcome277,
  Outcome835,
  Outcome999,
  OverdueBatch,
  Payment835,
  PollAnswer,
  ProviderAdjustment,
  RefusedClaim,
  UnmatchedPayment,
  UploadAnswer,
} from './inboundSchemas.ts';
import { claimsText } from './submissionTotals.ts';

/**
 * Files from the clearinghouse (999, 277CA, 835) as the Clearinghouse files panel shows them: state,
 * a one-line summary, and the outcome in words. The server decided everything; this only reads it.
 */

export type InboundTone = 'ok' | 'error' | 'neutral' | 'busy';

/** How often the 72-hour alert asks the server again while the queue is open. */
export const OVERDUE_POLL_MS = 5 * 60_000;
/** How often the open panel reads the list again (the server's own poll, colleagues' uploads). */
export const INBOUND_LIST_POLL_MS = 15_000;

const STATES: Record<string, { label: string; tone: InboundTone }> = {
  processed: { label: 'Processed', tone: 'ok' },
  quarantined: { label: 'Quarantined', tone: 'error' },
  ignored: { label: 'Ignored', tone: 'neutral' },
  received: { label: 'Processing…', tone: 'busy' },
};

/** Processed green, quarantined red, ignored grey; a state this app does not know, as it came. */
export function inboundStateView(state: string): { label: string; tone: InboundTone } {
  return STATES[state] ?? { label: state, tone: 'neutral' };
}

/** '835', '999', '277CA'; a file that is not X12 at all is "Not X12". */
export function kindLabel(kind: string): string {
  return kind === 'unknown' ? 'Not X12' : kind;
}

export function sourceLabel(source: string): string {
  if (source === 'sftp') return 'SFTP';
  if (source === 'upload') return 'Uploaded';
  return source;
}

const ACK_WORD: Record<AckState, string> = {
  accepted: 'accepted',
  partially_accepted: 'partially accepted',
  rejected: 'rejected',
};

const ACK_TEXT: Record<AckState, string> = {
  accepted: 'Accepted by clearinghouse',
  partially_accepted: 'Partially accepted',
  rejected: 'Rejected (999)',
};

/** IK501 / AK501. */
const SET_STATUS: Record<string, string> = {
  A: 'accepted',
  E: 'accepted with errors',
  P: 'partially accepted',
  R: 'rejected',
  M: 'rejected (authentication failed)',
  W: 'rejected (assurance failed)',
  X: 'rejected (content could not be analyzed)',
};

/** BPR04: how the money came. */
const METHOD_SHORT: Record<string, string> = {
  CHK: 'check',
  ACH: 'EFT',
  BOP: 'EFT',
  FWT: 'wire',
  NON: 'no payment',
};
const METHOD_LONG: Record<string, string> = {
  CHK: 'Check (CHK)',
  ACH: 'Electronic funds transfer (ACH)',
  BOP: 'Electronic funds transfer (BOP)',
  FWT: 'Federal wire transfer (FWT)',
  NON: 'No payment (NON)',
};

/** PLB03-1 reason codes (ASC X12 835 provider adjustment reasons), the ones payers send. */
export const PLB_REASONS: Readonly<Record<string, string>> = {
  '50': 'late charge',
  '51': 'interest penalty charge',
  '72': 'authorized return',
  '90': 'early payment allowance',
  AH: 'origination fee',
  AM: 'applied to borrower’s account',
  AP: 'acceleration of benefits',
  B2: 'rebate',
  B3: 'recovery allowance',
  BD: 'bad debt adjustment',
  BN: 'bonus',
  C5: 'temporary allowance',
  CR: 'capitation interest',
  CS: 'adjustment',
  CT: 'capitation payment',
  CV: 'capital passthru',
  E3: 'withholding',
  FB: 'forwarding balance',
  FC: 'fund allocation',
  GO: 'graduate medical education passthru',
  IP: 'incentive premium payment',
  IR: 'IRS withholding',
  IS: 'interim settlement',
  J1: 'nonreimbursable',
  L3: 'penalty',
  L6: 'interest owed',
  LE: 'levy',
  LS: 'lump sum',
  OB: 'offset for affiliated providers',
  PI: 'periodic interim payment',
  PL: 'payment final',
  RA: 'retro-activity adjustment',
  SL: 'student loan repayment',
  TL: 'third party liability',
  WO: 'overpayment recovery',
  WU: 'unspecified recovery',
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** An 835 date (YYYY-MM-DD) for people: "Nov 22, 2026"; anything else as it came. */
export function formatDay(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return ymd;
  // The date is a calendar day, not a moment: formatted in UTC so no time zone moves it.
  return date.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
}

/** "812 bytes", "4.2 KB", "1.5 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "10 posted (8 paid, 2 denied), 3 already posted, 1 unmatched": what became of a payment's claims. */
export function postedText(p: Payment835): string {
  const parts: string[] = [];
  if (p.posted > 0 || (p.alreadyPosted === 0 && p.unmatched.length === 0)) {
    const inner: string[] = [];
    if (p.paid > 0) inner.push(`${p.paid.toLocaleString('en-US')} paid`);
    if (p.denied > 0) inner.push(`${p.denied.toLocaleString('en-US')} denied`);
    const other = p.posted - p.paid - p.denied;
    if (other > 0 && inner.length > 0) inner.push(`${other.toLocaleString('en-US')} status unchanged`);
    parts.push(
      `${p.posted.toLocaleString('en-US')} posted${inner.length > 0 ? ` (${inner.join(', ')})` : ''}`,
    );
  }
  if (p.alreadyPosted > 0) parts.push(`${p.alreadyPosted.toLocaleString('en-US')} already posted`);
  if (p.unmatched.length > 0) parts.push(`${p.unmatched.length.toLocaleString('en-US')} unmatched`);
  return parts.join(', ');
}

/** "check 12345 · $1,234.56 · 10 posted (8 paid, 2 denied), 1 unmatched" */
export function paymentHeadline(p: Payment835): string {
  const method = METHOD_SHORT[p.method] ?? p.method;
  return `${method} ${p.trace} · ${formatCents(p.totalCents)} · ${postedText(p)}`;
}

function summary999(o: Outcome999): string {
  if (o.groups.length === 0) return 'acknowledges no group';
  return o.groups
    .map((g) => {
      const who =
        g.batchId === null ? `group ${g.groupControlNumber} (not sent from ClaimGrid)` : `batch ${g.batchId}`;
      const denied = g.claimsRejected > 0 ? ` — ${claimsText(g.claimsRejected)} Denied` : '';
      return `${who} ${ACK_WORD[g.ackState]}${denied}`;
    })
    .join('; ');
}

function summary277(o: Outcome277): string {
  const unknown =
    o.unknownClaims.length > 0 ? `, ${plural(o.unknownClaims.length, 'claim')} not in this practice` : '';
  return `${claimsText(o.claims)}: ${o.accepted.toLocaleString('en-US')} accepted, ${o.rejected.toLocaleString('en-US')} rejected${unknown}`;
}

function summary835(o: Outcome835): string {
  if (o.payments.length === 0) return 'no payments';
  return o.payments.map(paymentHeadline).join('; ');
}

/**
 * The file in one line: "999 · batch B… accepted", "277CA · 12 claims: 11 accepted, 1 rejected",
 * "835 · check 12345 · $1,234.56 · 10 posted (8 paid, 2 denied), 1 unmatched". A quarantined file's
 * problem is shown in full beside it, not squeezed in here.
 */
export function inboundSummary(file: InboundFile): string {
  const kind = kindLabel(file.kind);
  if (file.state === 'quarantined') return `${kind} · quarantined, nothing posted`;
  if (file.state === 'received') return `${kind} · waiting to be processed`;
  const o = file.outcome;
  if (o === null) return kind;
  switch (o.kind) {
    case '999':
      return `999 · ${summary999(o)}`;
    case '277CA':
      return `277CA · ${summary277(o)}`;
    case '835':
      return `835 · ${summary835(o)}`;
    case 'note':
      return `${kind} · ${o.note}`;
    case 'unreadable':
      return `${kind} · processed (this version of the app cannot show the details; download the file)`;
  }
}

export interface DetailFact {
  label: string;
  value: string;
}

export interface DetailList {
  /** Stable key for tests and styling: 'plb', 'unmatched', 'sets', 'unknown', 'refused'. */
  key: string;
  title: string;
  lines: string[];
}

/** One part of the outcome: a functional group, the 277CA's claims, one payment. */
export interface DetailBlock {
  title: string;
  facts: DetailFact[];
  lists: DetailList[];
}

export interface InboundDetailView {
  title: string;
  state: { label: string; tone: InboundTone };
  facts: DetailFact[];
  /** Why an ignored file was kept but not acted on. */
  note: string | null;
  blocks: DetailBlock[];
}

function refusedList(refused: readonly RefusedClaim[]): DetailList[] {
  if (refused.length === 0) return [];
  return [
    {
      key: 'refused',
      title: 'Changes not made (the claim had moved on)',
      lines: refused.map((r) => `${r.claimId}: ${r.message}`),
    },
  ];
}

function blocks999(o: Outcome999): DetailBlock[] {
  return o.groups.map((g) => ({
    title: `Functional group ${g.groupControlNumber}`,
    facts: [
      {
        label: 'Batch',
        value: g.batchId ?? 'None: ClaimGrid did not send this group, so nothing was changed',
      },
      { label: 'Verdict', value: ACK_TEXT[g.ackState] },
      { label: 'Claims Denied', value: g.claimsRejected.toLocaleString('en-US') },
    ],
    lists: [
      ...(g.transactions.length > 0
        ? [
            {
              key: 'sets',
              title: 'Transaction sets',
              lines: g.transactions.map(
                (t) =>
                  `Set ${t.controlNumber}: ${SET_STATUS[t.status] ?? `status ${t.status}`}` +
                  (t.errors > 0 ? ` (${plural(t.errors, 'segment error')})` : ''),
              ),
            },
          ]
        : []),
      ...refusedList(g.refused),
    ],
  }));
}

function blocks277(o: Outcome277): DetailBlock[] {
  return [
    {
      title: 'Claim acknowledgments',
      facts: [
        { label: 'Claims in the file', value: o.claims.toLocaleString('en-US') },
        { label: 'Accepted', value: o.accepted.toLocaleString('en-US') },
        { label: 'Rejected (now Denied, with the message)', value: o.rejected.toLocaleString('en-US') },
        { label: 'Claims updated', value: o.changed.toLocaleString('en-US') },
        { label: 'Already up to date', value: o.unchanged.toLocaleString('en-US') },
      ],
      lists: [
        ...(o.unknownClaims.length > 0
          ? [
              {
                key: 'unknown',
                title: 'Not claims of this practice (nothing changed)',
                lines: [...o.unknownClaims],
              },
            ]
          : []),
        ...refusedList(o.refused),
      ],
    },
  ];
}

/** "WO overpayment recovery (ref 1234): $50.00 taken from the payment" */
export function providerAdjustmentText(a: ProviderAdjustment): string {
  const name = PLB_REASONS[a.reason];
  const ref = a.reference ? ` (ref ${a.reference})` : '';
  const effect = a.amountCents >= 0 ? 'taken from the payment' : 'added to the payment';
  return `${a.reason}${name ? ` ${name}` : ''}${ref}: ${formatCents(Math.abs(a.amountCents))} ${effect}`;
}

/** "Claim payment 3, patient control number C…, $12.34: <why>" */
export function unmatchedText(u: UnmatchedPayment): string {
  const base = `Claim payment ${u.index + 1}, patient control number ${u.patientControlNumber}, ${formatCents(u.paidCents)}`;
  return u.matchedClaimId
    ? `${base}: matched by hand and posted on claim ${u.matchedClaimId}`
    : `${base}: ${u.reason}`;
}

/** The claim id a person typed for an unmatched payment, trimmed and upper-cased; null when it can't be one. */
export function typedClaimId(text: string): string | null {
  const id = text.trim().toUpperCase();
  return claimSchema.shape.id.safeParse(id).success ? id : null;
}

function payerText(p: Payment835, payerNames: ReadonlyMap<string, string>): string {
  if (p.payerId === null)
    return `${p.payerName}: no payer of this practice matches, so its claim payments wait for a person`;
  const ours = payerNames.get(p.payerId);
  return ours && ours.trim().toUpperCase() !== p.payerName.trim().toUpperCase()
    ? `${p.payerName} (${ours})`
    : p.payerName;
}

function blocks835(o: Outcome835, payerNames: ReadonlyMap<string, string>): DetailBlock[] {
  return o.payments.map((p) => ({
    title: `Payment ${p.trace}`,
    facts: [
      { label: 'Payer', value: payerText(p, payerNames) },
      { label: 'Trace number', value: p.trace },
      { label: 'Method', value: METHOD_LONG[p.method] ?? p.method },
      { label: 'Date', value: formatDay(p.date) },
      { label: 'Total paid', value: formatCents(p.totalCents) },
      { label: 'Claim payments', value: `${p.claims.toLocaleString('en-US')}: ${postedText(p)}` },
    ],
    lists: [
      ...(p.providerAdjustments.length > 0
        ? [
            {
              key: 'plb',
              title: 'Provider adjustments (PLB)',
              lines: p.providerAdjustments.map(providerAdjustmentText),
            },
          ]
        : []),
      ...(p.unmatched.length > 0
        ? [
            {
              key: 'unmatched',
              title: 'Claim payments not posted, for a person to match',
              lines: p.unmatched.map(unmatchedText),
            },
          ]
        : []),
    ],
  }));
}

/** The file's outcome in words, for the detail shown when a file is picked. */
export function inboundDetail(
  file: InboundFile,
  options: { payerNames?: ReadonlyMap<string, string>; timeZone?: string } = {},
): InboundDetailView {
  const facts: DetailFact[] = [
    { label: 'File', value: file.name },
    {
      label: 'Received',
      value: `${formatWhen(file.receivedAt, options.timeZone)} · ${file.source === 'upload' ? 'uploaded by hand' : 'fetched from the clearinghouse (SFTP)'}`,
    },
    { label: 'Size', value: formatSize(file.size) },
  ];
  if (file.processedAt)
    facts.push({ label: 'Processed', value: formatWhen(file.processedAt, options.timeZone) });
  const o = file.outcome;
  let blocks: DetailBlock[] = [];
  if (file.state === 'processed' && o !== null) {
    if (o.kind === '999') blocks = blocks999(o);
    else if (o.kind === '277CA') blocks = blocks277(o);
    else if (o.kind === '835') blocks = blocks835(o, options.payerNames ?? new Map());
  }
  return {
    title: `${kindLabel(file.kind)} · ${file.name}`,
    state: inboundStateView(file.state),
    facts,
    note:
      o?.kind === 'note'
        ? o.note
        : o?.kind === 'unreadable'
          ? 'This version of the app cannot show what the file did; download it to read it.'
          : null,
    blocks,
  };
}

export interface InboundRow {
  hash: string;
  name: string;
  kind: string;
  source: string;
  received: string;
  state: string;
  stateLabel: string;
  tone: InboundTone;
  summary: string;
  /** A quarantined file's problem, in full. */
  problem: string | null;
}

/** The list, one row a file, newest first (as the server sends them). */
export function inboundRows(files: readonly InboundFile[], timeZone?: string): InboundRow[] {
  return files.map((f) => {
    const state = inboundStateView(f.state);
    return {
      hash: f.hash,
      name: f.name,
      kind: kindLabel(f.kind),
      source: sourceLabel(f.source),
      received: formatWhen(f.receivedAt, timeZone),
      state: f.state,
      stateLabel: state.label,
      tone: state.tone,
      summary: inboundSummary(f),
      problem: f.state === 'quarantined' ? (f.problem ?? 'This file could not be processed.') : null,
    };
  });
}

/** Files just fetched or uploaded put into the list: one entry a hash (the newer record wins), newest first. */
export function mergeFiles(list: readonly InboundFile[], incoming: readonly InboundFile[]): InboundFile[] {
  const byHash = new Map<string, InboundFile>();
  for (const f of [...incoming, ...list]) if (!byHash.has(f.hash)) byHash.set(f.hash, f);
  return [...byHash.values()].sort((a, b) =>
    a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0,
  );
}

/** What "Check for files now" found, in a sentence. */
export function pollResultText(answer: PollAnswer): string {
  const n = answer.files.length;
  let text: string;
  if (n === 0) text = 'No new files from the clearinghouse.';
  else {
    const kinds = answer.files.map((f) => kindLabel(f.kind)).join(', ');
    text = `${plural(n, 'new file')} from the clearinghouse: ${kinds}.`;
    const quarantined = answer.files.filter((f) => f.state === 'quarantined').length;
    if (quarantined > 0) text += ` ${plural(quarantined, 'file was', 'files were')} quarantined: see below.`;
  }
  if (answer.skipped.length > 0) {
    text += ` ${plural(answer.skipped.length, 'file was', 'files were')} not taken: ${answer.skipped
      .map((s) => `${s.name} (${s.reason})`)
      .join('; ')}.`;
  }
  return text;
}

/** What an upload did, in a sentence, and its tone. */
export function uploadResultText(
  answer: UploadAnswer,
  uploadedName: string,
): { text: string; tone: InboundTone } {
  const f = answer.file;
  if (answer.alreadyReceived) {
    const as = f.name === uploadedName ? '' : ` as ${f.name}`;
    return {
      text: `${uploadedName}: already received${as} ${formatWhen(f.receivedAt)} — nothing posted twice.`,
      tone: 'neutral',
    };
  }
  // The problem itself is shown in full with the file in the list.
  if (f.state === 'quarantined')
    return {
      text: `${uploadedName}: quarantined, nothing posted. Why is shown with the file below.`,
      tone: 'error',
    };
  if (f.state === 'ignored')
    return {
      text: `${uploadedName}: kept but not acted on.${f.outcome?.kind === 'note' ? ` ${f.outcome.note}` : ''}`,
      tone: 'neutral',
    };
  return { text: `${uploadedName}: received and processed. ${inboundSummary(f)}.`, tone: 'ok' };
}

export const INBOUND_VIEWER_REASON =
  'Read-only: viewers can see received files but not fetch or upload them.';
export const INBOUND_OFFLINE_REASON =
  'Checking for files and uploading need the ClaimGrid server: only the server talks to the clearinghouse and posts payments. Reconnect to fetch or upload files.';

/** "Check for files now" and "Upload": for billers and admins, online, one at a time. */
export function inboundActions(ctx: { role: Role; online: boolean; busy: boolean }): {
  show: boolean;
  enabled: boolean;
  reason: string | null;
} {
  if (ctx.role === 'viewer') return { show: false, enabled: false, reason: INBOUND_VIEWER_REASON };
  if (!ctx.online) return { show: true, enabled: false, reason: INBOUND_OFFLINE_REASON };
  return { show: true, enabled: !ctx.busy, reason: null };
}

/**
 * The 72-hour alert (seed 001): null when every sent batch has its 999. "1 submission batch sent more
 * than 72 hours ago has no acknowledgment…" / "3 submission batches … have …".
 */
export function overdueText(overdue: readonly OverdueBatch[]): string | null {
  const n = overdue.length;
  if (n === 0) return null;
  return (
    `${plural(n, 'submission batch', 'submission batches')} sent more than 72 hours ago ${n === 1 ? 'has' : 'have'} ` +
    'no acknowledgment from the clearinghouse — check with the clearinghouse or send again.'
  );
}

/** The overdue batches by file name and when they went, for the alert's tooltip (no patient data). */
export function overdueDetail(overdue: readonly OverdueBatch[], timeZone?: string): string {
  return overdue
    .map((b) => `${b.fileName}: ${claimsText(b.claimCount)}, sent ${formatWhen(b.uploadedAt, timeZone)}`)
    .join('\n');
}
