import { For, type JSX } from 'solid-js';
import { formatCents } from '../../../shared/money/format.ts';
import { columns } from '../queue/columns.ts';
import type { QueueTotals } from '../queue/computeTotals.ts';

/** Sums of the filtered view under the money and unit columns; the first cell counts the claims. */
export function TotalsRow(props: { totals: QueueTotals }): JSX.Element {
  const text = (key: keyof QueueTotals): string =>
    key === 'units' || key === 'claims'
      ? props.totals[key].toLocaleString('en-US')
      : formatCents(props.totals[key]);
  return (
    <tr class="grid-row grid-totals" aria-rowindex={2}>
      <td class="cell cell-select" />
      <For each={columns}>
        {(column, i) => (
          <td class={`cell cell-${column.kind}`}>
            {i() === 0 ? `Totals (${text('claims')})` : column.total === undefined ? '' : text(column.total)}
          </td>
        )}
      </For>
    </tr>
  );
}
