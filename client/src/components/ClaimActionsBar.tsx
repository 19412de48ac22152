import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type { Claim } from '../../../shared/domain/claim.ts';
import { ApiError, browserApi } from '../api/apiClient.ts';
import {
  type ClaimActionsContext,
  correctedCreatedText,
  type ServerAction,
  secondaryCreatedText,
  serverActions,
  voidPreview,
  voidResultText,
} from '../queue/claimActions.ts';
import { hasPatientBalance } from '../queue/patientInvoice.ts';
import { PatientInvoice } from './PatientInvoice.tsx';
import { RecordPaymentDialog } from './RecordPaymentDialog.tsx';
import './ClaimActionsBar.css';

/** What an action ended with: the words to show, and the claim it made (to open). */
export interface ActionOutcome {
  ok: boolean;
  text: string;
  openClaimId?: string;
}

/** The server's message as it is (it is written for billers), or the client's own for no answer. */
export function failureText(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong; nothing was changed. Try again.';
}

/** Generate secondary claim: the outcome to show (the same call from the bar and from Record Payment). */
export async function generateSecondary(practiceId: string, claimId: string): Promise<ActionOutcome> {
  try {
    const made = await browserApi.generateSecondaryClaim(practiceId, claimId);
    return { ok: true, text: secondaryCreatedText(made), openClaimId: made.id };
  } catch (error) {
    return { ok: false, text: failureText(error) };
  }
}

/** The outcome line: the words, and "Open S…" once the new claim is on this device. */
export function OutcomeLine(props: {
  outcome: ActionOutcome;
  isClaimHere: (claimId: string) => boolean;
  onOpenClaim: (claimId: string) => void;
}): JSX.Element {
  return (
    <p
      class={props.outcome.ok ? 'claim-action-outcome' : 'claim-action-outcome claim-action-error'}
      role={props.outcome.ok ? 'status' : 'alert'}
      data-testid="claim-action-outcome"
    >
      {props.outcome.text}
      <Show when={props.outcome.openClaimId}>
        {(id) => (
          <>
            {' '}
            <button
              type="button"
              class="link-button"
              data-testid="open-new-claim"
              disabled={!props.isClaimHere(id())}
              title={props.isClaimHere(id()) ? undefined : 'Arriving on this device…'}
              onClick={() => props.onOpenClaim(id())}
            >
              Open {id()}
            </button>
          </>
        )}
      </Show>
    </p>
  );
}

/**
 * The claim detail's actions that go to the server (SPEC §3, §6): Record Payment, Submit corrected
 * claim, Generate secondary claim, Void with a void claim; and the patient invoice while the patient
 * owes. Each is disabled with the reason when it can't be used (offline, viewer, the shared rule), and
 * says what it did or the server's message. The new claims reach the grid through sync by themselves.
 */
export function ClaimActionsBar(props: { ctx: ClaimActionsContext }): JSX.Element {
  const actions = createMemo(() =>
    serverActions(props.ctx.claim, {
      role: props.ctx.role,
      online: props.ctx.online,
      client: props.ctx.client,
    }),
  );
  const invoiceOffered = createMemo(() => hasPatientBalance(props.ctx.claim));
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<ActionOutcome | null>(null);
  const [paying, setPaying] = createSignal(false);
  const [voiding, setVoiding] = createSignal(false);
  const [voidReason, setVoidReason] = createSignal('');
  const [invoiceClaim, setInvoiceClaim] = createSignal<Claim | null>(null);
  // Reasons shown under the buttons, each once (offline and viewer apply to all of them).
  const reasons = createMemo(() => [
    ...new Set(actions().flatMap((a) => (a.disabledReason === null ? [] : [a.disabledReason]))),
  ]);

  const run = async (work: () => Promise<ActionOutcome>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
    } finally {
      setBusy(false);
    }
  };
  const press = (action: ServerAction) => {
    const { practiceId, claim } = props.ctx;
    switch (action.kind) {
      case 'recordPayment':
        setOutcome(null);
        setPaying(true);
        return;
      case 'void':
        setOutcome(null);
        setVoiding(true);
        return;
      case 'secondary':
        if (action.existingClaimId) {
          props.ctx.onOpenClaim(action.existingClaimId);
          return;
        }
        void run(() => generateSecondary(practiceId, claim.id));
        return;
      case 'corrected':
        void run(async () => {
          try {
            const made = await browserApi.createCorrectedClaim(practiceId, claim.id);
            return { ok: true, text: correctedCreatedText(made), openClaimId: made.id };
          } catch (error) {
            return { ok: false, text: failureText(error) };
          }
        });
        return;
    }
  };
  const sendVoid = (event: Event) => {
    event.preventDefault();
    const reason = voidReason().trim();
    if (reason === '' || busy()) return;
    const { practiceId, claim } = props.ctx;
    void run(async () => {
      try {
        const answer = await browserApi.voidClaim(practiceId, claim.id, reason);
        setVoiding(false);
        setVoidReason('');
        return { ok: true, text: voidResultText(answer), openClaimId: answer.voidClaim?.id };
      } catch (error) {
        // The form stays open with the reason, so the biller can try again.
        return { ok: false, text: failureText(error) };
      }
    });
  };

  // Kept while something is being said: after a Void the claim offers nothing, but the outcome stays.
  const shown = () => actions().length > 0 || invoiceOffered() || outcome() !== null || voiding();
  return (
    <>
      <Show when={shown()}>
        <section class="detail-section claim-actions" aria-label="Claim actions" data-testid="claim-actions">
          <div class="claim-actions-buttons">
            <For each={actions()}>
              {(action) => (
                <button
                  type="button"
                  data-testid={`claim-action-${action.kind}`}
                  disabled={busy() || action.disabledReason !== null}
                  title={action.disabledReason ?? undefined}
                  onClick={() => press(action)}
                >
                  {action.label}
                </button>
              )}
            </For>
            <Show when={invoiceOffered()}>
              <button
                type="button"
                data-testid="claim-action-invoice"
                onClick={() => setInvoiceClaim(props.ctx.claim)}
              >
                Patient invoice
              </button>
            </Show>
          </div>
          <Show when={reasons().length > 0}>
            <ul class="claim-actions-why">
              <For each={reasons()}>{(r) => <li>{r}</li>}</For>
            </ul>
          </Show>
          <Show when={voiding()}>
            <form class="claim-void-form" data-testid="void-form" onSubmit={sendVoid}>
              <p class="claim-void-preview">{voidPreview(props.ctx.claim)}</p>
              <label class="dialog-field">
                Why is the claim voided? (required)
                <input
                  name="voidReason"
                  value={voidReason()}
                  maxLength={500}
                  placeholder="e.g. Billed in error"
                  onInput={(e) => setVoidReason(e.currentTarget.value)}
                />
              </label>
              <div class="dialog-buttons">
                <button type="button" onClick={() => setVoiding(false)}>
                  Cancel
                </button>
                <button
                  type="submit"
                  class="primary"
                  disabled={busy() || !props.ctx.online || voidReason().trim() === ''}
                >
                  Void claim
                </button>
              </div>
            </form>
          </Show>
          <Show when={busy()}>
            <p class="detail-muted">Asking the server…</p>
          </Show>
          <Show when={outcome()}>
            {(o) => (
              <OutcomeLine
                outcome={o()}
                isClaimHere={props.ctx.isClaimHere}
                onOpenClaim={props.ctx.onOpenClaim}
              />
            )}
          </Show>
        </section>
      </Show>
      <Show when={paying()}>
        <RecordPaymentDialog
          ctx={props.ctx}
          onClose={(result) => {
            setPaying(false);
            if (result) setOutcome(result);
          }}
          onInvoice={(claim) => setInvoiceClaim(claim)}
        />
      </Show>
      <Show when={invoiceClaim()}>
        {(claim) => (
          <PatientInvoice
            claim={claim()}
            client={props.ctx.client}
            practice={props.ctx.practice}
            payers={props.ctx.payers}
            onClose={() => setInvoiceClaim(null)}
          />
        )}
      </Show>
    </>
  );
}
