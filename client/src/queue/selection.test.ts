import { describe, expect, it } from 'vitest';
import { clickRow, emptySelection, toggleAll } from './selection.ts';

const view = ['C1', 'C2', 'C3', 'C4', 'C5'];
const at = (i: number) => view[i];

describe('selection', () => {
  it('a click toggles one claim and sets the anchor', () => {
    const one = clickRow(emptySelection, at, 1, false);
    expect([...one.ids]).toEqual(['C2']);
    expect(one.anchor).toBe(1);
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

  it('select all takes the view, and again clears it', () => {
    const all = toggleAll(clickRow(emptySelection, at, 0, false), view);
    expect([...all.ids]).toEqual(view);
    expect(toggleAll(all, view).ids.size).toBe(0);
    expect(toggleAll(emptySelection, []).ids.size).toBe(0);
  });
});
