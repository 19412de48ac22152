import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, For, type JSX, on, Show } from 'solid-js';
import type { ClaimRow } from '../queue/claimRow.ts';
import { columns } from '../queue/columns.ts';
import type { QueueTotals } from '../queue/computeTotals.ts';
import type { SortState } from '../queueStore.ts';
import { ClaimRowView } from './ClaimRowView.tsx';
import { GridHeader } from './GridHeader.tsx';
import { TotalsRow } from './TotalsRow.tsx';

// Fixed heights let the virtualizer place rows without measuring them; the CSS reads these too.
const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const STICKY_HEIGHT = HEADER_HEIGHT + ROW_HEIGHT;

// The first column is the select box; the claim columns follow.
const SELECT_WIDTH = 36;
const gridWidth = columns.reduce((w, c) => w + c.width, SELECT_WIDTH);
const gridStyle: JSX.CSSProperties = {
  '--grid-columns': [SELECT_WIDTH, ...columns.map((c) => c.width)].map((w) => `${w}px`).join(' '),
  '--select-width': `${SELECT_WIDTH}px`,
  '--grid-width': `${gridWidth}px`,
  '--row-height': `${ROW_HEIGHT}px`,
  '--header-height': `${HEADER_HEIGHT}px`,
};

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
}): JSX.Element {
  let scroller: HTMLDivElement | undefined;
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
    <div class="grid" ref={scroller} style={gridStyle}>
      <table class="grid-table" aria-rowcount={props.rowCount + 2} aria-colcount={columns.length + 1}>
        <thead class="grid-sticky">
          <GridHeader
            sort={props.sort}
            onSort={props.onSort}
            allSelected={props.allSelected}
            onSelectAll={props.onSelectAll}
          />
          <TotalsRow totals={props.totals} />
        </thead>
        <tbody class="grid-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => (
              <Show when={props.rowAt(item.index)}>
                {(row) => (
                  <ClaimRowView
                    row={row()}
                    selected={props.isSelected(row().id)}
                    onSelect={(shift) => props.onSelect(item.index, shift)}
                    rowIndex={item.index + 3}
                    odd={item.index % 2 === 1}
                    style={{ transform: `translateY(${item.start - STICKY_HEIGHT}px)` }}
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
