/**
 * Sync benchmarks (SPEC §10, "sync on loopback"). The server runs in a process of its own
 * (syncServerProcess.ts) on a seeded SQLite data folder with its production setting, synchronous
 * FULL (every update fsynced before it is broadcast), so its CPU and memory can be read and the
 * clients' work doesn't slow it down. Clients whose own work would delay the one being timed (the
 * batch requester, the 50 editors, the offline laptop) run in a client process (syncClientProcess.ts);
 * times cross processes on a shared clock whose offset is measured.
 *
 * BENCH_SYNC_SECONDS shortens the 50-client run (default 60); BENCH_SYNC_PROCESSES spreads its editors
 * over that many client processes (default 1: one keeps up, and on 2 cores every extra busy process
 * competes with the server); BENCH_SYNC_VERBOSE=1 prints breakdowns; BENCH_SYNC_ONLY=<text> keeps the
 * figures whose name contains it; BENCH_SYNC_PROF=<dir> writes a CPU profile of each server process
 * there, and one of the server during the 50-client edit window; SQLITE_SYNCHRONOUS=NORMAL runs the
 * server without fsyncs.
 */
import { join } from 'node:path';
import type { Benchmark } from './harness.ts';
import { batchStatusChange } from './syncBatch.ts';
import { startClientProcess } from './syncClientHandle.ts';
import { coldLoad } from './syncColdLoad.ts';
import { editLatencies } from './syncEditLatency.ts';
import { type LoadResult, runEditLoad } from './syncLoad.ts';
import { type OfflinePlan, offlineRoundTrip } from './syncOffline.ts';
import {
  addressOf,
  claimsWithStatus,
  destroyReplica,
  detail,
  openReplica,
  percentile,
} from './syncReplicas.ts';
import { type Resource, ResourcePool } from './syncResources.ts';
import {
  type SeededPractice,
  type ServerProcess,
  seedPractice,
  startServerProcess,
} from './syncServerHandle.ts';

const EDITS = 300;
const BATCH = 10_000;
const LOAD_CLIENTS = 50;
const OFFLINE_EDITS = 1000;
const OFFLINE_INTENTS = 20;

/** Replays, in order, values recorded by the runs of the figure before it (one workload, two figures). */
function replay(values: number[], what: string): () => number {
  let i = 0;
  return () => {
    const v = values[i++];
    if (v === undefined) throw new Error(`bench: ${what} asked for more runs than were measured`);
    return v;
  };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

interface Served {
  server: ServerProcess;
  practice: SeededPractice;
}

/** A server process on a seeded practice plus what `open` adds (its clients), closed together. */
function served<T>(
  pool: ResourcePool,
  name: string,
  practice: Resource<SeededPractice>,
  open: (s: Served) => Promise<T>,
  close: (t: T) => Promise<void> | void,
): Resource<Served & T> {
  return pool.define<Served & T>(
    name,
    async () => {
      const p = await practice.get();
      const server = await startServerProcess(p.dataDir);
      try {
        return { server, practice: p, ...(await open({ server, practice: p })) };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
    async (value) => {
      await close(value);
      await value.server.stop();
    },
  );
}

/** The sync figures of SPEC §10, in the order the brief lists them (see the header for settings). */
export function syncBenchmarks(): Benchmark[] {
  const pool = new ResourcePool();
  const seeded = (claims: number) =>
    pool.define<SeededPractice>(
      `practice ${claims}`,
      async () => {
        const p = await seedPractice(claims);
        detail(`seeded ${claims} claims in ${ms(p.seedMs)} (${p.partitions.length} partitions)`);
        return p;
      },
      (p) => p.remove(),
      { sticky: true },
    );
  // 10k claims is the practice of SPEC's reference cold load; 60k holds ≥ 10k Ready claims (the
  // generator spreads statuses and months); 100k is the size SPEC's grid targets are set for.
  const practice10k = seeded(10_000);
  const practice60k = seeded(60_000);
  const practice100k = seeded(100_000);

  // 1. Two billers with the whole practice open; A edits, B watches.
  const editPair = served(
    pool,
    'edit pair',
    practice10k,
    async ({ server, practice }) => {
      const address = addressOf(server, practice);
      const a = openReplica(address, 'biller1', practice.partitions);
      const b = openReplica(address, 'biller2', practice.partitions);
      await Promise.all([a.whenSynced(), b.whenSynced()]);
      const partition = practice.partitions.at(-1)!;
      return { a, b, partition, claimIds: claimsWithStatus(a, partition, 'Ready').slice(0, 50) };
    },
    async ({ a, b }) => {
      await Promise.all([destroyReplica(a), destroyReplica(b)]);
    },
  );

  // 2. The requester in a client process (applying its own 10k decisions there), the watcher here.
  const batchPair = served(
    pool,
    'batch pair',
    practice60k,
    async ({ server, practice }) => {
      const address = addressOf(server, practice);
      const clients = await startClientProcess();
      const watcher = openReplica(address, 'biller2', practice.partitions);
      const [syncMs] = await Promise.all([
        clients.open(address, [{ user: 'biller1', partitions: practice.partitions }]),
        watcher.whenSynced(),
      ]);
      detail(`requester synced ${practice.claims} claims in ${ms(syncMs)} (watcher at the same time)`);
      // The newest Ready claims, as a biller would select them; the intent splits by service month.
      const claimIds = [...practice.partitions]
        .reverse()
        .flatMap((p) => claimsWithStatus(watcher, p, 'Ready'))
        .slice(0, BATCH);
      if (claimIds.length < BATCH) throw new Error(`bench: only ${claimIds.length} Ready claims to batch`);
      return { clients, watcher, claimIds };
    },
    async ({ clients, watcher }) => {
      await destroyReplica(watcher);
      await clients.close();
    },
  );

  // 3. One run of the steady load; its three figures read the same result.
  const seconds = Number(process.env.BENCH_SYNC_SECONDS ?? 60);
  const processes = Number(process.env.BENCH_SYNC_PROCESSES ?? 1);
  const load = pool.define<LoadResult>(
    'load',
    async () => {
      const prof = process.env.BENCH_SYNC_PROF;
      const r = await runEditLoad({
        practice: await practice10k.get(),
        clients: LOAD_CLIENTS,
        seconds,
        processes,
        ...(prof ? { profileFile: join(prof, 'server-load-window.cpuprofile') } : {}),
      });
      detail(
        `${r.edits} edits (${r.missing} never seen): p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}`,
      );
      detail(
        `server: RSS ${r.serverRssBeforeMb.toFixed(0)} MB before the load, peak ${r.serverPeakRssMb.toFixed(0)} MB; ` +
          `event-loop delay p99 ${ms(r.serverLoopDelayP99Ms)}, max ${ms(r.serverLoopDelayMaxMs)}`,
      );
      for (const [i, c] of r.clientProcesses.entries())
        detail(
          `client process ${i + 1}: event loop ${(c.loopUtilization * 100).toFixed(0)} % busy, ` +
            `edits late by p95 ${ms(c.lateP95Ms)} (max ${ms(c.lateMaxMs)}), clock offset ${ms(r.clockOffsetsMs[i]!)}`,
        );
      return r;
    },
    () => {},
  );
  const fromLoad = (pick: (r: LoadResult) => number) => () =>
    pool.measure([practice10k, load], async () => pick(await load.get()));

  // 4. The server stays up between runs; the first run also loads its documents from disk.
  const coldServer = served(
    pool,
    'cold server',
    practice100k,
    async () => ({}),
    () => {},
  );
  const coldHeaps: number[] = [];
  const coldFirst: number[] = [];

  // 5. The laptop in a client process; the colleague who must see its edits here.
  const offline = served(
    pool,
    'offline',
    practice10k,
    async ({ server, practice }) => {
      const address = addressOf(server, practice);
      const clients = await startClientProcess();
      const observer = openReplica(address, 'biller2', practice.partitions);
      await Promise.all([
        clients.open(address, [{ user: 'biller1', partitions: practice.partitions }]),
        observer.whenSynced(),
      ]);
      const editable = practice.partitions.flatMap((p) => [
        ...claimsWithStatus(observer, p, 'Ready'),
        ...claimsWithStatus(observer, p, 'Held'),
      ]);
      const editClaimIds = editable.slice(0, OFFLINE_EDITS);
      const edited = new Set(editClaimIds);
      const plan: OfflinePlan = {
        editClaimIds,
        intentPool: practice.partitions
          .flatMap((p) => claimsWithStatus(observer, p, 'Ready'))
          .filter((id) => !edited.has(id)),
        intents: OFFLINE_INTENTS,
        claimsPerIntent: 5,
      };
      return { clients, observer, plan, runs: 0 };
    },
    async ({ clients, observer }) => {
      await destroyReplica(observer);
      await clients.close();
    },
  );

  const editP95: number[] = [];
  const groups: Benchmark[][] = [
    [
      {
        // SPEC sets a p95 only; the p50 is held to the same 5 ms.
        name: 'sync: cell edit → visible on another client, p50',
        unit: 'ms',
        target: 5,
        better: 'lower',
        measure: () =>
          pool.measure([practice10k, editPair], async () => {
            const { a, b, partition, claimIds } = await editPair.get();
            const latencies = await editLatencies(a, b, partition, claimIds, EDITS);
            editP95.push(percentile(latencies, 95));
            detail(
              `${EDITS} edits: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, ` +
                `p99 ${ms(percentile(latencies, 99))}, max ${ms(Math.max(...latencies))}`,
            );
            return percentile(latencies, 50);
          }),
      },
      {
        name: 'sync: cell edit → visible on another client, p95',
        unit: 'ms',
        target: 5,
        better: 'lower',
        measure: replay(editP95, 'the edit p95'),
      },
    ],
    [
      {
        name: 'sync: 10k-claim Hold decided by server, seen by another client',
        unit: 'ms',
        target: 500,
        better: 'lower',
        measure: () =>
          pool.measure([practice60k, batchPair], async () => {
            const { server, clients, watcher, claimIds } = await batchPair.get();
            const reason = 'Waiting on updated authorization';
            await server.stats();
            const hold = await batchStatusChange(clients, 0, watcher, claimIds, 'Held', reason);
            const stats = await server.stats();
            if (hold.accepted !== claimIds.length)
              throw new Error(`bench: only ${hold.accepted} of ${claimIds.length} holds accepted`);
            // Back to Ready for the next run, untimed.
            const clear = await batchStatusChange(clients, 0, watcher, claimIds, 'Ready');
            detail(
              `Hold of ${claimIds.length}: decided on the requester after ${ms(hold.decidedMs)}, seen by the ` +
                `watcher after ${ms(hold.visibleMs)} (${(hold.watcherBytes / 1e6).toFixed(1)} MB of updates); ` +
                `clearing them: seen after ${ms(clear.visibleMs)}; longest server event-loop stall during the ` +
                `Hold ${ms(stats.loopDelayMaxMs)}`,
            );
            return hold.visibleMs;
          }),
      },
    ],
    [
      {
        name: `sync: ${LOAD_CLIENTS} clients × 1 edit/s, ${seconds} s: edit → visible p95 (1 run)`,
        unit: 'ms',
        target: 10,
        better: 'lower',
        measure: fromLoad((r) => r.p95Ms),
      },
      {
        name: `sync: ${LOAD_CLIENTS} clients × 1 edit/s: server CPU (1 run)`,
        unit: '%',
        target: 50,
        better: 'lower',
        measure: fromLoad((r) => r.serverCpuPercent),
      },
      {
        name: `sync: ${LOAD_CLIENTS} clients × 1 edit/s: server peak RSS (1 run)`,
        unit: 'MB',
        target: 300,
        better: 'lower',
        measure: fromLoad((r) => r.serverPeakRssMb),
      },
    ],
    [
      {
        // SPEC gives no target for this figure; 3 s and 300 MB are the budget for a new laptop's first
        // sync (SPEC's start from IndexedDB is 1 s and the grid's heap 150 MB, so the replica may take
        // about as much again). Only editable claims are live documents; the rest arrive as rows, so
        // the figure is both: every document synced and every announced row fetched.
        name: 'sync: cold load of 100k claims into a fresh client',
        unit: 'ms',
        target: 3000,
        better: 'lower',
        measure: () =>
          pool.measure([practice100k, coldServer], async () => {
            const { server, practice } = await coldServer.get();
            await server.stats();
            const r = await coldLoad(addressOf(server, practice), practice.partitions);
            const stats = await server.stats();
            coldHeaps.push(r.heapMb);
            if (coldFirst.length === 0) coldFirst.push(r.syncMs);
            detail(
              `cold load: ${ms(r.syncMs)}, client heap ${r.heapMb.toFixed(0)} MB; server RSS ` +
                `${stats.rssMb.toFixed(0)} MB, its longest event-loop stall ${ms(stats.loopDelayMaxMs)}`,
            );
            return r.syncMs;
          }),
      },
      {
        name: 'sync: cold load of 100k claims: client heap after GC',
        unit: 'MB',
        target: 300,
        better: 'lower',
        measure: replay(coldHeaps, 'the cold-load heap'),
      },
      {
        name: 'sync: cold load of 100k claims, server not warm (1 run)',
        unit: 'ms',
        target: 3000,
        better: 'lower',
        measure: () => coldFirst[0]!,
      },
    ],
    [
      {
        name: `sync: laptop back online, ${OFFLINE_EDITS} edits + ${OFFLINE_INTENTS} intents reconciled`,
        unit: 'ms',
        target: 1000,
        better: 'lower',
        measure: () =>
          pool.measure([practice10k, offline], async () => {
            const state = await offline.get();
            const r = await offlineRoundTrip(state.clients, state.observer, state.plan, state.runs++);
            detail(
              `back online: colleague had every edit after ${ms(r.observerMs)}, laptop had every decision after ` +
                `${ms(r.decidedMs)} (${r.accepted} accepted, ${r.refused} refused)`,
            );
            return r.reconciledMs;
          }),
      },
    ],
  ];
  const only = process.env.BENCH_SYNC_ONLY;
  return groups.filter((g) => !only || g.some((b) => b.name.includes(only))).flat();
}
