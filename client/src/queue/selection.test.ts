import { describe, expect, it } from 'vitest';
import { clickRow, emptySelection, type SelectionView, toggleAll } from './selection.ts';

const viewOf = (ids: readonly string[]): SelectionView => ({
  idAt: (i) => ids[i],
  indexOf: (id) => ids.indexOf(id),
});
const view = ['C1', 'C2', 'C3', 'C4', 'C5'];
const at = viewOf(view);

describe('selection', () => {
  it('a click toggles one claim and sets the anchor', () => {
    const one = clickRow(emptySelection, at, 1, false);
    expect([...one.ids]).toEqual(['C2']);
    expect(one.anchor).toEqual({ id: 'C2', index: 1 });
    expect([...clickRow(one, at, 1, false).ids]).toEqual([]);
  });

  it('shift-click selects the range from the anchor, in either direction, keeping earlier picks', () => {
    const start = clickRow(clickRow(emptySelection, at, 0, false), at, 3, false);
    const down = clickRow(start, at, 4, true);
    expect([...down.ids].sort()).toEqual(['C1', 'C4', 'C5']);
    const up = clickRow(clickRow(emptySelection, at, 4, false), at, 2, true);
    expect([...up.ids].sort()).toEqual(['C3', 'C4', 'C5']);
  });

  it('shift-click without an anchor acts as a click; a click outside the view changes nothing', () => {
    expect([...clickRow(emptySelection, at, 2, true).ids]).toEqual(['C3']);
    expect(clickRow(emptySelection, at, 9, false)).toBe(emptySelection);
  });

  it('a shift-click range starts where the anchor claim is now, after rows moved in the view', () => {
    const clicked = clickRow(emptySelection, at, 0, false); // C1 at the top
    // Rows arrive above it before the shift-click: C1 is now fourth.
    const moved = viewOf(['N1', 'N2', 'N3', 'C1', 'C2', 'C3']);
    expect([...clickRow(clicked, moved, 1, true).ids].sort()).toEqual(['C1', 'N2', 'N3']);
    expect([...clickRow(clicked, moved, 5, true).ids].sort()).toEqual(['C1', 'C2', 'C3']);
  });

  it('a shift-click range starts at the anchor’s old place once its claim has left the view', () => {
    const clicked = clickRow(emptySelection, at, 1, false); // C2
    const left = viewOf(['C1', 'C3', 'C4', 'C5']);
    expect([...clickRow(clicked, left, 3, true).ids].sort()).toEqual(['C2', 'C3', 'C4', 'C5']);
  });

  it('select all takes the view, and again clears it', () => {
    const all = toggleAll(clickRow(emptySelection, at, 0, false), view);
    expect([...all.ids]).toEqual(view);
    expect(toggleAll(all, view).ids.size).toBe(0);
    expect(toggleAll(emptySelection, []).ids.size).toBe(0);
  });
});
