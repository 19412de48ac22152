import { describe, expect, it } from 'vitest';
import { defaultLayout, type LayoutColumn, serializeLayout } from './columnLayout.ts';
import { createColumnLayout, type LayoutStorage } from './columnLayoutStore.ts';
import { columns } from './columns.ts';

/** An in-memory Storage that counts writes. */
function memoryStorage(initial: Record<string, string> = {}): LayoutStorage & {
  data: Map<string, string>;
  writes: number;
} {
  const data = new Map(Object.entries(initial));
  const s = {
    data,
    writes: 0,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      s.writes += 1;
      data.set(k, v);
    },
    removeItem: (k: string) => {
      data.delete(k);
    },
  };
  return s;
}

const throwing: LayoutStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

const cols: LayoutColumn[] = [
  { id: 'id', width: 140, required: true, defaultPinned: true },
  { id: 'patient', width: 160 },
  { id: 'payer', width: 200 },
];

describe('createColumnLayout', () => {
  it('starts from the default claim-grid layout when nothing is stored', () => {
    const store = createColumnLayout('k', { storage: memoryStorage() });
    expect(store.layout()).toEqual(defaultLayout(columns));
    expect(store.columns).toBe(columns);
  });

  it('saves every change under its key, and a new store reads it back', () => {
    const storage = memoryStorage();
    const a = createColumnLayout('claimgrid.columns.u1', { storage, columns: cols });
    a.setHidden('payer', true);
    a.move('payer', 'id', 'before');
    a.resize('patient', 250);
    a.setPinned('patient', true);
    const b = createColumnLayout('claimgrid.columns.u1', { storage, columns: cols });
    expect(b.layout()).toEqual(a.layout());
    expect(b.layout()).toEqual({
      order: ['payer', 'id', 'patient'],
      pinned: 3,
      hidden: ['payer'],
      widths: { patient: 250 },
    });
    // Another user's key is untouched.
    expect(createColumnLayout('claimgrid.columns.u2', { storage, columns: cols }).layout()).toEqual(
      defaultLayout(cols),
    );
  });

  it('does not write when a change changes nothing', () => {
    const storage = memoryStorage();
    const store = createColumnLayout('k', { storage, columns: cols });
    store.setHidden('id', true); // refused: Claim ID stays
    store.moveBy('patient', -1); // refused: would cross the pinned group
    store.resize('patient', 160); // already its width
    expect(storage.writes).toBe(0);
    store.moveBy('patient', 1);
    expect(storage.writes).toBe(1);
  });

  it('saves a resize when the drag ends, not at every preview', () => {
    const storage = memoryStorage();
    const store = createColumnLayout('k', { storage, columns: cols });
    store.previewResize('payer', 210);
    store.previewResize('payer', 230);
    expect(store.layout().widths).toEqual({ payer: 230 });
    expect(storage.writes).toBe(0);
    store.resize('payer', 240);
    expect(storage.writes).toBe(1);
    expect(JSON.parse(storage.data.get('k')!).widths).toEqual({ payer: 240 });
  });

  it('reset forgets the saved layout', () => {
    const storage = memoryStorage();
    const store = createColumnLayout('k', { storage, columns: cols });
    store.setHidden('patient', true);
    expect(storage.data.has('k')).toBe(true);
    store.reset();
    expect(store.layout()).toEqual(defaultLayout(cols));
    expect(storage.data.has('k')).toBe(false);
  });

  it('ignores garbage in storage', () => {
    const storage = memoryStorage({ k: '{"v":1,"order":[' });
    expect(createColumnLayout('k', { storage, columns: cols }).layout()).toEqual(defaultLayout(cols));
  });

  it('keeps working when storage throws or is missing', () => {
    const store = createColumnLayout('k', { storage: throwing, columns: cols });
    store.setHidden('payer', true);
    store.reset();
    store.setPinned('payer', true);
    expect(store.layout().order.slice(0, 2)).toEqual(['id', 'payer']);
    const none = createColumnLayout('k', { storage: null, columns: cols });
    none.resize('id', 90);
    expect(none.layout().widths).toEqual({ id: 90 });
  });

  it('reads a layout saved in the stored format', () => {
    const saved = serializeLayout({ order: ['patient', 'id', 'payer'], pinned: 0, hidden: [], widths: {} });
    const store = createColumnLayout('k', { storage: memoryStorage({ k: saved }), columns: cols });
    expect(store.layout().order).toEqual(['patient', 'id', 'payer']);
    expect(store.layout().pinned).toBe(0);
  });
});
