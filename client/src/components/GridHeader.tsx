import { For, type JSX } from 'solid-js';
import { columns } from '../queue/columns.ts';
import type { SortState } from '../queueStore.ts';

type AriaSort = 'ascending' | 'descending' | 'none';

function ariaSort(sort: SortState | null, columnId: string): AriaSort {
  if (sort?.columnId !== columnId) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

const sortMarks: Record<AriaSort, string> = { ascending: '▲', descending: '▼', none: '' };

/** The column headers; clicking one sorts by it, clicking it again reverses. */
export function GridHeader(props: {
  sort: SortState | null;
  onSort: (columnId: string) => void;
  allSelected: boolean;
  onSelectAll: () => void;
}): JSX.Element {
  return (
    <tr class="grid-row grid-head" aria-rowindex={1}>
      <th class="cell cell-select" scope="col">
        <input
          type="checkbox"
          aria-label="Select every claim in this view"
          checked={props.allSelected}
          onClick={() => props.onSelectAll()}
        />
      </th>
      <For each={columns}>
        {(column) => (
          <th class={`cell cell-${column.kind}`} scope="col" aria-sort={ariaSort(props.sort, column.id)}>
            <button type="button" class="sort-button" onClick={() => props.onSort(column.id)}>
              <span class="sort-label">{column.label}</span>
              <span class="sort-mark" aria-hidden="true">
                {sortMarks[ariaSort(props.sort, column.id)]}
              </span>
            </button>
          </th>
        )}
      </For>
    </tr>
  );
}
