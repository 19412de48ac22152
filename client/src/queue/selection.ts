/**
 * Which claims are selected, as a biller picks them: a click toggles one, shift-click selects the
 * range from the last click (the anchor) in the current view's order, select-all takes every claim the
 * view shows. Pure: returns new sets, so the UI can keep the set in a signal.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Position in the view of the last plain click, the start of a shift-click range. */
  anchor: number | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** A click on row `index` (claim `id`) of the view; with shift, the range from the anchor is selected. */
export function clickRow(
  selection: Selection,
  viewIds: (i: number) => string | undefined,
  index: number,
  shift: boolean,
): Selection {
  const id = viewIds(index);
  if (id === undefined) return selection;
  if (shift && selection.anchor !== null) {
    const ids = new Set(selection.ids);
    const [from, to] = selection.anchor <= index ? [selection.anchor, index] : [index, selection.anchor];
    for (let i = from; i <= to; i++) {
      const rangeId = viewIds(i);
      if (rangeId !== undefined) ids.add(rangeId);
    }
    return { ids, anchor: selection.anchor };
  }
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: index };
}

/** Every claim of the view selected, or (when they all are already) none. */
export function toggleAll(selection: Selection, viewIds: readonly string[]): Selection {
  const all = viewIds.length > 0 && viewIds.every((id) => selection.ids.has(id));
  return all ? emptySelection : { ids: new Set(viewIds), anchor: null };
}
