import { For, type JSX, Match, Switch } from 'solid-js';
import type { ClaimRow } from '../queue/claimRow.ts';
import { columns } from '../queue/columns.ts';
import { EdiStatusBadge } from './EdiStatusBadge.tsx';

/** One claim as a grid row; the cells follow the column list. */
export function ClaimRowView(props: {
  row: ClaimRow;
  selected: boolean;
  onSelect: (shift: boolean) => void;
  /** 1-based position among all the table's rows, for screen readers (the DOM holds only a window). */
  rowIndex: number;
  odd: boolean;
  style: JSX.CSSProperties;
}): JSX.Element {
  return (
    <tr
      class={`grid-row grid-body-row${props.odd ? ' odd' : ''}${props.selected ? ' selected' : ''}`}
      aria-rowindex={props.rowIndex}
      aria-selected={props.selected}
      data-claim-id={props.row.id}
      style={props.style}
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
      <For each={columns}>
        {(column) => (
          // Only free text gets truncated enough to need the full value on hover.
          <td
            class={`cell cell-${column.kind}`}
            title={column.kind === 'text' ? column.text(props.row) : undefined}
          >
            <Switch fallback={column.text(props.row)}>
              <Match when={column.kind === 'edi'}>
                <EdiStatusBadge status={props.row.ediStatus} />
              </Match>
              <Match when={column.kind === 'status'}>
                <span class={`status status-${props.row.status.toLowerCase()}`}>{props.row.status}</span>
              </Match>
            </Switch>
          </td>
        )}
      </For>
    </tr>
  );
}
