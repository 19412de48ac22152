import { type JSX, Match, Switch } from 'solid-js';
import type { QueueStore } from '../queueStore.ts';
import { ClaimsGrid } from './ClaimsGrid.tsx';
import { FilterBox } from './FilterBox.tsx';
import { QueueHeader } from './QueueHeader.tsx';
import { StatusTabs } from './StatusTabs.tsx';

/** The claims queue screen: header, tabs and filter, then the grid (or why there is none yet). */
export function App(props: { store: QueueStore }): JSX.Element {
  const store = props.store;
  return (
    <div class="app">
      <QueueHeader data={store.data()} />
      <div class="toolbar">
        <StatusTabs
          counts={store.data() === null ? null : store.tabCounts()}
          active={store.tab()}
          onSelect={store.selectTab}
        />
        <FilterBox value={store.query()} onInput={store.setQuery} />
      </div>
      <Switch>
        <Match when={store.failure()}>
          {(message) => (
            <p class="notice notice-error" role="alert">
              {message()}
            </p>
          )}
        </Match>
        <Match when={store.data() === null}>
          <p class="notice">Building the demo practice…</p>
        </Match>
        <Match when={store.data() !== null}>
          <ClaimsGrid
            rowCount={store.visible().length}
            rowAt={store.rowAt}
            viewKey={`${store.tab()}\n${store.query()}`}
            totals={store.totals()}
            sort={store.sort()}
            onSort={store.toggleSort}
          />
        </Match>
      </Switch>
    </div>
  );
}
