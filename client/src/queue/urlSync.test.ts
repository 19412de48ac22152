import { createRoot } from 'solid-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createQueueStore, type QueueStore } from '../queueStore.ts';
import { emptyFilters } from './queueFilters.ts';
import { followUrl, type UrlHost } from './urlSync.ts';
import { defaultView } from './viewUrl.ts';

// Under Node, 'solid-js' resolves to its server build, where effects never run.
vi.mock('solid-js', () => import('../../../node_modules/solid-js/dist/solid.js' as string));

/** A browser address bar and clock the test drives: timers run only when `tick` says. */
function fakeHost(search: string) {
  const location = { pathname: '/queue', search, hash: '#grid' };
  const writes: string[] = [];
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const host: UrlHost = {
    location,
    history: {
      state: { kept: true },
      replaceState(state: unknown, _unused: string, url?: string | URL | null) {
        expect(state).toEqual({ kept: true });
        const u = new URL(String(url), 'https://claimgrid.test');
        location.search = u.search;
        location.hash = u.hash;
        writes.push(`${u.pathname}${u.search}${u.hash}`);
      },
    },
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  const tick = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { host, location, writes, tick, pending: () => timers.size };
}

let dispose = () => {};
afterEach(() => dispose());

function followed(search: string) {
  const fake = fakeHost(search);
  const store = createRoot((d) => {
    dispose = d;
    const s = createQueueStore();
    followUrl(s, fake.host, 150);
    return s;
  });
  return { ...fake, store };
}

const typeQuery = (store: QueueStore, text: string, tick: (ms: number) => void) => {
  for (let i = 1; i <= text.length; i++) {
    store.setQuery(text.slice(0, i));
    tick(50);
  }
};

describe('followUrl', () => {
  test('opens on the view the address describes', () => {
    const { store } = followed('?tab=Denied&payer=p1,p2&over30=1&q=smith&sort=billed.desc');
    expect(store.viewState()).toEqual({
      tab: 'Denied',
      filters: { ...emptyFilters, payerIds: ['p1', 'p2'], billedOver30: true, query: 'smith' },
      sort: { columnId: 'billed', direction: 'desc' },
    });
  });

  test('an address without a view leaves the default view and is not rewritten', () => {
    const { store, writes, tick } = followed('');
    tick(1000);
    expect(store.viewState()).toEqual(defaultView);
    expect(writes).toEqual([]);
  });

  test('writes a changed view once it has been still for the delay, keeping path, hash and state', () => {
    const { store, writes, tick } = followed('');
    store.selectTab('Held');
    tick(149);
    expect(writes).toEqual([]);
    tick(1);
    expect(writes).toEqual(['/queue?tab=Held#grid']);
  });

  test('typing a query makes one write, not one per key', () => {
    const { store, writes, tick } = followed('');
    typeQuery(store, 'smith', tick);
    expect(writes).toEqual([]);
    tick(150);
    expect(writes).toEqual(['/queue?q=smith#grid']);
  });

  test('an invalid address is cleaned up; other keys in it are kept', () => {
    const { store, writes, tick, location } = followed('?practice=a1&tab=Nope&from=2026-02-30&edi=sent');
    tick(150);
    expect(store.viewState().filters.ediStatuses).toEqual(['sent']);
    expect(writes).toEqual(['/queue?practice=a1&edi=sent#grid']);
    store.clearFilters();
    tick(150);
    expect(location.search).toBe('?practice=a1');
  });

  test('going back to the default view empties the query string', () => {
    const { store, writes, tick } = followed('?tab=Paid');
    store.selectTab('All');
    tick(150);
    expect(writes).toEqual(['/queue#grid']);
  });

  test('a write still waiting when the screen goes is dropped', () => {
    const { store, writes, tick, pending } = followed('');
    store.selectTab('Held');
    dispose();
    expect(pending()).toBe(0);
    tick(1000);
    expect(writes).toEqual([]);
  });
});
