import {
  createEffect,
  createMemo,
  createRoot,
  createSignal,
  getOwner,
  type JSX,
  on,
  onCleanup,
  Show,
  untrack,
} from 'solid-js';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimRow } from '../queue/claimRow.ts';
import { cellColumns, placeColumns } from '../queue/columnLayout.ts';
import type { ColumnLayoutStore } from '../queue/columnLayoutStore.ts';
import type { QueueTotals } from '../queue/computeTotals.ts';
import { emptyRange, poolSize, rowRange, sameRange, slotOf } from '../queue/rowWindow.ts';
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
// Rows kept beyond each edge of the viewport: enough that a fast wheel never shows a blank band
// before the next frame, few enough that the DOM stays small.
const OVERSCAN = 6;

/** One recycled body row: its element (none while its row is missing), pointed at a view row. */
interface Slot {
  el: () => HTMLTableRowElement | undefined;
  index: () => number;
  setIndex: (index: number) => void;
  dispose: () => void;
}

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

  // The body's window: the rows in view (plus OVERSCAN), from the scroll position, in O(1).
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewportHeight, setViewportHeight] = createSignal(
    typeof window === 'undefined' ? 800 : window.innerHeight,
  );
  const range = createMemo(
    () =>
      rowRange({
        scrollTop: scrollTop(),
        viewportHeight: viewportHeight(),
        rowHeight: ROW_HEIGHT,
        bodyTop: STICKY_HEIGHT,
        count: props.rowCount,
        overscan: OVERSCAN,
      }),
    emptyRange,
    { equals: sameRange },
  );

  const pool = createMemo(() => poolSize(viewportHeight(), ROW_HEIGHT, OVERSCAN));

  // DOM rows are recycled: a row leaving the window hands its <tr>, cells and computations to the
  // row entering in its slot, which rewrites their text. Scrolling creates no elements or
  // computations, and only the rows entering and leaving move in the DOM. (Rewriting every row in
  // place instead measured slower: every cell's text relaid out each frame.)
  let body: HTMLTableSectionElement | undefined;
  const owner = getOwner();
  const slots: Slot[] = [];
  onCleanup(() => {
    for (const s of slots) s.dispose();
  });
  const makeSlot = (first: number): Slot =>
    createRoot((dispose) => {
      const [index, setIndex] = createSignal(first);
      // An idle slot (out of the window, detached) keeps its last row rather than none.
      const row = createMemo<ClaimRow | undefined>((last) => props.rowAt(index()) ?? last);
      const el = (
        <Show when={row()}>
          {(r) => (
            <ClaimRowView
              columns={visibleColumns()}
              row={r()}
              selected={props.isSelected(r().id)}
              onSelect={(shift) => props.onSelect(index(), shift)}
              rowIndex={index() + 3}
              odd={index() % 2 === 1}
              top={index() * ROW_HEIGHT}
              onOpen={open === undefined ? undefined : () => open(r().id)}
              ediHistory={props.ediHistory}
              pendingStatus={props.pendingStatus}
            />
          )}
        </Show>
      ) as unknown as () => HTMLTableRowElement | undefined;
      return { el, index, setIndex, dispose };
    }, owner);
  /** The slot for view row `i`, pointed at it. */
  const slotFor = (i: number, size: number): Slot => {
    const k = slotOf(i, size);
    let s = slots[k];
    if (s === undefined) {
      s = makeSlot(i);
      slots[k] = s;
    } else s.setIndex(i);
    return s;
  };
  // The slots in the body, by slot number; the DOM keeps slot order.
  let attached: (Slot | undefined)[] = [];
  let attachedPool = 0;
  const attach = (tbody: HTMLTableSectionElement, k: number, slot: Slot) => {
    const el = slot.el();
    if (!el) return;
    let after: HTMLTableRowElement | undefined;
    for (let j = k + 1; j < attached.length && after === undefined; j++) after = attached[j]?.el();
    tbody.insertBefore(el, after ?? null);
    attached[k] = slot;
  };
  // Rows stay in the body as they are reused: a slot whose row left the window is pointed at the
  // row entering in its place, which rewrites its text and moves it (no element leaves or enters
  // the DOM, so nothing is styled anew; measured against taking rows out and putting them back in
  // view order: 200+ elements restyled and the layout tree rebuilt per frame). The DOM is therefore
  // in slot order, not view order, once scrolled (as AG Grid's rows are by default); each row says
  // its place in `aria-rowindex`. A slot left from an earlier window stays where it is, out of view,
  // unless its row is past the end of the list. After render: the body element must exist.
  createEffect(() => {
    const next = range();
    const size = pool();
    const count = props.rowCount;
    const tbody = body;
    if (!tbody) return;
    untrack(() => {
      if (size !== attachedPool) {
        // Another pool size maps rows to other slots: start the body again.
        for (const slot of attached) slot?.el()?.remove();
        attached = [];
        attachedPool = size;
      }
      for (let i = next.start; i < next.end; i++) {
        const slot = slotFor(i, size);
        const k = slotOf(i, size);
        if (attached[k] !== slot) attach(tbody, k, slot);
      }
      for (let k = 0; k < attached.length; k++) {
        const slot = attached[k];
        if (slot && slot.index() >= count) {
          slot.el()?.remove();
          attached[k] = undefined;
        }
      }
    });
  });

  // Text cells show their whole text on hover (it may be cut): set when hovered rather than on
  // every row change, since a title change restyles the cell (the browser's own sheet has [title]
  // rules) and scrolling changes every row.
  const titleOnHover = (event: PointerEvent) => {
    const td = event.target instanceof Element ? event.target.closest('td.cell-text') : null;
    if (td instanceof HTMLElement && td.title !== td.textContent) td.title = td.textContent ?? '';
  };

  // A new tab or filter is a new list: start at its top, not at the old list's scroll offset.
  createEffect(
    on(
      () => props.viewKey,
      () => {
        if (scroller) scroller.scrollTop = 0;
        setScrollTop(0);
      },
      { defer: true },
    ),
  );

  return (
    <div
      class="grid"
      ref={(el) => {
        scroller = el;
        el.addEventListener('scroll', () => setScrollTop(el.scrollTop), { passive: true });
        // The window follows the scroller's height (a resized browser shows more rows).
        const resize = new ResizeObserver(() => setViewportHeight(el.clientHeight));
        resize.observe(el);
        onCleanup(() => resize.disconnect());
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
        <tbody
          class="grid-body"
          ref={body}
          onPointerOver={titleOnHover}
          style={{ height: `${props.rowCount * ROW_HEIGHT}px` }}
        />
      </table>
      <Show when={props.rowCount === 0}>
        <p class="grid-empty">No claims match this tab and filter.</p>
      </Show>
    </div>
  );
}
