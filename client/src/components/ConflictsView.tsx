import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type { ClaimRow } from '../queue/claimRow.ts';
import { type ConflictItem, visibleConflicts } from '../queue/conflicts.ts';
import './ConflictsView.css';

const when = (at: string | null): string =>
  at === null
    ? 'Offline edit'
    : new Date(at).toLocaleString('en-US', { dateStyle: 'short', timeStyle: 'short' });

/**
 * Changes that did not happen as asked (SPEC §4): the refused part of a batch, an edit the server undid,
 * an offline edit that found the claim closed. Each says what was asked, what the person saw then, what
 * the server found, and why; a biller opens the claim to act, or dismisses the item once handled.
 */
export function ConflictsView(props: {
  items: readonly ConflictItem[];
  dismissed: ReadonlySet<string>;
  onDismiss: (ids: string[]) => void;
  /** The queue row of a claim, for the patient and payer beside the claim ID. */
  rowOf: (claimId: string) => ClaimRow | undefined;
  onOpenClaim?: (claimId: string) => void;
}): JSX.Element {
  const [everyone, setEveryone] = createSignal(false);
  const shown = createMemo(() =>
    visibleConflicts(props.items, { dismissed: props.dismissed, everyone: everyone() }),
  );
  return (
    <section class="conflicts" data-testid="conflicts" aria-label="Conflicts">
      <div class="conflicts-bar">
        <label>
          <input
            type="checkbox"
            checked={everyone()}
            onChange={(e) => setEveryone(e.currentTarget.checked)}
          />{' '}
          Show colleagues’ conflicts too
        </label>
        <button
          type="button"
          disabled={shown().length === 0}
          onClick={() => props.onDismiss(shown().map((c) => c.id))}
        >
          Dismiss all shown
        </button>
      </div>
      <Show
        when={shown().length > 0}
        fallback={<p class="notice">No conflicts. Every change you asked for went through as asked.</p>}
      >
        <table class="conflicts-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Claim</th>
              <th scope="col">Asked for</th>
              <th scope="col">Saw</th>
              <th scope="col">Server found</th>
              <th scope="col">Why it did not happen</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(item) => {
                const row = props.rowOf(item.claimId);
                return (
                  <tr data-conflict-claim={item.claimId}>
                    <td>{when(item.at)}</td>
                    <td>
                      <button
                        type="button"
                        class="link-button"
                        onClick={() => props.onOpenClaim?.(item.claimId)}
                      >
                        {item.claimId}
                      </button>
                      <Show when={row}>
                        {(r) => (
                          <span class="conflicts-claim">
                            {r().patient} · {r().dateOfService} · {r().payer}
                          </span>
                        )}
                      </Show>
                      <Show when={!item.byMe}>
                        <span class="conflicts-claim">asked by a colleague</span>
                      </Show>
                    </td>
                    <td>{item.intended}</td>
                    <td>{item.saw ?? ''}</td>
                    <td class="status">{item.found ?? ''}</td>
                    <td class="conflicts-why">{item.message}</td>
                    <td>
                      <button type="button" onClick={() => props.onDismiss([item.id])}>
                        Dismiss
                      </button>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
