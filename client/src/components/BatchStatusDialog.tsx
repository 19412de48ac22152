import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type { Actor } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import { CONFIRM_WORD, canSend, planBatch } from '../queue/batchPlan.ts';

/** The changes a biller can ask for on a selection (the rest are the server's: submission, payments). */
const targets: { status: ClaimStatus; label: string }[] = [
  { status: 'Held', label: 'Hold' },
  { status: 'Ready', label: 'Ready (clear hold / resubmit)' },
  { status: 'Settled', label: 'Settle' },
  { status: 'Voided', label: 'Void' },
];

/** How many refused claims the dialog lists by name (the count says the rest). */
const LISTED = 50;

/**
 * The batch status change dialog (SPEC §5): what the change will do to the selected claims, which can't
 * make it and why (the same rules the server decides by), a reason for a Hold, CONFIRM typed for a
 * change that can't be undone. Only the claims that can change are sent.
 */
export function BatchStatusDialog(props: {
  claims: readonly Claim[];
  actor: Actor;
  onSend: (claimIds: string[], toStatus: ClaimStatus, reason: string | undefined) => void;
  onClose: () => void;
  /** The status chosen when the dialog opens (an action of the claim panel); Hold by default. */
  initialStatus?: ClaimStatus;
}): JSX.Element {
  const [toStatus, setToStatus] = createSignal<ClaimStatus>(props.initialStatus ?? 'Held');
  const [reason, setReason] = createSignal('');
  const [confirmation, setConfirmation] = createSignal('');
  const plan = createMemo(() => planBatch(props.claims, toStatus(), reason(), props.actor));
  const send = (event: Event) => {
    event.preventDefault();
    const p = plan();
    if (!canSend(p, confirmation())) return;
    props.onSend(p.allowed, p.toStatus, reason().trim() || undefined);
  };
  return (
    <div class="dialog-backdrop">
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="batch-title"
        data-testid="batch-dialog"
        onSubmit={send}
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <h2 id="batch-title">Change the status of {props.claims.length.toLocaleString('en-US')} claims</h2>
        <fieldset class="dialog-targets">
          <legend>New status</legend>
          <For each={targets}>
            {(t) => (
              <label>
                <input
                  type="radio"
                  name="toStatus"
                  value={t.status}
                  checked={toStatus() === t.status}
                  onChange={() => {
                    setToStatus(t.status);
                    setConfirmation('');
                  }}
                />
                {t.label}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={toStatus() === 'Held'}>
          <label class="dialog-field">
            Reason for the hold (required)
            <input
              name="reason"
              value={reason()}
              maxLength={500}
              onInput={(e) => setReason(e.currentTarget.value)}
              placeholder="e.g. Waiting on authorization"
            />
          </label>
        </Show>
        <p class="dialog-summary" data-testid="batch-summary">
          {plan().allowed.length.toLocaleString('en-US')} will change to {plan().toStatus}
          <Show when={plan().refused.length > 0}>
            ; {plan().refused.length.toLocaleString('en-US')} can't and will be left as they are
          </Show>
          .
        </p>
        <Show when={plan().refused.length > 0}>
          <ul class="dialog-refused" aria-label="Claims that can't change">
            <For each={plan().refused.slice(0, LISTED)}>
              {(r) => (
                <li>
                  <strong>{r.claimId}</strong>: {r.message}
                </li>
              )}
            </For>
            <Show when={plan().refused.length > LISTED}>
              <li>…and {(plan().refused.length - LISTED).toLocaleString('en-US')} more.</li>
            </Show>
          </ul>
        </Show>
        <Show when={plan().needsConfirm}>
          <label class="dialog-field">
            This can't be undone. Type {CONFIRM_WORD} to go ahead.
            <input
              name="confirmation"
              value={confirmation()}
              autocomplete="off"
              onInput={(e) => setConfirmation(e.currentTarget.value)}
            />
          </label>
        </Show>
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!canSend(plan(), confirmation())}>
            Change {plan().allowed.length.toLocaleString('en-US')} claims
          </button>
        </div>
      </form>
    </div>
  );
}
