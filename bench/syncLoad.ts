import * as Y from 'yjs';
import { workMaps } from '../shared/sync/layout.ts';
import { type ClientProcess, startClientProcess } from './syncClientHandle.ts';
import { type EditorPlan, sharedNow } from './syncProtocol.ts';
import { addressOf, claimsWithStatus, destroyReplica, openReplica, percentile } from './syncReplicas.ts';
import type { SeededPractice } from './syncServerHandle.ts';
import { startServerProcess } from './syncServerHandle.ts';

export interface LoadOptions {
  practice: SeededPractice;
  /** Editing clients (each 1 edit a second). */
  clients: number;
  seconds: number;
  /** Client processes the editors are spread over. */
  processes: number;
  /** Writes a CPU profile of the server during the edit window to this file. */
  profileFile?: string;
}

export interface LoadResult {
  edits: number;
  /** Edits the observer never saw (within 5 s of the end); counted as infinitely slow. */
  missing: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server CPU time over the edit window as a share of one core, in %. */
  serverCpuPercent: number;
  /** Highest server RSS sampled during the window, and at its start. */
  serverPeakRssMb: number;
  serverRssBeforeMb: number;
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
  /** Per client process: event-loop utilization and p95 lateness of edits against their schedule. */
  clientProcesses: { loopUtilization: number; lateP95Ms: number; lateMaxMs: number }[];
  clockOffsetsMs: number[];
}

/** Deterministic phases in [0, 1000): clients edit at unrelated moments, as people do. */
function phases(count: number, seed = 20261122): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 1000) | 0);
  }
  return out;
}

/**
 * The steady-load figure: a fresh server process on the practice, `clients` editing clients in
 * separate client processes, all on the newest service month (every edit fans out to all of them),
 * and one observer in this process with the whole practice open (so the server holds every document).
 * Each edit is timed from the editor's `editClaim` to the observer seeing it, on the shared clock.
 */
export async function runEditLoad(options: LoadOptions): Promise<LoadResult> {
  const { practice, clients, seconds } = options;
  const server = await startServerProcess(practice.dataDir);
  const address = addressOf(server, practice);
  const observer = openReplica(address, 'viewer', practice.partitions);
  const processes: ClientProcess[] = [];
  try {
    await observer.whenSynced();
    const partition = practice.partitions.at(-1)!;
    const ready = claimsWithStatus(observer, partition, 'Ready');
    const perClient = Math.max(1, Math.min(10, Math.floor(ready.length / clients)));
    const phase = phases(clients);
    for (let p = 0; p < options.processes; p++) processes.push(await startClientProcess());
    const plans: EditorPlan[][] = processes.map(() => []);
    const specs = processes.map(() => [] as { user: 'biller1' | 'biller2'; partitions: string[] }[]);
    for (let i = 0; i < clients; i++) {
      const p = i % processes.length;
      plans[p]!.push({
        replica: specs[p]!.length,
        partition,
        claimIds: ready.slice(i * perClient, (i + 1) * perClient),
        phaseMs: phase[i]!,
      });
      specs[p]!.push({ user: i % 2 === 0 ? 'biller1' : 'biller2', partitions: [partition] });
    }
    await Promise.all(processes.map((c, p) => c.open(address, specs[p]!)));

    // Whichever comes second (the editor's report over IPC, or the observer's sight of the change)
    // completes the measurement.
    const sent = new Map<string, number>();
    const seen = new Map<string, number>();
    const latencies: number[] = [];
    const onEdit = (claimId: string, value: string, at: number) => {
      const key = `${claimId}=${value}`;
      const seenAt = seen.get(key);
      if (seenAt === undefined) sent.set(key, at);
      else {
        seen.delete(key);
        latencies.push(seenAt - at);
      }
    };
    const claims = observer.partitions.get(partition)!.work.getMap<Y.Map<unknown>>(workMaps.claims);
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const at = sharedNow();
      for (const event of events) {
        const claimId = event.path[0];
        if (typeof claimId !== 'string' || !(event instanceof Y.YMapEvent)) continue;
        if (!event.keysChanged.has('placeOfService')) continue;
        const key = `${claimId}=${(event.target as Y.Map<unknown>).get('placeOfService')}`;
        const sentAt = sent.get(key);
        if (sentAt === undefined) seen.set(key, at);
        else {
          sent.delete(key);
          latencies.push(at - sentAt);
        }
      }
    };
    claims.observeDeep(onChange);

    if (options.profileFile) await server.startProfile();
    const before = await server.stats();
    const done = await Promise.all(processes.map((c, p) => c.edits(plans[p]!, seconds, onEdit)));
    const after = await server.stats();
    if (options.profileFile) await server.stopProfile(options.profileFile);
    const drainUntil = performance.now() + 5000;
    while (sent.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
    claims.unobserveDeep(onChange);

    const edits = done.reduce((n, d) => n + d.edits, 0);
    const missing = edits - latencies.length;
    const all = [...latencies, ...Array<number>(Math.max(0, missing)).fill(Number.POSITIVE_INFINITY)];
    const cpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
    return {
      edits,
      missing,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      p99Ms: percentile(all, 99),
      maxMs: Math.max(...all),
      serverCpuPercent: (cpuUs / 1000 / (after.clockMs - before.clockMs)) * 100,
      serverPeakRssMb: after.peakRssMb,
      serverRssBeforeMb: before.rssMb,
      serverLoopDelayP99Ms: after.loopDelayP99Ms,
      serverLoopDelayMaxMs: after.loopDelayMaxMs,
      clientProcesses: done.map((d) => ({
        loopUtilization: d.loopUtilization,
        lateP95Ms: d.lateP95Ms,
        lateMaxMs: d.lateMaxMs,
      })),
      clockOffsetsMs: processes.map((c) => c.clockOffset.ms),
    };
  } finally {
    await destroyReplica(observer);
    for (const c of processes) await c.close();
    await server.stop();
  }
}
