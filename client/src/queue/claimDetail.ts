import { type Balances, deriveBalances } from '../../../shared/balances/deriveBalances.ts';
import type { Actor, Role } from '../../../shared/domain/actor.ts';
import { type Authorization, remainingUnits } from '../../../shared/domain/authorization.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import { type ClaimStatus, claimStatuses, type EdiStatus } from '../../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { AdjustmentGroup, Posting } from '../../../shared/domain/posting.ts';
import type { Instant, IsoDate } from '../../../shared/domain/primitives.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { checkTransition } from '../../../shared/lifecycle/checkTransition.ts';
import {
  finalRefusal,
  noChangeRefusal,
  notInTableRefusal,
  readOnlyRefusal,
  reasonRequiredRefusal,
  reasonTooLongRefusal,
  serverOnlyRefusal,
  voidClaimRequiredRefusal,
  wrongSourceRefusal,
} from '../../../shared/lifecycle/refusals.ts';
import { transitionTable } from '../../../shared/lifecycle/transitionTable.ts';
import { formatCents } from '../../../shared/money/format.ts';
import {
  asEdiStatus,
  buildEdiHistory,
  describeAdjudication,
  detailList,
  type EdiHistoryItem,
  ediSender,
  formatInstant,
  parseDetail,
} from './ediHistory.ts';
import { type EdiStatusDisplay, ediStatusDisplay } from './ediStatusDisplay.ts';

/** Display names the detail needs, by id; an id missing from a map is shown as the id, never hidden. */
export interface DetailNames {
  /** The claim's client as "Last, First"; null when the client is not on this device. */
  patient: string | null;
  /** Payer names by internal id (the claim's payer, and any other that adjudicated it). */
  payers: ReadonlyMap<string, string>;
  /** Provider names by id (the claim's rendering provider and the session's). */
  providers: ReadonlyMap<string, string>;
  /** User display names by id; a user not in it is shown by role. */
  users: ReadonlyMap<string, string>;
}

/** Everything `buildClaimDetail` reads; gathered from a replica by `live/claimDetailSource.ts`. */
export interface ClaimDetailInput {
  claim: Claim;
  /** The claim's history in any order (the replica gives it oldest first). */
  history: readonly HistoryEvent[];
  session: Session | null;
  authorization: Authorization | null;
  names: DetailNames;
  /** The viewing user's role: what they may do with the claim. */
  role: Role;
  /** IANA zone for times (tests pin one); the device's own by default. */
  timeZone?: string;
}

export interface DetailHeader {
  claimId: string;
  patient: string;
  payer: string;
  dateOfService: IsoDate;
  status: ClaimStatus;
  /** `status-ready` etc., the grid's status pill. */
  statusClass: string;
  ediStatus: EdiStatus;
  edi: EdiStatusDisplay;
  billed: string;
  /** Insurance and patient payments together. */
  paid: string;
  /** Insurance balance plus patient balance. */
  outstanding: string;
  /** "Original", "Corrected (replaces ICN …)", "Void (of ICN …)". */
  frequency: string;
  holdReason: string | null;
  denialCodes: string[];
}

export interface DetailLine {
  lineNo: number;
  serviceCode: string;
  /** "HN, 59" or ''. */
  modifiers: string;
  units: number;
  minutes: number;
  /** "$37.50", or "No rate" when no fee schedule matched. */
  rate: string;
  charge: string;
  dateOfService: IsoDate;
  /** Pointed-to diagnoses as people write them: ['F84.0']; a pointer past the list shows as "#3?". */
  diagnoses: string[];
}

export interface DetailSession {
  id: string;
  dateOfService: IsoDate;
  /** Total minutes of the session's services. */
  minutes: number;
  /** "97153 HN · 60 min" per service. */
  services: string[];
  provider: string;
  placeOfService: string;
  noteStatus: Session['noteStatus'];
}

export interface DetailAuthorization {
  id: string;
  number: string;
  startDate: IsoDate;
  endDate: IsoDate;
  serviceCodes: string[];
  unitsAuthorized: number;
  unitsUsed: number;
  unitsRemaining: number;
  /** Units of this claim's lines that draw on this authorization. */
  claimUnits: number;
  /** Problems a biller should see before (or after) sending: not covering the date, too few units. */
  warnings: string[];
}

/** One line of the billing summary, in display order. */
export interface SummaryRow {
  key: string;
  label: string;
  cents: number;
  text: string;
}

export interface DetailBilling {
  /** The raw figures, integer cents (from `deriveBalances`). */
  balances: Balances;
  rows: SummaryRow[];
}

export interface DetailHistoryItem {
  id: string;
  at: Instant;
  time: string;
  /** A user's display name, or "Server", "Clearinghouse", "Payer" for the system. */
  actor: string;
  actorKind: 'user' | 'system';
  kind: HistoryEvent['kind'];
  /** The headline, e.g. "Ready → Held", "Change refused". */
  title: string;
  /** What else there is to say: the reason, the refusal, amounts; '' when nothing. */
  text: string;
}

export interface DetailNote {
  at: Instant;
  time: string;
  author: string;
  text: string;
}

/** A status change the viewing user may ask for now (the batch dialog for this one claim does it). */
export interface DetailAction {
  toStatus: ClaimStatus;
  /** The button billers know: "Hold", "Clear hold", "Resubmit", "Void", "Settle". */
  label: string;
}

/** The claim detail panel's view model (SPEC §5 "Claim detail"). Pure data: every string ready to show. */
export interface ClaimDetail {
  header: DetailHeader;
  /** The claim's diagnoses in order, dotted: ['F84.0', 'Z13.41']. */
  diagnoses: string[];
  lines: DetailLine[];
  session: DetailSession | null;
  /** Why there is no session to show; '' when there is one. */
  sessionNote: string;
  authorization: DetailAuthorization | null;
  /** Why there is no authorization to show; '' when there is one. */
  authorizationNote: string;
  billing: DetailBilling;
  /** Electronic messages, newest first (see `ediHistory.ts`). */
  edi: EdiHistoryItem[];
  history: DetailHistoryItem[];
  notes: DetailNote[];
  actions: DetailAction[];
  /** Viewers can look but not change. */
  readOnly: boolean;
}

/** An ICD-10-CM code as people write it: 'F840' → 'F84.0'; three-character codes have no dot. */
export function displayIcd10(code: string): string {
  return code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', biller: 'Biller', viewer: 'Viewer' };

function userName(actor: Extract<Actor, { kind: 'user' }>, users: ReadonlyMap<string, string>): string {
  return users.get(actor.userId) ?? `${ROLE_LABEL[actor.role]} ${actor.userId}`;
}

function nameOrId(map: ReadonlyMap<string, string>, id: string): string {
  return map.get(id) ?? `(unknown ${id})`;
}

const FREQUENCY: Record<Claim['frequency'], string> = { '1': 'Original', '7': 'Corrected', '8': 'Void' };

function frequencyText(claim: Claim): string {
  const label = FREQUENCY[claim.frequency];
  if (claim.frequency === '1' || claim.originalReference === null) return label;
  return `${label} (of payer claim ${claim.originalReference})`;
}

function buildHeader(claim: Claim, names: DetailNames, b: Balances): DetailHeader {
  return {
    claimId: claim.id,
    patient: names.patient ?? `(unknown ${claim.clientId})`,
    payer: nameOrId(names.payers, claim.payerId),
    dateOfService: claim.dateOfService,
    status: claim.status,
    statusClass: `status-${claim.status.toLowerCase()}`,
    ediStatus: claim.ediStatus,
    edi: ediStatusDisplay(claim.ediStatus),
    billed: formatCents(b.billedCents),
    paid: formatCents(b.insurancePaidCents + b.patientPaidCents),
    outstanding: formatCents(b.insuranceBalanceCents + b.patientBalanceCents),
    frequency: frequencyText(claim),
    holdReason: claim.holdReason,
    denialCodes: claim.denialCodes,
  };
}

function buildLines(claim: Claim): DetailLine[] {
  return claim.lines.map((line) => ({
    lineNo: line.lineNo,
    serviceCode: line.serviceCode,
    modifiers: line.modifiers.join(', '),
    units: line.units,
    minutes: line.minutes,
    rate: line.rateCents === null ? 'No rate' : formatCents(line.rateCents),
    charge: formatCents(line.chargeCents),
    dateOfService: line.dateOfService,
    diagnoses: line.diagnosisPointers.map((p) => {
      const code = claim.diagnosisCodes[p - 1];
      return code === undefined ? `#${p}?` : displayIcd10(code);
    }),
  }));
}

function buildSession(session: Session, names: DetailNames): DetailSession {
  let minutes = 0;
  const services: string[] = [];
  for (const s of session.services) {
    minutes += s.minutes;
    const code = s.modifiers.length > 0 ? `${s.serviceCode} ${s.modifiers.join(' ')}` : s.serviceCode;
    services.push(`${code} · ${s.minutes} min`);
  }
  return {
    id: session.id,
    dateOfService: session.dateOfService,
    minutes,
    services,
    provider: nameOrId(names.providers, session.renderingProviderId),
    placeOfService: session.placeOfService,
    noteStatus: session.noteStatus,
  };
}

/** Units of the claim's lines drawing on `authId`; lines without their own link follow the claim's. */
export function unitsDrawnOn(claim: Pick<Claim, 'lines' | 'authorizationId'>, authId: string): number {
  let units = 0;
  for (const line of claim.lines) {
    const linked = line.authorizationId ?? claim.authorizationId;
    if (linked === authId) units += line.units;
  }
  return units;
}

function buildAuthorization(claim: Claim, auth: Authorization): DetailAuthorization {
  const remaining = remainingUnits(auth);
  const claimUnits = unitsDrawnOn(claim, auth.id);
  const warnings: string[] = [];
  const dates = new Set(claim.lines.map((l) => l.dateOfService));
  for (const date of [...dates].sort()) {
    if (date > auth.endDate)
      warnings.push(`Expired: the authorization ended ${auth.endDate}, before the date of service ${date}`);
    else if (date < auth.startDate)
      warnings.push(
        `Not yet valid: the authorization starts ${auth.startDate}, after the date of service ${date}`,
      );
  }
  // Units are drawn when the claim goes out: before that this claim must still fit in what remains;
  // afterwards its units are already counted in `unitsUsed`.
  if (claim.firstSubmittedAt === null) {
    if (claimUnits > remaining)
      warnings.push(
        `This claim needs ${claimUnits} units but only ${Math.max(remaining, 0)} remain on the authorization`,
      );
  } else if (remaining < 0) {
    warnings.push(`The authorization is over-used by ${-remaining} units`);
  }
  return {
    id: auth.id,
    number: auth.number,
    startDate: auth.startDate,
    endDate: auth.endDate,
    serviceCodes: auth.serviceCodes,
    unitsAuthorized: auth.unitsAuthorized,
    unitsUsed: auth.unitsUsed,
    unitsRemaining: remaining,
    claimUnits,
    warnings,
  };
}

const GROUP_LABEL: Record<AdjustmentGroup, string> = {
  CO: 'Contractual adjustment (CO)',
  PR: 'Patient responsibility (PR)',
  OA: 'Other adjustment (OA)',
  PI: 'Payer-initiated reduction (PI)',
  CR: 'Correction (CR)',
};
const GROUPS: readonly AdjustmentGroup[] = ['CO', 'OA', 'PI', 'CR', 'PR'];

function row(key: string, label: string, cents: number): SummaryRow {
  return { key, label, cents, text: formatCents(cents) };
}

function buildBilling(b: Balances, names: DetailNames, claimPayerId: string): DetailBilling {
  const rows: SummaryRow[] = [
    row('billed', 'Billed', b.billedCents),
    row('allowed', 'Allowed', b.allowedCents),
  ];
  let anyAdjustment = false;
  for (const g of GROUPS) {
    if (b.adjustmentsByGroup[g] === 0) continue;
    anyAdjustment = true;
    rows.push(row(`adjustment-${g}`, GROUP_LABEL[g], b.adjustmentsByGroup[g]));
  }
  if (!anyAdjustment) rows.push(row('adjustments', 'Adjustments', 0));
  const payerIds = Object.keys(b.paidByPayer);
  if (payerIds.length === 0)
    rows.push(row(`paid-${claimPayerId}`, `Paid by ${nameOrId(names.payers, claimPayerId)}`, 0));
  for (const id of payerIds)
    rows.push(row(`paid-${id}`, `Paid by ${nameOrId(names.payers, id)}`, b.paidByPayer[id]!));
  rows.push(row('patientPaid', 'Paid by patient', b.patientPaidCents));
  if (b.insuranceWriteOffCents !== 0)
    rows.push(row('insuranceWriteOff', 'Insurance write-off', b.insuranceWriteOffCents));
  if (b.patientWriteOffCents !== 0)
    rows.push(row('patientWriteOff', 'Patient write-off', b.patientWriteOffCents));
  if (b.transferredToSecondaryCents !== 0)
    rows.push(row('transferred', 'Moved to secondary claim', b.transferredToSecondaryCents));
  rows.push(row('insuranceBalance', 'Insurance balance', b.insuranceBalanceCents));
  rows.push(row('patientBalance', 'Patient balance', b.patientBalanceCents));
  return { balances: b, rows };
}

const VIA_TEXT: Record<string, string> = {
  submission: 'by a submission batch',
  acknowledgment: 'by an acknowledgment (999/277CA)',
  remittance: 'by a remittance (835)',
  manual_payment: 'by Record Payment',
};

const FIELD_LABEL: Record<string, string> = {
  placeOfService: 'place of service',
  renderingProviderId: 'rendering provider',
  diagnosisCodes: 'diagnosis codes',
  lines: 'service lines',
  authorizationId: 'authorization',
};

function centsText(value: string | undefined): string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? formatCents(n) : (value ?? '');
}

// The refusal message the server gave, rebuilt from its code: the outcome's history event keeps the
// code, and the shared lifecycle builds the same message for the same (code, from, to).
function refusalText(code: string, from: ClaimStatus | undefined, to: ClaimStatus | undefined): string {
  switch (code) {
    case 'read_only':
      return readOnlyRefusal.message;
    case 'final':
      return finalRefusal.message;
    case 'reason_required':
      return reasonRequiredRefusal.message;
    case 'reason_too_long':
      return reasonTooLongRefusal.message;
    case 'void_claim_required':
      return voidClaimRequiredRefusal.message;
    case 'balance_outstanding':
      return 'The claim still had an insurance balance';
  }
  if (to !== undefined) {
    if (code === 'no_change') return noChangeRefusal(to).message;
    if (from !== undefined) {
      if (code === 'not_allowed' || code === 'locked_after_submission')
        return notInTableRefusal(from, to, 'user').message;
      if (code === 'server_only') return serverOnlyRefusal(from, to).message;
      if (code === 'wrong_source') return wrongSourceRefusal(from, to, 'user', 'user').message;
    }
  }
  return `The server refused it (${code})`;
}

function statusChangeText(e: HistoryEvent, d: Record<string, string>): string {
  const parts: string[] = [];
  if (e.reason) parts.push(`Reason: ${e.reason}`);
  const via = d.via === undefined ? undefined : VIA_TEXT[d.via];
  if (via) parts.push(via.charAt(0).toUpperCase() + via.slice(1));
  const codes = detailList(d.denialCodes);
  if (codes.length > 0) parts.push(`Denial codes: ${codes.join(', ')}`);
  if (d.voidClaim) parts.push(`Void claim ${d.voidClaim}`);
  if (d.insuranceWriteOff !== undefined || d.patientWriteOff !== undefined)
    parts.push(
      `Wrote off ${centsText(d.insuranceWriteOff ?? '0')} insurance and ${centsText(d.patientWriteOff ?? '0')} patient balance`,
    );
  return parts.join('. ');
}

function conflictText(e: HistoryEvent, d: Record<string, string>): { title: string; text: string } {
  const code = d.refused ?? 'refused';
  // An edit the server undid (the claim had gone out, or the value was invalid): the reason is its message.
  if (d.field !== undefined || e.toStatus === undefined) {
    const field = d.field === undefined ? 'the claim' : (FIELD_LABEL[d.field] ?? d.field);
    return {
      title: `Edit of ${field} undone`,
      text: e.reason ?? refusalText(code, e.fromStatus, e.toStatus),
    };
  }
  // A status change the server refused: its reason is the user's own, kept with what they asked.
  const parts = [`Refused: ${refusalText(code, e.fromStatus, e.toStatus)}`];
  parts.push(`You asked: ${e.toStatus}${e.reason ? ` — “${e.reason}”` : ''}`);
  const saw = asClaimStatus(d.saw);
  if (saw !== undefined && e.fromStatus !== undefined && saw !== e.fromStatus)
    parts.push(`You saw it ${saw}; it was already ${e.fromStatus}`);
  else if (e.fromStatus !== undefined) parts.push(`It was ${e.fromStatus}`);
  return { title: `Change to ${e.toStatus} refused`, text: parts.join('. ') };
}

const STATUSES = new Set<string>(claimStatuses);
function asClaimStatus(value: string | undefined): ClaimStatus | undefined {
  return value !== undefined && STATUSES.has(value) ? (value as ClaimStatus) : undefined;
}

function postingText(p: Posting | undefined, names: DetailNames): string {
  if (p === undefined) return '';
  switch (p.kind) {
    case 'adjudication':
      return `${nameOrId(names.payers, p.payerId)}: ${describeAdjudication(p)}`;
    case 'reversal':
      return `Reversed posting ${p.reverses}`;
    case 'patient_payment':
      return `Patient paid ${formatCents(p.amountCents)}`;
    case 'write_off':
      return `${p.bucket === 'insurance' ? 'Insurance' : 'Patient'} write-off ${formatCents(p.amountCents)}: ${p.reason}`;
    case 'transfer_to_secondary':
      return `${formatCents(p.amountCents)} moved to secondary claim ${p.secondaryClaimId}`;
  }
}

// The system actor as a biller thinks of it: acknowledgments come from the clearinghouse, remittances
// from the payer, everything else (claim creation, batches) from the server.
function systemActor(e: HistoryEvent, d: Record<string, string>, posting: Posting | undefined): string {
  if (e.kind === 'status_changed') {
    if (d.via === 'acknowledgment') return 'Clearinghouse';
    if (d.via === 'remittance') return 'Payer';
  }
  if (e.kind === 'edi_status_changed') {
    if (d.source === '835') return 'Payer';
    const to = asEdiStatus(d.edi ?? d.to);
    return to === null || to === 'sent' ? 'Server' : ediSender(to);
  }
  if (e.kind === 'posting_recorded' && posting?.kind !== undefined) {
    if (
      (posting.kind === 'adjudication' && posting.source.kind === 'remittance') ||
      posting.kind === 'reversal'
    )
      return 'Payer';
  }
  return 'Server';
}

function historyItem(
  e: HistoryEvent,
  names: DetailNames,
  postings: ReadonlyMap<string, Posting>,
  timeZone: string | undefined,
): DetailHistoryItem {
  const d = parseDetail(e.detail);
  const posting = e.kind === 'posting_recorded' ? postings.get(d.posting ?? e.detail ?? '') : undefined;
  let title: string;
  let text = '';
  switch (e.kind) {
    case 'created':
      title = `Claim created${e.toStatus ? ` (${e.toStatus})` : ''}`;
      text = 'Made from the finalized session note';
      break;
    case 'status_changed':
      title = e.fromStatus ? `${e.fromStatus} → ${e.toStatus ?? '?'}` : `Status ${e.toStatus ?? 'changed'}`;
      text = statusChangeText(e, d);
      break;
    case 'conflict':
      ({ title, text } = conflictText(e, d));
      break;
    case 'field_edited': {
      const field = d.field ?? e.detail;
      title = `Edited ${field === undefined ? 'the claim' : (FIELD_LABEL[field] ?? field)}`;
      text = e.reason ?? '';
      break;
    }
    case 'posting_recorded':
      title = 'Posting recorded';
      text = postingText(posting, names);
      break;
    case 'edi_status_changed': {
      const to = asEdiStatus(d.edi ?? d.to);
      const from = asEdiStatus(d.from);
      title = `Electronic status: ${from ? `${ediStatusDisplay(from).label} → ` : ''}${to ? ediStatusDisplay(to).label : 'changed'}`;
      const parts: string[] = [];
      if (d.source) parts.push(d.source);
      const codes = detailList(d.codes);
      if (codes.length > 0) parts.push(codes.join(', '));
      if (e.reason) parts.push(e.reason);
      text = parts.join(' · ');
      break;
    }
    case 'note_added':
      title = 'Follow-up note added';
      text = e.reason ?? '';
      break;
  }
  const isUser = e.actor.kind === 'user';
  return {
    id: e.id,
    at: e.at,
    time: formatInstant(e.at, timeZone),
    actor: e.actor.kind === 'user' ? userName(e.actor, names.users) : systemActor(e, d, posting),
    actorKind: isUser ? 'user' : 'system',
    kind: e.kind,
    title,
    text,
  };
}

// The changes a person asks for through a status change (not Record Payment, which needs amounts).
const USER_EDGES = transitionTable.filter((e) => e.by === 'user' && e.via.includes('user'));

/**
 * The status changes `role` may ask for on this claim now, by the shared lifecycle's own check (the one
 * the server decides by): none for viewers. Hold is offered (its reason is asked in the dialog); Void of
 * a claim that was ever sent is not, since it needs a void claim.
 */
export function allowedActions(
  claim: Pick<Claim, 'status' | 'firstSubmittedAt' | 'lines' | 'postings'>,
  role: Role,
): DetailAction[] {
  if (role === 'viewer') return [];
  const actor: Actor = { kind: 'user', userId: 'me', role };
  const out: DetailAction[] = [];
  for (const edge of USER_EDGES) {
    if (edge.from !== claim.status || out.some((a) => a.toStatus === edge.to)) continue;
    // A placeholder reason: the dialog asks for the real one.
    if (checkTransition(claim, { toStatus: edge.to, reason: 'reason to follow' }, actor) === null)
      out.push({ toStatus: edge.to, label: edge.action });
  }
  return out;
}

function byNewest<T extends { at: string }>(items: T[]): T[] {
  // Newest first; events at the same instant keep the later-recorded one first.
  return items
    .map((it, i) => [it, i] as const)
    .sort(([a, ia], [b, ib]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : ib - ia))
    .map(([it]) => it);
}

/** The claim detail view model: header, lines, session, authorization, money, messages, history, actions. */
export function buildClaimDetail(input: ClaimDetailInput): ClaimDetail {
  const { claim, names, timeZone } = input;
  const balances = deriveBalances(claim);
  const postings = new Map(claim.postings.map((p) => [p.id, p]));
  let sessionNote = '';
  if (input.session === null)
    sessionNote = claim.sessionId === null ? 'No linked session' : 'The linked session is not on this device';
  let authorizationNote = '';
  if (input.authorization === null) {
    const linked =
      claim.authorizationId ?? claim.lines.find((l) => l.authorizationId !== null)?.authorizationId;
    authorizationNote = linked ? `Authorization ${linked} is not on this device` : 'No authorization linked';
  }
  return {
    header: buildHeader(claim, names, balances),
    diagnoses: claim.diagnosisCodes.map(displayIcd10),
    lines: buildLines(claim),
    session: input.session === null ? null : buildSession(input.session, names),
    sessionNote,
    authorization: input.authorization === null ? null : buildAuthorization(claim, input.authorization),
    authorizationNote,
    billing: buildBilling(balances, names, claim.payerId),
    edi: buildEdiHistory(claim, input.history, { timeZone, payers: names.payers }),
    history: byNewest(input.history.map((e) => historyItem(e, names, postings, timeZone))),
    notes: byNewest(
      claim.followUpNotes.map((n) => ({
        at: n.at,
        time: formatInstant(n.at, timeZone),
        author: names.users.get(n.author) ?? n.author,
        text: n.text,
      })),
    ),
    actions: allowedActions(claim, input.role),
    readOnly: input.role === 'viewer',
  };
}
