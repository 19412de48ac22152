import type { Claim } from '../../../shared/domain/claim.ts';
import { type EdiStatus, ediStatuses } from '../../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { AdjudicationPosting, Posting } from '../../../shared/domain/posting.ts';
import type { Instant } from '../../../shared/domain/primitives.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { type EdiTone, ediStatusDisplay } from './ediStatusDisplay.ts';

/** What the popover and the claim detail say when a claim has no electronic messages yet. */
export const NO_EDI_MESSAGES = 'No clearinghouse messages yet';

/**
 * One electronic message about a claim (seed 002's "Full Electronic Claim Status"): the submission,
 * a 999/277CA acknowledgment, a payer's adjudication or reversal.
 */
export interface EdiHistoryItem {
  id: string;
  at: Instant;
  /** `at` for people, e.g. "Mar 2, 2026, 3:04 PM". */
  time: string;
  /** Who sent it: "ClaimGrid", "Clearinghouse · 277CA", "Payer · 835"… */
  source: string;
  title: string;
  /** Details: amounts, the clearinghouse's message; '' when there is nothing more to say. */
  text: string;
  /** CARC/RARC or STC codes the message carries. */
  codes: string[];
  /** Colour family (same as the badge): red rejected, blue in process, green accepted. */
  tone: EdiTone;
  /** CSS class for the tone, the badge's own: `edi-rejected`, `edi-progress`, `edi-accepted`, `edi-none`. */
  toneClass: `edi-${EdiTone}`;
}

/** Where times are shown and how names are resolved. */
export interface EdiHistoryOptions {
  /** IANA time zone for `time` (tests pin one); the device's own by default. */
  timeZone?: string;
  /** Payer names by internal id, for adjudications. */
  payers?: ReadonlyMap<string, string>;
}

/**
 * `key=value key=value` detail of a history event as a record. The convention of `transition`
 * (`via=remittance denialCodes=CO-197,N54`) and of the EDI events:
 * `edi_status_changed` carries `source=999|277CA|835`, `edi=<EdiStatus>` (the new status; `to=` is
 * read too), optionally `from=<EdiStatus>`, `codes=A7:21,A3:116` (STC codes), `icn=…`, `batch=…`,
 * and the clearinghouse's message text in the event's `reason`.
 */
export function parseDetail(detail: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!detail) return out;
  for (const token of detail.split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) out[token.slice(0, eq)] = token.slice(eq + 1);
  }
  return out;
}

/** The comma-separated list of a detail value, e.g. `CO-197,N54` → ['CO-197', 'N54']. */
export function detailList(value: string | undefined): string[] {
  return value ? value.split(',').filter((s) => s !== '') : [];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant for people in `timeZone` (the device's by default); the raw text when it isn't one. */
export function formatInstant(at: Instant, timeZone?: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (f === undefined) {
    // Built once per zone: a formatter costs far more than a format call.
    f = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    });
    formatters.set(key, f);
  }
  return f.format(ms);
}

const EDI_STATUSES = new Set<string>(ediStatuses);

/** The EDI status a detail value names, or null. */
export function asEdiStatus(value: string | undefined): EdiStatus | null {
  return value !== undefined && EDI_STATUSES.has(value) ? (value as EdiStatus) : null;
}

/** Who an EDI status comes from: a `*_payer` status from the payer, the rest from the clearinghouse. */
export function ediSender(status: EdiStatus | null): 'Payer' | 'Clearinghouse' {
  return status === 'accepted_payer' || status === 'rejected_payer' ? 'Payer' : 'Clearinghouse';
}

function item(
  base: Pick<EdiHistoryItem, 'id' | 'at' | 'source' | 'title' | 'text' | 'codes' | 'tone'>,
  timeZone: string | undefined,
): EdiHistoryItem {
  return { ...base, time: formatInstant(base.at, timeZone), toneClass: `edi-${base.tone}` };
}

function fromEvent(
  e: HistoryEvent,
  remittanceInstants: ReadonlySet<string>,
  timeZone: string | undefined,
): EdiHistoryItem | null {
  const d = parseDetail(e.detail);
  const reason = e.reason ?? '';
  if (e.kind === 'edi_status_changed') {
    const to = asEdiStatus(d.edi ?? d.to);
    const from = asEdiStatus(d.from);
    const display = to === null ? null : ediStatusDisplay(to);
    const sender = to === 'sent' ? 'ClaimGrid' : ediSender(to);
    const parts = [reason];
    if (from !== null) parts.push(`was ${ediStatusDisplay(from).label.toLowerCase()}`);
    if (d.icn) parts.push(`payer claim number ${d.icn}`);
    if (d.trace) parts.push(`clearinghouse number ${d.trace}`);
    if (d.batch) parts.push(`batch ${d.batch}`);
    return item(
      {
        id: e.id,
        at: e.at,
        source: d.source ? `${sender} · ${d.source}` : sender,
        title: display?.label ?? 'Electronic status changed',
        text: parts.filter((p) => p !== '').join('; '),
        codes: detailList(d.codes),
        tone: display?.tone ?? 'progress',
      },
      timeZone,
    );
  }
  if (e.kind !== 'status_changed') return null;
  if (e.toStatus === 'Submitted') {
    return item(
      {
        id: e.id,
        at: e.at,
        source: 'ClaimGrid',
        title: 'Sent to the clearinghouse (837P)',
        text: d.batch ? `batch ${d.batch}` : '',
        codes: [],
        tone: 'progress',
      },
      timeZone,
    );
  }
  const codes = detailList(d.denialCodes);
  if (e.toStatus === 'Denied' && d.via === 'acknowledgment') {
    return item(
      {
        id: e.id,
        at: e.at,
        source: 'Clearinghouse · 999/277CA',
        title: 'Rejected',
        text: reason,
        codes,
        tone: 'rejected',
      },
      timeZone,
    );
  }
  // A remittance's status change says less than its posting, shown on its own: only when none is here.
  if (d.via === 'remittance' && !remittanceInstants.has(e.at)) {
    if (e.toStatus === 'Denied') {
      return item(
        {
          id: e.id,
          at: e.at,
          source: 'Payer · 835',
          title: 'Denied by payer',
          text: reason,
          codes,
          tone: 'rejected',
        },
        timeZone,
      );
    }
    if (e.toStatus === 'Paid') {
      return item(
        {
          id: e.id,
          at: e.at,
          source: 'Payer · 835',
          title: 'Paid by payer',
          text: reason,
          codes,
          tone: 'accepted',
        },
        timeZone,
      );
    }
  }
  return null;
}

/** Codes of an adjudication as billers read them: `CO-45`, then the RARC remarks. */
export function adjudicationCodes(p: AdjudicationPosting): string[] {
  const codes: string[] = [];
  for (const a of p.adjustments) {
    const code = `${a.group}-${a.reason}`;
    if (!codes.includes(code)) codes.push(code);
  }
  for (const r of p.remarks) if (!codes.includes(r)) codes.push(r);
  return codes;
}

/** One line about an adjudication: "Allowed $90.00, paid $72.00; CO-45 $60.00, PR-2 $18.00; remarks N130". */
export function describeAdjudication(p: AdjudicationPosting): string {
  let text = `Allowed ${formatCents(p.allowedCents)}, paid ${formatCents(p.paidCents)}`;
  if (p.adjustments.length > 0)
    text += `; ${p.adjustments.map((a) => `${a.group}-${a.reason} ${formatCents(a.amountCents)}`).join(', ')}`;
  if (p.remarks.length > 0) text += `; remarks ${p.remarks.join(', ')}`;
  if (p.payerClaimControlNumber) text += `; payer claim number ${p.payerClaimControlNumber}`;
  return text;
}

/** Whether a payer's adjudication paid nothing and put nothing on the patient: a denial. */
export function isDenial(p: AdjudicationPosting): boolean {
  if (p.paidCents > 0) return false;
  for (const a of p.adjustments) if (a.group === 'PR' && a.amountCents > 0) return false;
  return true;
}

function fromPosting(
  p: Posting,
  byId: ReadonlyMap<string, Posting>,
  options: EdiHistoryOptions,
): EdiHistoryItem | null {
  if (p.kind === 'adjudication') {
    const payer = options.payers?.get(p.payerId) ?? 'payer';
    const denied = isDenial(p);
    const manual = p.source.kind === 'manual';
    return item(
      {
        id: p.id,
        at: p.at,
        source: manual ? 'Payer · Record Payment' : 'Payer · 835',
        title: denied
          ? `Denied by ${payer}`
          : p.paidCents > 0
            ? `Paid by ${payer}`
            : `Processed by ${payer}: patient responsibility`,
        text: describeAdjudication(p),
        codes: adjudicationCodes(p),
        tone: denied ? 'rejected' : 'accepted',
      },
      options.timeZone,
    );
  }
  if (p.kind === 'reversal') {
    const original = byId.get(p.reverses);
    const text =
      original?.kind === 'adjudication'
        ? `Took back ${formatCents(original.paidCents)} paid earlier`
        : 'Took back an earlier payment';
    return item(
      {
        id: p.id,
        at: p.at,
        source: 'Payer · 835',
        title: 'Payment reversed by payer',
        text,
        codes: [],
        tone: 'rejected',
      },
      options.timeZone,
    );
  }
  // Patient payments, write-offs and transfers are the practice's own entries, not messages.
  return null;
}

/**
 * The claim's electronic message history, newest first: its submissions and EDI status changes
 * (history events) and the payers' adjudications and reversals (postings). Build it when someone asks
 * to see it (a popover opened), not per row.
 */
export function buildEdiHistory(
  claim: Pick<Claim, 'postings'>,
  history: readonly HistoryEvent[],
  options: EdiHistoryOptions = {},
): EdiHistoryItem[] {
  const byId = new Map<string, Posting>();
  const remittanceInstants = new Set<string>();
  for (const p of claim.postings) {
    byId.set(p.id, p);
    if (p.kind === 'adjudication' || p.kind === 'reversal') remittanceInstants.add(p.at);
  }
  const items: EdiHistoryItem[] = [];
  for (const e of history) {
    const it = fromEvent(e, remittanceInstants, options.timeZone);
    if (it) items.push(it);
  }
  for (const p of claim.postings) {
    const it = fromPosting(p, byId, options);
    if (it) items.push(it);
  }
  // Newest first; at the same instant, the one recorded later first (sort is stable).
  return items
    .map((it, i) => [it, i] as const)
    .sort(([a, ia], [b, ib]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : ib - ia))
    .map(([it]) => it);
}
