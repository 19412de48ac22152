import { deriveBalances } from '../../../shared/balances/deriveBalances.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus, EdiStatus } from '../../../shared/domain/claimStatus.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import type { IsoDate } from '../../../shared/domain/primitives.ts';
import type { Provider } from '../../../shared/domain/provider.ts';
import { dateOfInstant, daysBetween } from '../../../shared/util/dates.ts';

/**
 * One claim as the queue shows it: every display field precomputed once, so filtering, sorting
 * and totals are plain passes over flat objects and never re-derive balances per frame.
 */
export interface ClaimRow {
  id: string;
  /** "Last, First". */
  patient: string;
  clientId: string;
  dateOfService: IsoDate;
  placeOfService: string;
  renderingProvider: string;
  renderingProviderId: string;
  /** The organization billed under (837P 2010AA); the practice's, '' before its data has arrived. */
  billingProvider: string;
  payer: string;
  payerId: string;
  /** Distinct service codes in line order, e.g. "97153, 97155". */
  serviceCodes: string;
  units: number;
  billedCents: number;
  allowedCents: number;
  /** Contractual and other payer adjustments (CO + OA + PI + CR); patient responsibility is not one. */
  adjustmentCents: number;
  insurancePaidCents: number;
  /** Paid by the primary payer (policy rank 1) and by the others, reversals taken out. */
  insurance1PaidCents: number;
  insurance2PaidCents: number;
  patientPaidCents: number;
  insuranceBalanceCents: number;
  patientBalanceCents: number;
  status: ClaimStatus;
  ediStatus: EdiStatus;
  /** Date of the first submission, or '' when never submitted. */
  firstSubmitted: IsoDate | '';
  /** Days from first submission to the as-of date; null when never submitted. */
  daysSinceBilled: number | null;
  /** CARC/RARC codes of the latest denial, e.g. "CO-197, N54". */
  denialReason: string;
  /** The same codes one by one, for the denial-reason filter. */
  denialCodes: readonly string[];
  holdReason: string;
  /** Text of the newest follow-up note, '' when none. */
  lastFollowUpNote: string;
  /** Lower-cased claim ID, patient, payer and codes: what the free-text filter searches. */
  searchText: string;
}

/** Names a row needs, looked up by id once per build. */
export interface RowLookups {
  clients: ReadonlyMap<string, Pick<Client, 'name'>>;
  payers: ReadonlyMap<string, Pick<Payer, 'name'>>;
  providers: ReadonlyMap<string, Pick<Provider, 'name'>>;
  /** The practice's billing organization name; '' when unknown. */
  billingProvider?: string;
}

/** The reference data the lookups are built from, as the synthetic generator returns it. */
export interface RowSources {
  clients: readonly Client[];
  payers: readonly Payer[];
  providers: readonly Provider[];
  practice?: Pick<Practice, 'billingProvider'>;
}

/** Index clients, payers and providers by id. */
export function buildRowLookups(sources: RowSources): RowLookups {
  return {
    clients: new Map(sources.clients.map((c) => [c.id, c])),
    payers: new Map(sources.payers.map((p) => [p.id, p])),
    providers: new Map(sources.providers.map((p) => [p.id, p])),
    billingProvider: sources.practice?.billingProvider.organizationName ?? '',
  };
}

// An id that resolves to nothing is shown, not hidden: a biller must be able to see and fix it.
function personName(person: { name: { last: string; first: string } } | undefined, id: string): string {
  if (person === undefined) return `(unknown ${id})`;
  return person.name.first === '' ? person.name.last : `${person.name.last}, ${person.name.first}`;
}

/**
 * One string per distinct name, code list and date across rows: 100k rows otherwise hold 100k copies
 * of a few thousand patient names, a few dozen code lists and dates (about 8 MB of the grid's heap).
 * Names are cached per lookups object, so a rename (new lookups) builds them afresh.
 */
const namesByLookups = new WeakMap<
  RowLookups,
  { clients: Map<string, string>; providers: Map<string, string> }
>();
const texts = new Map<string, string>();

function sharedText(value: string): string {
  const known = texts.get(value);
  if (known !== undefined) return known;
  if (texts.size > 50_000) texts.clear(); // a safeguard: real practices stay far below
  texts.set(value, value);
  return value;
}

function namesFor(lookups: RowLookups): { clients: Map<string, string>; providers: Map<string, string> } {
  let names = namesByLookups.get(lookups);
  if (names === undefined) {
    names = { clients: new Map(), providers: new Map() };
    namesByLookups.set(lookups, names);
  }
  return names;
}

function cachedName(
  cache: Map<string, string>,
  people: ReadonlyMap<string, { name: { last: string; first: string } }>,
  id: string,
): string {
  let name = cache.get(id);
  if (name === undefined) {
    name = personName(people.get(id), id);
    cache.set(id, name);
  }
  return name;
}

/**
 * Insurance payments split by payer: the claim's own payer counts as primary when the claim bills
 * the client's first policy, otherwise the claim's payer is the secondary and the others primary.
 */
function paidByPayerRank(claim: Claim): { primary: number; others: number } {
  const reversed = new Set<string>();
  for (const p of claim.postings) if (p.kind === 'reversal') reversed.add(p.reverses);
  let own = 0;
  let other = 0;
  for (const p of claim.postings) {
    if (p.kind !== 'adjudication' || reversed.has(p.id)) continue;
    if (p.payerId === claim.payerId) own += p.paidCents;
    else other += p.paidCents;
  }
  return claim.policyRank === 1 ? { primary: own, others: other } : { primary: other, others: own };
}

/** What the free-text filter searches in a row (`searchText`). */
export function rowSearchText(id: string, patient: string, payer: string, serviceCodes: string): string {
  return `${id}\t${patient}\t${payer}\t${serviceCodes}`.toLowerCase();
}

/** Flatten one claim into its display row as of `asOf` (which fixes "days since billed"). */
export function buildClaimRow(claim: Claim, lookups: RowLookups, asOf: IsoDate): ClaimRow {
  const balances = deriveBalances(claim);
  const adj = balances.adjustmentsByGroup;
  const codes: string[] = [];
  let units = 0;
  for (const line of claim.lines) {
    units += line.units;
    if (!codes.includes(line.serviceCode)) codes.push(line.serviceCode);
  }
  const names = namesFor(lookups);
  const firstSubmitted =
    claim.firstSubmittedAt === null ? '' : sharedText(dateOfInstant(claim.firstSubmittedAt));
  const patient = cachedName(names.clients, lookups.clients, claim.clientId);
  const payer = lookups.payers.get(claim.payerId)?.name ?? `(unknown ${claim.payerId})`;
  const serviceCodes = sharedText(codes.join(', '));
  const paid = paidByPayerRank(claim);
  return {
    id: claim.id,
    patient,
    clientId: claim.clientId,
    dateOfService: claim.dateOfService,
    placeOfService: claim.placeOfService,
    renderingProvider: cachedName(names.providers, lookups.providers, claim.renderingProviderId),
    renderingProviderId: claim.renderingProviderId,
    billingProvider: lookups.billingProvider ?? '',
    payer,
    payerId: claim.payerId,
    serviceCodes,
    units,
    billedCents: balances.billedCents,
    allowedCents: balances.allowedCents,
    adjustmentCents: adj.CO + adj.OA + adj.PI + adj.CR,
    insurancePaidCents: balances.insurancePaidCents,
    insurance1PaidCents: paid.primary,
    insurance2PaidCents: paid.others,
    patientPaidCents: balances.patientPaidCents,
    insuranceBalanceCents: balances.insuranceBalanceCents,
    patientBalanceCents: balances.patientBalanceCents,
    status: claim.status,
    ediStatus: claim.ediStatus,
    firstSubmitted,
    daysSinceBilled: firstSubmitted === '' ? null : daysBetween(firstSubmitted, asOf),
    denialReason: claim.denialCodes.length === 0 ? '' : sharedText(claim.denialCodes.join(', ')),
    denialCodes: claim.denialCodes,
    holdReason: claim.holdReason ?? '',
    lastFollowUpNote: claim.followUpNotes.at(-1)?.text ?? '',
    searchText: rowSearchText(claim.id, patient, payer, serviceCodes),
  };
}

/**
 * The same row with its names looked up again and "days since billed" counted to `asOf`: what a
 * rename in the reference data (or a new day) changes, for a row whose claim is not in memory.
 */
export function renameClaimRow(row: ClaimRow, lookups: RowLookups, asOf: IsoDate): ClaimRow {
  const names = namesFor(lookups);
  const patient = cachedName(names.clients, lookups.clients, row.clientId);
  const payer = lookups.payers.get(row.payerId)?.name ?? `(unknown ${row.payerId})`;
  return {
    ...row,
    patient,
    renderingProvider: cachedName(names.providers, lookups.providers, row.renderingProviderId),
    billingProvider: lookups.billingProvider ?? '',
    payer,
    daysSinceBilled: row.firstSubmitted === '' ? null : daysBetween(row.firstSubmitted, asOf),
    searchText: rowSearchText(row.id, patient, payer, row.serviceCodes),
  };
}

/** Flatten every claim, in the order given. */
export function buildClaimRows(claims: readonly Claim[], sources: RowSources, asOf: IsoDate): ClaimRow[] {
  const lookups = buildRowLookups(sources);
  const rows = new Array<ClaimRow>(claims.length);
  for (let i = 0; i < claims.length; i++) rows[i] = buildClaimRow(claims[i]!, lookups, asOf);
  return rows;
}
