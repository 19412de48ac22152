import { For, type JSX, Show } from 'solid-js';
import { type PracticeAccess, roleLabel } from '../api/session.ts';

export interface PracticePickerProps {
  practices: PracticeAccess[];
  /** Called with the chosen practice's id. Whether one practice is picked without asking is the caller's call. */
  onPick: (practiceId: string) => void;
  /** Who is logged in, shown under the title. */
  userName?: string;
  /** Offers a "Log out" button when given (a user with no practice has nothing else to do here). */
  onLogout?: () => void;
}

/** The practices the user belongs to, each with their role there, as buttons. */
export function PracticePicker(props: PracticePickerProps): JSX.Element {
  return (
    <main class="login" data-testid="practice-picker">
      <section class="login-card" aria-labelledby="picker-title">
        <h1 id="picker-title" class="login-title">
          Choose a practice
        </h1>
        <Show when={props.userName}>{(name) => <p class="login-lead">Logged in as {name()}.</p>}</Show>
        <Show
          when={props.practices.length > 0}
          fallback={
            <p class="login-notice">
              Your account isn’t a member of any practice yet. Ask your administrator to add you.
            </p>
          }
        >
          <ul class="picker-list">
            <For each={props.practices}>
              {(practice) => (
                <li>
                  <button class="picker-item" type="button" onClick={() => props.onPick(practice.id)}>
                    <span class="picker-name">{practice.name}</span>
                    <span class="picker-role">{roleLabel(practice.role)}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.onLogout}>
          {(logout) => (
            <button class="link-button login-link" type="button" onClick={() => logout()()}>
              Log out
            </button>
          )}
        </Show>
      </section>
    </main>
  );
}
