import { For, type JSX, onMount, Show } from 'solid-js';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimActionsContext } from '../queue/claimActions.ts';
import type { ClaimDetail } from '../queue/claimDetail.ts';
import { NO_EDI_MESSAGES } from '../queue/ediHistory.ts';
import { ClaimActionsBar } from './ClaimActionsBar.tsx';
import { EdiHistoryList, EdiStatusBadge } from './EdiStatusBadge.tsx';
import './ClaimDetailPanel.css';

/**
 * One claim in a side panel (SPEC §5 "Claim detail", seed 000): header, lines, linked session,
 * authorization with remaining units, billing summary, electronic messages, follow-up notes, history,
 * and the status changes the user may ask for now. A view of `detail` only: the caller builds it
 * (`claimDetailFromReplica`) and opens the batch dialog for the chosen change.
 */
export function ClaimDetailPanel(props: {
  detail: ClaimDetail;
  onClose: () => void;
  onChangeStatus: (toStatus: ClaimStatus) => void;
  /** The server actions (Record Payment, corrected, secondary, void, invoice); none when absent. */
  claimActions?: ClaimActionsContext | null;
}): JSX.Element {
  let panel: HTMLElement | undefined;
  // Focus comes here on opening, so Escape closes the panel straight away.
  onMount(() => panel?.focus());
  const h = () => props.detail.header;
  // The last context given: the bar never reads a null one while the panel is being taken down.
  let lastActions: ClaimActionsContext | undefined;
  const actionsContext = () => {
    if (props.claimActions) lastActions = props.claimActions;
    return lastActions;
  };
  return (
    <aside
      ref={panel}
      class="detail-panel"
      role="dialog"
      aria-modal="false"
      aria-label={`Claim ${h().claimId}`}
      data-testid="claim-detail"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.stopPropagation();
        props.onClose();
      }}
    >
      <header class="detail-top">
        <div>
          <h2 class="detail-title">Claim {h().claimId}</h2>
          <div class="detail-badges">
            <span class={`status ${h().statusClass}`}>{h().status}</span>
            <EdiStatusBadge status={h().ediStatus} />
          </div>
        </div>
        <button
          type="button"
          class="detail-close"
          aria-label="Close claim detail"
          onClick={() => props.onClose()}
        >
          ×
        </button>
      </header>

      <section class="detail-section" aria-label="Summary">
        <dl class="detail-facts">
          <dt>Patient</dt>
          <dd>{h().patient}</dd>
          <dt>Payer</dt>
          <dd>{h().payer}</dd>
          <dt>Date of service</dt>
          <dd>{h().dateOfService}</dd>
          <dt>Claim type</dt>
          <dd>{h().frequency}</dd>
          <Show when={h().holdReason}>
            <dt>Hold reason</dt>
            <dd>{h().holdReason}</dd>
          </Show>
          <Show when={h().denialCodes.length > 0}>
            <dt>Denial codes</dt>
            <dd>{h().denialCodes.join(', ')}</dd>
          </Show>
        </dl>
        <div class="detail-money">
          <div>
            <span>Billed</span>
            <strong>{h().billed}</strong>
          </div>
          <div>
            <span>Paid</span>
            <strong>{h().paid}</strong>
          </div>
          <div>
            <span>Outstanding</span>
            <strong>{h().outstanding}</strong>
          </div>
        </div>
      </section>

      <section class="detail-section detail-actions" aria-label="Actions">
        <Show
          when={!props.detail.readOnly}
          fallback={<p class="detail-muted">Read-only: viewers can't change claims.</p>}
        >
          <Show
            when={props.detail.actions.length > 0}
            fallback={<p class="detail-muted">No status change is available for a {h().status} claim.</p>}
          >
            <For each={props.detail.actions}>
              {(action) => (
                <button
                  type="button"
                  data-testid={`detail-action-${action.toStatus}`}
                  onClick={() => props.onChangeStatus(action.toStatus)}
                >
                  {action.label}
                </button>
              )}
            </For>
          </Show>
        </Show>
      </section>

      {/* Keyed by claim: another claim opened here starts with no dialog or outcome of this one. */}
      <Show when={actionsContext()?.claim.id} keyed>
        {(_id) => <ClaimActionsBar ctx={actionsContext()!} />}
      </Show>

      <section class="detail-section">
        <h3>Line items</h3>
        <table class="detail-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Code</th>
              <th>Mod</th>
              <th class="num">Units</th>
              <th class="num">Min</th>
              <th class="num">Rate</th>
              <th class="num">Charge</th>
              <th>DOS</th>
              <th>Dx</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.detail.lines}>
              {(line) => (
                <tr>
                  <td>{line.lineNo}</td>
                  <td>{line.serviceCode}</td>
                  <td>{line.modifiers}</td>
                  <td class="num">{line.units}</td>
                  <td class="num">{line.minutes}</td>
                  <td class="num">{line.rate}</td>
                  <td class="num">{line.charge}</td>
                  <td>{line.dateOfService}</td>
                  <td>{line.diagnoses.join(', ')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="detail-muted">Diagnoses: {props.detail.diagnoses.join(', ') || 'none'}</p>
      </section>

      <section class="detail-section">
        <h3>Linked session</h3>
        <Show when={props.detail.session} fallback={<p class="detail-muted">{props.detail.sessionNote}</p>}>
          {(s) => (
            <dl class="detail-facts">
              <dt>Date</dt>
              <dd>{s().dateOfService}</dd>
              <dt>Minutes</dt>
              <dd>{s().minutes}</dd>
              <dt>Services</dt>
              <dd>{s().services.join('; ')}</dd>
              <dt>Provider</dt>
              <dd>{s().provider}</dd>
              <dt>Place of service</dt>
              <dd>{s().placeOfService}</dd>
              <dt>Note</dt>
              <dd>{s().noteStatus}</dd>
            </dl>
          )}
        </Show>
      </section>

      <section class="detail-section">
        <h3>Authorization</h3>
        <Show
          when={props.detail.authorization}
          fallback={<p class="detail-muted">{props.detail.authorizationNote}</p>}
        >
          {(a) => (
            <>
              <dl class="detail-facts">
                <dt>Number</dt>
                <dd>{a().number}</dd>
                <dt>Dates</dt>
                <dd>
                  {a().startDate} to {a().endDate}
                </dd>
                <dt>Codes</dt>
                <dd>{a().serviceCodes.join(', ')}</dd>
                <dt>Units</dt>
                <dd>
                  {a().unitsAuthorized} authorized · {a().unitsUsed} used ·{' '}
                  <strong>{a().unitsRemaining} remaining</strong> · this claim {a().claimUnits}
                </dd>
              </dl>
              <For each={a().warnings}>{(w) => <p class="detail-warning">{w}</p>}</For>
            </>
          )}
        </Show>
      </section>

      <section class="detail-section">
        <h3>Billing summary</h3>
        <table class="detail-table detail-summary">
          <tbody>
            <For each={props.detail.billing.rows}>
              {(row) => (
                <tr class={row.key.endsWith('Balance') ? 'detail-balance' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td class="num">{row.text}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>

      <section class="detail-section">
        <h3>Electronic messages</h3>
        <Show when={props.detail.edi.length > 0} fallback={<p class="detail-muted">{NO_EDI_MESSAGES}</p>}>
          <EdiHistoryList items={props.detail.edi} />
        </Show>
      </section>

      <Show when={props.detail.notes.length > 0}>
        <section class="detail-section">
          <h3>Follow-up notes</h3>
          <ul class="detail-log">
            <For each={props.detail.notes}>
              {(n) => (
                <li>
                  <div class="detail-log-head">
                    <strong>{n.author}</strong>
                    <time datetime={n.at}>{n.time}</time>
                  </div>
                  <div>{n.text}</div>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <section class="detail-section">
        <h3>History</h3>
        <Show when={props.detail.history.length > 0} fallback={<p class="detail-muted">No history yet</p>}>
          <ol class="detail-log">
            <For each={props.detail.history}>
              {(e) => (
                <li class={`detail-event detail-event-${e.kind}`}>
                  <div class="detail-log-head">
                    <strong>{e.title}</strong>
                    <time datetime={e.at}>{e.time}</time>
                  </div>
                  <div class="detail-muted">{e.actor}</div>
                  <Show when={e.text}>
                    <div>{e.text}</div>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </aside>
  );
}
