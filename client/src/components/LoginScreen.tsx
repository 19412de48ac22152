import { createSignal, type JSX, Show } from 'solid-js';
import { ApiError, browserApi } from '../api/apiClient.ts';
import type { SessionInfo } from '../api/session.ts';

export interface LoginScreenProps {
  /** Called with the new session once the server has accepted the email and password. */
  onLoggedIn: (session: SessionInfo) => void;
  /** How to log in; the browser's same-origin API by default (tests and stories pass their own). */
  login?: (email: string, password: string) => Promise<SessionInfo>;
  /** Shown above the form, e.g. why the user is here again ("Your session has expired …"). */
  notice?: string;
  /** Filled in for the person (logging in again after a session ended); the password gets the focus. */
  email?: string;
  /** The line under the title; "Log in to your claims queue." by default. */
  lead?: string;
}

/** The email and password form. Errors are the server's own messages, announced to screen readers. */
export function LoginScreen(props: LoginScreenProps): JSX.Element {
  const [submitting, setSubmitting] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let passwordInput: HTMLInputElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (submitting()) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    // Cleared first, so the same message coming back is announced again.
    setError(null);
    setSubmitting(true);
    const login = props.login ?? browserApi.login;
    try {
      const session = await login(email, password);
      setSubmitting(false);
      props.onLoggedIn(session);
    } catch (e) {
      setSubmitting(false);
      setError(e instanceof ApiError ? e.message : 'Logging in failed unexpectedly. Try again.');
      if (e instanceof ApiError && e.code === 'invalid_credentials') passwordInput?.select();
    }
  };

  return (
    <main class="login">
      <form class="login-card" aria-labelledby="login-title" aria-busy={submitting()} onSubmit={submit}>
        <h1 id="login-title" class="login-title">
          ClaimGrid
        </h1>
        <p class="login-lead">{props.lead ?? 'Log in to your claims queue.'}</p>
        <Show when={props.notice}>{(notice) => <p class="login-notice">{notice()}</p>}</Show>
        <label class="login-label" for="login-email">
          Email
        </label>
        <input
          id="login-email"
          class="login-input"
          name="email"
          type="email"
          autocomplete="username"
          required
          value={props.email ?? ''}
          autofocus={props.email === undefined}
        />
        <label class="login-label" for="login-password">
          Password
        </label>
        <input
          ref={passwordInput}
          id="login-password"
          class="login-input"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          autofocus={props.email !== undefined}
        />
        <Show when={error()}>
          {(message) => (
            <p class="login-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <button class="login-button" type="submit" disabled={submitting()}>
          {submitting() ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
