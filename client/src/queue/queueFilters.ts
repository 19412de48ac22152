import { type EdiStatus, ediStatuses } from '../../../shared/domain/claimStatus.ts';
import type { IsoDate } from '../../../shared/domain/primitives.ts';
import type { ClaimRow } from './claimRow.ts';
import { ediStatusDisplay } from './ediStatusDisplay.ts';
import { queryTerms } from './filterRows.ts';

/**
 * The queue's filters (SPEC §5). Each one narrows the rows; an empty value means "any".
 * The status is not here: the tabs choose it, and the tab counts follow these filters.
 */
export interface QueueFilters {
  /** Date-of-service range, both ends inclusive. */
  dosFrom: IsoDate | '';
  dosTo: IsoDate | '';
  payerIds: readonly string[];
  /** Rendering providers. */
  providerIds: readonly string[];
  placesOfService: readonly string[];
  ediStatuses: readonly EdiStatus[];
  /** One CARC/RARC code, e.g. 'CO-197' or 'N54': rows whose latest denial carries it. */
  denialCode: string;
  /** Billed more than 30 days ago and still open: the payer follow-up list (see `isOverdue`). */
  billedOver30: boolean;
  /** Free text over claim ID, patient, payer and service codes (`matchText`). */
  query: string;
}

export const emptyFilters: QueueFilters = {
  dosFrom: '',
  dosTo: '',
  payerIds: [],
  providerIds: [],
  placesOfService: [],
  ediStatuses: [],
  denialCode: '',
  billedOver30: false,
  query: '',
};

/** Days after the first submission when an unanswered claim is due a call to the payer. */
export const FOLLOW_UP_DAYS = 30;

/**
 * "Billed more than 30 days ago" as the follow-up list a biller works (seed 002: claims billed
 * over 30 days ago with no payment are followed up with the payer). So the claim must also still
 * be open: Paid, Settled and Voided claims have nothing left to chase. The status decides rather
 * than the insurance balance, because a denial's CO adjustment can zero that balance while the
 * denied claim is exactly what needs working.
 */
export function isOverdue(row: ClaimRow): boolean {
  return (
    row.daysSinceBilled !== null &&
    row.daysSinceBilled > FOLLOW_UP_DAYS &&
    row.status !== 'Paid' &&
    row.status !== 'Settled' &&
    row.status !== 'Voided'
  );
}

type RowTest = (row: ClaimRow) => boolean;

// A one-item list (the common case: one payer) compares directly; longer ones use a Set.
function oneOf(values: readonly string[], field: (row: ClaimRow) => string): RowTest {
  if (values.length === 1) {
    const only = values[0]!;
    return (row) => field(row) === only;
  }
  const set = new Set(values);
  return (row) => set.has(field(row));
}

/** The tests of the active filters only, built once per filter change rather than per row. */
function compile(filters: QueueFilters): RowTest[] {
  const tests: RowTest[] = [];
  const { dosFrom, dosTo, denialCode } = filters;
  // ISO dates order as strings, so the range needs no date parsing.
  if (dosFrom !== '') tests.push((row) => row.dateOfService >= dosFrom);
  if (dosTo !== '') tests.push((row) => row.dateOfService <= dosTo);
  if (filters.payerIds.length > 0) tests.push(oneOf(filters.payerIds, (row) => row.payerId));
  if (filters.providerIds.length > 0) {
    tests.push(oneOf(filters.providerIds, (row) => row.renderingProviderId));
  }
  if (filters.placesOfService.length > 0) {
    tests.push(oneOf(filters.placesOfService, (row) => row.placeOfService));
  }
  if (filters.ediStatuses.length > 0) tests.push(oneOf(filters.ediStatuses, (row) => row.ediStatus));
  if (denialCode !== '') tests.push((row) => row.denialCodes.includes(denialCode));
  if (filters.billedOver30) tests.push(isOverdue);
  const terms = queryTerms(filters.query);
  if (terms.length > 0) {
    tests.push((row) => {
      const text = row.searchText;
      for (const term of terms) if (!text.includes(term)) return false;
      return true;
    });
  }
  return tests;
}

/**
 * Indices (ascending) of the rows that pass every active filter. One pass over the rows with the
 * inactive filters left out and nothing allocated per row, so it stays within the SPEC's 50 ms
 * for 100k claims.
 */
export function applyFilters(rows: readonly ClaimRow[], filters: QueueFilters): number[] {
  const tests = compile(filters);
  const n = tests.length;
  const out: number[] = [];
  if (n === 0) {
    for (let i = 0; i < rows.length; i++) out.push(i);
    return out;
  }
  outer: for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let t = 0; t < n; t++) if (!tests[t]!(row)) continue outer;
    out.push(i);
  }
  return out;
}

/** How many filters narrow the view (the date range counts once), for "Clear filters (N)". */
export function activeFilterCount(filters: QueueFilters): number {
  let n = 0;
  if (filters.dosFrom !== '' || filters.dosTo !== '') n++;
  if (filters.payerIds.length > 0) n++;
  if (filters.providerIds.length > 0) n++;
  if (filters.placesOfService.length > 0) n++;
  if (filters.ediStatuses.length > 0) n++;
  if (filters.denialCode !== '') n++;
  if (filters.billedOver30) n++;
  if (queryTerms(filters.query).length > 0) n++;
  return n;
}

/** One choice of a filter dropdown: the value filtered on, what the biller reads, how many rows have it. */
export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

/** The choices of each dropdown: what the loaded rows hold. */
export interface FilterOptions {
  /** By name. */
  payers: FilterOption[];
  /** Rendering providers, by name. */
  providers: FilterOption[];
  /** By code. */
  placesOfService: FilterOption[];
  /** In pipeline order (not sent, sent, accepted, rejected). */
  ediStatuses: FilterOption[];
  /** By code, numbers in numeric order (CO-16 before CO-197). */
  denialCodes: FilterOption[];
}

// CMS place-of-service codes a therapy practice bills; others show as the bare code.
const posNames: Readonly<Record<string, string>> = {
  '02': 'Telehealth',
  '03': 'School',
  '10': 'Telehealth, home',
  '11': 'Office',
  '12': 'Home',
  '22': 'Outpatient hospital',
  '49': 'Independent clinic',
  '53': 'Community mental health',
  '99': 'Other',
};

/** "11 · Office" for a known place-of-service code, else the code. */
export function placeOfServiceLabel(code: string): string {
  const name = posNames[code];
  return name === undefined ? code : `${code} · ${name}`;
}

const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

function tally(counts: Map<string, FilterOption>, value: string, label: string): void {
  const hit = counts.get(value);
  if (hit === undefined) counts.set(value, { value, label, count: 1 });
  else hit.count++;
}

const byLabel = (a: FilterOption, b: FilterOption) =>
  collator.compare(a.label, b.label) || collator.compare(a.value, b.value);
const byValue = (a: FilterOption, b: FilterOption) => collator.compare(a.value, b.value);

/** The distinct payers, providers, places of service, EDI statuses and denial codes of `rows`, counted. */
export function filterOptions(rows: readonly ClaimRow[]): FilterOptions {
  const payers = new Map<string, FilterOption>();
  const providers = new Map<string, FilterOption>();
  const places = new Map<string, FilterOption>();
  const edi = new Map<string, number>();
  const denials = new Map<string, FilterOption>();
  for (const row of rows) {
    tally(payers, row.payerId, row.payer);
    tally(providers, row.renderingProviderId, row.renderingProvider);
    tally(places, row.placeOfService, row.placeOfService);
    edi.set(row.ediStatus, (edi.get(row.ediStatus) ?? 0) + 1);
    for (const code of row.denialCodes) tally(denials, code, code);
  }
  const ediOptions: FilterOption[] = [];
  for (const status of ediStatuses) {
    const count = edi.get(status);
    if (count !== undefined) ediOptions.push({ value: status, label: ediStatusDisplay(status).label, count });
  }
  return {
    payers: [...payers.values()].sort(byLabel),
    providers: [...providers.values()].sort(byLabel),
    placesOfService: [...places.values()]
      .map((o) => ({ ...o, label: placeOfServiceLabel(o.value) }))
      .sort(byValue),
    ediStatuses: ediOptions,
    denialCodes: [...denials.values()].sort(byValue),
  };
}

/**
 * `options` plus any chosen value the rows don't hold (a shared link from another day, a claim
 * that changed), listed first with a count of 0 so the biller can see and clear it.
 */
export function withChosen(options: readonly FilterOption[], chosen: readonly string[]): FilterOption[] {
  if (chosen.length === 0) return options.slice();
  const known = new Set(options.map((o) => o.value));
  const missing = chosen.filter((v) => !known.has(v)).map((value) => ({ value, label: value, count: 0 }));
  return [...missing, ...options];
}

/** The options whose label or value contains every word of `search` (case-insensitive). */
export function searchOptions(options: readonly FilterOption[], search: string): FilterOption[] {
  const terms = queryTerms(search);
  if (terms.length === 0) return options.slice();
  return options.filter((o) => {
    const text = `${o.label}\t${o.value}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}

/** What a closed dropdown says: "Payer" when any, the one chosen label, or "Payer (3)". */
export function choiceSummary(
  title: string,
  options: readonly FilterOption[],
  chosen: readonly string[],
): string {
  if (chosen.length === 0) return title;
  if (chosen.length === 1) {
    const only = chosen[0]!;
    return options.find((o) => o.value === only)?.label ?? only;
  }
  return `${title} (${chosen.length})`;
}

/** `chosen` with `value` added or removed, order of choosing kept. */
export function toggleChoice<T extends string>(chosen: readonly T[], value: T, on: boolean): T[] {
  if (!on) return chosen.filter((v) => v !== value);
  return chosen.includes(value) ? chosen.slice() : [...chosen, value];
}
