import type { IsoDate } from '../../../shared/domain/primitives.ts';
import type { ClaimRow } from '../queue/claimRow.ts';
import type { ReplicaPersistence } from '../sync/replicaPersistence.ts';
import { decodeRowSnapshot, encodeRowSnapshot, ROW_SNAPSHOT_KEY, type RowSnapshot } from './rowSnapshot.ts';

type SnapshotStore = Pick<ReplicaPersistence, 'loadMeta' | 'saveMeta'>;

/**
 * The snapshot of the queue's rows kept on the device, or null (none yet, unreadable, or the store
 * failed: the store reports that itself). Ask before the replica attaches its documents, so the read
 * comes first in the store's queue.
 */
export async function loadRowSnapshot(store: SnapshotStore, asOf: IsoDate): Promise<RowSnapshot | null> {
  try {
    return decodeRowSnapshot(await store.loadMeta<string>(ROW_SNAPSHOT_KEY), asOf);
  } catch {
    return null;
  }
}

/** Runs `fn` after `ms`, in a moment the browser has nothing else to do (within 10 s more). */
function whenIdleAfter(fn: () => void, ms: number): unknown {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void })
    .requestIdleCallback;
  return setTimeout(() => (idle ? idle(fn, { timeout: 10_000 }) : fn()), ms);
}

export interface SaverOptions {
  /** How long after a change the rows are saved (60 s): encoding 100k rows costs a few hundred ms. */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Saves the queue's rows for the next start, at most once per `delayMs` however often they change
 * (a colleague's edits arrive all day; the next start only needs a recent picture, and the replica's
 * own data corrects it within seconds).
 */
export class RowSnapshotSaver {
  readonly #delayMs: number;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;
  #timer: unknown = null;
  #saved: readonly ClaimRow[] | null = null;
  #stopped = false;

  constructor(
    private readonly store: SnapshotStore,
    /** The rows to keep now, or null while there is nothing trustworthy to keep. */
    private readonly current: () => { practiceName: string; rows: readonly ClaimRow[] } | null,
    options: SaverOptions = {},
  ) {
    this.#delayMs = options.delayMs ?? 60_000;
    this.#setTimer = options.setTimer ?? whenIdleAfter;
    this.#clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** The rows changed: save them once the delay is over (one save for every change meanwhile). */
  changed(): void {
    this.#schedule(this.#delayMs);
  }

  /** Save soon (`ms`, 2 s by default): e.g. once the first sync settled, so the next start has it. */
  soon(ms = 2_000): void {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
    this.#schedule(ms);
  }

  /** Saves now if the rows differ from those saved last; resolves once handed to the store. */
  async saveNow(): Promise<void> {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
    const now = this.current();
    if (this.#stopped || now === null || now.rows === this.#saved) return;
    this.#saved = now.rows;
    // A failed write is reported by the store itself (and retried with its next write).
    await this.store
      .saveMeta(ROW_SNAPSHOT_KEY, encodeRowSnapshot(now.practiceName, now.rows))
      .catch(() => {});
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
  }

  #schedule(ms: number): void {
    if (this.#stopped || this.#timer !== null) return;
    this.#timer = this.#setTimer(() => {
      this.#timer = null;
      void this.saveNow();
    }, ms);
  }
}
