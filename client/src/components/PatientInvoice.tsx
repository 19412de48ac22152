import { createMemo, For, type JSX, onMount, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import { localToday } from '../queue/localToday.ts';
import { buildPatientInvoice } from '../queue/patientInvoice.ts';
import './PatientInvoice.css';

/**
 * The patient invoice (SPEC §6): a print-friendly statement of one claim's patient balance over the
 * whole window, from this device's data (`queue/patientInvoice.ts`). Print uses the browser's own
 * dialog; the print style shows only the statement.
 */
export function PatientInvoice(props: {
  claim: Claim;
  client: Pick<Client, 'id' | 'name' | 'address'> | null;
  practice: Pick<Practice, 'name' | 'billingProvider'> | null;
  payers: ReadonlyMap<string, string>;
  onClose: () => void;
}): JSX.Element {
  const view = createMemo(() =>
    buildPatientInvoice({
      claim: props.claim,
      client: props.client,
      practice: props.practice,
      payers: props.payers,
      statementDate: localToday(),
    }),
  );
  let closeButton: HTMLButtonElement | undefined;
  onMount(() => closeButton?.focus());
  return (
    <Portal ref={(el) => el.classList.add('invoice-portal')}>
      <div
        class="invoice-overlay"
        role="dialog"
        aria-modal="true"
        aria-label="Patient invoice"
        data-testid="patient-invoice"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          props.onClose();
        }}
      >
        <div class="invoice-toolbar">
          <button type="button" class="primary" data-testid="invoice-print" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" ref={closeButton} data-testid="invoice-close" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
        <article class="invoice-page">
          <header class="invoice-head">
            <div>
              <h1>{view().practiceName}</h1>
              <For each={view().practiceAddress}>{(line) => <div>{line}</div>}</For>
            </div>
            <div class="invoice-title">
              <h2>{view().title}</h2>
              <div>Statement date {view().statementDate}</div>
              <div>Account {view().reference}</div>
            </div>
          </header>
          <section class="invoice-to">
            <div class="invoice-label">Bill to</div>
            <div class="invoice-patient" data-testid="invoice-patient">
              {view().patientName}
            </div>
            <For each={view().patientAddress}>{(line) => <div>{line}</div>}</For>
          </section>
          <section>
            <h3>Services on {view().dateOfService}</h3>
            <table class="invoice-table">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Service</th>
                  <th>Description</th>
                  <th class="num">Units</th>
                  <th class="num">Charge</th>
                </tr>
              </thead>
              <tbody>
                <For each={view().services}>
                  {(s) => (
                    <tr>
                      <td>{s.date}</td>
                      <td>{s.code}</td>
                      <td>{s.description}</td>
                      <td class="num">{s.units}</td>
                      <td class="num">{s.charge}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </section>
          <section>
            <table class="invoice-table invoice-summary">
              <tbody>
                <For each={view().rows}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.label}</th>
                      <td class="num">{row.text}</td>
                    </tr>
                  )}
                </For>
                <tr class="invoice-total">
                  <th scope="row">Patient owes</th>
                  <td class="num" data-testid="invoice-owes">
                    {view().patientOwes}
                  </td>
                </tr>
              </tbody>
            </table>
            <Show when={view().responsibility.length > 0}>
              <p class="invoice-note">
                Your share as your insurance assigned it: {view().responsibility.join(', ')}.
              </p>
            </Show>
            <Show when={view().note}>
              <p class="invoice-note">{view().note}</p>
            </Show>
            <p class="invoice-note">
              Please quote account {view().reference} with your payment. Questions about this statement:
              contact {view().practiceName}.
            </p>
          </section>
        </article>
      </div>
    </Portal>
  );
}
