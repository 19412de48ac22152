import { createMemo, createSignal, For, Index, type JSX, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { Claim } from '../../../shared/domain/claim.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { browserApi } from '../api/apiClient.ts';
import type { RecordPaymentAnswer } from '../queue/claimActionSchemas.ts';
import type { ClaimActionsContext } from '../queue/claimActions.ts';
import {
  type AdjustmentRow,
  checkPayment,
  claimAfterPayment,
  emptyForm,
  type FieldKey,
  groupLabels,
  newAdjustmentRow,
  type PatientReason,
  type PaymentForm,
  patientBalanceOf,
  patientReasons,
  payerGroups,
  paymentResultText,
  type QuickFill,
  quickFill,
} from '../queue/recordPayment.ts';
import { type ActionOutcome, failureText, generateSecondary, OutcomeLine } from './ClaimActionsBar.tsx';
import './RecordPaymentDialog.css';

const QUICK_FILLS: { kind: QuickFill; label: string }[] = [
  { kind: 'paidInFull', label: 'Paid in full' },
  { kind: 'denied', label: 'Denied (0 paid)' },
  { kind: 'restToPatient', label: 'Rest as patient share' },
  { kind: 'restContractual', label: 'Rest as CO-45' },
];

/** After saving: the server's answer and the claim the invoice shows. */
interface Recorded {
  answer: RecordPaymentAnswer;
  text: string;
  invoiceClaim: Claim;
}

/**
 * Record Payment (SPEC §6, seed 000): the payer's EOB typed in dollars, checked live by the server's own
 * rule (`queue/recordPayment.ts`) with the balance line until paid + adjustments + patient responsibility
 * equals billed. On success it says what happened and offers the secondary claim and the patient
 * invoice; on a refusal it shows the server's message and keeps what was typed.
 */
export function RecordPaymentDialog(props: {
  ctx: ClaimActionsContext;
  /** Closed; with what to keep saying on the panel when something was recorded. */
  onClose: (outcome: ActionOutcome | null) => void;
  onInvoice: (claim: Claim) => void;
}): JSX.Element {
  const [form, setForm] = createSignal<PaymentForm>(emptyForm());
  const [tried, setTried] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [refusal, setRefusal] = createSignal<string | null>(null);
  const [recorded, setRecorded] = createSignal<Recorded | null>(null);
  const [secondary, setSecondary] = createSignal<ActionOutcome | null>(null);
  const [making, setMaking] = createSignal(false);
  const check = createMemo(() => checkPayment(props.ctx.claim, form()));
  const claimId = props.ctx.claim.id;
  let first: HTMLInputElement | undefined;
  onMount(() => first?.focus());

  const set = (patch: Partial<PaymentForm>) => setForm({ ...form(), ...patch });
  const setRow = (i: number, patch: Partial<AdjustmentRow>) =>
    set({ adjustments: form().adjustments.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  /** A field's problem, once it has something typed in it or the biller pressed Record. */
  const errorOf = (key: FieldKey, typed: string) => {
    const message = check().fieldErrors[key];
    return message !== undefined && (tried() || typed.trim() !== '') ? message : undefined;
  };

  const close = () => {
    const r = recorded();
    if (r === null) return props.onClose(null);
    const s = secondary();
    props.onClose(
      s === null
        ? { ok: true, text: r.text }
        : { ok: s.ok, text: `${r.text}. ${s.text}`, openClaimId: s.openClaimId },
    );
  };
  const send = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    const request = check().request;
    if (request === null || sending() || !props.ctx.online) return;
    const claim = props.ctx.claim;
    setSending(true);
    setRefusal(null);
    try {
      const answer = await browserApi.recordPayment(props.ctx.practiceId, claimId, request);
      // The invoice shows the claim as the server now has it, before that has synced to this device.
      const after = claimAfterPayment(
        claim,
        request,
        { kind: 'user', userId: 'me', role: props.ctx.role },
        new Date().toISOString(),
      );
      const invoiceClaim =
        after !== null && patientBalanceOf(after) === answer.claim.patientBalanceCents
          ? after
          : props.ctx.claim;
      setRecorded({ answer, text: paymentResultText(answer.claim), invoiceClaim });
    } catch (error) {
      setRefusal(failureText(error));
    } finally {
      setSending(false);
    }
  };
  const makeSecondary = async () => {
    setMaking(true);
    setSecondary(await generateSecondary(props.ctx.practiceId, claimId));
    setMaking(false);
  };

  return (
    <Portal>
      <div class="dialog-backdrop">
        <form
          class="dialog payment-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="payment-title"
          data-testid="record-payment-dialog"
          onSubmit={send}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // The detail panel behind closes on Escape too; this one is for the dialog.
            e.preventDefault();
            close();
          }}
        >
          <h2 id="payment-title">Record Payment — claim {claimId}</h2>
          <p class="payment-context">
            Billed <strong>{formatCents(check().billedCents)}</strong> to{' '}
            {props.ctx.payers.get(props.ctx.claim.payerId) ?? props.ctx.claim.payerId} for{' '}
            {props.ctx.claim.dateOfService}
          </p>
          <Show when={recorded()} fallback={fields()}>
            {(r) => (
              <div class="payment-recorded" data-testid="payment-result">
                <p class="payment-result-text" role="status">
                  {r().text}
                </p>
                <Show when={r().answer.offers.secondaryClaim || r().answer.offers.patientInvoice}>
                  <div class="payment-offers">
                    <Show when={r().answer.offers.secondaryClaim && secondary()?.ok !== true}>
                      <button
                        type="button"
                        data-testid="offer-secondary"
                        disabled={making() || !props.ctx.online}
                        onClick={() => void makeSecondary()}
                      >
                        Generate secondary claim
                      </button>
                    </Show>
                    <Show when={r().answer.offers.patientInvoice}>
                      <button
                        type="button"
                        data-testid="offer-invoice"
                        onClick={() => props.onInvoice(r().invoiceClaim)}
                      >
                        Patient invoice
                      </button>
                    </Show>
                  </div>
                </Show>
                <Show when={secondary()}>
                  {(s) => (
                    <OutcomeLine
                      outcome={s()}
                      isClaimHere={props.ctx.isClaimHere}
                      onOpenClaim={props.ctx.onOpenClaim}
                    />
                  )}
                </Show>
                <div class="dialog-buttons">
                  <button type="button" class="primary" data-testid="payment-done" onClick={close}>
                    Done
                  </button>
                </div>
              </div>
            )}
          </Show>
        </form>
      </div>
    </Portal>
  );

  function fields(): JSX.Element {
    return (
      <>
        <div class="payment-quick">
          <span class="payment-quick-label">Fill:</span>
          <For each={QUICK_FILLS}>
            {(q) => (
              <button
                type="button"
                data-testid={`quick-${q.kind}`}
                onClick={() => setForm(quickFill(form(), q.kind, check().billedCents))}
              >
                {q.label}
              </button>
            )}
          </For>
        </div>
        <div class="payment-grid">
          <Money
            label="Paid by the payer"
            name="paid"
            value={form().paid}
            error={errorOf('paid', form().paid)}
            ref={(el) => {
              first = el;
            }}
            onInput={(v) => set({ paid: v })}
          />
          <Money
            label="Allowed (optional)"
            name="allowed"
            value={form().allowed}
            error={errorOf('allowed', form().allowed)}
            onInput={(v) => set({ allowed: v })}
          />
          <label class="payment-field">
            Payer claim number (ICN)
            <input
              name="icn"
              value={form().icn}
              maxLength={60}
              autocomplete="off"
              onInput={(e) => set({ icn: e.currentTarget.value })}
            />
            <FieldError message={errorOf('icn', form().icn)} />
          </label>
        </div>

        <fieldset class="payment-adjustments">
          <legend>Adjustments by the payer (CO, OA, PI, CR with their CARC)</legend>
          {/* By position, not by row object: a row is a new object on each keystroke, and For would
              rebuild its inputs and lose the focus. */}
          <Index each={form().adjustments}>
            {(row, i) => (
              <div class="payment-adjustment" data-testid="adjustment-row">
                <select
                  name={`adj-group-${i}`}
                  aria-label="Group"
                  onChange={(e) => setRow(i, { group: e.currentTarget.value as AdjustmentRow['group'] })}
                >
                  <For each={payerGroups}>
                    {(g) => (
                      <option value={g} selected={g === row().group}>
                        {groupLabels[g]}
                      </option>
                    )}
                  </For>
                </select>
                <input
                  name={`adj-reason-${i}`}
                  aria-label="Reason code (CARC)"
                  placeholder="CARC, e.g. 45"
                  class="payment-code"
                  value={row().reason}
                  onInput={(e) => setRow(i, { reason: e.currentTarget.value })}
                />
                <input
                  name={`adj-amount-${i}`}
                  aria-label="Amount"
                  placeholder="0.00"
                  inputMode="decimal"
                  class="payment-money"
                  value={row().amount}
                  onInput={(e) => setRow(i, { amount: e.currentTarget.value })}
                />
                <button
                  type="button"
                  aria-label="Remove adjustment"
                  onClick={() => set({ adjustments: form().adjustments.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
                <FieldError message={errorOf(`adjustment-${i}`, `${row().reason}${row().amount}`)} />
              </div>
            )}
          </Index>
          <button
            type="button"
            data-testid="add-adjustment"
            onClick={() => set({ adjustments: [...form().adjustments, newAdjustmentRow()] })}
          >
            Add adjustment
          </button>
        </fieldset>

        <div class="payment-grid">
          <Money
            label="Patient responsibility (PR)"
            name="patientResponsibility"
            value={form().patientResponsibility}
            error={errorOf('patientResponsibility', form().patientResponsibility)}
            onInput={(v) => set({ patientResponsibility: v })}
          />
          <label class="payment-field">
            Patient's share is
            <select
              name="patientReason"
              onChange={(e) => set({ patientReason: e.currentTarget.value as PatientReason })}
            >
              <For each={patientReasons}>
                {(r) => (
                  <option value={r.code} selected={r.code === form().patientReason}>
                    {r.label} (PR-{r.code})
                  </option>
                )}
              </For>
            </select>
          </label>
          <label class="payment-field">
            Remark codes (RARC)
            <input
              name="remarks"
              value={form().remarks}
              placeholder="e.g. N130, MA01"
              autocomplete="off"
              onInput={(e) => set({ remarks: e.currentTarget.value })}
            />
            <FieldError message={errorOf('remarks', form().remarks)} />
          </label>
        </div>

        <div
          class={check().balanced ? 'payment-balance payment-balanced' : 'payment-balance'}
          data-testid="payment-balance"
          aria-live="polite"
        >
          <div>{check().equation}</div>
          <div>
            <Show
              when={check().balanced}
              fallback={
                <strong>
                  Difference {formatCents(check().differenceCents)}: {check().problem}
                </strong>
              }
            >
              <strong>Balanced.</strong>{' '}
              <Show when={check().problem === null} fallback={<span>{check().problem}</span>}>
                {check().preview}.
              </Show>
            </Show>
          </div>
        </div>
        <Show when={refusal()}>
          {(message) => (
            <p class="payment-refusal" role="alert" data-testid="payment-error">
              {message()}
            </p>
          )}
        </Show>
        <div class="dialog-buttons">
          <Show when={!props.ctx.online}>
            <span class="payment-offline">Offline: Record Payment needs the server.</span>
          </Show>
          <button type="button" onClick={() => props.onClose(null)}>
            Cancel
          </button>
          <button
            type="submit"
            class="primary"
            data-testid="payment-submit"
            disabled={sending() || !props.ctx.online || (tried() && check().request === null)}
          >
            {sending() ? 'Recording…' : 'Record payment'}
          </button>
        </div>
      </>
    );
  }
}

function FieldError(props: { message: string | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <span class="payment-field-error">{props.message}</span>
    </Show>
  );
}

/** A dollar amount field (typed as text: it is parsed to cents, never through a float). */
function Money(props: {
  label: string;
  name: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  ref?: (el: HTMLInputElement) => void;
}): JSX.Element {
  return (
    <label class="payment-field">
      {props.label}
      <input
        ref={props.ref}
        name={props.name}
        class="payment-money"
        inputMode="decimal"
        placeholder="0.00"
        autocomplete="off"
        value={props.value}
        aria-invalid={props.error !== undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <FieldError message={props.error} />
    </label>
  );
}
