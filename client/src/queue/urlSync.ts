import { createEffect, on, onCleanup } from 'solid-js';
import type { QueueStore } from '../queueStore.ts';
import { decodeView, searchWithView } from './viewUrl.ts';

/** The parts of `window` the address sync uses (a test passes its own). */
export interface UrlHost {
  location: Pick<Location, 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: never) => void;
}

/** How long the view must stay still before the address is rewritten (typing a query). */
export const URL_WRITE_DELAY_MS = 150;

/**
 * Keep the queue's view (tab, filters, sort) in the address bar, so a view can be shared and
 * survives a reload: the address's view is restored now, then every change is written back with
 * `history.replaceState` once the view has been still for a moment. Replace, not push: typing a
 * query must not fill the Back button with one entry per key. Call inside a component; the pending
 * write is dropped with it.
 */
export function followUrl(
  store: Pick<QueueStore, 'viewState' | 'restoreView'>,
  host: UrlHost = window,
  delayMs = URL_WRITE_DELAY_MS,
): void {
  store.restoreView(decodeView(host.location.search));
  let timer: unknown = null;
  const cancel = () => {
    if (timer !== null) host.clearTimeout(timer as never);
    timer = null;
  };
  const write = () => {
    timer = null;
    const { pathname, search, hash } = host.location;
    const next = searchWithView(search, store.viewState());
    if (next !== search) host.history.replaceState(host.history.state, '', `${pathname}${next}${hash}`);
  };
  createEffect(
    on(store.viewState, () => {
      cancel();
      timer = host.setTimeout(write, delayMs);
    }),
  );
  onCleanup(cancel);
}
