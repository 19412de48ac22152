/**
 * Replicas in a process of their own, driven by the bench over IPC (forked by syncClientHandle.ts):
 * the requester of a 10k batch and the 50 editors of the load figure run here, so applying what the
 * server broadcasts to them does not delay the replica the bench times in its own process. Every
 * time it reports is `sharedNow()`, comparable with the bench's clock.
 */
import { performance } from 'node:perf_hooks';
import type { PracticeReplica } from '../client/src/sync/practiceReplica.ts';
import { nextEditValue } from './syncEditLatency.ts';
import type { ClientCommand, ClientReply, EditorPlan } from './syncProtocol.ts';
import { sharedNow } from './syncProtocol.ts';
import { destroyReplica, openReplica, percentile, workRecord } from './syncReplicas.ts';

const replicas: PracticeReplica[] = [];

function send(reply: ClientReply): void {
  process.send!(reply);
}

async function open(command: Extract<ClientCommand, { type: 'open' }>): Promise<void> {
  const started = performance.now();
  for (const spec of command.replicas)
    replicas.push(openReplica(command.practice, spec.user, spec.partitions));
  await Promise.all(replicas.map((r) => r.whenSynced()));
  send({ type: 'opened', id: command.id, syncMs: performance.now() - started });
}

/** Each editor edits its next claim once a second at its phase, for `seconds` seconds. */
function edits(command: Extract<ClientCommand, { type: 'edits' }>): void {
  const { plans, seconds } = command;
  const late: number[] = [];
  const loopBefore = performance.eventLoopUtilization();
  const start = performance.now() + 50;
  let remaining = plans.length * seconds;
  if (remaining === 0) {
    done();
    return;
  }
  const edit = (plan: EditorPlan, k: number, due: number) => {
    late.push(performance.now() - due);
    const replica = replicas[plan.replica]!;
    const claimId = plan.claimIds[k % plan.claimIds.length]!;
    const value = nextEditValue(workRecord(replica, plan.partition, claimId).get('placeOfService'));
    const at = sharedNow();
    replica.editClaim(claimId, 'placeOfService', value);
    send({ type: 'edit', claimId, value, at });
    if (k + 1 < seconds) schedule(plan, k + 1);
    if (--remaining === 0) done();
  };
  // Timers aim at absolute times, so a late edit doesn't push the later ones back.
  const schedule = (plan: EditorPlan, k: number) => {
    const due = start + plan.phaseMs + k * 1000;
    setTimeout(() => edit(plan, k, due), Math.max(0, due - performance.now()));
  };
  for (const plan of plans) schedule(plan, 0);

  function done() {
    send({
      type: 'editsDone',
      id: command.id,
      edits: late.length,
      lateP95Ms: percentile(late, 95),
      lateMaxMs: late.length > 0 ? Math.max(...late) : 0,
      loopUtilization: performance.eventLoopUtilization(loopBefore).utilization,
    });
  }
}

function request(command: Extract<ClientCommand, { type: 'request' }>): void {
  const replica = replicas[command.replica]!;
  const at = sharedNow();
  const opId = replica.requestStatusChange(command.claimIds, command.toStatus, command.reason);
  send({ type: 'requested', id: command.id, opId, at });
  reportWhenDecided(replica, [opId], command.id);
}

/** Sends `decided` once the server's decision on every op id has reached the replica. */
function reportWhenDecided(replica: PracticeReplica, opIds: string[], id: number): void {
  const check = () => {
    const statuses = opIds.map((op) => replica.intentStatus(op));
    if (!statuses.every((s) => s.decided)) return;
    const at = sharedNow();
    stop();
    const results = statuses.flatMap((s) => Object.values(s.results));
    const accepted = results.filter((r) => r.ok).length;
    send({ type: 'decided', id, at, accepted, refused: results.length - accepted });
  };
  const stop = replica.onChange(check);
  check();
}

function offline(command: Extract<ClientCommand, { type: 'offline' }>): void {
  const replica = replicas[command.replica]!;
  replica.disconnect();
  for (const e of command.edits) replica.editClaim(e.claimId, 'placeOfService', e.value);
  const opIds = command.intents.map((i) => replica.requestStatusChange(i.claimIds, i.toStatus, i.reason));
  send({ type: 'offlineReady', id: command.id, opIds });
}

function reconnect(command: Extract<ClientCommand, { type: 'reconnect' }>): void {
  const replica = replicas[command.replica]!;
  const at = sharedNow();
  replica.connect();
  send({ type: 'reconnected', id: command.id, at });
  reportWhenDecided(replica, command.opIds, command.id);
}

process.on('message', (command: ClientCommand) => {
  const fail = (error: unknown) =>
    send({ type: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) });
  try {
    switch (command.type) {
      case 'open':
        return void open(command).catch(fail);
      case 'clock':
        return send({ type: 'clock', id: command.id, now: sharedNow() });
      case 'edits':
        return edits(command);
      case 'request':
        return request(command);
      case 'offline':
        return offline(command);
      case 'reconnect':
        return reconnect(command);
      case 'close':
        return void Promise.all(replicas.splice(0).map(destroyReplica)).then(() => {
          send({ type: 'closed', id: command.id });
          process.disconnect();
        });
    }
  } catch (error) {
    fail(error);
  }
});
// Closed, or the bench died: let go of everything, and exit even if a socket lingers.
process.on('disconnect', () => {
  for (const r of replicas.splice(0)) r.destroy();
  setTimeout(() => process.exit(0), 1000).unref();
});
