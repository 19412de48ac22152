import { type JSX, Match, Switch } from 'solid-js';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import { createColumnLayout } from '../queue/columnLayoutStore.ts';
import type { QueueTab } from '../queue/queueTab.ts';
import type { QueueStore } from '../queueStore.ts';
import { ClaimsGrid } from './ClaimsGrid.tsx';
import { ColumnMenu } from './ColumnMenu.tsx';
import type { LoadEdiHistory } from './EdiStatusBadge.tsx';
import { FilterBar } from './FilterBar.tsx';
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
  /** More tabs after the status tabs (the live queue's Conflicts). */
  tabsAfter?: JSX.Element;
  /** Told when a status tab is clicked (the live queue then leaves its Conflicts view). */
  onSelectTab?: (tab: QueueTab) => void;
  /** Shown instead of the grid while set (the Conflicts view); no status tab is active then. */
  replaceGrid?: JSX.Element | null;
  /** localStorage key of the column layout (one per user); read once. */
  layoutKey?: string;
  /** Open a claim (double-click on its row, click on its claim ID). */
  onOpenClaim?: (claimId: string) => void;
  /** A claim's clearinghouse and payer messages, for the EDI status popover (built when opened). */
  ediHistory?: LoadEdiHistory;
  /** The status a claim is waiting to change to (a change sent, not yet decided). */
  pendingStatus?: (claimId: string) => ClaimStatus | undefined;
}): JSX.Element {
  const store = props.store;
  const layout = createColumnLayout(props.layoutKey ?? 'claimgrid.columns');
  return (
    <div class="app" data-testid="queue">
      <QueueHeader data={store.data()} />
      {props.banner}
      <div class="toolbar">
        <StatusTabs
          counts={store.data() === null ? null : store.tabCounts()}
          active={props.replaceGrid ? null : store.tab()}
          onSelect={(tab) => {
            store.selectTab(tab);
            props.onSelectTab?.(tab);
          }}
        />
        {props.tabsAfter}
        <FilterBar store={store} />
        {props.actions}
        <ColumnMenu layout={layout} />
      </div>
      <Switch>
        <Match when={store.failure()}>
          {(message) => (
            <p class="notice notice-error" role="alert">
              {message()}
            </p>
          )}
        </Match>
        <Match when={props.replaceGrid}>{props.replaceGrid}</Match>
        <Match when={store.data() === null}>
          <p class="notice">{props.loadingText ?? 'Building the demo practice…'}</p>
        </Match>
        <Match when={store.data() !== null}>
          <ClaimsGrid
            rowCount={store.visible().length}
            rowAt={store.rowAt}
            viewKey={`${store.tab()}\n${JSON.stringify(store.filters())}`}
            totals={store.totals()}
            sort={store.sort()}
            onSort={store.toggleSort}
            isSelected={(id) => store.selection().ids.has(id)}
            onSelect={store.clickRow}
            allSelected={store.allVisibleSelected()}
            onSelectAll={store.toggleAllVisible}
            onClearSelection={store.clearSelection}
            layout={layout}
            onOpenClaim={props.onOpenClaim}
            ediHistory={props.ediHistory}
            pendingStatus={props.pendingStatus}
          />
        </Match>
      </Switch>
    </div>
  );
}
