import { For, type JSX, Show } from 'solid-js';
import { type QueueTab, queueTabs } from '../queue/queueTab.ts';
import type { TabCounts } from '../queue/tabCounts.ts';

/**
 * One tab per claim status plus All, each with how many claims it holds under the current filter
 * (no counts while nothing is loaded: a zero there would read as "no claims").
 */
export function StatusTabs(props: {
  counts: TabCounts | null;
  /** The selected tab; null while another view (Conflicts) is shown. */
  active: QueueTab | null;
  onSelect: (tab: QueueTab) => void;
}): JSX.Element {
  return (
    <div class="tabs" role="tablist" aria-label="Claim status">
      <For each={queueTabs}>
        {(tab) => (
          <button
            type="button"
            role="tab"
            class="tab"
            aria-selected={props.active === tab}
            onClick={() => props.onSelect(tab)}
          >
            {tab}
            <Show when={props.counts}>
              {(counts) => <span class="tab-count">{counts()[tab].toLocaleString('en-US')}</span>}
            </Show>
          </button>
        )}
      </For>
    </div>
  );
}
