import type { Client } from '../../../shared/domain/client.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import type { IsoDate } from '../../../shared/domain/primitives.ts';
import type { Provider } from '../../../shared/domain/provider.ts';
import { refMaps } from '../../../shared/sync/layout.ts';
import { buildClaimRow, type ClaimRow, type RowLookups, renameClaimRow } from '../queue/claimRow.ts';
import type { PracticeReplica } from '../sync/practiceReplica.ts';

/**
 * The queue's rows kept in step with a replica: built once, then only the claims that changed are
 * rebuilt (a colleague's edit touches one row, a 10k batch ten thousand, never the other 90k).
 *
 * A closed claim may be in memory only while it arrives (the replica keeps it on the device after):
 * its row is built then and kept; a rename in the reference data renames the kept row. So follow a
 * replica from before it loads, as the queue does.
 */
export class LiveRows {
  #rows: ClaimRow[] = [];
  #index = new Map<string, number>();
  #lookups: RowLookups | null = null;
  /** What the current rows were built with. */
  #builtWith: { lookups: RowLookups; asOf: IsoDate } | null = null;
  /** Reference data changed since the rows were built: their names may be stale. */
  #namesStale = false;
  readonly #nameListeners = new Set<() => void>();

  constructor(
    private readonly replica: PracticeReplica,
    private readonly asOf: () => IsoDate,
  ) {
    // Names come from reference data; a change there (a payer renamed) rebuilds every row, once.
    for (const name of [refMaps.clients, refMaps.payers, refMaps.providers, refMaps.practice]) {
      replica.ref.getMap(name).observe(() => {
        this.#lookups = null;
        if (this.#rows.length === 0 || this.#namesStale) return;
        this.#namesStale = true;
        queueMicrotask(() => {
          for (const fn of this.#nameListeners) fn();
        });
      });
    }
  }

  /**
   * Keeps the rows in step with the replica: `onRows` gets the new rows after each burst of claim
   * changes and after a change of names. Returns an unsubscribe function.
   */
  follow(onRows: (rows: readonly ClaimRow[]) => void): () => void {
    const offClaims = this.replica.onClaimsChanged((ids) => {
      const rows = this.apply(ids);
      if (rows) onRows(rows);
    });
    const onNames = () => {
      if (this.#namesStale) onRows(this.rebuild());
    };
    this.#nameListeners.add(onNames);
    return () => {
      offClaims();
      this.#nameListeners.delete(onNames);
    };
  }

  get rows(): readonly ClaimRow[] {
    return this.#rows;
  }

  /** The practice's name from its reference data, or '' before it has arrived. */
  practiceName(): string {
    return this.replica.ref.getMap<Practice>(refMaps.practice).get('practice')?.name ?? '';
  }

  /**
   * Every row again: built from the claims in memory; a claim kept on the device only keeps its
   * row, renamed when the names or the day changed since it was built.
   */
  rebuild(): readonly ClaimRow[] {
    const lookups = this.#currentLookups();
    const asOf = this.asOf();
    const rename = this.#builtWith?.lookups !== lookups || this.#builtWith.asOf !== asOf;
    this.#namesStale = false;
    this.#builtWith = { lookups, asOf };
    const before = this.#rows;
    const beforeIndex = this.#index;
    const rows: ClaimRow[] = [];
    const index = new Map<string, number>();
    for (const id of this.replica.claimIds()) {
      const claim = this.replica.claim(id);
      let row: ClaimRow | undefined;
      if (claim) row = buildClaimRow(claim, lookups, asOf);
      else {
        const at = beforeIndex.get(id);
        if (at === undefined) continue;
        row = rename ? renameClaimRow(before[at]!, lookups, asOf) : before[at]!;
      }
      index.set(id, rows.length);
      rows.push(row);
    }
    this.#rows = rows;
    this.#index = index;
    return rows;
  }

  /**
   * Rebuilds the rows of the claims that changed; returns a new array (so views recompute) or null
   * when nothing visible changed. A claim that disappeared entirely makes a full rebuild.
   */
  apply(ids: ReadonlySet<string>): readonly ClaimRow[] | null {
    if (this.#namesStale) return this.rebuild();
    const lookups = this.#currentLookups();
    const asOf = this.asOf();
    this.#builtWith ??= { lookups, asOf };
    const rows = this.#rows.slice();
    let changed = false;
    for (const id of ids) {
      const claim = this.replica.claim(id);
      const at = this.#index.get(id);
      if (claim === null) {
        // Known but not in memory (reopened, on its way back to the live documents): shown as it was.
        if (at !== undefined && !this.replica.has(id)) return this.rebuild();
        continue;
      }
      const row = buildClaimRow(claim, lookups, asOf);
      if (at === undefined) {
        this.#index.set(id, rows.length);
        rows.push(row);
      } else rows[at] = row;
      changed = true;
    }
    if (!changed) return null;
    this.#rows = rows;
    return rows;
  }

  #currentLookups(): RowLookups {
    if (this.#lookups === null) {
      const ref = this.replica.ref;
      this.#lookups = {
        clients: new Map(ref.getMap<Client>(refMaps.clients).entries()),
        payers: new Map(ref.getMap<Payer>(refMaps.payers).entries()),
        providers: new Map(ref.getMap<Provider>(refMaps.providers).entries()),
        billingProvider:
          ref.getMap<Practice>(refMaps.practice).get('practice')?.billingProvider.organizationName ?? '',
      };
    }
    return this.#lookups;
  }
}
