import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, For, type JSX, on, Show } from 'solid-js';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimRow } from '../queue/claimRow.ts';
import { cellColumns, placeColumns } from '../queue/columnLayout.ts';
import type { ColumnLayoutStore } from '../queue/columnLayoutStore.ts';
import type { QueueTotals } from '../queue/computeTotals.ts';
import type { SortState } from '../queueStore.ts';
import { ClaimRowView } from './ClaimRowView.tsx';
import type { LoadEdiHistory } from './EdiStatusBadge.tsx';
import { GridHeader } from './GridHeader.tsx';
import { type GridColumn, pinVar } from './gridCells.ts';
import { TotalsRow } from './TotalsRow.tsx';
import './ClaimsGrid.css';

// Fixed heights let the virtualizer place rows without measuring them; the CSS reads these too.
const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const STICKY_HEIGHT = HEADER_HEIGHT + ROW_HEIGHT;

// The first column is the select box, always pinned; the claim columns follow in layout order.
const SELECT_WIDTH = 36;

/**
 * The claims table: a sticky header and totals row over a virtualized body, so only the rows in
 * view (plus a margin) exist in the DOM however many claims the view holds.
 */
export function ClaimsGrid(props: {
  rowCount: number;
  rowAt: (i: number) => ClaimRow | undefined;
  /** Changes when the view shows other claims (tab, filter); the grid then scrolls back to the top. */
  viewKey: string;
  totals: QueueTotals;
  sort: SortState | null;
  onSort: (columnId: string) => void;
  isSelected: (claimId: string) => boolean;
  /** A click on a row's box: `shift` selects the range from the last click. */
  onSelect: (index: number, shift: boolean) => void;
  /** Whether every claim of the view is selected (the header box). */
  allSelected: boolean;
  onSelectAll: () => void;
  /** Escape in the grid: drop the selection. */
  onClearSelection?: () => void;
  /** Which columns show, in what order, how wide, which are pinned. */
  layout: ColumnLayoutStore;
  /** Open a claim: double-click on its row, or click on its claim ID. */
  onOpenClaim?: (claimId: string) => void;
  /** A claim's EDI messages, loaded when its status popover opens. */
  ediHistory?: LoadEdiHistory;
  /** The status a claim is waiting to change to, if any. */
  pendingStatus?: (claimId: string) => ClaimStatus | undefined;
}): JSX.Element {
  let scroller: HTMLDivElement | undefined;
  // Once per layout change, never per cell: widths and offsets become CSS variables on the grid.
  const placed = createMemo(() => placeColumns(props.layout.layout(), props.layout.columns, SELECT_WIDTH));
  const visibleColumns = createMemo<readonly GridColumn[]>((previous) => cellColumns(placed(), previous));
  const gridStyle = createMemo((): JSX.CSSProperties => {
    const p = placed();
    const style: JSX.CSSProperties = {
      '--grid-columns': [SELECT_WIDTH, ...p.columns.map((c) => c.width)].map((w) => `${w}px`).join(' '),
      '--select-width': `${SELECT_WIDTH}px`,
      '--grid-width': `${p.totalWidth}px`,
      '--row-height': `${ROW_HEIGHT}px`,
      '--header-height': `${HEADER_HEIGHT}px`,
    };
    for (const c of p.columns) if (c.pinned) style[pinVar(c.column.id)] = `${c.left}px`;
    return style;
  });
  // Keyboard, as in a spreadsheet: Ctrl/Cmd+A selects every claim of the view, Escape clears.
  const selectionKeys = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLElement && event.target.closest('input:not([type=checkbox]), select'))
      return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      if (!props.allSelected) props.onSelectAll();
    } else if (event.key === 'Escape' && props.onClearSelection) {
      props.onClearSelection();
    }
  };
  // Read once: whether claims open is fixed for the grid's life, so rows need no reactive check.
  const open = props.onOpenClaim;
  const virtualizer = createVirtualizer({
    get count() {
      return props.rowCount;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The body starts below the sticky header and totals row inside the same scroller.
    scrollMargin: STICKY_HEIGHT,
  });

  // A new tab or filter is a new list: start at its top, not at the old list's scroll offset.
  createEffect(
    on(
      () => props.viewKey,
      () => virtualizer.scrollToOffset(0),
      { defer: true },
    ),
  );

  return (
    <div
      class="grid"
      ref={(el) => {
        scroller = el;
        // Keys reach the scroller from the focused checkbox or link inside it (a listener, not an
        // onKeyDown prop: the scroller is no widget of its own).
        el.addEventListener('keydown', selectionKeys);
      }}
      style={gridStyle()}
    >
      <table
        class="grid-table"
        aria-rowcount={props.rowCount + 2}
        aria-colcount={visibleColumns().length + 1}
      >
        <thead class="grid-sticky">
          <GridHeader
            columns={visibleColumns()}
            layout={props.layout}
            sort={props.sort}
            onSort={props.onSort}
            allSelected={props.allSelected}
            onSelectAll={props.onSelectAll}
          />
          <TotalsRow columns={visibleColumns()} totals={props.totals} />
        </thead>
        <tbody class="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => (
              <Show when={props.rowAt(item.index)}>
                {(row) => (
                  <ClaimRowView
                    columns={visibleColumns()}
                    row={row()}
                    selected={props.isSelected(row().id)}
                    onSelect={(shift) => props.onSelect(item.index, shift)}
                    rowIndex={item.index + 3}
                    odd={item.index % 2 === 1}
                    style={{ transform: `translateY(${item.start - STICKY_HEIGHT}px)` }}
                    onOpen={open === undefined ? undefined : () => open(row().id)}
                    ediHistory={props.ediHistory}
                    pendingStatus={props.pendingStatus}
                  />
                )}
              </Show>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.rowCount === 0}>
        <p class="grid-empty">No claims match this tab and filter.</p>
      </Show>
    </div>
  );
}
