import { createRenderEffect, For, type JSX, Show } from 'solid-js';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimRow } from '../queue/claimRow.ts';
import { EdiStatusBadge, type LoadEdiHistory } from './EdiStatusBadge.tsx';
import { cellClass, type GridColumn, pinCell } from './gridCells.ts';

/**
 * One cell. What it renders is decided once from the column's kind (fixed for the life of a
 * `GridColumn`), and its class and offset are plain strings; only the row's values are reactive.
 */
interface CellProps {
  c: GridColumn;
  row: ClaimRow;
  onOpen: (() => void) | undefined;
  ediHistory: LoadEdiHistory | undefined;
  pendingStatus: ((claimId: string) => ClaimStatus | undefined) | undefined;
}

function Cell(props: CellProps): JSX.Element {
  const c = props.c;
  const column = c.column;
  const cls = cellClass(c);
  if (column.kind === 'edi') {
    return pinCell(
      (
        <td class={cls}>
          <EdiStatusBadge
            status={props.row.ediStatus}
            claimId={props.row.id}
            loadHistory={props.ediHistory}
          />
        </td>
      ) as HTMLTableCellElement,
      c,
    );
  }
  if (column.kind === 'status') {
    return pinCell(
      (
        <td class={cls}>
          <span class={`status status-${props.row.status.toLowerCase()}`}>{props.row.status}</span>
          <Show when={props.pendingStatus?.(props.row.id)}>
            {(to) => (
              <span class="pending-status" title="Sent; waiting for the server to decide">
                → {to()}
              </span>
            )}
          </Show>
        </td>
      ) as HTMLTableCellElement,
      c,
    );
  }
  const open = props.onOpen;
  if (column.id === 'id' && open !== undefined) {
    return pinCell(
      (
        <td class={cls}>
          <button
            type="button"
            class="link-button open-claim"
            data-testid="open-claim"
            onClick={() => open()}
          >
            {props.row.id}
          </button>
        </td>
      ) as HTMLTableCellElement,
      c,
    );
  }
  const td = pinCell((<td class={cls} />) as HTMLTableCellElement, c);
  // One computation per cell for the text (the grid sets a text cell's title on hover). The text
  // node is kept and its data rewritten when a recycled row shows another claim: a new node each
  // time would rebuild the cell's layout object.
  const node = td.appendChild(document.createTextNode(''));
  createRenderEffect(() => {
    const text = column.text(props.row);
    if (node.data !== text) node.data = text;
  });
  return td;
}

/** One claim as a grid row; the cells follow the visible columns in layout order. */
export function ClaimRowView(props: {
  columns: readonly GridColumn[];
  row: ClaimRow;
  selected: boolean;
  onSelect: (shift: boolean) => void;
  /** 1-based position among all the table's rows, for screen readers (the DOM holds only a window). */
  rowIndex: number;
  odd: boolean;
  /** The row's offset in the body, in CSS pixels. */
  top: number;
  /** Open this claim (double-click on the row, click on its claim ID); none when claims do not open. */
  onOpen?: (() => void) | undefined;
  ediHistory?: LoadEdiHistory | undefined;
  pendingStatus?: ((claimId: string) => ClaimStatus | undefined) | undefined;
}): JSX.Element {
  const open = props.onOpen;
  return (
    <tr
      class={`grid-row grid-body-row${props.odd ? ' odd' : ''}${props.selected ? ' selected' : ''}`}
      aria-rowindex={props.rowIndex}
      aria-selected={props.selected}
      data-claim-id={props.row.id}
      style={{ transform: `translateY(${props.top}px)` }}
      onDblClick={
        open === undefined
          ? undefined
          : (event) => {
              // The box and the claim ID link act on their own clicks; a double-click there is not "open".
              if (event.target instanceof Element && event.target.closest('input, button') !== null) return;
              open();
            }
      }
    >
      <td class="cell cell-select">
        <input
          type="checkbox"
          aria-label={`Select claim ${props.row.id}`}
          checked={props.selected}
          onClick={(event) => {
            props.onSelect(event.shiftKey);
          }}
        />
      </td>
      <For each={props.columns}>
        {(c) => (
          <Cell
            c={c}
            row={props.row}
            onOpen={open}
            ediHistory={props.ediHistory}
            pendingStatus={props.pendingStatus}
          />
        )}
      </For>
    </tr>
  );
}
