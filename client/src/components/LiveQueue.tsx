import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import type { Actor, Role } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import { ApiError, browserApi } from '../api/apiClient.ts';
import type { SessionInfo } from '../api/session.ts';
import { LiveRows } from '../live/liveRows.ts';
import { reloadIntoUpdate, updateReady } from '../pwa/registerServiceWorker.ts';
import { localToday } from '../queue/localToday.ts';
import { createQueueStore } from '../queueStore.ts';
import { DexieReplicaStore, replicaDbName } from '../store/dexieReplicaStore.ts';
import { PracticeReplica } from '../sync/practiceReplica.ts';
import { App } from './App.tsx';
import { BatchStatusDialog } from './BatchStatusDialog.tsx';
import { ReloginDialog } from './ReloginDialog.tsx';

/** How often the connection line re-reads the replica (online, changes waiting). */
const STATUS_POLL_MS = 500;

/**
 * The claims queue of one practice, live: a replica of the practice synced with the server feeds the
 * grid's rows (only changed claims are rebuilt), and status changes go out as intents the server
 * decides. Says when the connection is down and how many changes are waiting.
 */
export function LiveQueue(props: {
  session: SessionInfo;
  practiceId: string;
  logout: () => void;
}): JSX.Element {
  const store = createQueueStore();
  const role: Role = props.session.practices.find((p) => p.id === props.practiceId)?.role ?? 'viewer';
  const actor: Actor = { kind: 'user', userId: props.session.user.id, role };
  const [replica, setReplica] = createSignal<PracticeReplica | null>(null);
  const [online, setOnline] = createSignal(false);
  const [pending, setPending] = createSignal(0);
  const [problem, setProblem] = createSignal<string | null>(null);
  /** The server ended the session (logout elsewhere, expiry): the work waits for a new login. */
  const [sessionEnded, setSessionEnded] = createSignal(false);
  const [relogin, setRelogin] = createSignal(false);
  const [dialogClaims, setDialogClaims] = createSignal<Claim[] | null>(null);
  // What to stop when the screen goes (logout, another practice). Registered here, synchronously:
  // Solid's onCleanup does nothing inside a promise callback, which has no owner.
  let disposed = false;
  let stopReplica: (() => void) | null = null;
  onCleanup(() => {
    disposed = true;
    stopReplica?.();
    void device.close();
  });

  // Kept apart from the connection problem, which the status poll rewrites twice a second.
  const [deviceProblem, setDeviceProblem] = createSignal<string | null>(null);
  const device = new DexieReplicaStore(replicaDbName(props.session.user.id, props.practiceId), {
    onError: (error) => setDeviceProblem(error.message),
  });
  // The months to open: the server's list, or offline the one kept from the last time.
  const partitions = browserApi.partitions(props.practiceId).then(
    (list) => {
      void device.saveMeta('partitions', list).catch(() => {}); // reported through onError
      return list;
    },
    async (error: unknown) => {
      const kept = await device.loadMeta<string[]>('partitions');
      if (kept && error instanceof ApiError && error.code === 'offline') return kept;
      throw error;
    },
  );
  partitions.then(
    (partitions) => {
      if (disposed) return;
      const r = new PracticeReplica({
        serverUrl: window.location.origin,
        practiceId: props.practiceId,
        partitions,
        role,
        persistence: device,
        // Without a network, don't try: connect when the browser says it is back.
        connect: navigator.onLine,
      });
      const goOffline = () => r.disconnect();
      const goOnline = () => r.connect();
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
      setReplica(r);
      const live = new LiveRows(r, localToday);
      const load = (rows: ReturnType<LiveRows['rebuild']>) =>
        store.load({ practiceName: live.practiceName(), asOf: localToday(), rows: [...rows] });
      // Rows follow the replica claim by claim: the device's copy first (the queue opens without the
      // network), then whatever the server sends. A practice with no claims at all shows once synced.
      const off = live.follow(load);
      r.whenSynced().then(() => !disposed && store.data() === null && load(live.rows));
      const readStatus = () => {
        // The browser's own word wins: an 'offline' event can be missed (or come late).
        if (!navigator.onLine && r.providers.some((p) => p.shouldConnect)) r.disconnect();
        setOnline(r.providers.every((p) => p.wsconnected));
        if (device.lastError === null) setDeviceProblem(null);
        setPending(r.pendingIntents().length);
        const ended = r.problems.some((p) => p.code === 4401);
        setSessionEnded(ended);
        const closed = r.problems.at(-1);
        setProblem(
          ended
            ? 'Your session has ended. Log in again; changes made on this screen are kept and sent after.'
            : closed
              ? `The server closed the connection: ${closed.reason}`
              : r.rowsProblem,
        );
      };
      readStatus();
      const timer = setInterval(readStatus, STATUS_POLL_MS);
      stopReplica = () => {
        off();
        clearInterval(timer);
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
        r.destroy();
      };
    },
    (error: unknown) => store.fail(error instanceof Error ? error.message : String(error)),
  );

  const openDialog = () => {
    const r = replica();
    if (!r) return;
    const claims = [...store.selection().ids].map((id) => r.claim(id)).filter((c): c is Claim => c !== null);
    setDialogClaims(claims);
  };
  const send = (ids: string[], toStatus: ClaimStatus, reason: string | undefined) => {
    replica()?.requestStatusChange(ids, toStatus, reason);
    setDialogClaims(null);
    store.clearSelection();
  };

  return (
    <>
      <App
        store={store}
        loadingText="Loading the practice’s claims…"
        banner={
          <Show when={[deviceProblem(), problem()].filter(Boolean).join(' ') || null}>
            {(message) => (
              <p class="live-problems" role="alert">
                {message()}
                <Show when={sessionEnded()}>
                  {' '}
                  <button type="button" data-testid="relogin" onClick={() => setRelogin(true)}>
                    Log in again
                  </button>
                </Show>
              </p>
            )}
          </Show>
        }
        actions={
          <div class="live-status">
            <Show when={role !== 'viewer'} fallback={<span>Read-only (viewer)</span>}>
              <button
                type="button"
                data-testid="change-status"
                disabled={store.selection().ids.size === 0}
                onClick={openDialog}
              >
                Change status ({store.selection().ids.size.toLocaleString('en-US')})
              </button>
            </Show>
            <span data-testid="connection" class={online() ? 'online' : 'offline'}>
              {online() ? 'Online' : 'Offline'}
              {pending() > 0 ? ` · ${pending()} change${pending() === 1 ? '' : 's'} waiting` : ''}
            </span>
            <Show when={updateReady()}>
              <button
                type="button"
                disabled={pending() > 0}
                title={pending() > 0 ? 'Waiting until your changes have reached the server' : undefined}
                onClick={reloadIntoUpdate}
              >
                New version — reload
              </button>
            </Show>
            <span>{props.session.user.displayName}</span>
            <button type="button" onClick={() => props.logout()}>
              Log out
            </button>
          </div>
        }
      />
      <Show when={relogin()}>
        <ReloginDialog
          user={props.session.user}
          onCancel={() => setRelogin(false)}
          onLoggedIn={() => {
            setRelogin(false);
            // The new cookie is the browser's now: reconnect the refused documents at once.
            replica()?.connect();
          }}
        />
      </Show>
      <Show when={dialogClaims()}>
        {(claims) => (
          <BatchStatusDialog
            claims={claims()}
            actor={actor}
            onSend={send}
            onClose={() => setDialogClaims(null)}
          />
        )}
      </Show>
    </>
  );
}
