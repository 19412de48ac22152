import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { Role } from '../../../shared/domain/actor.ts';
import { formatCents } from '../../../shared/money/format.ts';
import { browserApi } from '../api/apiClient.ts';
import { batchActions, batchStateView, formatWhen, payerLabel } from '../submissions/batchView.ts';
import type { ClaimInfo } from '../submissions/planView.ts';
import {
  claimProblemLines,
  type SubmissionProblem,
  submissionProblem,
} from '../submissions/submissionProblem.ts';
import type { BatchDetail, GenerateResult } from '../submissions/submissionSchemas.ts';
import { claimsText, computeTotals, payerNameOf } from '../submissions/submissionTotals.ts';
import { SubmissionFileView } from './SubmissionFileView.tsx';
import { ProblemBox } from './SubmissionProblemBox.tsx';

/** Claims drawn in the preview before "Show all". */
const CLAIM_LIMIT = 100;
/** How often a batch being sent (by anyone) is read again until it has a result. */
const UPLOADING_POLL_MS = 1500;

/** Mark uploaded can't be undone: say what it means, ask once more. */
function ConfirmMarkUploaded(props: {
  batch: BatchDetail;
  onConfirm: () => void;
  onCancel: () => void;
}): JSX.Element {
  let confirm: HTMLButtonElement | undefined;
  onMount(() => confirm?.focus());
  return (
    <div class="dialog-backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="mark-uploaded-title"
        data-testid="mark-uploaded-dialog"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          props.onCancel();
        }}
      >
        <h2 id="mark-uploaded-title">Mark this batch as uploaded?</h2>
        <p>
          Do this only after you have uploaded <strong>{props.batch.fileName}</strong> to the clearinghouse
          yourself. Its {claimsText(props.batch.claimCount)} become Submitted, and the batch can't be sent
          again.
        </p>
        <div class="dialog-buttons">
          <button type="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button
            type="button"
            class="primary"
            ref={confirm}
            data-testid="confirm-mark-uploaded"
            onClick={() => props.onConfirm()}
          >
            Mark uploaded
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * One batch: its state in words (the server's), the preview (claims, totals, the file's segments) and,
 * for billers online, Submit over SFTP, Download .x12 and Mark uploaded.
 */
export function SubmissionBatch(props: {
  practiceId: string;
  batchId: string;
  /** The answer of Generate, when this batch was just made (what was left out, what remains). */
  generated: GenerateResult | null;
  role: Role;
  online: boolean;
  payerNames: ReadonlyMap<string, string>;
  claimInfo: (claimId: string) => ClaimInfo | undefined;
  /** Told each time the batch is read with a new state (the list follows). */
  onChange: (batch: BatchDetail) => void;
}): JSX.Element {
  const [batch, setBatch] = createSignal<BatchDetail | null>(props.generated?.batch ?? null);
  const [fileText, setFileText] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<'submit' | 'mark' | null>(null);
  const [problem, setProblem] = createSignal<SubmissionProblem | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [allClaims, setAllClaims] = createSignal(false);
  let gone = false;
  onCleanup(() => {
    gone = true;
  });

  const show = (b: BatchDetail) => {
    if (gone) return;
    const before = batch();
    setBatch(b);
    if (before?.state !== b.state || before.attempts !== b.attempts) props.onChange(b);
  };
  const refresh = async () => {
    try {
      show(await browserApi.submission(props.practiceId, props.batchId));
    } catch (error) {
      if (!gone && batch() === null) setProblem(submissionProblem(error));
    }
  };
  onMount(() => {
    if (batch() === null) void refresh();
    browserApi.submissionFile(props.practiceId, props.batchId).then(
      (text) => !gone && setFileText(text),
      (error: unknown) => !gone && setProblem(submissionProblem(error)),
    );
  });
  // A batch someone is sending right now: read it again until it has a result.
  createEffect(() => {
    if (batch()?.state !== 'uploading' || busy() !== null) return;
    const timer = setInterval(() => void refresh(), UPLOADING_POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  const run = async (kind: 'submit' | 'mark') => {
    setConfirming(false);
    setBusy(kind);
    setProblem(null);
    try {
      show(
        kind === 'submit'
          ? await browserApi.submitSubmission(props.practiceId, props.batchId)
          : await browserApi.markSubmissionUploaded(props.practiceId, props.batchId),
      );
    } catch (error) {
      const p = submissionProblem(error);
      if (p.batch) show(p.batch);
      // A failed upload says why in the batch's own state (its lastError); anything else is shown here.
      if (!(p.batch?.state === 'failed')) setProblem(p);
      if (!p.offline && !p.batch) await refresh();
    } finally {
      if (!gone) setBusy(null);
    }
  };

  const state = createMemo(() => {
    const b = batch();
    return b ? batchStateView(b) : null;
  });
  const actions = createMemo(() => {
    const b = batch();
    return b ? batchActions(b, { role: props.role, online: props.online, busy: busy() !== null }) : null;
  });
  const totals = createMemo(() => {
    const b = batch();
    return b ? computeTotals(b.claims, props.payerNames) : null;
  });

  return (
    <div class="subm-batch" data-testid="submission-batch" data-batch-id={props.batchId}>
      <Show
        when={batch()}
        fallback={
          <>
            <ProblemBox problem={problem()} />
            <Show when={!problem()}>
              <p class="subm-muted">Loading the batch…</p>
            </Show>
          </>
        }
      >
        {(b) => (
          <>
            <header class="subm-section-head">
              <div>
                <h2>
                  Batch {b().id}{' '}
                  <span
                    class={`subm-state subm-tone-${state()!.tone}`}
                    data-testid="batch-state"
                    data-state={b().state}
                  >
                    {busy() === 'submit' ? 'Sending…' : state()!.label}
                  </span>
                </h2>
                <p class="subm-file" data-testid="batch-file-name">
                  {b().fileName}
                </p>
                <p class="subm-muted">
                  {payerLabel(b().payer, props.payerNames)} · made {formatWhen(b().createdAt)} · ISA{' '}
                  {String(b().interchangeControlNumber).padStart(9, '0')}
                  <Show when={b().attempts > 0}>
                    {' '}
                    · {b().attempts} upload attempt{b().attempts === 1 ? '' : 's'}
                  </Show>
                </p>
              </div>
            </header>

            <div class={`subm-status subm-tone-${state()!.tone}`} data-testid="batch-message">
              <Show
                when={busy() !== 'submit'}
                fallback={<p>Sending the file to the clearinghouse over SFTP…</p>}
              >
                <p>{state()!.message}</p>
                {/* What to do next is for those who can do it. */}
                <Show when={props.role !== 'viewer' && state()!.todo}>
                  {(todo) => <p class="subm-todo">{todo()}</p>}
                </Show>
              </Show>
              <Show when={b().factsSkipped.length > 0}>
                <p>{claimsText(b().factsSkipped.length)} of the batch could not be marked Submitted:</p>
                <ul>
                  <For each={claimProblemLines(b().factsSkipped)}>{(line) => <li>{line}</li>}</For>
                </ul>
              </Show>
            </div>
            <ProblemBox problem={problem()} />

            <div class="subm-actions">
              <Show when={actions()?.submit}>
                <button
                  type="button"
                  class="subm-primary"
                  data-testid="submission-submit"
                  disabled={busy() !== null}
                  onClick={() => void run('submit')}
                >
                  Submit to clearinghouse
                </button>
              </Show>
              <Show when={actions()?.download}>
                <a
                  class="subm-button"
                  data-testid="submission-download"
                  href={browserApi.submissionFileUrl(props.practiceId, b().id)}
                  download={b().fileName}
                >
                  Download .x12
                </a>
              </Show>
              <Show when={actions()?.markUploaded}>
                <button
                  type="button"
                  data-testid="submission-mark-uploaded"
                  disabled={busy() !== null}
                  onClick={() => setConfirming(true)}
                >
                  Mark uploaded
                </button>
              </Show>
              <Show when={actions()?.reason}>{(reason) => <span class="subm-muted">{reason()}</span>}</Show>
            </div>

            <Show when={props.generated}>
              {(g) => (
                <>
                  <Show when={g().refused.length > 0}>
                    <div class="subm-note" data-testid="batch-refused">
                      <p>{claimsText(g().refused.length)} chosen were left out of the file:</p>
                      <ul>
                        <For each={claimProblemLines(g().refused)}>{(line) => <li>{line}</li>}</For>
                      </ul>
                    </div>
                  </Show>
                  <Show when={g().remaining > 0}>
                    <p class="subm-note">
                      {claimsText(g().remaining)} more pass the scrubber but did not fit in one file; make
                      another submission for them.
                    </p>
                  </Show>
                </>
              )}
            </Show>

            <section class="subm-preview" aria-label="Claims in the batch">
              <h3>Claims and totals</h3>
              <table class="subm-table subm-totals" data-testid="batch-totals">
                <thead>
                  <tr>
                    <th>Payer</th>
                    <th class="num">Claims</th>
                    <th class="num">Units</th>
                    <th class="num">Billed</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={totals()?.byPayer}>
                    {(p) => (
                      <tr>
                        <td>{p.payerName}</td>
                        <td class="num">{p.claimCount.toLocaleString('en-US')}</td>
                        <td class="num">{p.units.toLocaleString('en-US')}</td>
                        <td class="num">{p.total}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <td>Total</td>
                    <td class="num" data-testid="batch-claim-count">
                      {b().claimCount.toLocaleString('en-US')}
                    </td>
                    <td class="num">{totals()?.units.toLocaleString('en-US')}</td>
                    <td class="num" data-testid="batch-total">
                      {formatCents(b().totalChargeCents)}
                    </td>
                  </tr>
                </tfoot>
              </table>
              <table class="subm-table">
                <thead>
                  <tr>
                    <th>Claim ID</th>
                    <th>Patient</th>
                    <th>Payer</th>
                    <th>Codes</th>
                    <th class="num">Units</th>
                    <th class="num">Billed</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={allClaims() ? b().claims : b().claims.slice(0, CLAIM_LIMIT)}>
                    {(c) => (
                      <tr data-testid="batch-claim" data-claim-id={c.claimId}>
                        <td class="subm-id">{c.claimId}</td>
                        <td>{props.claimInfo(c.claimId)?.patient ?? ''}</td>
                        <td>{payerNameOf(props.payerNames, c.payerId)}</td>
                        <td>{props.claimInfo(c.claimId)?.serviceCodes ?? ''}</td>
                        <td class="num">{c.units}</td>
                        <td class="num">{formatCents(c.chargeCents)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={!allClaims() && b().claims.length > CLAIM_LIMIT}>
                <button type="button" class="link-button subm-more" onClick={() => setAllClaims(true)}>
                  Show all {claimsText(b().claims.length)}
                </button>
              </Show>
            </section>

            <section class="subm-preview" aria-label="The 837P file">
              <h3>837P file</h3>
              <Show when={fileText()} fallback={<p class="subm-muted">Loading the file…</p>}>
                {(text) => <SubmissionFileView text={text()} />}
              </Show>
            </section>

            <Show when={confirming()}>
              <ConfirmMarkUploaded
                batch={b()}
                onConfirm={() => void run('mark')}
                onCancel={() => setConfirming(false)}
              />
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
