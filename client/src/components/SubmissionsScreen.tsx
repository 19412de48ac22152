import { createMemo, createSignal, For, type JSX, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { Role } from '../../../shared/domain/actor.ts';
import { browserApi } from '../api/apiClient.ts';
import {
  batchListRows,
  canStartSubmission,
  OFFLINE_REASON,
  serverReachable,
} from '../submissions/batchView.ts';
import { type ClaimInfo, type PayerInfo, payerOptions } from '../submissions/planView.ts';
import { type SubmissionProblem, submissionProblem } from '../submissions/submissionProblem.ts';
import type {
  BatchDetail,
  BatchSummary,
  ConnectionStatus,
  GenerateResult,
} from '../submissions/submissionSchemas.ts';
import { ClearinghouseSettings } from './ClearinghouseSettings.tsx';
import { InboundFiles } from './InboundFiles.tsx';
import { OverdueAckBanner } from './OverdueAckBanner.tsx';
import { SubmissionBatch } from './SubmissionBatch.tsx';
import { SubmissionPlan } from './SubmissionPlan.tsx';
import { ProblemBox } from './SubmissionProblemBox.tsx';
import './SubmissionsScreen.css';

/** How often the recent-batches list is read again while the screen is open (colleagues' batches). */
const LIST_POLL_MS = 10_000;

type View =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'settings' }
  | { kind: 'inbound' }
  | { kind: 'batch'; id: string; generated: GenerateResult | null };

/** The connection badge: connected where, or what is wrong in the server's words. */
function connectionText(status: ConnectionStatus | 'checking'): string {
  if (status === 'checking') return 'Clearinghouse: checking…';
  if (status.state === 'connected') return `Clearinghouse: connected (${status.host}:${status.port})`;
  if (status.state === 'not_configured') return 'Clearinghouse: not set up';
  return `Clearinghouse: ${status.message}`;
}

/**
 * Billing → Submissions (SPEC §6, seed 000), over the queue: recent batches with their state, New
 * submission (plan → Generate → preview) and one batch's Submit / Download .x12 / Mark uploaded. The
 * server decides everything (what passes, the file, the upload, when claims become Submitted); this
 * shows its answers. Viewers see the list and batches but no buttons; offline nothing can be sent.
 */
export function SubmissionsScreen(props: {
  practiceId: string;
  role: Role;
  /** The sync connection is up (with the browser's network, what says the server can be reached). */
  online: boolean;
  /** The practice's payers, from the replica's reference data. */
  payers: readonly PayerInfo[];
  /** What this device knows of a claim (patient, payer, codes), from its queue rows. */
  claimInfo: (claimId: string) => ClaimInfo | undefined;
  onClose: () => void;
}): JSX.Element {
  const [view, setView] = createSignal<View>({ kind: 'none' });
  const [batches, setBatches] = createSignal<BatchSummary[] | null>(null);
  const [listProblem, setListProblem] = createSignal<SubmissionProblem | null>(null);
  // Reachability: the browser's network, the sync connection, and how the last list call went.
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const [lastCall, setLastCall] = createSignal<'ok' | 'offline' | null>(null);
  const online = () =>
    serverReachable({ browserOnline: browserOnline(), syncOnline: props.online, lastCall: lastCall() });
  const payerNames = createMemo(() => new Map(props.payers.map((p) => [p.id, p.name])));
  const options = createMemo(() => payerOptions(props.payers));
  const start = createMemo(() => canStartSubmission({ role: props.role, online: online() }));
  const rows = createMemo(() => batchListRows(batches() ?? [], payerNames()));
  let gone = false;

  const loadList = async () => {
    try {
      const list = await browserApi.submissions(props.practiceId);
      if (gone) return;
      setBatches(list);
      setListProblem(null);
      setLastCall('ok');
    } catch (error) {
      if (gone) return;
      const problem = submissionProblem(error);
      setListProblem(problem);
      if (problem.offline) setLastCall('offline');
    }
  };
  // The clearinghouse connection, checked by the server when the screen opens and on request.
  const [connection, setConnection] = createSignal<ConnectionStatus | 'checking' | null>(null);
  const checkConnection = async () => {
    setConnection('checking');
    try {
      const status = await browserApi.clearinghouseConnection(props.practiceId);
      if (!gone) setConnection(status);
    } catch {
      if (!gone) setConnection(null); // offline or refused: the screen says so elsewhere
    }
  };
  onMount(() => {
    void checkConnection();
    void loadList();
    const timer = setInterval(() => browserOnline() && void loadList(), LIST_POLL_MS);
    const up = () => {
      setBrowserOnline(true);
      void loadList();
    };
    const down = () => setBrowserOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    onCleanup(() => {
      gone = true;
      clearInterval(timer);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    });
  });
  /** A batch read with a new state: put it in the list at once (it may be new). */
  const follow = (b: BatchDetail) => {
    const list = batches() ?? [];
    const summary: BatchSummary = { ...b };
    const at = list.findIndex((x) => x.id === b.id);
    setBatches(at < 0 ? [summary, ...list] : list.map((x, i) => (i === at ? summary : x)));
  };

  let screen: HTMLDivElement | undefined;
  onMount(() => screen?.focus());
  const openBatch = () => {
    const v = view();
    return v.kind === 'batch' ? v : null;
  };
  const selectedId = () => openBatch()?.id ?? null;

  return (
    <div
      class="subm-screen"
      ref={screen}
      role="dialog"
      aria-modal="true"
      aria-labelledby="subm-title"
      data-testid="submissions"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.stopPropagation();
        props.onClose();
      }}
    >
      <header class="subm-header">
        <h1 id="subm-title">Submissions</h1>
        <span class="subm-header-note">837P batches to the clearinghouse</span>
        <Show when={connection()}>
          {(status) => (
            <button
              type="button"
              class={`subm-connection subm-connection-${typeof status() === 'string' ? 'checking' : (status() as ConnectionStatus).state}`}
              data-testid="clearinghouse-connection"
              title="Check the connection again"
              onClick={() => void checkConnection()}
            >
              {connectionText(status())}
            </button>
          )}
        </Show>
        <button
          type="button"
          class="subm-button"
          data-testid="clearinghouse-files-open"
          onClick={() => setView({ kind: 'inbound' })}
        >
          Clearinghouse files
        </button>
        <Show when={props.role === 'admin'}>
          <button
            type="button"
            class="subm-button"
            data-testid="clearinghouse-settings-open"
            onClick={() => setView({ kind: 'settings' })}
          >
            Clearinghouse settings
          </button>
        </Show>
        <button
          type="button"
          class="subm-close"
          data-testid="submissions-close"
          onClick={() => props.onClose()}
        >
          Back to claims
        </button>
      </header>
      <Show when={!online()}>
        <p class="subm-offline" role="status" data-testid="submissions-offline">
          {OFFLINE_REASON}
        </p>
      </Show>
      <OverdueAckBanner
        practiceId={props.practiceId}
        online={online()}
        openLabel="Clearinghouse files"
        onOpen={() => setView({ kind: 'inbound' })}
      />

      <div class="subm-body">
        <aside class="subm-list" aria-label="Recent batches">
          <div class="subm-list-head">
            <h2>Recent batches</h2>
            <Show
              when={props.role !== 'viewer'}
              fallback={<span class="subm-muted">Read-only (viewer)</span>}
            >
              <button
                type="button"
                class="subm-primary"
                data-testid="new-submission"
                disabled={!start().ok}
                title={start().reason ?? undefined}
                onClick={() => setView({ kind: 'new' })}
              >
                New submission
              </button>
            </Show>
          </div>
          {/* Offline, the banner above says it; the list shows what was last read. */}
          <ProblemBox problem={online() ? listProblem() : null} />
          <Show when={batches() !== null} fallback={<p class="subm-muted">Loading…</p>}>
            <Show when={rows().length > 0} fallback={<p class="subm-muted">No batches yet.</p>}>
              <ul class="subm-batches" data-testid="batch-list">
                <For each={rows()}>
                  {(row) => (
                    <li>
                      <button
                        type="button"
                        class="subm-batch-row"
                        classList={{ selected: selectedId() === row.id }}
                        data-testid="batch-row"
                        data-batch-id={row.id}
                        data-state={row.state}
                        onClick={() => setView({ kind: 'batch', id: row.id, generated: null })}
                      >
                        <span class="subm-row-top">
                          <strong>{row.payer}</strong>
                          <span class={`subm-state subm-tone-${row.tone}`}>{row.stateLabel}</span>
                        </span>
                        <span class="subm-row-mid">
                          {row.claims} · {row.total}
                        </span>
                        <span class="subm-muted">
                          {row.created} · {row.id}
                        </span>
                        <Show when={row.ack}>
                          {(ack) => (
                            <span
                              class={`subm-state subm-row-ack subm-tone-${ack().tone}`}
                              data-testid="batch-ack"
                              data-ack={ack().state}
                            >
                              {ack().label}
                            </span>
                          )}
                        </Show>
                        <Show when={row.problem}>
                          <span class="subm-row-problem" title={row.problem ?? undefined}>
                            {row.problem}
                          </span>
                        </Show>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </aside>

        <main class="subm-main">
          <Switch>
            <Match when={view().kind === 'new'}>
              <SubmissionPlan
                practiceId={props.practiceId}
                payers={options()}
                payerNames={payerNames()}
                claimInfo={props.claimInfo}
                online={online()}
                onCancel={() => setView({ kind: 'none' })}
                onGenerated={(result) => {
                  follow(result.batch);
                  setView({ kind: 'batch', id: result.batch.id, generated: result });
                }}
              />
            </Match>
            <Match when={view().kind === 'settings'}>
              <ClearinghouseSettings
                practiceId={props.practiceId}
                onClose={() => setView({ kind: 'none' })}
                onSaved={() => void checkConnection()}
              />
            </Match>
            <Match when={view().kind === 'inbound'}>
              <InboundFiles
                practiceId={props.practiceId}
                role={props.role}
                online={online()}
                payerNames={payerNames()}
                onClose={() => setView({ kind: 'none' })}
              />
            </Match>
            <Match when={openBatch()} keyed>
              {(v) => (
                <SubmissionBatch
                  practiceId={props.practiceId}
                  batchId={v.id}
                  generated={v.generated}
                  role={props.role}
                  online={online()}
                  payerNames={payerNames()}
                  claimInfo={props.claimInfo}
                  onChange={follow}
                />
              )}
            </Match>
            <Match when={view().kind === 'none'}>
              <div class="subm-intro">
                <p>
                  A submission is a batch of Ready claims sent together in one 837P file. Claims become
                  Submitted only when the file goes out: sent to the clearinghouse over SFTP, or downloaded,
                  uploaded by you and marked uploaded.
                </p>
                <p class="subm-muted">
                  Pick a batch on the left to see it
                  {props.role !== 'viewer' ? ', or start a New submission' : ''}.
                </p>
              </div>
            </Match>
          </Switch>
        </main>
      </div>
    </div>
  );
}
