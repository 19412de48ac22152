import { createSignal, For, type JSX, Show } from 'solid-js';
import { formatCents } from '../../../shared/money/format.ts';
import { browserApi } from '../api/apiClient.ts';
import type { InboundFile, Outcome835 } from '../submissions/inboundSchemas.ts';
import { typedClaimId } from '../submissions/inboundView.ts';
import { submissionProblem } from '../submissions/submissionProblem.ts';

/**
 * The claim payments of an 835 that matched no claim, each with a box to type the claim it belongs to
 * and "Post to this claim": the server posts it exactly as it would have, once. Billers and admins,
 * online; others see the list only.
 */
export function UnmatchedPayments(props: {
  practiceId: string;
  file: InboundFile;
  canMatch: boolean;
  onMatched: (file: InboundFile) => void;
}): JSX.Element {
  const payments = () => (props.file.outcome as Outcome835 | null)?.payments ?? [];
  return (
    <For each={payments()}>
      {(payment, p) => (
        <Show when={payment.unmatched.some((u) => !u.matchedClaimId)}>
          <div class="inb-match" data-testid="unmatched-payments">
            <h5>Payment {payment.trace}: claim payments to match by hand</h5>
            <ul>
              <For each={payment.unmatched.filter((u) => !u.matchedClaimId)}>
                {(u) => (
                  <MatchRow
                    practiceId={props.practiceId}
                    hash={props.file.hash}
                    payment={p()}
                    entry={u.index}
                    label={`${u.patientControlNumber} · ${formatCents(u.paidCents)} — ${u.reason}`}
                    canMatch={props.canMatch}
                    onMatched={props.onMatched}
                  />
                )}
              </For>
            </ul>
          </div>
        </Show>
      )}
    </For>
  );
}

function MatchRow(props: {
  practiceId: string;
  hash: string;
  payment: number;
  entry: number;
  label: string;
  canMatch: boolean;
  onMatched: (file: InboundFile) => void;
}): JSX.Element {
  const [typed, setTyped] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const post = async () => {
    const claimId = typedClaimId(typed());
    if (!claimId) {
      setProblem('Type the claim ID as the grid shows it (letters and digits).');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      props.onMatched(
        await browserApi.matchInboundPayment(props.practiceId, props.hash, {
          payment: props.payment,
          entry: props.entry,
          claimId,
        }),
      );
    } catch (error) {
      setProblem(submissionProblem(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="inb-match-item" data-testid="unmatched-payment" data-entry={props.entry}>
      <span>{props.label}</span>
      <Show when={props.canMatch}>
        <span class="inb-match-form">
          <input
            aria-label="Claim ID to post this payment on"
            placeholder="Claim ID"
            value={typed()}
            onInput={(e) => setTyped(e.currentTarget.value)}
            data-testid="unmatched-claim-id"
          />
          <button
            type="button"
            class="subm-button"
            disabled={busy() || typed().trim() === ''}
            onClick={() => void post()}
            data-testid="unmatched-post"
          >
            Post to this claim
          </button>
        </span>
      </Show>
      <Show when={problem()}>
        {(text) => (
          <p class="subm-problem" role="alert" data-testid="unmatched-problem">
            {text()}
          </p>
        )}
      </Show>
    </li>
  );
}
