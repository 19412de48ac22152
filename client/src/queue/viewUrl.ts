import { type EdiStatus, ediStatuses } from '../../../shared/domain/claimStatus.ts';
import type { IsoDate } from '../../../shared/domain/primitives.ts';
import { columnById } from './columns.ts';
import { emptyFilters, type QueueFilters } from './queueFilters.ts';
import { type QueueTab, queueTabs } from './queueTab.ts';
import type { SortDirection } from './sortRows.ts';

/** The column the view is sorted by, and which way. */
export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** Everything that makes a view of the queue worth sharing: the tab, the filters and the sort. */
export interface ViewState {
  tab: QueueTab;
  filters: QueueFilters;
  /** null: in the order the rows came. */
  sort: SortState | null;
}

/** What the queue opens on: every claim, newest services first (what a biller works on today). */
export const defaultView: ViewState = {
  tab: 'All',
  filters: emptyFilters,
  sort: { columnId: 'dateOfService', direction: 'desc' },
};

/** The query-string keys of a view; other keys in the address belong to someone else and are kept. */
export const viewKeys = [
  'tab',
  'from',
  'to',
  'payer',
  'provider',
  'pos',
  'edi',
  'denial',
  'over30',
  'q',
  'sort',
] as const;

// Bounds on what a pasted or hand-edited address can make the queue hold.
const MAX_LIST = 200;
const MAX_TEXT = 200;

/** Ids, place-of-service and denial codes as the domain spells them (shared idSchema): no commas, so lists join with ','. */
const tokenPattern = /^[A-Za-z0-9._:-]{1,64}$/;
const isoDatePattern = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether `s` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(s: string): s is IsoDate {
  const m = isoDatePattern.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Readable addresses: a space as '+', ':' left alone (both are safe in a query value). A lone
// surrogate (half an emoji cut off) would make encodeURIComponent throw, so it becomes U+FFFD.
function encodeValue(s: string): string {
  return encodeURIComponent(s.replace(loneSurrogate, '\uFFFD')).replace(/%20/g, '+').replace(/%3A/g, ':');
}

/**
 * The view as a query string without the '?', defaults left out, e.g.
 * `tab=Denied&from=2026-01-01&payer=p1,p2&edi=rejected_payer&over30=1&q=smith&sort=billed.desc`.
 * The empty string is the default view.
 */
export function encodeView(view: ViewState): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${encodeValue(value)}`);
  const addList = (key: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(`${key}=${values.map(encodeValue).join(',')}`);
  };
  const f = view.filters;
  if (view.tab !== defaultView.tab) add('tab', view.tab);
  if (f.dosFrom !== '') add('from', f.dosFrom);
  if (f.dosTo !== '') add('to', f.dosTo);
  addList('payer', f.payerIds);
  addList('provider', f.providerIds);
  addList('pos', f.placesOfService);
  addList('edi', f.ediStatuses);
  if (f.denialCode !== '') add('denial', f.denialCode);
  if (f.billedOver30) add('over30', '1');
  if (f.query !== '') add('q', f.query);
  const sort = view.sort;
  const base = defaultView.sort!;
  if (sort === null) add('sort', 'none');
  else if (sort.columnId !== base.columnId || sort.direction !== base.direction) {
    add('sort', `${sort.columnId}.${sort.direction}`);
  }
  return parts.join('&');
}

function list(params: URLSearchParams, key: string): string[] {
  const raw = params.get(key);
  if (raw === null) return [];
  const out: string[] = [];
  for (const item of raw.split(',')) {
    if (out.length >= MAX_LIST) break;
    if (tokenPattern.test(item) && !out.includes(item)) out.push(item);
  }
  return out;
}

function date(params: URLSearchParams, key: string): IsoDate | '' {
  const raw = params.get(key);
  return raw !== null && isIsoDate(raw) ? raw : '';
}

const tabSet = new Set<string>(queueTabs);
const ediSet = new Set<string>(ediStatuses);

function decodeSort(raw: string | null): SortState | null {
  if (raw === null) return defaultView.sort;
  if (raw === 'none') return null;
  const dot = raw.lastIndexOf('.');
  if (dot < 0) return defaultView.sort;
  const columnId = raw.slice(0, dot);
  const direction = raw.slice(dot + 1);
  if ((direction !== 'asc' && direction !== 'desc') || columnById(columnId) === undefined) {
    return defaultView.sort;
  }
  return { columnId, direction };
}

/**
 * The view a query string describes (with or without its '?'). The address is untrusted (pasted,
 * hand-edited, old): this never throws, and anything unknown or invalid falls back to the default
 * (a tab that doesn't exist, an impossible date, an EDI status we don't have, a sort column gone).
 */
export function decodeView(search: string): ViewState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return defaultView;
  }
  const tab = params.get('tab');
  const denial = params.get('denial');
  const query = params.get('q');
  return {
    tab: tab !== null && tabSet.has(tab) ? (tab as QueueTab) : defaultView.tab,
    filters: {
      dosFrom: date(params, 'from'),
      dosTo: date(params, 'to'),
      payerIds: list(params, 'payer'),
      providerIds: list(params, 'provider'),
      placesOfService: list(params, 'pos'),
      ediStatuses: list(params, 'edi').filter((s): s is EdiStatus => ediSet.has(s)),
      denialCode: denial !== null && tokenPattern.test(denial) ? denial : '',
      billedOver30: params.get('over30') === '1',
      query: query === null ? '' : query.slice(0, MAX_TEXT),
    },
    sort: decodeSort(params.get('sort')),
  };
}

/**
 * The address's query string (with its '?', or '' when there is nothing) once `view` replaces the
 * view keys of `currentSearch`, keeping any other keys first and as they were.
 */
export function searchWithView(currentSearch: string, view: ViewState): string {
  let others = '';
  try {
    const params = new URLSearchParams(currentSearch);
    for (const key of viewKeys) params.delete(key);
    others = params.toString();
  } catch {
    // An address the browser gave us always parses; if not, its other keys are dropped.
  }
  const mine = encodeView(view);
  const all = [others, mine].filter((s) => s !== '').join('&');
  return all === '' ? '' : `?${all}`;
}
