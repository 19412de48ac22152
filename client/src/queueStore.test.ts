import { createRoot } from 'solid-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ClaimRow } from './queue/claimRow.ts';
import { emptyFilters } from './queue/queueFilters.ts';
import { testRow } from './queue/testRow.ts';
import { defaultView } from './queue/viewUrl.ts';
import { createQueueStore, OPTIONS_REFRESH_MS, type QueueStore } from './queueStore.ts';

// Under Node, 'solid-js' resolves to its server build, where memos never update; the store is
// reactive in the browser, so test it with the browser build.
vi.mock('solid-js', () => import('../../node_modules/solid-js/dist/solid.js' as string));

const rows: ClaimRow[] = [
  testRow({ id: 'C-1', patient: 'Smith, Ann', payerId: 'p1', payer: 'Acme', status: 'Ready' }),
  testRow({ id: 'C-2', patient: 'Jones, Bo', payerId: 'p2', payer: 'Blue', status: 'Denied' }),
  testRow({ id: 'C-3', patient: 'Smith, Cy', payerId: 'p2', payer: 'Blue', status: 'Denied' }),
  testRow({
    id: 'C-4',
    patient: 'Smith, Di',
    payerId: 'p1',
    payer: 'Acme',
    status: 'Submitted',
    daysSinceBilled: 40,
  }),
];

let dispose = () => {};
afterEach(() => dispose());

function loadedStore(): QueueStore {
  return createRoot((d) => {
    dispose = d;
    const store = createQueueStore();
    store.load({ practiceName: 'Test', asOf: '2026-02-01', rows });
    return store;
  });
}

const visibleIds = (store: QueueStore) => store.visible().map((i) => rows[i]!.id);

describe('queue store filters', () => {
  test('the filters narrow the view and the tab counts follow them', () => {
    const store = loadedStore();
    expect(store.tabCounts()).toMatchObject({ All: 4, Ready: 1, Denied: 2, Submitted: 1 });
    store.setFilters({ payerIds: ['p2'] });
    expect(store.tabCounts()).toMatchObject({ All: 2, Ready: 0, Denied: 2, Submitted: 0 });
    store.setFilters({ query: 'smith' });
    expect(store.tabCounts()).toMatchObject({ All: 1, Denied: 1 });
    expect(visibleIds(store)).toEqual(['C-3']);
    expect(store.totals().claims).toBe(1);
    expect(store.totals().billedCents).toBe(rows[2]!.billedCents);
  });

  test('the tab applies on top of the filters', () => {
    const store = loadedStore();
    store.selectTab('Denied');
    store.setQuery('smith');
    expect(visibleIds(store)).toEqual(['C-3']);
    store.setFilters({ billedOver30: true });
    expect(visibleIds(store)).toEqual([]);
    expect(store.tabCounts()).toMatchObject({ All: 1, Submitted: 1, Denied: 0 });
  });

  test('setQuery and query are the free-text filter', () => {
    const store = loadedStore();
    store.setQuery('jones');
    expect(store.query()).toBe('jones');
    expect(store.filters().query).toBe('jones');
    expect(visibleIds(store)).toEqual(['C-2']);
    store.setFilters({ query: 'smith di' });
    expect(store.query()).toBe('smith di');
    expect(visibleIds(store)).toEqual(['C-4']);
  });

  test('a patch keeps the other filters; one that changes nothing keeps the same filters', () => {
    const store = loadedStore();
    store.setFilters({ payerIds: ['p1'], query: 'smith' });
    store.setFilters({ billedOver30: true });
    expect(store.filters()).toEqual({
      ...emptyFilters,
      payerIds: ['p1'],
      query: 'smith',
      billedOver30: true,
    });
    const before = store.filters();
    store.setFilters({ billedOver30: true, query: 'smith' });
    expect(store.filters()).toBe(before);
  });

  test('clearFilters shows every row again but keeps the tab and sort', () => {
    const store = loadedStore();
    store.selectTab('Denied');
    store.toggleSort('patient');
    store.setFilters({ payerIds: ['p1'], denialCode: 'N54', query: 'x' });
    expect(store.visible()).toEqual([]);
    store.clearFilters();
    expect(store.filters()).toEqual(emptyFilters);
    expect(store.tab()).toBe('Denied');
    expect(store.sort()).toEqual({ columnId: 'patient', direction: 'asc' });
    expect(visibleIds(store)).toEqual(['C-2', 'C-3']);
  });

  test('filterOptions lists what the loaded rows hold', () => {
    const store = loadedStore();
    expect(store.filterOptions().payers).toEqual([
      { value: 'p1', label: 'Acme', count: 2 },
      { value: 'p2', label: 'Blue', count: 2 },
    ]);
  });

  test('filterOptions follow live changes, at most once per refresh interval', () => {
    vi.useFakeTimers();
    try {
      const store = loadedStore();
      expect(store.filterOptions().payers.map((p) => p.value)).toEqual(['p1', 'p2']);
      const more = [...rows, testRow({ id: 'C-5', payerId: 'p3', payer: 'Cigna' })];
      store.load({ practiceName: 'Test', asOf: '2026-02-01', rows: more });
      // Still the choices of a moment ago…
      expect(store.filterOptions().payers.map((p) => p.value)).toEqual(['p1', 'p2']);
      vi.advanceTimersByTime(OPTIONS_REFRESH_MS);
      // …then the new payer is there.
      expect(store.filterOptions().payers.map((p) => p.value)).toEqual(['p1', 'p2', 'p3']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('queue store view state', () => {
  test('starts on the default view and reports every change', () => {
    const store = loadedStore();
    expect(store.viewState()).toEqual(defaultView);
    store.selectTab('Denied');
    store.setFilters({ payerIds: ['p2'] });
    store.toggleSort('billed');
    expect(store.viewState()).toEqual({
      tab: 'Denied',
      filters: { ...emptyFilters, payerIds: ['p2'] },
      sort: { columnId: 'billed', direction: 'asc' },
    });
  });

  test('restoreView sets tab, filters and sort at once', () => {
    const store = loadedStore();
    const view = {
      tab: 'Denied' as const,
      filters: { ...emptyFilters, query: 'smith' },
      sort: { columnId: 'patient', direction: 'desc' as const },
    };
    store.restoreView(view);
    expect(store.viewState()).toEqual(view);
    expect(store.query()).toBe('smith');
    expect(visibleIds(store)).toEqual(['C-3']);
  });
});
