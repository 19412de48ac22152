/**
 * What the bench says to its helper processes: the sync server process (syncServerProcess.ts), which
 * answers with one JSON object a line on stdout marked with PROTOCOL_PREFIX, and client processes
 * (syncClientProcess.ts), which take ClientCommand and answer ClientReply over the IPC channel.
 */
import type { ClaimStatus } from '../shared/domain/claimStatus.ts';

/** What `seed` reports: where the practice is and how to connect as each user. */
export interface SeedReport {
  practiceId: string;
  partitions: string[];
  tokens: Record<'biller1' | 'biller2' | 'viewer' | 'outsider', string>;
  /** Time to generate the practice and write its documents and users, in ms. */
  seedMs: number;
}

/** What `stats` reports; peaks and event-loop delays cover the time since the previous `stats`. */
export interface ServerStats {
  /** process.cpuUsage() in microseconds, and the monotonic clock in ms, to turn deltas into a CPU %. */
  cpuUserUs: number;
  cpuSystemUs: number;
  clockMs: number;
  rssMb: number;
  /** Highest RSS sampled (every 100 ms) since the previous `stats`. */
  peakRssMb: number;
  heapUsedMb: number;
  /** Event-loop delay since the previous `stats`: how long a ready callback waited, in ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  roomsLoaded: number;
  connections: number;
}

/** Marks protocol lines so a stray line on stdout (a warning, a log) can't be taken for one. */
export const PROTOCOL_PREFIX = '@bench ';

/**
 * A clock every process on this machine shares (wall-clock origin plus the monotonic clock), in ms,
 * so a time taken in one process can be compared with one taken in another; the client handle
 * measures the remaining offset at start and corrects for it.
 */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What a client process (syncClientProcess.ts) needs to open replicas of a seeded practice. */
export interface PracticeAddress {
  url: string;
  practiceId: string;
  tokens: SeedReport['tokens'];
}

/** One replica to open: as which user, with which partitions. */
export interface ReplicaSpec {
  user: keyof SeedReport['tokens'];
  partitions: string[];
}

/** One client's share of the steady edit load: the claims it edits in turn, once a second. */
export interface EditorPlan {
  replica: number;
  partition: string;
  claimIds: string[];
  /** Offset of this client's edits within each second, in ms. */
  phaseMs: number;
}

/** Commands from the bench to a client process; `id` pairs each with its reply. */
export type ClientCommand =
  | { type: 'open'; id: number; practice: PracticeAddress; replicas: ReplicaSpec[] }
  | { type: 'clock'; id: number }
  | { type: 'edits'; id: number; plans: EditorPlan[]; seconds: number }
  | {
      type: 'request';
      id: number;
      replica: number;
      claimIds: string[];
      toStatus: ClaimStatus;
      reason?: string;
    }
  /** Takes the replica offline, then makes the edits and intents there. */
  | { type: 'offline'; id: number; replica: number; edits: OfflineEdit[]; intents: OfflineIntent[] }
  /** Brings it back online; `decided` follows once every intent named is decided. */
  | { type: 'reconnect'; id: number; replica: number; opIds: string[] }
  | { type: 'close'; id: number };

/** One offline edit of a claim's place of service. */
export interface OfflineEdit {
  claimId: string;
  value: string;
}

/** One offline status change. */
export interface OfflineIntent {
  claimIds: string[];
  toStatus: ClaimStatus;
  reason?: string;
}

/** Replies and events from a client process; times are `sharedNow()` in the client process. */
export type ClientReply =
  | { type: 'opened'; id: number; syncMs: number }
  | { type: 'clock'; id: number; now: number }
  /** One edit made during an `edits` command, sent as it is made. */
  | { type: 'edit'; claimId: string; value: string; at: number }
  | {
      type: 'editsDone';
      id: number;
      edits: number;
      /** How late edits started against their schedule (the client process keeping up), in ms. */
      lateP95Ms: number;
      lateMaxMs: number;
      /** Event-loop utilization of the client process during the run (0–1). */
      loopUtilization: number;
    }
  | { type: 'requested'; id: number; opId: string; at: number }
  | { type: 'offlineReady'; id: number; opIds: string[] }
  | { type: 'reconnected'; id: number; at: number }
  | { type: 'decided'; id: number; at: number; accepted: number; refused: number }
  | { type: 'closed'; id: number }
  | { type: 'failed'; id: number; message: string };
