import { createEffect, createSignal, type JSX, Match, onMount, Show, Switch } from 'solid-js';
import { type ApiClient, ApiError, browserApi } from '../api/apiClient.ts';
import { forgetSession, rememberedSession, rememberSession } from '../api/rememberedSession.ts';
import type { SessionInfo } from '../api/session.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { PracticePicker } from './PracticePicker.tsx';

type GateState =
  | { kind: 'checking' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'login'; notice?: string }
  | { kind: 'picking'; session: SessionInfo }
  | { kind: 'ready'; session: SessionInfo; practiceId: string };

export interface AuthGateProps {
  /** Rendered once the user is logged in and a practice is chosen; `logout` ends the session. */
  children: (session: SessionInfo, practiceId: string, logout: () => void) => JSX.Element;
  /** The API to use; the browser's same-origin API by default. */
  api?: Pick<ApiClient, 'me' | 'login' | 'logout'>;
}

const errorMessage = (e: unknown): string =>
  e instanceof ApiError ? e.message : 'Something went wrong. Reload the page to try again.';

/**
 * Asks the server who is logged in, then shows the login screen or the practice picker as needed
 * (a user with exactly one practice goes straight in), then the children.
 */
export function AuthGate(props: AuthGateProps): JSX.Element {
  const api = () => props.api ?? browserApi;
  const [state, setState] = createSignal<GateState>({ kind: 'checking' });
  const [logoutError, setLogoutError] = createSignal<string | null>(null);
  /** The state when it is of `kind`, else false: a `when` for <Match>. */
  const stateOf = <K extends GateState['kind']>(kind: K) => {
    const s = state();
    return s.kind === kind ? (s as Extract<GateState, { kind: K }>) : false;
  };

  const enter = (session: SessionInfo) => {
    const only = session.practices.length === 1 ? session.practices[0] : undefined;
    setState(only ? { kind: 'ready', session, practiceId: only.id } : { kind: 'picking', session });
  };

  const check = async () => {
    setState({ kind: 'checking' });
    try {
      enter(await api().me());
    } catch (e) {
      if (e instanceof ApiError && e.needsLogin) {
        // "Log in to continue" needs no saying; an expired session does.
        setState({ kind: 'login', notice: e.code === 'session_expired' ? e.message : undefined });
      } else {
        // Offline with this device's data: open the queue the user last worked in; the server checks
        // the session again when it is reachable (and a dead one asks for a login, losing nothing).
        const remembered = e instanceof ApiError && e.code === 'offline' ? rememberedSession() : null;
        if (remembered) setState({ kind: 'ready', ...remembered });
        else setState({ kind: 'unreachable', message: errorMessage(e) });
      }
    }
  };

  const logout = async () => {
    setLogoutError(null);
    try {
      await api().logout();
      forgetSession();
      setState({ kind: 'login' });
    } catch (e) {
      // Staying logged in is the honest outcome: the session still works on the server.
      setLogoutError(`Couldn’t log out. ${errorMessage(e)}`);
    }
  };
  const startLogout = () => void logout();

  onMount(() => void check());
  createEffect(() => {
    const s = state();
    if (s.kind === 'ready') rememberSession(s.session, s.practiceId);
  });

  return (
    <Switch>
      <Match when={stateOf('checking')}>
        <main class="login">
          <p class="login-lead">Checking your session…</p>
        </main>
      </Match>
      <Match when={stateOf('unreachable')}>
        {(s) => (
          <main class="login">
            <section class="login-card">
              <h1 class="login-title">ClaimGrid</h1>
              <p class="login-error" role="alert">
                {s().message}
              </p>
              <button class="login-button" type="button" onClick={() => void check()}>
                Try again
              </button>
            </section>
          </main>
        )}
      </Match>
      <Match when={stateOf('login')}>
        {(s) => <LoginScreen onLoggedIn={enter} login={api().login} notice={s().notice} />}
      </Match>
      <Match when={stateOf('picking')}>
        {(s) => (
          <PracticePicker
            practices={s().session.practices}
            userName={s().session.user.displayName}
            onPick={(practiceId) => setState({ kind: 'ready', session: s().session, practiceId })}
            onLogout={startLogout}
          />
        )}
      </Match>
      <Match when={stateOf('ready')} keyed>
        {(s) => (
          <>
            <Show when={logoutError()}>
              {(message) => (
                <p class="auth-banner" role="alert">
                  {message()}
                </p>
              )}
            </Show>
            {props.children(s.session, s.practiceId, startLogout)}
          </>
        )}
      </Match>
    </Switch>
  );
}
