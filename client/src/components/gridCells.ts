/** What header, totals and body cells share about their column: classes and the sticky offset. */

import type { CellColumn } from '../queue/columnLayout.ts';
import type { Column } from '../queue/columns.ts';

/** A visible column as header, totals and body cells render it. */
export type GridColumn = CellColumn<Column>;

/**
 * The sticky left offset of a pinned column, as the CSS variable its cells read: a resize changes
 * the variable on the grid, not the cells.
 */
export const pinVar = (columnId: string): `--pin-${string}` => `--pin-${columnId}`;

/** The classes a column's cells share (fixed for the life of a `GridColumn`). */
export function cellClass(c: GridColumn): string {
  const pin = c.pinned ? ` cell-pinned${c.edge ? ' cell-pin-edge' : ''}` : '';
  return `cell cell-${c.column.kind}${pin}`;
}

/**
 * Give a pinned column's cell its sticky offset. Set once on the element rather than bound in JSX,
 * where a style binding costs a reactive computation per cell.
 */
export function pinCell<T extends HTMLElement>(el: T, c: GridColumn): T {
  if (c.pinned) el.style.left = `var(${pinVar(c.column.id)})`;
  return el;
}
