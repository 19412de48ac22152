import { createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import type { Actor, Role } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import { refMaps } from '../../../shared/sync/layout.ts';
import { ApiError, browserApi } from '../api/apiClient.ts';
import type { SessionInfo } from '../api/session.ts';
import { claimActionsFromReplica } from '../live/claimActionsSource.ts';
import { claimDetailFromReplica, ediHistoryFromReplica } from '../live/claimDetailSource.ts';
import { LiveRows } from '../live/liveRows.ts';
import { loadRowSnapshot, RowSnapshotSaver } from '../live/rowSnapshotStore.ts';
import { reloadIntoUpdate, updateReady } from '../pwa/registerServiceWorker.ts';
import type { ClaimRow } from '../queue/claimRow.ts';
import { type ConflictItem, collectConflicts, visibleConflicts } from '../queue/conflicts.ts';
import { describeIntent, type IntentActivity, type SentIntent } from '../queue/intentActivity.ts';
import { localToday } from '../queue/localToday.ts';
import { followUrl } from '../queue/urlSync.ts';
import { createQueueStore } from '../queueStore.ts';
import { DexieReplicaStore, replicaDbName } from '../store/dexieReplicaStore.ts';
import { PracticeReplica } from '../sync/practiceReplica.ts';
import { App } from './App.tsx';
import { BatchStatusDialog } from './BatchStatusDialog.tsx';
import { ClaimDetailPanel } from './ClaimDetailPanel.tsx';
import { ConflictsView } from './ConflictsView.tsx';
import { OverdueAckBanner } from './OverdueAckBanner.tsx';
import { ReloginDialog } from './ReloginDialog.tsx';
import { SubmissionsScreen } from './SubmissionsScreen.tsx';
import './LiveQueue.css';

/** Where the ids of conflicts this user dismissed are kept on the device. */
const DISMISSED_KEY = 'dismissedConflicts';

/** How long a decided status change stays on the activity line. */
const ACTIVITY_KEEP_MS = 20_000;

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
  // The tab, filters and sort live in the address, so a view can be shared and survives a reload.
  followUrl(store);
  const role: Role = props.session.practices.find((p) => p.id === props.practiceId)?.role ?? 'viewer';
  const actor: Actor = { kind: 'user', userId: props.session.user.id, role };
  const [replica, setReplica] = createSignal<PracticeReplica | null>(null);
  const [online, setOnline] = createSignal(false);
  /** The browser has a network (so "not connected" means the server, not the laptop). */
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const [pending, setPending] = createSignal(0);
  const [problem, setProblem] = createSignal<string | null>(null);
  /** The server ended the session (logout elsewhere, expiry): the work waits for a new login. */
  const [sessionEnded, setSessionEnded] = createSignal(false);
  const [relogin, setRelogin] = createSignal(false);
  // Conflicts: recomputed only when the replica says they may have changed (its version string).
  const [conflicts, setConflicts] = createSignal<ConflictItem[]>([]);
  const [dismissed, setDismissed] = createSignal<ReadonlySet<string>>(new Set());
  const [showConflicts, setShowConflicts] = createSignal(false);
  const [showSubmissions, setShowSubmissions] = createSignal(false);
  let conflictsVersion = '';
  // The status changes sent from this screen, followed until a while after they are decided.
  const sent: { intent: SentIntent; decidedAt: number | null }[] = [];
  const [activity, setActivity] = createSignal<IntentActivity[]>([]);
  // Claims with a change sent and not yet decided, and the status asked for: shown in the row.
  const [pendingByClaim, setPendingByClaim] = createSignal<ReadonlyMap<string, ClaimStatus>>(new Map());
  let pendingKey = '';
  const conflictCount = createMemo(
    () => visibleConflicts(conflicts(), { dismissed: dismissed(), everyone: false }).length,
  );
  const dismiss = (ids: string[]) => {
    const next = new Set([...dismissed(), ...ids]);
    setDismissed(next);
    void device.saveMeta(DISMISSED_KEY, [...next]).catch(() => {}); // reported through onError
  };
  const [dialog, setDialog] = createSignal<{ claims: Claim[]; initialStatus?: ClaimStatus } | null>(null);
  // The claim open in the detail panel; its view is rebuilt when the replica changes while it is open.
  const [openClaimId, setOpenClaimId] = createSignal<string | null>(null);
  const [detailTick, setDetailTick] = createSignal(0);
  const users = new Map([[props.session.user.id, props.session.user.displayName]]);
  const detail = createMemo(() => {
    detailTick();
    const r = replica();
    const id = openClaimId();
    return r && id ? claimDetailFromReplica(r, id, role, users) : null;
  });
  // The detail's server actions (Record Payment, corrected, secondary, void): they need to be online.
  const claimActions = createMemo(() => {
    detailTick();
    const r = replica();
    const id = openClaimId();
    return r && id
      ? claimActionsFromReplica(r, id, {
          practiceId: props.practiceId,
          role,
          online: online(),
          onOpenClaim: setOpenClaimId,
        })
      : null;
  });
  const ediHistory = (claimId: string) => {
    const r = replica();
    return r ? ediHistoryFromReplica(r, claimId) : Promise.resolve([]);
  };
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
  void device.loadMeta<string[]>(DISMISSED_KEY).then(
    (ids) => ids && setDismissed(new Set(ids)),
    () => {}, // a failed read is reported through onError (the device line) by the store itself
  );
  // The rows as this device last showed them, until the replica's own are built (seconds at 100k
  // claims): read first in the store's queue, shown and filterable at once; changes wait for the replica.
  const [hydrated, setHydrated] = createSignal(false);
  let fromSnapshot = false;
  let snapshotRows: ClaimRow[] | null = null;
  void loadRowSnapshot(device, localToday()).then((snapshot) => {
    if (!snapshot || disposed || store.data() !== null) return;
    fromSnapshot = true;
    snapshotRows = snapshot.rows;
    store.load({ practiceName: snapshot.practiceName, asOf: localToday(), rows: snapshot.rows });
  });
  const snapshots = new RowSnapshotSaver(device, () => {
    const d = store.data();
    return hydrated() && d ? { practiceName: d.practiceName, rows: d.rows } : null;
  });
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
      const offDetail = r.onChange(() => openClaimId() !== null && setDetailTick((n) => n + 1));
      const goOffline = () => r.disconnect();
      const goOnline = () => r.connect();
      window.addEventListener('offline', goOffline);
      window.addEventListener('online', goOnline);
      setReplica(r);
      const live = new LiveRows(r, localToday);
      const load = (rows: ReturnType<LiveRows['rebuild']>) => {
        // Over a snapshot, the replica's rows show once all of them are built, not while they load.
        if (fromSnapshot && !hydrated()) return;
        store.load({ practiceName: live.practiceName(), asOf: localToday(), rows: [...rows] });
        if (hydrated()) snapshots.changed();
      };
      // Rows follow the replica claim by claim: the device's copy first (the queue opens without the
      // network), then whatever the server sends. A practice with no claims at all shows once synced.
      const off = live.follow(load);
      const loaded = r
        .ready()
        .catch(() => {}) // a failed read is reported through onError by the store itself
        .then(() => {
          if (disposed) return;
          setHydrated(true);
          if (!fromSnapshot) return;
          load(live.rows);
          // Emptied, not just dropped: the queue's filter options keep the first rows array they saw
          // until a dropdown asks again (20 MB at 100k rows).
          if (snapshotRows) snapshotRows.length = 0;
          snapshotRows = null;
        });
      const synced = r.whenSynced().then(() => !disposed && store.data() === null && load(live.rows));
      // The first time (no snapshot yet), so the next start has one; later ones follow changes.
      void Promise.all([loaded, synced]).then(() => !disposed && !fromSnapshot && snapshots.soon());
      const readStatus = () => {
        // The browser's own word wins: an 'offline' event can be missed (or come late).
        if (!navigator.onLine && r.providers.some((p) => p.shouldConnect)) r.disconnect();
        setOnline(r.providers.every((p) => p.wsconnected));
        setBrowserOnline(navigator.onLine);
        if (device.lastError === null) setDeviceProblem(null);
        const waiting = r.pendingIntents();
        setPending(waiting.length);
        const waitingKey = waiting.map((i) => i.opId).join(' ');
        if (waitingKey !== pendingKey) {
          pendingKey = waitingKey;
          const byClaim = new Map<string, ClaimStatus>();
          for (const intent of waiting) for (const id of intent.claimIds) byClaim.set(id, intent.toStatus);
          setPendingByClaim(byClaim);
        }
        const now = Date.now();
        const lines: IntentActivity[] = [];
        for (let i = sent.length - 1; i >= 0; i--) {
          const entry = sent[i]!;
          const line = describeIntent(entry.intent, r.intentStatus(entry.intent.opId));
          if (line.state !== 'pending') entry.decidedAt ??= now;
          if (entry.decidedAt !== null && now - entry.decidedAt > ACTIVITY_KEEP_MS) sent.splice(i, 1);
          else lines.push(line);
        }
        // Twice a second: a new array only when a line changed, or the banner re-renders each time.
        const shown = lines.slice(0, 3);
        const before = activity();
        if (shown.length !== before.length || shown.some((l, i) => l.text !== before[i]!.text))
          setActivity(shown);
        if (r.conflictsVersion !== conflictsVersion) {
          conflictsVersion = r.conflictsVersion;
          setConflicts(
            collectConflicts({
              outcomes: r.outcomes(),
              editConflicts: r.conflictEvents(),
              dropped: r.droppedEdits(),
              userId: props.session.user.id,
            }),
          );
        }
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
        snapshots.stop();
        off();
        offDetail();
        clearInterval(timer);
        window.removeEventListener('offline', goOffline);
        window.removeEventListener('online', goOnline);
        r.destroy();
      };
    },
    (error: unknown) => store.fail(error instanceof Error ? error.message : String(error)),
  );

  // The queue row of a claim, for the Conflicts view: an index built when first asked for, per rows
  // array (a memo would rebuild it on every sync burst, shown or not).
  let indexed: { rows: readonly ClaimRow[]; byId: Map<string, ClaimRow> } | null = null;
  const rowOf = (claimId: string): ClaimRow | undefined => {
    const rows = store.data()?.rows ?? [];
    if (indexed?.rows !== rows) indexed = { rows, byId: new Map(rows.map((row) => [row.id, row])) };
    return indexed.byId.get(claimId);
  };

  // Closed claims are read back from the device (one read), so the dialog may open a moment later.
  const openDialog = () => {
    const r = replica();
    if (!r) return;
    void r.loadClaims([...store.selection().ids]).then((claims) => !disposed && setDialog({ claims }));
  };
  const send = (ids: string[], toStatus: ClaimStatus, reason: string | undefined) => {
    const opId = replica()?.requestStatusChange(ids, toStatus, reason);
    if (opId) sent.push({ intent: { opId, toStatus, claimCount: ids.length }, decidedAt: null });
    setDialog(null);
    store.clearSelection();
  };

  return (
    <>
      <App
        store={store}
        loadingText="Loading the practice’s claims…"
        onSelectTab={() => setShowConflicts(false)}
        onOpenClaim={setOpenClaimId}
        ediHistory={ediHistory}
        pendingStatus={(claimId) => pendingByClaim().get(claimId)}
        layoutKey={`claimgrid.columns.${props.session.user.id}`}
        tabsAfter={
          <button
            type="button"
            role="tab"
            class="tab conflicts-tab"
            data-testid="conflicts-tab"
            aria-selected={showConflicts()}
            onClick={() => setShowConflicts(true)}
          >
            Conflicts
            <Show when={conflictCount() > 0}>
              <span class="tab-count">{conflictCount().toLocaleString('en-US')}</span>
            </Show>
          </button>
        }
        replaceGrid={
          showConflicts() ? (
            <ConflictsView items={conflicts()} dismissed={dismissed()} onDismiss={dismiss} rowOf={rowOf} />
          ) : null
        }
        banner={
          <>
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
            <OverdueAckBanner
              practiceId={props.practiceId}
              online={online()}
              onOpen={() => setShowSubmissions(true)}
            />
            <Show when={activity().length > 0}>
              <ul class="activity" data-testid="activity" aria-live="polite">
                <For each={activity()}>{(line) => <li class={`activity-${line.state}`}>{line.text}</li>}</For>
              </ul>
            </Show>
          </>
        }
        actions={
          <div class="live-status">
            <Show when={role !== 'viewer'} fallback={<span>Read-only (viewer)</span>}>
              <button
                type="button"
                data-testid="change-status"
                disabled={store.selection().ids.size === 0 || !hydrated()}
                title={hydrated() ? undefined : 'Loading the practice’s claims…'}
                onClick={openDialog}
              >
                Change status ({store.selection().ids.size.toLocaleString('en-US')})
              </button>
            </Show>
            <button type="button" data-testid="open-submissions" onClick={() => setShowSubmissions(true)}>
              Submissions
            </button>
            <span data-testid="connection" class={online() ? 'online' : 'offline'}>
              {online() ? 'Online' : browserOnline() ? 'Not connected' : 'Offline'}
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
      <Show when={showSubmissions()}>
        <SubmissionsScreen
          practiceId={props.practiceId}
          role={role}
          online={online()}
          payers={[...(replica()?.ref.getMap<Payer>(refMaps.payers).values() ?? [])]}
          claimInfo={rowOf}
          onClose={() => setShowSubmissions(false)}
        />
      </Show>
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
      <Show when={detail()}>
        {(d) => (
          <ClaimDetailPanel
            detail={d()}
            onClose={() => setOpenClaimId(null)}
            claimActions={claimActions()}
            onChangeStatus={(toStatus) => {
              const id = openClaimId();
              const r = replica();
              if (id === null || !r) return;
              void r.loadClaims([id]).then(([claim]) => {
                if (claim && !disposed) setDialog({ claims: [claim], initialStatus: toStatus });
              });
            }}
          />
        )}
      </Show>
      <Show when={dialog()}>
        {(d) => (
          <BatchStatusDialog
            claims={d().claims}
            initialStatus={d().initialStatus}
            actor={actor}
            onSend={send}
            onClose={() => setDialog(null)}
          />
        )}
      </Show>
    </>
  );
}
