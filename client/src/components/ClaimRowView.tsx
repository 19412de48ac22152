import { For, type JSX, Match, Switch } from 'solid-js';
import type { ClaimRow } from '../queue/claimRow.ts';
import { columns } from '../queue/columns.ts';
import { EdiStatusBadge } from './EdiStatusBadge.tsx';

/** One claim as a grid row; the cells follow the column list. */
export function ClaimRowView(props: {
  row: ClaimRow;
  /** 1-based position among all the table's rows, for screen readers (the DOM holds only a window). */
  rowIndex: number;
  odd: boolean;
  style: JSX.CSSProperties;
}): JSX.Element {
  return (
    <tr
      class={props.odd ? 'grid-row grid-body-row odd' : 'grid-row grid-body-row'}
      aria-rowindex={props.rowIndex}
      style={props.style}
    >
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
