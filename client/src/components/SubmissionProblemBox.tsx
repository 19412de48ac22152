import { For, type JSX, Show } from 'solid-js';
import { claimProblemLines, type SubmissionProblem } from '../submissions/submissionProblem.ts';

/** A refused or failed request in words: the server's message, then the claims it names and why. */
export function ProblemBox(props: { problem: SubmissionProblem | null }): JSX.Element {
  return (
    <Show when={props.problem}>
      {(p) => (
        <div class="subm-problem" role="alert" data-testid="submission-problem">
          <p>{p().message}</p>
          <Show when={p().claims.length > 0}>
            <ul>
              <For each={claimProblemLines(p().claims)}>{(line) => <li>{line}</li>}</For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}
