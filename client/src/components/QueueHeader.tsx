import { type JSX, Show } from 'solid-js';
import type { QueueData } from '../queueStore.ts';

/** The practice's name over the queue, with what the data is and when it is as of. */
export function QueueHeader(props: { data: QueueData | null }): JSX.Element {
  return (
    <header class="queue-header">
      <h1>{props.data?.practiceName ?? 'ClaimGrid'}</h1>
      <span class="queue-title">Live Claims Feed</span>
      <Show when={props.data}>
        {(data) => (
          <span class="queue-meta">
            {data().rows.length.toLocaleString('en-US')} claims · as of {data().asOf}
          </span>
        )}
      </Show>
    </header>
  );
}
