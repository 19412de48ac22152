import { type JSX, onCleanup, onMount } from 'solid-js';
import type { SessionInfo, SessionUser } from '../../../shared/domain/access.ts';
import { browserApi } from '../api/apiClient.ts';
import { reloginAs } from '../api/relogin.ts';
import { LoginScreen } from './LoginScreen.tsx';
import './ReloginDialog.css';

/**
 * The login form over the queue when the session ended mid-work: the queue stays mounted underneath,
 * its unsent changes kept, and they go out once the same user is logged in again.
 */
export function ReloginDialog(props: {
  user: Pick<SessionUser, 'id' | 'email' | 'displayName'>;
  onLoggedIn: (session: SessionInfo) => void;
  onCancel: () => void;
}): JSX.Element {
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onCancel();
  };
  onMount(() => window.addEventListener('keydown', onKey));
  onCleanup(() => window.removeEventListener('keydown', onKey));
  return (
    <div
      class="relogin-overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Log in again"
      data-testid="relogin-dialog"
    >
      <LoginScreen
        email={props.user.email}
        lead="Your session has ended. Log in again to send the changes waiting on this screen; nothing is lost."
        login={reloginAs(props.user, browserApi)}
        onLoggedIn={props.onLoggedIn}
      />
      <button type="button" class="relogin-cancel" onClick={() => props.onCancel()}>
        Not now
      </button>
    </div>
  );
}
