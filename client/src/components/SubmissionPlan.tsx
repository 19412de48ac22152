import { createEffect, createMemo, createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { browserApi } from '../api/apiClient.ts';
import { OFFLINE_REASON } from '../submissions/batchView.ts';
import {
  ALL_PAYERS,
  buildPlanView,
  type ClaimInfo,
  type FailingGroup,
  generateRequest,
  type PayerOption,
  type PlanGroup,
  selectionText,
  toggleAll,
} from '../submissions/planView.ts';
import { type SubmissionProblem, submissionProblem } from '../submissions/submissionProblem.ts';
import type { GenerateResult, SubmissionPlan as Plan } from '../submissions/submissionSchemas.ts';
import { claimsText } from '../submissions/submissionTotals.ts';
import { ProblemBox } from './SubmissionProblemBox.tsx';

/** Claims drawn per payer before "Show all" (a 5,000-claim plan stays quick to open). */
const GROUP_LIMIT = 200;
/** Failing claims drawn per payer before "Show all". */
const FAILING_LIMIT = 50;

function ReadyGroup(props: {
  group: PlanGroup;
  selected: ReadonlySet<string>;
  onToggle: (claimIds: string[]) => void;
  claimInfo: (claimId: string) => ClaimInfo | undefined;
  disabled: boolean;
}): JSX.Element {
  const [all, setAll] = createSignal(false);
  const ids = createMemo(() => props.group.claims.map((c) => c.claimId));
  const chosen = () => ids().filter((id) => props.selected.has(id)).length;
  return (
    <section class="subm-group" data-testid="plan-group" data-payer={props.group.payerId}>
      <label class="subm-group-head">
        <input
          type="checkbox"
          checked={chosen() === ids().length}
          ref={(el) =>
            createEffect(() => {
              el.indeterminate = chosen() > 0 && chosen() < ids().length;
            })
          }
          disabled={props.disabled}
          onChange={() => props.onToggle(ids())}
          aria-label={`Select every claim for ${props.group.payerName}`}
        />
        <strong>{props.group.payerName}</strong>
        <span>{claimsText(props.group.claims.length)}</span>
        <span class="subm-money">{props.group.total}</span>
      </label>
      <table class="subm-table">
        <thead>
          <tr>
            <th class="subm-check" />
            <th>Claim ID</th>
            <th>Patient</th>
            <th>Date of service</th>
            <th>Codes</th>
            <th class="num">Units</th>
            <th class="num">Billed</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          <For each={all() ? props.group.claims : props.group.claims.slice(0, GROUP_LIMIT)}>
            {(claim) => (
              <tr data-testid="plan-claim" data-claim-id={claim.claimId}>
                <td class="subm-check">
                  <input
                    type="checkbox"
                    checked={props.selected.has(claim.claimId)}
                    disabled={props.disabled}
                    onChange={() => props.onToggle([claim.claimId])}
                    aria-label={`Include claim ${claim.claimId}`}
                  />
                </td>
                <td class="subm-id">{claim.claimId}</td>
                <td>{props.claimInfo(claim.claimId)?.patient ?? ''}</td>
                <td>{claim.dateOfService}</td>
                <td>{props.claimInfo(claim.claimId)?.serviceCodes ?? ''}</td>
                <td class="num">{claim.units}</td>
                <td class="num">{claim.charge}</td>
                <td class="subm-warning">{claim.warnings.join(' ')}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={!all() && props.group.claims.length > GROUP_LIMIT}>
        <button type="button" class="link-button subm-more" onClick={() => setAll(true)}>
          Show all {claimsText(props.group.claims.length)}
        </button>
      </Show>
    </section>
  );
}

function FailingList(props: {
  group: FailingGroup;
  claimInfo: (claimId: string) => ClaimInfo | undefined;
}): JSX.Element {
  const [all, setAll] = createSignal(false);
  return (
    <section class="subm-group">
      <div class="subm-group-head">
        <strong>{props.group.payerName}</strong>
        <span>{claimsText(props.group.claims.length)}</span>
      </div>
      <ul class="subm-failing-list">
        <For each={all() ? props.group.claims : props.group.claims.slice(0, FAILING_LIMIT)}>
          {(claim) => (
            <li data-testid="failing-claim" data-claim-id={claim.claimId}>
              <span class="subm-id">{claim.claimId}</span>{' '}
              <span class="subm-muted">{props.claimInfo(claim.claimId)?.patient ?? ''}</span>
              <ul>
                <For each={claim.messages}>{(m) => <li>{m}</li>}</For>
              </ul>
            </li>
          )}
        </For>
      </ul>
      <Show when={!all() && props.group.claims.length > FAILING_LIMIT}>
        <button type="button" class="link-button subm-more" onClick={() => setAll(true)}>
          Show all {claimsText(props.group.claims.length)}
        </button>
      </Show>
    </section>
  );
}

/**
 * New submission (SPEC §6, seed 000): pick a payer or all EDI payers; the server lists the Ready claims
 * that pass the scrubber (all chosen) and those that fail, with why; Generate makes the 837P file.
 */
export function SubmissionPlan(props: {
  practiceId: string;
  payers: readonly PayerOption[];
  payerNames: ReadonlyMap<string, string>;
  claimInfo: (claimId: string) => ClaimInfo | undefined;
  online: boolean;
  onGenerated: (result: GenerateResult) => void;
  onCancel: () => void;
}): JSX.Element {
  const [payer, setPayer] = createSignal(ALL_PAYERS);
  const [plan, setPlan] = createSignal<Plan | null>(null);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = createSignal(false);
  const [generating, setGenerating] = createSignal(false);
  const [problem, setProblem] = createSignal<SubmissionProblem | null>(null);
  // Only the answer to the latest pick is shown (a slow answer for the previous payer is dropped).
  let asked = 0;
  const load = async (choice: string) => {
    const ask = ++asked;
    setLoading(true);
    setProblem(null);
    try {
      const answer = await browserApi.submissionPlan(props.practiceId, choice);
      if (ask !== asked) return;
      setPlan(answer);
      setSelected(new Set(answer.ready));
    } catch (error) {
      if (ask !== asked) return;
      setPlan(null);
      setProblem(submissionProblem(error));
    } finally {
      if (ask === asked) setLoading(false);
    }
  };
  onMount(() => void load(payer()));

  const view = createMemo(() => {
    const p = plan();
    return p ? buildPlanView(p, props.payerNames, (id) => props.claimInfo(id)?.payerId) : null;
  });
  const request = createMemo(() => {
    const p = plan();
    return p ? generateRequest(p, selected()) : null;
  });
  const generate = async () => {
    const r = request();
    if (!r?.ok || !props.online) return;
    setGenerating(true);
    setProblem(null);
    try {
      props.onGenerated(await browserApi.generateSubmission(props.practiceId, r.request));
    } catch (error) {
      setProblem(submissionProblem(error));
    } finally {
      setGenerating(false);
    }
  };

  return (
    <div class="subm-plan" data-testid="submission-plan">
      <header class="subm-section-head">
        <h2>New submission</h2>
        <label class="subm-payer">
          Payer
          <select
            data-testid="submission-payer"
            value={payer()}
            disabled={generating()}
            onChange={(e) => {
              setPayer(e.currentTarget.value);
              void load(e.currentTarget.value);
            }}
          >
            <For each={props.payers}>{(o) => <option value={o.value}>{o.label}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </header>

      <ProblemBox problem={problem()} />
      <Show when={loading()}>
        <p class="subm-muted" role="status">
          Checking the Ready claims with the scrubber…
        </p>
      </Show>

      <Show when={!loading() && view()}>
        {(v) => (
          <>
            <div class="subm-summary" data-testid="plan-summary">
              <div>
                <span>Ready to send</span>
                <strong data-testid="plan-ready-count">{claimsText(v().readyCount)}</strong>
              </div>
              <div>
                <span>Billed</span>
                <strong data-testid="plan-total">{v().totals.total}</strong>
              </div>
              <div classList={{ 'subm-summary-bad': v().failingCount > 0 }}>
                <span>Can’t go yet</span>
                <strong data-testid="plan-failing-count">{claimsText(v().failingCount)}</strong>
              </div>
            </div>

            <Show
              when={v().groups.length > 0}
              fallback={
                <p class="subm-muted">
                  No Ready claim for this payer passes the scrubber. Claims that fail are listed below with
                  what to fix.
                </p>
              }
            >
              <For each={v().groups}>
                {(group) => (
                  <ReadyGroup
                    group={group}
                    selected={selected()}
                    onToggle={(ids) => setSelected(toggleAll(selected(), ids))}
                    claimInfo={props.claimInfo}
                    disabled={generating()}
                  />
                )}
              </For>
            </Show>

            <Show when={v().failingCount > 0}>
              <details class="subm-failing" data-testid="plan-failing">
                <summary>
                  {claimsText(v().failingCount)} can’t go yet: fix them in the grid, then make a new
                  submission.
                  <span class="subm-reasons">
                    <For each={v().failingReasons.slice(0, 6)}>
                      {(r) => (
                        <span class="subm-chip">
                          {r.label} · {r.claimCount.toLocaleString('en-US')}
                        </span>
                      )}
                    </For>
                  </span>
                </summary>
                <For each={v().failing}>
                  {(group) => <FailingList group={group} claimInfo={props.claimInfo} />}
                </For>
              </details>
            </Show>

            <footer class="subm-footer">
              <span data-testid="plan-selection">{plan() ? selectionText(plan()!, selected()) : ''}</span>
              <Show when={request()?.ok === false}>
                <span class="subm-warning">
                  {(() => {
                    const r = request();
                    return r && !r.ok ? r.message : '';
                  })()}
                </span>
              </Show>
              <button
                type="button"
                class="subm-primary"
                data-testid="submission-generate"
                disabled={!props.online || generating() || request()?.ok !== true}
                title={props.online ? undefined : OFFLINE_REASON}
                onClick={() => void generate()}
              >
                {generating() ? 'Generating…' : 'Generate 837P'}
              </button>
            </footer>
          </>
        )}
      </Show>
    </div>
  );
}
