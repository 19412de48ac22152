import { type Accessor, batch, createMemo, createSignal, onCleanup, untrack } from 'solid-js';
import type { IsoDate } from '../../shared/domain/primitives.ts';
import type { ClaimRow } from './queue/claimRow.ts';
import { columnById } from './queue/columns.ts';
import { computeTotals, type QueueTotals } from './queue/computeTotals.ts';
import { filterByTab } from './queue/filterRows.ts';
import {
  applyFilters,
  emptyFilters,
  type FilterOptions,
  filterOptions,
  type QueueFilters,
} from './queue/queueFilters.ts';
import type { QueueTab } from './queue/queueTab.ts';
import { clickRow, emptySelection, type Selection, toggleAll } from './queue/selection.ts';
import type { SortBy } from './queue/sortKeyCache.ts';
import { SortKeyCache } from './queue/sortKeyCache.ts';
import { type FullOrder, fullOrder, type TieOrder, tieOrder, viewOrder } from './queue/sortOrder.ts';
import { claimIdTie, type SortKey } from './queue/sortRows.ts';
import { countTabs, type TabCounts } from './queue/tabCounts.ts';
import { defaultView, type SortState, type ViewState } from './queue/viewUrl.ts';

export type { SortState } from './queue/viewUrl.ts';

/** How often the filter dropdowns' choices follow live changes at most. */
export const OPTIONS_REFRESH_MS = 1000;

/** Equal sort keys go by a number from the claim id: the same order on every screen. */
const TIE_KEY = ' tie';
const tieBy: SortBy<ClaimRow> = { type: 'number', value: (row) => claimIdTie(row.id) };

/** The data behind the queue screen: one practice's rows as of a date. */
export interface QueueData {
  practiceName: string;
  asOf: IsoDate;
  rows: ClaimRow[];
}

/** The queue screen's state: what is loaded, the chosen tab, filter and sort, and what follows from them. */
export interface QueueStore {
  data: Accessor<QueueData | null>;
  /** Why loading failed, in words for a biller; null while loading or once loaded. */
  failure: Accessor<string | null>;
  tab: Accessor<QueueTab>;
  /** The free-text filter (one of the filters). */
  query: Accessor<string>;
  filters: Accessor<QueueFilters>;
  /** The choices of the filter dropdowns: what the loaded rows hold, with counts. */
  filterOptions: Accessor<FilterOptions>;
  sort: Accessor<SortState | null>;
  /** Tab, filters and sort together: what the address bar keeps. */
  viewState: Accessor<ViewState>;
  /** Rows per tab after the filters, so the counts say what each tab would show. */
  tabCounts: Accessor<TabCounts>;
  /** Row indices of the current view, filtered and sorted. */
  visible: Accessor<readonly number[]>;
  totals: Accessor<QueueTotals>;
  /** The row at position `i` of the current view. */
  rowAt: (i: number) => ClaimRow | undefined;
  load: (data: QueueData) => void;
  fail: (message: string) => void;
  selectTab: (tab: QueueTab) => void;
  setQuery: (query: string) => void;
  /** Change some filters, keeping the others. */
  setFilters: (patch: Partial<QueueFilters>) => void;
  clearFilters: () => void;
  /** Show a saved or shared view (tab, filters and sort at once). */
  restoreView: (view: ViewState) => void;
  /** Sort by a column; the same column again flips the direction. */
  toggleSort: (columnId: string) => void;
  selection: Accessor<Selection>;
  /** A click on the box of row `i` of the view; `shift` selects the range from the last click. */
  clickRow: (i: number, shift: boolean) => void;
  /** Selects every claim of the view, or clears when all are selected. */
  toggleAllVisible: () => void;
  clearSelection: () => void;
  /** Whether every claim of the view is selected. */
  allVisibleSelected: Accessor<boolean>;
}

/** Create the queue store. Call inside a reactive root (its memos live as long as the root). */
export function createQueueStore(): QueueStore {
  const [data, setData] = createSignal<QueueData | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [tab, setTab] = createSignal<QueueTab>(defaultView.tab);
  const [filters, setFilterState] = createSignal<QueueFilters>(defaultView.filters);
  const query = createMemo(() => filters().query);
  // A patch that changes nothing keeps the same object, so the 100k-row filter pass doesn't rerun.
  const setFilters = (patch: Partial<QueueFilters>) =>
    setFilterState((f) => {
      let next = f;
      for (const key of Object.keys(patch) as (keyof QueueFilters)[]) {
        const value = patch[key];
        if (value !== undefined && value !== f[key]) next = { ...next, [key]: value };
      }
      return next;
    });
  const [sort, setSort] = createSignal<SortState | null>(defaultView.sort);
  const viewState = createMemo<ViewState>(() => ({ tab: tab(), filters: filters(), sort: sort() }));

  const rows = createMemo(() => data()?.rows ?? []);
  // Each column's key is built on its first sort, then patched as live changes replace rows.
  const sortKeys = new SortKeyCache<ClaimRow>();
  const sortKeyOf = (columnId: string): SortKey | undefined => {
    const column = columnById(columnId);
    return column === undefined ? undefined : sortKeys.keyFor(columnId, rows(), column.sortBy);
  };

  // Filters first, then the tab: a tab switch re-filters only the rows that passed.
  const matches = createMemo(() => applyFilters(rows(), filters()));
  // The dropdowns' choices and counts: built at once for the first rows, then refreshed at most once
  // per OPTIONS_REFRESH_MS while live changes stream in (a pass over 100k rows each time would add
  // ~20 ms to every colleague's edit; counts a moment old are fine in a dropdown).
  const [optionsTick, setOptionsTick] = createSignal(0);
  let optionsOf: { rows: readonly ClaimRow[]; value: FilterOptions } | null = null;
  let optionsRefresh: ReturnType<typeof setTimeout> | null = null;
  onCleanup(() => optionsRefresh !== null && clearTimeout(optionsRefresh));
  const options = (): FilterOptions => {
    optionsTick();
    const current = rows();
    if (optionsOf === null || (optionsOf.rows.length === 0 && current.length > 0)) {
      optionsOf = { rows: current, value: filterOptions(current) };
    } else if (optionsOf.rows !== current && optionsRefresh === null) {
      optionsRefresh = setTimeout(() => {
        optionsRefresh = null;
        const latest = untrack(rows);
        optionsOf = { rows: latest, value: filterOptions(latest) };
        setOptionsTick((n) => n + 1);
      }, OPTIONS_REFRESH_MS);
    }
    return optionsOf.value;
  };
  const tabCounts = createMemo(() => countTabs(rows(), matches()));
  const tabRows = createMemo(() => filterByTab(rows(), matches(), tab()));
  // A column's whole order is built once per key (per rows array, as live changes patch the key);
  // then each tab, filter or direction is one pass over it rather than a sort (see sortOrder.ts).
  let ties: { key: SortKey; order: TieOrder } | null = null;
  const orders = new Map<string, { key: SortKey; order: FullOrder }>();
  const orderOf = (columnId: string): FullOrder | undefined => {
    const key = sortKeyOf(columnId);
    if (key === undefined) return undefined;
    const cached = orders.get(columnId);
    if (cached?.key === key) return cached.order;
    const tieKey = sortKeys.keyFor(TIE_KEY, rows(), tieBy);
    if (ties?.key !== tieKey) ties = { key: tieKey, order: tieOrder(tieKey) };
    const order = fullOrder(key, ties.order);
    orders.set(columnId, { key, order });
    return order;
  };
  const visible = createMemo<readonly number[]>(() => {
    const s = sort();
    const order = s === null ? undefined : orderOf(s.columnId);
    if (s === null || order === undefined) return tabRows();
    return viewOrder(order, tabRows(), s.direction);
  });
  // Sums don't depend on the order: a sort doesn't recompute them.
  const totals = createMemo(() => computeTotals(rows(), tabRows()));
  const [selection, setSelection] = createSignal<Selection>(emptySelection);
  const idAt = (i: number): string | undefined => {
    const index = visible()[i];
    return index === undefined ? undefined : rows()[index]?.id;
  };
  const indexOf = (id: string): number => {
    const all = rows();
    return visible().findIndex((i) => all[i]!.id === id);
  };
  const selectionView = { idAt, indexOf };
  const visibleIds = (): string[] => visible().map((i) => rows()[i]!.id);
  const allVisibleSelected = createMemo(() => {
    const ids = selection().ids;
    const view = visible();
    return view.length > 0 && ids.size >= view.length && view.every((i) => ids.has(rows()[i]!.id));
  });

  return {
    data,
    failure,
    tab,
    query,
    filters,
    filterOptions: options,
    sort,
    viewState,
    tabCounts,
    visible,
    totals,
    rowAt: (i) => {
      const index = visible()[i];
      return index === undefined ? undefined : rows()[index];
    },
    load: (d) => {
      setFailure(null);
      setData(d);
    },
    fail: setFailure,
    selection,
    clickRow: (i, shift) => setSelection((s) => clickRow(s, selectionView, i, shift)),
    toggleAllVisible: () => setSelection((s) => toggleAll(s, visibleIds())),
    clearSelection: () => setSelection(emptySelection),
    allVisibleSelected,
    selectTab: setTab,
    setQuery: (q) => setFilters({ query: q }),
    setFilters,
    clearFilters: () => setFilterState(emptyFilters),
    restoreView: (view) =>
      batch(() => {
        setTab(view.tab);
        setFilterState(view.filters);
        setSort(view.sort);
      }),
    toggleSort: (columnId) =>
      setSort((s) =>
        s?.columnId === columnId
          ? { columnId, direction: s.direction === 'asc' ? 'desc' : 'asc' }
          : { columnId, direction: 'asc' },
      ),
  };
}
