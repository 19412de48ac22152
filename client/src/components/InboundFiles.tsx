import { createMemo, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type { Role } from '../../../shared/domain/actor.ts';
import { browserApi } from '../api/apiClient.ts';
import type { InboundFile } from '../submissions/inboundSchemas.ts';
import {
  INBOUND_LIST_POLL_MS,
  type InboundTone,
  inboundActions,
  inboundDetail,
  inboundRows,
  mergeFiles,
  pollResultText,
  uploadResultText,
} from '../submissions/inboundView.ts';
import { type SubmissionProblem, submissionProblem } from '../submissions/submissionProblem.ts';
import { ProblemBox } from './SubmissionProblemBox.tsx';
import './InboundFiles.css';
import { UnmatchedPayments } from './UnmatchedPayments.tsx';

/** The file input takes what the clearinghouse sends; any name is accepted (the content decides). */
const ACCEPT = '.835,.999,.277,.277ca,.x12,.edi,.txt,.dat,text/plain,application/octet-stream';

/** One received file's outcome in words, its problem in full, and its Download link. */
function InboundDetail(props: {
  practiceId: string;
  file: InboundFile;
  payerNames: ReadonlyMap<string, string>;
  canMatch: boolean;
  onMatched: (file: InboundFile) => void;
}): JSX.Element {
  const view = createMemo(() => inboundDetail(props.file, { payerNames: props.payerNames }));
  return (
    <section
      class="inb-detail"
      data-testid="inbound-detail"
      data-hash={props.file.hash}
      aria-label="File detail"
    >
      <header class="inb-detail-head">
        <h3>{view().title}</h3>
        <span class={`subm-state subm-tone-${view().state.tone}`}>{view().state.label}</span>
        <a
          class="subm-button inb-download"
          data-testid="inbound-download"
          href={browserApi.inboundFileUrl(props.practiceId, props.file.hash)}
          download={props.file.name}
        >
          Download
        </a>
      </header>
      <dl class="inb-facts">
        <For each={view().facts}>
          {(f) => (
            <>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </>
          )}
        </For>
      </dl>
      <Show when={view().note}>{(note) => <p class="subm-note">{note()}</p>}</Show>
      <For each={view().blocks}>
        {(block) => (
          <div class="inb-block" data-testid="inbound-block">
            <h4>{block.title}</h4>
            <dl class="inb-facts">
              <For each={block.facts}>
                {(f) => (
                  <>
                    <dt>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </>
                )}
              </For>
            </dl>
            <For each={block.lists}>
              {(list) => (
                <div class={`inb-list inb-list-${list.key}`} data-testid={`inbound-list-${list.key}`}>
                  <h5>{list.title}</h5>
                  <ul>
                    <For each={list.lines}>{(line) => <li>{line}</li>}</For>
                  </ul>
                </div>
              )}
            </For>
          </div>
        )}
      </For>
      <Show when={props.file.kind === '835' && props.file.state === 'processed'}>
        <UnmatchedPayments
          practiceId={props.practiceId}
          file={props.file}
          canMatch={props.canMatch}
          onMatched={props.onMatched}
        />
      </Show>
    </section>
  );
}

/**
 * Submissions → Clearinghouse files (SPEC §6): the 999, 277CA and 835 files received from the
 * clearinghouse or uploaded, newest first, each with what it did; "Check for files now" and an upload
 * for billers and admins. The server reads, posts and quarantines; this shows its answers.
 */
export function InboundFiles(props: {
  practiceId: string;
  role: Role;
  /** The server can be reached (the Submissions screen's word). */
  online: boolean;
  payerNames: ReadonlyMap<string, string>;
  onClose: () => void;
}): JSX.Element {
  const [files, setFiles] = createSignal<InboundFile[] | null>(null);
  const [selected, setSelected] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<'poll' | 'upload' | null>(null);
  const [notice, setNotice] = createSignal<{ text: string; tone: InboundTone } | null>(null);
  const [problem, setProblem] = createSignal<SubmissionProblem | null>(null);
  const rows = createMemo(() => inboundRows(files() ?? []));
  const open = createMemo(() => files()?.find((f) => f.hash === selected()) ?? null);
  const actions = createMemo(() =>
    inboundActions({ role: props.role, online: props.online, busy: busy() !== null }),
  );
  let input: HTMLInputElement | undefined;
  let gone = false;

  const load = async () => {
    try {
      const list = await browserApi.inboundFiles(props.practiceId);
      if (gone) return;
      setFiles(list.files);
      if (problem()?.offline) setProblem(null);
    } catch (error) {
      if (!gone && files() === null) setProblem(submissionProblem(error));
    }
  };
  onMount(() => {
    void load();
    const timer = setInterval(() => props.online && busy() === null && void load(), INBOUND_LIST_POLL_MS);
    onCleanup(() => {
      gone = true;
      clearInterval(timer);
    });
  });

  const poll = async () => {
    setBusy('poll');
    setNotice(null);
    setProblem(null);
    try {
      const answer = await browserApi.pollInbound(props.practiceId);
      if (gone) return;
      setFiles(mergeFiles(files() ?? [], answer.files));
      setNotice({ text: pollResultText(answer), tone: answer.files.length > 0 ? 'ok' : 'neutral' });
    } catch (error) {
      // 502: the server's words on why the clearinghouse could not be reached.
      if (!gone) setProblem(submissionProblem(error));
    } finally {
      if (!gone) setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setBusy('upload');
    setNotice(null);
    setProblem(null);
    try {
      const answer = await browserApi.uploadInbound(props.practiceId, file.name, file);
      if (gone) return;
      setFiles(mergeFiles(files() ?? [], [answer.file]));
      setSelected(answer.file.hash);
      setNotice(uploadResultText(answer, file.name));
    } catch (error) {
      if (!gone) setProblem(submissionProblem(error));
    } finally {
      if (!gone) setBusy(null);
      // The same file may be chosen again (to see "already received").
      if (input) input.value = '';
    }
  };

  return (
    <div class="inb" data-testid="clearinghouse-files">
      <header class="subm-section-head">
        <div>
          <h2>Clearinghouse files</h2>
          <p class="subm-muted">
            999, 277CA and 835 files from the clearinghouse, fetched from its outbound folder or uploaded
            here. Each is read once and kept; a file that does not add up is quarantined and posts nothing.
          </p>
        </div>
        <button type="button" class="subm-button inb-close" onClick={() => props.onClose()}>
          Close
        </button>
      </header>

      <div class="subm-actions">
        <Show when={actions().show}>
          <button
            type="button"
            class="subm-primary"
            data-testid="inbound-poll"
            disabled={!actions().enabled}
            title={actions().reason ?? undefined}
            onClick={() => void poll()}
          >
            {busy() === 'poll' ? 'Checking…' : 'Check for files now'}
          </button>
          <input
            ref={input}
            type="file"
            class="inb-file-input"
            data-testid="inbound-upload-input"
            accept={ACCEPT}
            disabled={!actions().enabled}
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
          <button
            type="button"
            data-testid="inbound-upload"
            disabled={!actions().enabled}
            title={actions().reason ?? undefined}
            onClick={() => input?.click()}
          >
            {busy() === 'upload' ? 'Uploading…' : 'Upload 835 / 999 / 277CA'}
          </button>
        </Show>
        <Show when={actions().reason}>
          {(reason) => (
            <span class="subm-muted" data-testid="inbound-actions-reason">
              {reason()}
            </span>
          )}
        </Show>
      </div>

      <Show when={notice()}>
        {(n) => (
          <p class={`inb-notice inb-tone-${n().tone}`} role="status" data-testid="inbound-notice">
            {n().text}
          </p>
        )}
      </Show>
      <ProblemBox problem={problem()} />

      <Show
        when={files() !== null}
        fallback={
          <Show when={!problem()}>
            <p class="subm-muted">Loading…</p>
          </Show>
        }
      >
        <Show when={rows().length > 0} fallback={<p class="subm-muted">No files received yet.</p>}>
          <ul class="inb-files" data-testid="inbound-files">
            <For each={rows()}>
              {(row) => (
                <li>
                  <button
                    type="button"
                    class="inb-row"
                    classList={{ selected: selected() === row.hash }}
                    data-testid="inbound-file"
                    data-hash={row.hash}
                    data-kind={row.kind}
                    data-state={row.state}
                    onClick={() => setSelected(selected() === row.hash ? null : row.hash)}
                  >
                    <span class="inb-row-top">
                      <span class="inb-kind">{row.kind}</span>
                      <span class={`subm-state subm-tone-${row.tone}`} data-testid="inbound-state">
                        {row.stateLabel}
                      </span>
                      <span class="inb-name">{row.name}</span>
                      <span class="subm-muted inb-when">
                        {row.source} · {row.received}
                      </span>
                    </span>
                    <span class="inb-summary" data-testid="inbound-summary">
                      {row.summary}
                    </span>
                    <Show when={row.problem}>
                      <span class="inb-problem" data-testid="inbound-problem">
                        {row.problem}
                      </span>
                    </Show>
                  </button>
                  <Show when={selected() === row.hash && open()}>
                    {(file) => (
                      <InboundDetail
                        practiceId={props.practiceId}
                        file={file()}
                        payerNames={props.payerNames}
                        canMatch={actions().enabled}
                        onMatched={(f) => {
                          setFiles(mergeFiles(files() ?? [], [f]));
                          setNotice({ text: 'Posted on the claim you chose.', tone: 'ok' });
                        }}
                      />
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
