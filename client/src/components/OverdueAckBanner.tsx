import { createEffect, createMemo, createSignal, type JSX, on, onCleanup, onMount, Show } from 'solid-js';
import { browserApi } from '../api/apiClient.ts';
import type { OverdueBatch } from '../submissions/inboundSchemas.ts';
import { OVERDUE_POLL_MS, overdueDetail, overdueText } from '../submissions/inboundView.ts';
import './OverdueAckBanner.css';

/**
 * The 72-hour alert (SPEC §6, seed 001): batches sent more than 72 hours ago with no 999 from the
 * clearinghouse. Asked of the server when shown, when the connection comes back and every few minutes;
 * nothing is shown offline or when the question fails (the alert is a nudge, not an error).
 */
export function OverdueAckBanner(props: {
  practiceId: string;
  online: boolean;
  onOpen: () => void;
  /** The button's words ("Open Submissions" by default). */
  openLabel?: string;
}): JSX.Element {
  const [overdue, setOverdue] = createSignal<OverdueBatch[]>([]);
  let gone = false;
  let asking = false;
  const ask = async () => {
    if (!props.online || asking) return;
    asking = true;
    try {
      // limit=0: only the overdue batches, not the files.
      const list = await browserApi.inboundFiles(props.practiceId, 0);
      if (!gone) setOverdue(list.overdue);
    } catch {
      // Offline, refused or unreadable: no alert (and nothing logged — the answer names batches only).
      if (!gone) setOverdue([]);
    } finally {
      asking = false;
    }
  };
  // Each time the server becomes reachable (the first time included).
  createEffect(
    on(
      () => props.online,
      (online) => online && void ask(),
    ),
  );
  onMount(() => {
    const timer = setInterval(() => void ask(), OVERDUE_POLL_MS);
    onCleanup(() => {
      gone = true;
      clearInterval(timer);
    });
  });
  const text = createMemo(() => (props.online ? overdueText(overdue()) : null));
  return (
    <Show when={text()}>
      {(message) => (
        <div
          class="overdue-banner"
          role="alert"
          data-testid="overdue-ack-banner"
          data-count={overdue().length}
          title={overdueDetail(overdue())}
        >
          <p>{message()}</p>
          <button type="button" data-testid="overdue-ack-open" onClick={() => props.onOpen()}>
            {props.openLabel ?? 'Open Submissions'}
          </button>
        </div>
      )}
    </Show>
  );
}
