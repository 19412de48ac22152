import { type JSX, Match, Switch } from 'solid-js';
import type { QueueStore } from '../queueStore.ts';
import { ClaimsGrid } from './ClaimsGrid.tsx';
import { FilterBox } from './FilterBox.tsx';
import { QueueHeader } from './QueueHeader.tsx';
import { StatusTabs } from './StatusTabs.tsx';

/** The claims queue screen: header, tabs and filter, then the grid (or why there is none yet). */
export function App(props: {
  store: QueueStore;
  /** More toolbar controls (the live queue's status change button, connection state, logout). */
  actions?: JSX.Element;
  /** Messages above the grid (connection problems, refused changes). */
  banner?: JSX.Element;
  /** What to say while there is no data yet. */
  loadingText?: string;
}): JSX.Element {
  const store = props.store;
  return (
    <div class="app" data-testid="queue">
      <QueueHeader data={store.data()} />
      {props.banner}
      <div class="toolbar">
        <StatusTabs
          counts={store.data() === null ? null : store.tabCounts()}
          active={store.tab()}
          onSelect={store.selectTab}
        />
        <FilterBox value={store.query()} onInput={store.setQuery} />
        {props.actions}
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
          <p class="notice">{props.loadingText ?? 'Building the demo practice…'}</p>
        </Match>
        <Match when={store.data() !== null}>
          <ClaimsGrid
            rowCount={store.visible().length}
            rowAt={store.rowAt}
            viewKey={`${store.tab()}\n${store.query()}`}
            totals={store.totals()}
            sort={store.sort()}
            onSort={store.toggleSort}
            isSelected={(id) => store.selection().ids.has(id)}
            onSelect={store.clickRow}
            allSelected={store.allVisibleSelected()}
            onSelectAll={store.toggleAllVisible}
          />
        </Match>
      </Switch>
    </div>
  );
}
