import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateSyntheticPractice } from '../../../shared/synthetic/generateSyntheticPractice.ts';
import { buildClaimRows, type ClaimRow } from '../queue/claimRow.ts';
import { DexieReplicaStore } from '../store/dexieReplicaStore.ts';
import { decodeRowSnapshot, encodeRowSnapshot, ROW_SNAPSHOT_KEY } from './rowSnapshot.ts';
import { loadRowSnapshot, RowSnapshotSaver } from './rowSnapshotStore.ts';

const practice = generateSyntheticPractice({ seed: 19, claims: 400, asOf: '2026-11-22' });
const rows = buildClaimRows(practice.claims, practice, '2026-11-22');

describe('row snapshot', () => {
  it('gives back the rows it was made from', () => {
    const decoded = decodeRowSnapshot(encodeRowSnapshot('Practice A', rows), '2026-11-22');
    expect(decoded?.practiceName).toBe('Practice A');
    expect(decoded?.rows).toEqual(rows);
    // The synthetic practice has denied claims, so the code lists are exercised.
    expect(rows.some((r) => r.denialCodes.length > 1)).toBe(true);
  });

  it('counts days since billed to the day it is opened', () => {
    const decoded = decodeRowSnapshot(encodeRowSnapshot('P', rows), '2026-11-29')!;
    const billed = rows.findIndex((r) => r.daysSinceBilled !== null);
    expect(decoded.rows[billed]!.daysSinceBilled).toBe(rows[billed]!.daysSinceBilled! + 7);
    const never = rows.findIndex((r) => r.daysSinceBilled === null);
    expect(decoded.rows[never]!.daysSinceBilled).toBeNull();
  });

  it('reads nothing it does not understand, and never throws', () => {
    const good = JSON.parse(encodeRowSnapshot('P', rows.slice(0, 3))) as Record<string, unknown>;
    const broken = [
      undefined,
      42,
      '',
      '{not json',
      JSON.stringify({ ...good, version: 0 }),
      JSON.stringify({ ...good, ids: ['only one'] }),
      JSON.stringify({ ...good, text: {} }),
      JSON.stringify({ ...good, numbers: { ...(good.numbers as object), units: [1, 'x', 3] } }),
    ];
    for (const text of broken) expect(decodeRowSnapshot(text, '2026-11-22')).toBeNull();
    expect(decodeRowSnapshot(encodeRowSnapshot('P', []), '2026-11-22')).toEqual({
      practiceName: 'P',
      rows: [],
    });
  });
});

describe('RowSnapshotSaver', () => {
  /** Timers run by hand: what matters is how many saves, not when. */
  function manualTimers() {
    const pending = new Set<() => void>();
    return {
      pending,
      options: {
        setTimer: (fn: () => void) => {
          pending.add(fn);
          return fn;
        },
        clearTimer: (t: unknown) => pending.delete(t as () => void),
      },
      fire: async () => {
        const fns = [...pending];
        pending.clear();
        for (const fn of fns) fn();
        await new Promise((r) => setTimeout(r, 0));
      },
    };
  }

  it('saves once for a burst of changes, skips rows already saved, and the next start reads them', async () => {
    const store = new DexieReplicaStore(`snapshot-${process.pid}-1`);
    let current: readonly ClaimRow[] | null = null;
    const saves: string[] = [];
    const counting = {
      loadMeta: store.loadMeta.bind(store),
      saveMeta: (key: string, value: unknown) => {
        saves.push(key);
        return store.saveMeta(key, value);
      },
    };
    const timers = manualTimers();
    const saver = new RowSnapshotSaver(
      counting,
      () => (current ? { practiceName: 'P', rows: current } : null),
      timers.options,
    );
    saver.changed(); // nothing trustworthy yet: nothing saved
    await timers.fire();
    expect(saves).toEqual([]);

    current = rows;
    for (let i = 0; i < 5; i++) saver.changed();
    expect(timers.pending.size).toBe(1);
    await timers.fire();
    expect(saves).toEqual([ROW_SNAPSHOT_KEY]);
    saver.changed();
    await timers.fire();
    expect(saves).toHaveLength(1); // the same rows: not written again

    current = rows.slice(0, 10);
    saver.soon();
    await timers.fire();
    expect(saves).toHaveLength(2);
    await store.flushed();
    expect((await loadRowSnapshot(store, '2026-11-22'))?.rows).toEqual(rows.slice(0, 10));

    saver.stop();
    current = rows;
    saver.changed();
    expect(timers.pending.size).toBe(0);
    await store.close();
  });

  it('loads nothing from a device without a snapshot', async () => {
    const store = new DexieReplicaStore(`snapshot-${process.pid}-2`);
    expect(await loadRowSnapshot(store, '2026-11-22')).toBeNull();
    await store.close();
  });
});
