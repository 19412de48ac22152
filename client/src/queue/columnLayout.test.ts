import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnLayout,
  canHide,
  canMoveBy,
  cellColumns,
  clampWidth,
  defaultLayout,
  isPinned,
  type LayoutColumn,
  MAX_WIDTH,
  MIN_WIDTH,
  moveBy,
  moveColumn,
  parseLayout,
  placeColumns,
  resizeColumn,
  serializeLayout,
  setHidden,
  setPinned,
  widthOf,
} from './columnLayout.ts';
import { columns } from './columns.ts';

const catalog: readonly LayoutColumn[] = [
  { id: 'id', width: 140, required: true, defaultPinned: true },
  { id: 'patient', width: 160 },
  { id: 'payer', width: 200 },
  { id: 'billed', width: 120 },
  { id: 'note', width: 300, defaultHidden: true },
];
const ids = catalog.map((c) => c.id);
const base = defaultLayout(catalog);

/** The invariants every layout must keep, whatever was done to it. */
function expectValid(layout: ColumnLayout): void {
  expect([...layout.order].sort()).toEqual([...ids].sort());
  expect(layout.pinned).toBeGreaterThanOrEqual(0);
  expect(layout.pinned).toBeLessThanOrEqual(layout.order.length);
  expect(new Set(layout.hidden).size).toBe(layout.hidden.length);
  expect(layout.hidden).not.toContain('id');
  expect(layout.order.some((id) => !layout.hidden.includes(id))).toBe(true);
  for (const [id, w] of Object.entries(layout.widths)) {
    expect(ids).toContain(id);
    expect(w).toBeGreaterThanOrEqual(MIN_WIDTH);
    expect(w).toBeLessThanOrEqual(MAX_WIDTH);
    expect(Number.isInteger(w)).toBe(true);
  }
}

describe('defaultLayout', () => {
  it('pins the default-pinned columns first and hides the default-hidden ones', () => {
    expect(base).toEqual({ order: ids, pinned: 1, hidden: ['note'], widths: {} });
  });

  it('for the claim grid: Claim ID pinned first, billing provider and follow-up note hidden', () => {
    const layout = defaultLayout(columns);
    expect(layout.order[0]).toBe('id');
    expect(layout.pinned).toBe(1);
    expect([...layout.hidden].sort()).toEqual(['billingProvider', 'lastFollowUpNote']);
    // The columns the e2e tests read (the status badge) are shown.
    expect(layout.hidden).not.toContain('status');
  });
});

describe('show and hide', () => {
  it('hides and shows a column', () => {
    const hidden = setHidden(base, catalog, 'payer', true);
    expect(hidden.hidden).toContain('payer');
    expect(setHidden(hidden, catalog, 'payer', false).hidden).not.toContain('payer');
  });

  it('never hides the Claim ID', () => {
    expect(canHide(base, catalog, 'id')).toBe(false);
    expect(setHidden(base, catalog, 'id', true)).toBe(base);
  });

  it('keeps at least one column visible', () => {
    const cols: LayoutColumn[] = [
      { id: 'a', width: 50 },
      { id: 'b', width: 50 },
    ];
    const one = setHidden(defaultLayout(cols), cols, 'a', true);
    expect(one.hidden).toEqual(['a']);
    expect(canHide(one, cols, 'b')).toBe(false);
    expect(setHidden(one, cols, 'b', true)).toBe(one);
  });

  it('ignores unknown ids and no-op changes', () => {
    expect(setHidden(base, catalog, 'nope', true)).toBe(base);
    expect(setHidden(base, catalog, 'note', true)).toBe(base);
    expect(setHidden(base, catalog, 'payer', false)).toBe(base);
  });
});

describe('move', () => {
  it('drops a column before or after another', () => {
    expect(moveColumn(base, 'billed', 'patient', 'before').order).toEqual([
      'id',
      'billed',
      'patient',
      'payer',
      'note',
    ]);
    expect(moveColumn(base, 'patient', 'billed', 'after').order).toEqual([
      'id',
      'payer',
      'billed',
      'patient',
      'note',
    ]);
  });

  it('pins a column dropped among the pinned ones, unpins one dropped among the others', () => {
    const pinnedPayer = moveColumn(base, 'payer', 'id', 'after');
    expect(pinnedPayer.order.slice(0, 2)).toEqual(['id', 'payer']);
    expect(pinnedPayer.pinned).toBe(2);
    const unpinnedId = moveColumn(pinnedPayer, 'id', 'billed', 'before');
    expect(unpinnedId.order).toEqual(['payer', 'patient', 'id', 'billed', 'note']);
    expect(unpinnedId.pinned).toBe(1);
    expect(isPinned(unpinnedId, 'id')).toBe(false);
  });

  it('changes nothing when dropped on itself or in place', () => {
    expect(moveColumn(base, 'payer', 'payer', 'before')).toBe(base);
    expect(moveColumn(base, 'payer', 'billed', 'before')).toBe(base);
    expect(moveColumn(base, 'nope', 'billed', 'before')).toBe(base);
  });

  it('moves by one within its group only (the keyboard alternative)', () => {
    expect(moveBy(base, 'payer', -1).order).toEqual(['id', 'payer', 'patient', 'billed', 'note']);
    expect(moveBy(base, 'payer', 1).order).toEqual(['id', 'patient', 'billed', 'payer', 'note']);
    expect(canMoveBy(base, 'patient', -1)).toBe(false); // would cross into the pinned group
    expect(moveBy(base, 'patient', -1)).toBe(base);
    expect(canMoveBy(base, 'note', 1)).toBe(false);
    expect(canMoveBy(base, 'id', 1)).toBe(false);
  });
});

describe('resize', () => {
  it('clamps to 40..800 whole pixels', () => {
    expect(clampWidth(10)).toBe(MIN_WIDTH);
    expect(clampWidth(5000)).toBe(MAX_WIDTH);
    expect(clampWidth(100.6)).toBe(101);
    expect(clampWidth(Number.NaN)).toBe(MIN_WIDTH);
    const narrow = resizeColumn(base, catalog, 'payer', 12);
    expect(widthOf(narrow, catalog[2]!)).toBe(40);
  });

  it('stores only widths that differ from the default', () => {
    const wide = resizeColumn(base, catalog, 'payer', 333);
    expect(wide.widths).toEqual({ payer: 333 });
    expect(resizeColumn(wide, catalog, 'payer', 200).widths).toEqual({});
    expect(resizeColumn(base, catalog, 'nope', 100)).toBe(base);
  });
});

describe('pin', () => {
  it('pinning moves the column to the end of the pinned group', () => {
    const p = setPinned(base, 'billed', true);
    expect(p.order).toEqual(['id', 'billed', 'patient', 'payer', 'note']);
    expect(p.pinned).toBe(2);
  });

  it('unpinning moves it to the start of the scrolling columns', () => {
    const two = setPinned(base, 'billed', true);
    const p = setPinned(two, 'id', false);
    expect(p.order).toEqual(['billed', 'id', 'patient', 'payer', 'note']);
    expect(p.pinned).toBe(1);
    expect(setPinned(p, 'billed', true)).toBe(p);
  });
});

describe('placeColumns', () => {
  it('places the visible columns with sticky offsets after the select box', () => {
    const layout = resizeColumn(setPinned(base, 'payer', true), catalog, 'id', 100);
    const placed = placeColumns(layout, catalog, 36);
    expect(placed.columns.map((p) => [p.column.id, p.width, p.pinned, p.left, p.edge])).toEqual([
      ['id', 100, true, 36, false],
      ['payer', 200, true, 136, true],
      ['patient', 160, false, 0, false],
      ['billed', 120, false, 0, false],
    ]);
    expect(placed.totalWidth).toBe(36 + 100 + 200 + 160 + 120);
  });

  it('skips hidden pinned columns in the offsets', () => {
    const layout = setHidden(
      setPinned(setPinned(base, 'patient', true), 'payer', true),
      catalog,
      'patient',
      true,
    );
    const placed = placeColumns(layout, catalog, 36);
    expect(placed.columns.map((p) => [p.column.id, p.left, p.edge])).toEqual([
      ['id', 36, false],
      ['payer', 176, true],
      ['billed', 0, false],
    ]);
  });
});

describe('cellColumns', () => {
  it('keeps the previous array across a resize, so no cell is rebuilt', () => {
    const first = cellColumns(placeColumns(base, catalog, 36), undefined);
    const resized = cellColumns(placeColumns(resizeColumn(base, catalog, 'payer', 300), catalog, 36), first);
    expect(resized).toBe(first);
  });

  it('reuses the entries of columns a reorder or pin change leaves alone', () => {
    const first = cellColumns(placeColumns(base, catalog, 36), undefined);
    const moved = cellColumns(
      placeColumns(moveColumn(base, 'billed', 'patient', 'before'), catalog, 36),
      first,
    );
    expect(moved).not.toBe(first);
    expect(moved.map((c) => c.column.id)).toEqual(['id', 'billed', 'patient', 'payer']);
    for (const c of moved) expect(first).toContain(c);
    const pinned = cellColumns(placeColumns(setPinned(base, 'payer', true), catalog, 36), first);
    const id = pinned.find((c) => c.column.id === 'id')!;
    const payer = pinned.find((c) => c.column.id === 'payer')!;
    expect(first).not.toContain(id); // no longer the pinned edge
    expect(first).not.toContain(payer);
    expect(payer).toMatchObject({ pinned: true, edge: true });
    expect(first).toContain(pinned.find((c) => c.column.id === 'billed'));
  });
});

describe('serialize and parse', () => {
  it('round-trips a layout', () => {
    const layout = resizeColumn(
      setHidden(
        setPinned(moveColumn(base, 'billed', 'patient', 'before'), 'payer', true),
        catalog,
        'note',
        false,
      ),
      catalog,
      'patient',
      222,
    );
    expect(parseLayout(serializeLayout(layout), catalog)).toEqual(layout);
  });

  it('gives the default layout for garbage, never throwing', () => {
    for (const text of [
      null,
      undefined,
      '',
      '{',
      'null',
      '42',
      '"x"',
      '[]',
      '{}',
      '{"v":2,"order":["id"]}',
      '{"v":1,"order":"id"}',
      '{"v":1}',
    ]) {
      expect(parseLayout(text, catalog), String(text)).toEqual(base);
    }
  });

  it('drops unknown ids and bad widths, and appends columns it does not know', () => {
    const stored = JSON.stringify({
      v: 1,
      order: ['payer', 'gone', 'id', 'payer', 42, 'patient'],
      pinned: ['payer', 'gone'],
      hidden: ['patient', 'gone', 'id'],
      widths: { payer: 5, patient: 'wide', gone: 100, id: 140, billed: 1e9, note: Number.NaN },
    });
    expect(parseLayout(stored, catalog)).toEqual({
      order: ['payer', 'id', 'patient', 'billed', 'note'],
      pinned: 1,
      hidden: ['patient', 'note'], // 'note' is new to this stored layout and hidden by default
      widths: { payer: 40, billed: 800 },
    });
  });

  it('keeps a column visible when everything was stored hidden', () => {
    const cols: LayoutColumn[] = [
      { id: 'a', width: 50 },
      { id: 'b', width: 50 },
    ];
    const layout = parseLayout(
      JSON.stringify({ v: 1, order: ['a', 'b'], pinned: [], hidden: ['a', 'b'] }),
      cols,
    );
    expect(layout.hidden).toEqual(['b']);
  });

  it('survives any JSON value and any sequence of operations with its invariants', () => {
    // Stored layouts of the right shape with wrong contents reach the deeper paths of parseLayout.
    const someId = fc.oneof(fc.constantFrom(...ids, 'gone'), fc.jsonValue());
    const nearlyStored = fc.record({
      v: fc.constant(1),
      order: fc.array(someId, { maxLength: 8 }),
      pinned: fc.oneof(fc.array(someId, { maxLength: 4 }), fc.jsonValue()),
      hidden: fc.oneof(fc.array(someId, { maxLength: 6 }), fc.jsonValue()),
      widths: fc.oneof(fc.dictionary(fc.constantFrom(...ids, 'gone'), fc.jsonValue()), fc.jsonValue()),
    });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('hide' as const), id: fc.constantFrom(...ids), on: fc.boolean() }),
      fc.record({ kind: fc.constant('pin' as const), id: fc.constantFrom(...ids), on: fc.boolean() }),
      fc.record({
        kind: fc.constant('move' as const),
        id: fc.constantFrom(...ids),
        target: fc.constantFrom(...ids),
        after: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('by' as const),
        id: fc.constantFrom(...ids),
        down: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('size' as const), id: fc.constantFrom(...ids), w: fc.double() }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearlyStored), fc.array(op, { maxLength: 30 }), (json, ops) => {
        let layout = parseLayout(JSON.stringify(json), catalog);
        expectValid(layout);
        for (const o of ops) {
          if (o.kind === 'hide') layout = setHidden(layout, catalog, o.id, o.on);
          else if (o.kind === 'pin') layout = setPinned(layout, o.id, o.on);
          else if (o.kind === 'move')
            layout = moveColumn(layout, o.id, o.target, o.after ? 'after' : 'before');
          else if (o.kind === 'by') layout = moveBy(layout, o.id, o.down ? 1 : -1);
          else layout = resizeColumn(layout, catalog, o.id, o.w);
          expectValid(layout);
        }
        expect(parseLayout(serializeLayout(layout), catalog)).toEqual(layout);
      }),
    );
  });
});
