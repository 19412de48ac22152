/**
 * The grid's column layout as plain data: which columns show, in what order, how wide, and which
 * stay pinned on the left. Every operation returns a new layout (or the same one when it changes
 * nothing), so a store can hold it in one signal and the grid derives its CSS once per change.
 */

/** What the layout needs to know about a column (a `Column` of columns.ts fits). */
export interface LayoutColumn {
  id: string;
  /** Default width in CSS pixels. */
  width: number;
  /** Can never be hidden. */
  required?: boolean;
  defaultPinned?: boolean;
  defaultHidden?: boolean;
}

export interface ColumnLayout {
  /** Every known column id exactly once; the pinned group is the first `pinned` entries. */
  order: readonly string[];
  /** How many leading entries of `order` are pinned (hidden ones included). */
  pinned: number;
  /** Hidden column ids, in no particular order. */
  hidden: readonly string[];
  /** Widths the user chose; a column without one has its default width. */
  widths: Readonly<Record<string, number>>;
}

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 800;

/** A width the grid accepts: whole pixels within [MIN_WIDTH, MAX_WIDTH]. */
export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return MIN_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** Pinned-by-default columns first, then the rest, each group in catalog order. */
export function defaultLayout(columns: readonly LayoutColumn[]): ColumnLayout {
  const pinned = columns.filter((c) => c.defaultPinned === true);
  const rest = columns.filter((c) => c.defaultPinned !== true);
  return {
    order: [...pinned, ...rest].map((c) => c.id),
    pinned: pinned.length,
    hidden: columns.filter((c) => c.defaultHidden === true && c.required !== true).map((c) => c.id),
    widths: {},
  };
}

export function isHidden(layout: ColumnLayout, id: string): boolean {
  return layout.hidden.includes(id);
}

export function isPinned(layout: ColumnLayout, id: string): boolean {
  const i = layout.order.indexOf(id);
  return i >= 0 && i < layout.pinned;
}

/** The column's width: the user's choice, else its default. */
export function widthOf(layout: ColumnLayout, column: LayoutColumn): number {
  return layout.widths[column.id] ?? column.width;
}

/** Whether hiding `id` is allowed: not a required column and not the last visible one. */
export function canHide(layout: ColumnLayout, columns: readonly LayoutColumn[], id: string): boolean {
  const column = columns.find((c) => c.id === id);
  if (column === undefined || column.required === true || isHidden(layout, id)) return false;
  return layout.order.some((other) => other !== id && !isHidden(layout, other));
}

/** Show or hide a column; refused (same layout back) when `canHide` says no. */
export function setHidden(
  layout: ColumnLayout,
  columns: readonly LayoutColumn[],
  id: string,
  hidden: boolean,
): ColumnLayout {
  if (!layout.order.includes(id) || hidden === isHidden(layout, id)) return layout;
  if (!hidden) return { ...layout, hidden: layout.hidden.filter((h) => h !== id) };
  if (!canHide(layout, columns, id)) return layout;
  return { ...layout, hidden: [...layout.hidden, id] };
}

/**
 * Move `id` next to `targetId` (drag and drop of a header). The moved column joins the target's
 * group: dropping on a pinned column pins it, dropping on an unpinned one unpins it.
 */
export function moveColumn(
  layout: ColumnLayout,
  id: string,
  targetId: string,
  side: 'before' | 'after',
): ColumnLayout {
  const from = layout.order.indexOf(id);
  if (from < 0 || id === targetId || !layout.order.includes(targetId)) return layout;
  const targetPinned = isPinned(layout, targetId);
  const order = layout.order.filter((c) => c !== id);
  let pinned = layout.pinned - (from < layout.pinned ? 1 : 0);
  const at = order.indexOf(targetId) + (side === 'after' ? 1 : 0);
  order.splice(at, 0, id);
  if (targetPinned) pinned += 1;
  if (sameOrder(order, layout.order) && pinned === layout.pinned) return layout;
  return { ...layout, order, pinned };
}

/** The neighbour `id` would swap with when moved by `delta` within its group, if any. */
function groupNeighbour(layout: ColumnLayout, id: string, delta: -1 | 1): number | null {
  const i = layout.order.indexOf(id);
  if (i < 0) return null;
  const j = i + delta;
  const [start, end] = i < layout.pinned ? [0, layout.pinned] : [layout.pinned, layout.order.length];
  return j >= start && j < end ? j : null;
}

/** Whether `moveBy` can move the column that way (it stays inside its pinned or unpinned group). */
export function canMoveBy(layout: ColumnLayout, id: string, delta: -1 | 1): boolean {
  return groupNeighbour(layout, id, delta) !== null;
}

/** Swap a column with its neighbour in the same group: the keyboard alternative to dragging. */
export function moveBy(layout: ColumnLayout, id: string, delta: -1 | 1): ColumnLayout {
  const j = groupNeighbour(layout, id, delta);
  if (j === null) return layout;
  const i = j - delta;
  const order = [...layout.order];
  order[i] = order[j]!;
  order[j] = id;
  return { ...layout, order };
}

/** Set a column's width (clamped); its default width drops the override. */
export function resizeColumn(
  layout: ColumnLayout,
  columns: readonly LayoutColumn[],
  id: string,
  width: number,
): ColumnLayout {
  const column = columns.find((c) => c.id === id);
  if (column === undefined) return layout;
  const w = clampWidth(width);
  if (w === widthOf(layout, column)) return layout;
  const widths = { ...layout.widths };
  if (w === column.width) delete widths[id];
  else widths[id] = w;
  return { ...layout, widths };
}

/** Pin a column (it joins the end of the pinned group) or unpin it (first after the group). */
export function setPinned(layout: ColumnLayout, id: string, pinned: boolean): ColumnLayout {
  if (!layout.order.includes(id) || pinned === isPinned(layout, id)) return layout;
  const order = layout.order.filter((c) => c !== id);
  const count = layout.pinned + (pinned ? 1 : -1);
  // Pinning inserts at the old group end; unpinning removes one, so the new group end is the spot.
  order.splice(pinned ? layout.pinned : count, 0, id);
  return { ...layout, order, pinned: count };
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** One visible column as the grid places it. */
export interface PlacedColumn<C extends LayoutColumn> {
  column: C;
  width: number;
  pinned: boolean;
  /** Sticky left offset of a pinned column (the lead width included); 0 when not pinned. */
  left: number;
  /** The last visible pinned column: draws the edge between pinned and scrolling columns. */
  edge: boolean;
}

export interface PlacedLayout<C extends LayoutColumn> {
  columns: PlacedColumn<C>[];
  /** The lead (select box) plus every visible column. */
  totalWidth: number;
}

/**
 * The visible columns in order with their widths and sticky offsets, computed once per layout
 * change. `lead` is the width of the always-first select-box column.
 */
export function placeColumns<C extends LayoutColumn>(
  layout: ColumnLayout,
  columns: readonly C[],
  lead: number,
): PlacedLayout<C> {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const hidden = new Set(layout.hidden);
  const placed: PlacedColumn<C>[] = [];
  let x = lead;
  let lastPinned = -1;
  layout.order.forEach((id, i) => {
    const column = byId.get(id);
    if (column === undefined || hidden.has(id)) return;
    const pinned = i < layout.pinned;
    const width = widthOf(layout, column);
    if (pinned) lastPinned = placed.length;
    placed.push({ column, width, pinned, left: pinned ? x : 0, edge: false });
    x += width;
  });
  const edge = placed[lastPinned];
  if (edge !== undefined) edge.edge = true;
  return { columns: placed, totalWidth: x };
}

/** What a cell needs from its column; kept identical across layout changes that leave it alone. */
export interface CellColumn<C extends LayoutColumn> {
  column: C;
  pinned: boolean;
  edge: boolean;
}

/**
 * The visible columns for rendering, reusing the previous objects for columns whose pinning did not
 * change, and the previous array when nothing did. Widths and offsets travel in CSS variables, so
 * a resize or a reorder leaves every cell in place instead of rebuilding the rows' cells.
 */
export function cellColumns<C extends LayoutColumn>(
  placed: PlacedLayout<C>,
  previous: readonly CellColumn<C>[] | undefined,
): readonly CellColumn<C>[] {
  const old = new Map((previous ?? []).map((c) => [c.column.id, c]));
  const next = placed.columns.map((p) => {
    const o = old.get(p.column.id);
    return o !== undefined && o.column === p.column && o.pinned === p.pinned && o.edge === p.edge
      ? o
      : { column: p.column, pinned: p.pinned, edge: p.edge };
  });
  return previous !== undefined && next.length === previous.length && next.every((c, i) => c === previous[i])
    ? previous
    : next;
}

const FORMAT_VERSION = 1;

/** The layout as JSON for localStorage; pinned columns are stored by id, robust to columns changing. */
export function serializeLayout(layout: ColumnLayout): string {
  return JSON.stringify({
    v: FORMAT_VERSION,
    order: layout.order,
    pinned: layout.order.slice(0, layout.pinned),
    hidden: layout.hidden,
    widths: layout.widths,
  });
}

function stringsOf(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

/**
 * Read a stored layout. Never throws: garbage gives the default layout, unknown ids are dropped,
 * columns the stored layout does not know (added by a newer version) are appended with their
 * default visibility, and the result always has a visible column and every required one.
 */
export function parseLayout(text: string | null | undefined, columns: readonly LayoutColumn[]): ColumnLayout {
  const fallback = defaultLayout(columns);
  let raw: unknown;
  // Whatever is in storage (another version, another app, a hand edit) must not break the grid.
  try {
    raw = JSON.parse(text ?? '');
  } catch {
    return fallback;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== FORMAT_VERSION) {
    return fallback;
  }
  const data = raw as Record<string, unknown>;
  const byId = new Map(columns.map((c) => [c.id, c]));
  const storedOrder = stringsOf(data.order);
  if (storedOrder === null) return fallback;

  const order: string[] = [];
  for (const id of storedOrder) if (byId.has(id) && !order.includes(id)) order.push(id);
  const added = columns.filter((c) => !order.includes(c.id));
  for (const c of added) order.push(c.id);

  // Pinned ids move to the front, keeping their relative order.
  const pinnedIds = new Set(stringsOf(data.pinned) ?? fallback.order.slice(0, fallback.pinned));
  const pinned = order.filter((id) => pinnedIds.has(id));
  const rest = order.filter((id) => !pinnedIds.has(id));

  const hidden: string[] = [];
  const storedHidden = stringsOf(data.hidden) ?? fallback.hidden;
  for (const id of [...storedHidden, ...added.filter((c) => c.defaultHidden === true).map((c) => c.id)]) {
    if (order.includes(id) && byId.get(id)?.required !== true && !hidden.includes(id)) hidden.push(id);
  }
  // Nothing visible is no grid at all: show the first column again.
  if (hidden.length > 0 && hidden.length === order.length) hidden.splice(hidden.indexOf(order[0]!), 1);

  const widths: Record<string, number> = {};
  const storedWidths = data.widths;
  if (typeof storedWidths === 'object' && storedWidths !== null && !Array.isArray(storedWidths)) {
    for (const [id, w] of Object.entries(storedWidths)) {
      const column = byId.get(id);
      if (column === undefined || typeof w !== 'number' || !Number.isFinite(w)) continue;
      const width = clampWidth(w);
      if (width !== column.width) widths[id] = width;
    }
  }
  return { order: [...pinned, ...rest], pinned: pinned.length, hidden, widths };
}
