import * as Y from 'yjs';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';

/**
 * The conflict events the server wrote into claim histories (edits it undid), gathered as they
 * arrive, so the Conflicts view never scans every claim's history. An event stays once seen: the claim
 * it concerns usually closes right after (that is why the edit was undone) and moves to the rows.
 */
export class ConflictIndex {
  readonly #events = new Map<string, HistoryEvent>();
  #version = 0;

  /** Changes whenever an event is added: a cheap "anything new?" for pollers. */
  get version(): number {
    return this.#version;
  }

  events(): HistoryEvent[] {
    return [...this.#events.values()];
  }

  /** Follows a facts document's history map (claim id → Y.Array of events), including what is there. */
  follow(history: Y.Map<Y.Array<HistoryEvent>>): void {
    for (const list of history.values()) this.#addAll(list.toArray());
    history.observeDeep((events) => {
      for (const event of events) {
        if (event.target === history) {
          for (const [id, change] of event.changes.keys) {
            if (change.action === 'delete') continue;
            const list = history.get(id);
            if (list instanceof Y.Array) this.#addAll(list.toArray());
          }
        } else {
          for (const part of event.changes.delta) {
            if (Array.isArray(part.insert)) this.#addAll(part.insert as HistoryEvent[]);
          }
        }
      }
    });
  }

  /** Takes the conflicts from the histories of claims received as rows. */
  addRows(rows: readonly ClaimRow[]): void {
    for (const row of rows) this.#addAll(row.history);
  }

  #addAll(events: readonly HistoryEvent[]): void {
    let added = false;
    for (const event of events) {
      if (event.kind !== 'conflict' || this.#events.has(event.id)) continue;
      this.#events.set(event.id, event);
      added = true;
    }
    if (added) this.#version++;
  }
}
