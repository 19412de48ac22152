import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimRow } from '../../../shared/sync/claimRow.ts';
import type { EditableField } from '../../../shared/sync/layout.ts';

/**
 * An edit made offline that the server never applied: by the time it arrived the claim had been
 * closed (submitted, settled, voided) by someone else, or its reopening was refused. Shown to the
 * person who made it.
 */
export interface DroppedEdit {
  claimId: string;
  field: EditableField;
  /** The value this replica wrote. */
  value: unknown;
  /** The claim's status when the edit was found dropped. */
  status: ClaimStatus;
  message: string;
}

interface Edit {
  claimId: string;
  field: EditableField;
  value: unknown;
}

/** What the journal keeps on the device (the replica's `persistence`), so a reload loses none of it. */
export interface EditJournalState {
  myOpIds: string[];
  offlineEdits: Edit[];
  reopenEdits: [string, [EditableField, unknown][]][];
}

/** What the journal asks the replica about a claim when deciding whether held edits still wait. */
export interface ReopenFacts {
  isLive(claimId: string): boolean;
  /** One of this replica's intents to make the claim editable again is not decided yet. */
  reopening(claimId: string): boolean;
  /** The server accepted one of this replica's intents that makes the claim editable again. */
  reopenAccepted(claimId: string): boolean;
  statusOf(claimId: string): ClaimStatus | undefined;
}

/**
 * A replica's own edits that the CRDT alone can't account for, so none is lost without a word:
 * - edits made offline, until the server has them: if their claim was closed meanwhile, Yjs drops them
 *   (the claim's record is gone), and the claim's row tells whether the value made it;
 * - edits of a closed claim this replica asked to reopen (Resubmit, offline say): held and shown on the
 *   claim until the server has reopened it, then written into its record;
 * - which intents are this replica's own (to tell its reopenings from a colleague's).
 * `onChange` is called after every change of what must be kept.
 */
export class EditJournal {
  readonly #offline: Edit[] = [];
  readonly #held = new Map<string, Map<EditableField, unknown>>();
  readonly #dropped: DroppedEdit[] = [];
  readonly #myOpIds = new Set<string>();

  constructor(private readonly onChange: () => void) {}

  /** Restores what was kept on the device. */
  restore(state: EditJournalState): void {
    for (const id of state.myOpIds) this.#myOpIds.add(id);
    this.#offline.push(...state.offlineEdits);
    for (const [id, edits] of state.reopenEdits) this.#held.set(id, new Map(edits));
  }

  state(): EditJournalState {
    return {
      myOpIds: [...this.#myOpIds],
      offlineEdits: this.#offline,
      reopenEdits: [...this.#held].map(([id, edits]) => [id, [...edits]]),
    };
  }

  addOpId(opId: string): void {
    this.#myOpIds.add(opId);
    this.onChange();
  }

  isMine(opId: string): boolean {
    return this.#myOpIds.has(opId);
  }

  /** An edit written while the claim's work document was not connected. */
  recordOffline(claimId: string, field: EditableField, value: unknown): void {
    this.#offline.push({ claimId, field, value });
    this.onChange();
  }

  /** The work document synced: offline edits of claims still live there reached the server. */
  settle(isLiveHere: (claimId: string) => boolean): void {
    const before = this.#offline.length;
    for (let i = this.#offline.length - 1; i >= 0; i--)
      if (isLiveHere(this.#offline[i]!.claimId)) this.#offline.splice(i, 1);
    if (this.#offline.length !== before) this.onChange();
  }

  /**
   * A claim's row arrived: its offline edits are resolved, and reported unless the row has the value
   * anyway (an edit of a claim closed before it reached the server).
   */
  rowArrived(row: ClaimRow): void {
    const claim = row.claim;
    if (!claim) return;
    const before = this.#offline.length;
    for (let i = this.#offline.length - 1; i >= 0; i--) {
      const edit = this.#offline[i]!;
      if (edit.claimId !== row.claimId) continue;
      this.#offline.splice(i, 1);
      if (JSON.stringify(claim[edit.field]) === JSON.stringify(edit.value)) continue;
      this.#dropped.push({
        ...edit,
        status: claim.status,
        message: `Your offline change to ${edit.field} was not applied: the claim was ${claim.status.toLowerCase()} before it reached the server. To change what was billed, send a corrected claim.`,
      });
    }
    if (this.#offline.length !== before) this.onChange();
  }

  /** Holds an edit of a claim that is being reopened. */
  hold(claimId: string, field: EditableField, value: unknown): void {
    const held = this.#held.get(claimId) ?? new Map<EditableField, unknown>();
    held.set(field, value);
    this.#held.set(claimId, held);
    this.onChange();
  }

  /** The held edits of a claim shown over its last known state. */
  overlay(claim: Claim): Claim {
    const held = this.#held.get(claim.id);
    return held ? ({ ...claim, ...Object.fromEntries(held) } as Claim) : claim;
  }

  /** Takes the held edits of a claim that is live again, to write them into its record. */
  takeHeld(claimId: string): Map<EditableField, unknown> | undefined {
    const held = this.#held.get(claimId);
    if (held) {
      this.#held.delete(claimId);
      this.onChange();
    }
    return held;
  }

  /**
   * Drops (and reports) held edits of claims that stay closed: the reopening was refused, or (in
   * `closedAgain`, claims with a newer row) the claim was closed again before this replica saw it open.
   */
  checkHeld(facts: ReopenFacts, closedAgain: ReadonlySet<string> = new Set()): void {
    let changed = false;
    for (const [claimId, edits] of this.#held) {
      if (facts.isLive(claimId) || facts.reopening(claimId)) continue;
      if (!closedAgain.has(claimId) && facts.reopenAccepted(claimId)) continue;
      this.#held.delete(claimId);
      changed = true;
      const status = facts.statusOf(claimId) ?? 'Ready';
      for (const [field, value] of edits) {
        this.#dropped.push({
          claimId,
          field,
          value,
          status,
          message: `Your change to ${field} was not applied: the claim was not reopened (it is ${status.toLowerCase()}).`,
        });
      }
    }
    if (changed) this.onChange();
  }

  dropped(): readonly DroppedEdit[] {
    return this.#dropped;
  }
}
