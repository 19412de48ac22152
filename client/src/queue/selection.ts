/**
 * Which claims are selected, as a biller picks them: a click toggles one, shift-click selects the
 * range from the last click (the anchor) in the current view's order, select-all takes every claim the
 * view shows. Pure: returns new sets, so the UI can keep the set in a signal.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** The claim of the last plain click and where it was: the start of a shift-click range. */
  anchor: Anchor | null;
}

/**
 * The anchor is the claim, not the place: rows arriving or changing while a biller picks move
 * claims in the view, and a range must start at the claim that was clicked, wherever it is now.
 * Its place then is kept for when it has left the view.
 */
export interface Anchor {
  id: string;
  index: number;
}

/** The view as a selection reads it: the claim at a place, and the place of a claim (-1: not in it). */
export interface SelectionView {
  idAt: (i: number) => string | undefined;
  indexOf: (id: string) => number;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/** A click on row `index` (claim `id`) of the view; with shift, the range from the anchor is selected. */
export function clickRow(
  selection: Selection,
  view: SelectionView,
  index: number,
  shift: boolean,
): Selection {
  const id = view.idAt(index);
  if (id === undefined) return selection;
  const anchor = selection.anchor;
  if (shift && anchor !== null) {
    const ids = new Set(selection.ids);
    const now = view.indexOf(anchor.id);
    const start = now === -1 ? anchor.index : now;
    const [from, to] = start <= index ? [start, index] : [index, start];
    for (let i = from; i <= to; i++) {
      const rangeId = view.idAt(i);
      if (rangeId !== undefined) ids.add(rangeId);
    }
    return { ids, anchor };
  }
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: { id, index } };
}

/** Every claim of the view selected, or (when they all are already) none. */
export function toggleAll(selection: Selection, viewIds: readonly string[]): Selection {
  const all = viewIds.length > 0 && viewIds.every((id) => selection.ids.has(id));
  return all ? emptySelection : { ids: new Set(viewIds), anchor: null };
}
