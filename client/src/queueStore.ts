import { type Accessor, createMemo, createSignal } from 'solid-js';
import type { IsoDate } from '../../shared/domain/primitives.ts';
import type { ClaimRow } from './queue/claimRow.ts';
import { columnById } from './queue/columns.ts';
import { computeTotals, type QueueTotals } from './queue/computeTotals.ts';
import { filterByTab, matchText } from './queue/filterRows.ts';
import type { QueueTab } from './queue/queueTab.ts';
import { clickRow, emptySelection, type Selection, toggleAll } from './queue/selection.ts';
import {
  numericSortKey,
  type SortDirection,
  type SortKey,
  sortIndices,
  textSortKey,
} from './queue/sortRows.ts';
import { countTabs, type TabCounts } from './queue/tabCounts.ts';

/** The data behind the queue screen: one practice's rows as of a date. */
export interface QueueData {
  practiceName: string;
  asOf: IsoDate;
  rows: ClaimRow[];
}

/** The column the view is sorted by, and which way. */
export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** The queue screen's state: what is loaded, the chosen tab, filter and sort, and what follows from them. */
export interface QueueStore {
  data: Accessor<QueueData | null>;
  /** Why loading failed, in words for a biller; null while loading or once loaded. */
  failure: Accessor<string | null>;
  tab: Accessor<QueueTab>;
  query: Accessor<string>;
  sort: Accessor<SortState | null>;
  /** Rows per tab after the text filter, so the counts say what each tab would show. */
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
  const [tab, setTab] = createSignal<QueueTab>('All');
  const [query, setQuery] = createSignal('');
  // Newest services first: what a biller works on today.
  const [sort, setSort] = createSignal<SortState | null>({ columnId: 'dateOfService', direction: 'desc' });

  const rows = createMemo(() => data()?.rows ?? []);
  // Keys depend only on the rows, so each column's key is built on its first sort and reused.
  const sortKeys = createMemo(() => {
    rows();
    return new Map<string, SortKey>();
  });
  const sortKeyOf = (columnId: string): SortKey | undefined => {
    const cache = sortKeys();
    const hit = cache.get(columnId);
    if (hit !== undefined) return hit;
    const column = columnById(columnId);
    if (column === undefined) return undefined;
    const sortBy = column.sortBy;
    const key =
      sortBy.type === 'text' ? textSortKey(rows(), sortBy.value) : numericSortKey(rows(), sortBy.value);
    cache.set(columnId, key);
    return key;
  };

  const textMatches = createMemo(() => matchText(rows(), query()));
  const tabCounts = createMemo(() => countTabs(rows(), textMatches()));
  const tabRows = createMemo(() => filterByTab(rows(), textMatches(), tab()));
  const visible = createMemo<readonly number[]>(() => {
    const s = sort();
    const key = s === null ? undefined : sortKeyOf(s.columnId);
    return s === null || key === undefined ? tabRows() : sortIndices(tabRows(), key, s.direction);
  });
  const totals = createMemo(() => computeTotals(rows(), visible()));
  const [selection, setSelection] = createSignal<Selection>(emptySelection);
  const idAt = (i: number): string | undefined => {
    const index = visible()[i];
    return index === undefined ? undefined : rows()[index]?.id;
  };
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
    sort,
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
    clickRow: (i, shift) => setSelection((s) => clickRow(s, idAt, i, shift)),
    toggleAllVisible: () => setSelection((s) => toggleAll(s, visibleIds())),
    clearSelection: () => setSelection(emptySelection),
    allVisibleSelected,
    selectTab: setTab,
    setQuery,
    toggleSort: (columnId) =>
      setSort((s) =>
        s?.columnId === columnId
          ? { columnId, direction: s.direction === 'asc' ? 'desc' : 'asc' }
          : { columnId, direction: 'asc' },
      ),
  };
}
