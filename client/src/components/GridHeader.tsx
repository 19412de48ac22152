import { createSignal, For, type JSX, onCleanup } from 'solid-js';
import { widthOf } from '../queue/columnLayout.ts';
import type { ColumnLayoutStore } from '../queue/columnLayoutStore.ts';
import type { SortState } from '../queueStore.ts';
import { cellClass, type GridColumn, pinCell } from './gridCells.ts';

type AriaSort = 'ascending' | 'descending' | 'none';

function ariaSort(sort: SortState | null, columnId: string): AriaSort {
  if (sort?.columnId !== columnId) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

const sortMarks: Record<AriaSort, string> = { ascending: '▲', descending: '▼', none: '' };

// Marks a drag as a column reorder (other drags, e.g. text or files, are not drops on a header).
const DRAG_TYPE = 'application/x-claimgrid-column';

type DropMark = { id: string; side: 'before' | 'after' } | null;

/**
 * The column headers: a click sorts (again reverses), dragging a header moves its column, dragging
 * a header's right edge resizes it (double-click the edge for the default width).
 */
export function GridHeader(props: {
  columns: readonly GridColumn[];
  layout: ColumnLayoutStore;
  sort: SortState | null;
  onSort: (columnId: string) => void;
  allSelected: boolean;
  onSelectAll: () => void;
}): JSX.Element {
  const [drop, setDrop] = createSignal<DropMark>(null);
  let dragging: string | null = null;
  let resizing = false;
  // The click that ends a resize drag (released over the header) must not also sort.
  let suppressSortUntil = 0;
  let frame = 0;
  onCleanup(() => cancelAnimationFrame(frame));

  const startResize = (event: PointerEvent, c: GridColumn): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget as HTMLElement;
    const id = c.column.id;
    const startX = event.clientX;
    const startWidth = widthOf(props.layout.layout(), c.column);
    let width = startWidth;
    resizing = true;
    handle.setPointerCapture(event.pointerId);
    // At most one layout update per frame however fast the pointer reports.
    const onMove = (e: PointerEvent): void => {
      width = startWidth + e.clientX - startX;
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          props.layout.previewResize(id, width);
        });
      }
    };
    const onEnd = (): void => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onEnd);
      handle.removeEventListener('pointercancel', onEnd);
      cancelAnimationFrame(frame);
      frame = 0;
      resizing = false;
      suppressSortUntil = performance.now() + 300;
      props.layout.resize(id, width);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onEnd);
    handle.addEventListener('pointercancel', onEnd);
  };

  const sideOf = (event: DragEvent): 'before' | 'after' => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return event.clientX < rect.left + rect.width / 2 ? 'before' : 'after';
  };

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
      <For each={props.columns}>
        {(c) => {
          const id = c.column.id;
          const cls = cellClass(c);
          const mark = (): string => {
            const d = drop();
            return d?.id === id ? ` drop-${d.side}` : '';
          };
          const th = (
            <th
              class={`${cls} col-head${mark()}`}
              scope="col"
              aria-sort={ariaSort(props.sort, id)}
              draggable={true}
              onDragStart={(event) => {
                if (resizing || event.dataTransfer === null) {
                  event.preventDefault();
                  return;
                }
                dragging = id;
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData(DRAG_TYPE, id);
                event.dataTransfer.setData('text/plain', c.column.label);
              }}
              onDragOver={(event) => {
                if (dragging === null || !event.dataTransfer?.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                const side = sideOf(event);
                const d = drop();
                if (d?.id !== id || d.side !== side) setDrop(dragging === id ? null : { id, side });
              }}
              onDragLeave={(event) => {
                // Leaving for a child of this header is not leaving the header.
                if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))
                  return;
                if (drop()?.id === id) setDrop(null);
              }}
              onDrop={(event) => {
                if (dragging === null) return;
                event.preventDefault();
                props.layout.move(dragging, id, sideOf(event));
                setDrop(null);
              }}
              onDragEnd={() => {
                dragging = null;
                setDrop(null);
              }}
            >
              <button
                type="button"
                class="sort-button"
                title={c.column.label}
                onClick={() => {
                  if (performance.now() < suppressSortUntil) return;
                  props.onSort(id);
                }}
              >
                <span class="sort-label">{c.column.label}</span>
                <span class="sort-mark" aria-hidden="true">
                  {sortMarks[ariaSort(props.sort, id)]}
                </span>
              </button>
              <span
                class="col-resize"
                aria-hidden="true"
                title={`Drag to resize ${c.column.label}; double-click for the default width`}
                onPointerDown={(event) => startResize(event, c)}
                onClick={(event) => event.stopPropagation()}
                onDblClick={() => props.layout.resize(id, c.column.width)}
              />
            </th>
          ) as HTMLTableCellElement;
          return pinCell(th, c);
        }}
      </For>
    </tr>
  );
}
