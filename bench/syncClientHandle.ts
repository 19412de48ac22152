import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClaimStatus } from '../shared/domain/claimStatus.ts';
import {
  type ClientCommand,
  type ClientReply,
  type EditorPlan,
  type OfflineEdit,
  type OfflineIntent,
  type PracticeAddress,
  type ReplicaSpec,
  sharedNow,
} from './syncProtocol.ts';

const RUNNER = fileURLToPath(new URL('./syncClientProcess.ts', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

type Reply<T extends ClientReply['type']> = Extract<ClientReply, { type: T }>;
type Command = ClientCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

/** Replicas in a child process; every time it returns is already on this process's clock. */
export interface ClientProcess {
  /** Opens the replicas and waits until all have synced; returns how long that took, in ms. */
  open(practice: PracticeAddress, replicas: ReplicaSpec[]): Promise<number>;
  /** Runs the steady edit load; `onEdit` hears each edit as it is made (time on this clock). */
  edits(
    plans: EditorPlan[],
    seconds: number,
    onEdit: (claimId: string, value: string, at: number) => void,
  ): Promise<Reply<'editsDone'>>;
  /** Requests a status change on one replica; resolves with when it was asked and when decided. */
  request(
    replica: number,
    claimIds: string[],
    toStatus: ClaimStatus,
    reason?: string,
  ): Promise<{ requestedAt: number; decided: Promise<Reply<'decided'>> }>;
  /** Takes a replica offline and makes edits and intents there; returns the intents' op ids. */
  offline(replica: number, edits: OfflineEdit[], intents: OfflineIntent[]): Promise<string[]>;
  /** Brings the replica online; resolves with when, and when every intent of `opIds` was decided. */
  reconnect(
    replica: number,
    opIds: string[],
  ): Promise<{ reconnectedAt: number; decided: Promise<Reply<'decided'>> }>;
  /** Estimated clock difference (child − this process), in ms, and the round trip it was read over. */
  clockOffset: { ms: number; roundTripMs: number };
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Forks a client process and measures its clock against this one. */
export async function startClientProcess(): Promise<ClientProcess> {
  const child = fork(RUNNER, [], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: ClientReply) => void; reject: (e: Error) => void }>();
  let onEdit: ((claimId: string, value: string, at: number) => void) | null = null;
  let offset = 0;
  child.on('message', (reply: ClientReply) => {
    if (reply.type === 'edit') return void onEdit?.(reply.claimId, reply.value, reply.at - offset);
    const id = reply.id;
    const key = reply.type === 'decided' ? -id : id;
    const waiter = pending.get(key);
    if (!waiter) return;
    pending.delete(key);
    if (reply.type === 'failed') waiter.reject(new Error(`bench client process: ${reply.message}`));
    else waiter.resolve(reply);
  });
  child.once('exit', (code) => {
    for (const w of pending.values()) w.reject(new Error(`bench client process exited (code ${code})`));
    pending.clear();
  });
  // A `decided` reply follows `requested` under the same id; it waits under the negated id.
  const call = <T extends ClientReply['type']>(command: Command, also?: number): Promise<Reply<T>> => {
    const id = also ?? nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: ClientReply) => void, reject });
      child.send({ ...command, id } as ClientCommand);
    });
  };
  const waitFor = <T extends ClientReply['type']>(key: number): Promise<Reply<T>> =>
    new Promise((resolve, reject) =>
      pending.set(key, { resolve: resolve as (r: ClientReply) => void, reject }),
    );

  // NTP-style: the child's clock minus the midpoint of the fastest of 50 round trips.
  let best = { ms: 0, roundTripMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 50; i++) {
    const sent = sharedNow();
    const { now } = await call<'clock'>({ type: 'clock' });
    const back = sharedNow();
    if (back - sent < best.roundTripMs) best = { ms: now - (sent + back) / 2, roundTripMs: back - sent };
  }
  offset = best.ms;

  return {
    clockOffset: best,
    async open(practice, replicas) {
      return (await call<'opened'>({ type: 'open', practice, replicas })).syncMs;
    },
    async edits(plans, seconds, listener) {
      onEdit = listener;
      try {
        return await call<'editsDone'>({ type: 'edits', plans, seconds });
      } finally {
        onEdit = null;
      }
    },
    async request(replica, claimIds, toStatus, reason) {
      const id = nextId++;
      const decided = waitFor<'decided'>(-id);
      const command: Command = { type: 'request', replica, claimIds, toStatus };
      if (reason !== undefined) command.reason = reason;
      const requested = await call<'requested'>(command, id);
      return {
        requestedAt: requested.at - offset,
        decided: decided.then((d) => ({ ...d, at: d.at - offset })),
      };
    },
    async offline(replica, edits, intents) {
      return (await call<'offlineReady'>({ type: 'offline', replica, edits, intents })).opIds;
    },
    async reconnect(replica, opIds) {
      const id = nextId++;
      const decided = waitFor<'decided'>(-id);
      const reconnected = await call<'reconnected'>({ type: 'reconnect', replica, opIds }, id);
      return {
        reconnectedAt: reconnected.at - offset,
        decided: decided.then((d) => ({ ...d, at: d.at - offset })),
      };
    },
    async close() {
      if (child.connected) await call<'closed'>({ type: 'close' }).catch(() => {});
      await exited;
    },
  };
}
