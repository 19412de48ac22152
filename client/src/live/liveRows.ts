import type { Client } from '../../../shared/domain/client.ts';
import type { Payer } from '../../../shared/domain/payer.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import type { IsoDate } from '../../../shared/domain/primitives.ts';
import type { Provider } from '../../../shared/domain/provider.ts';
import { refMaps } from '../../../shared/sync/layout.ts';
import { buildClaimRow, type ClaimRow, type RowLookups } from '../queue/claimRow.ts';
import type { PracticeReplica } from '../sync/practiceReplica.ts';

/**
 * The queue's rows kept in step with a replica: built once, then only the claims that changed are
 * rebuilt (a colleague's edit touches one row, a 10k batch ten thousand, never the other 90k).
 */
export class LiveRows {
  #rows: ClaimRow[] = [];
  readonly #index = new Map<string, number>();
  #lookups: RowLookups | null = null;
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

  /** Every row from scratch. */
  rebuild(): readonly ClaimRow[] {
    const lookups = this.#currentLookups();
    const asOf = this.asOf();
    this.#namesStale = false;
    this.#rows = [];
    this.#index.clear();
    for (const claim of this.replica.claims()) {
      this.#index.set(claim.id, this.#rows.length);
      this.#rows.push(buildClaimRow(claim, lookups, asOf));
    }
    return this.#rows;
  }

  /**
   * Rebuilds the rows of the claims that changed; returns a new array (so views recompute) or null
   * when nothing visible changed. A claim that disappeared entirely makes a full rebuild.
   */
  apply(ids: ReadonlySet<string>): readonly ClaimRow[] | null {
    if (this.#namesStale) return this.rebuild();
    const lookups = this.#currentLookups();
    const asOf = this.asOf();
    const rows = this.#rows.slice();
    let changed = false;
    for (const id of ids) {
      const claim = this.replica.claim(id);
      const at = this.#index.get(id);
      if (claim === null) {
        if (at !== undefined) return this.rebuild();
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
