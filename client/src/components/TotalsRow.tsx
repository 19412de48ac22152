import { createMemo, For, type JSX } from 'solid-js';
import { formatCents } from '../../../shared/money/format.ts';
import type { QueueTotals } from '../queue/computeTotals.ts';
import { cellClass, type GridColumn, pinCell } from './gridCells.ts';

/**
 * Sums of the filtered view under the money and unit columns, whatever their order. The claim count
 * sits in the first visible column without a total of its own (Claim ID unless moved).
 */
export function TotalsRow(props: { columns: readonly GridColumn[]; totals: QueueTotals }): JSX.Element {
  const text = (key: keyof QueueTotals): string =>
    key === 'units' || key === 'claims'
      ? props.totals[key].toLocaleString('en-US')
      : formatCents(props.totals[key]);
  const labelColumn = createMemo(() => props.columns.find((c) => c.column.total === undefined)?.column.id);
  return (
    <tr class="grid-row grid-totals" aria-rowindex={2}>
      <td class="cell cell-select" />
      <For each={props.columns}>
        {(c) => {
          const cls = cellClass(c);
          const total = c.column.total;
          return pinCell(
            (
              <td class={cls}>
                {total !== undefined
                  ? text(total)
                  : labelColumn() === c.column.id
                    ? `Totals (${text('claims')})`
                    : ''}
              </td>
            ) as HTMLTableCellElement,
            c,
          );
        }}
      </For>
    </tr>
  );
}
