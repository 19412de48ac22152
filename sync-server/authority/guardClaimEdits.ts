import * as Y from 'yjs';
import type { Actor } from '../../shared/domain/actor.ts';
import { type Claim, claimSchema } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import { initialFacts } from '../../shared/sync/assembleClaim.ts';
import type { ClaimFacts } from '../../shared/sync/layout.ts';
import {
  type EditableField,
  editableFields,
  factsMaps,
  isEditableStatus,
  workMaps,
} from '../../shared/sync/layout.ts';
import type { Logger } from '../log.ts';
import { type Room, SERVER_ORIGIN } from '../sync/room.ts';
import { appendHistory, partitionMaps, workRecordMap } from './claimRecords.ts';

/** One client change to undo: put `field` of `claimId` back (or the whole record when field is null). */
export interface Revert {
  claimId: string;
  field: string | null;
  reason: 'locked_after_submission' | 'not_editable' | 'invalid_value' | 'claims_are_server_made';
  /** The claim's status when the edit arrived (for the message). */
  status: Claim['status'];
  actor: Actor;
}

const editable = new Set<string>(editableFields);
const messages: Record<Revert['reason'], string> = {
  locked_after_submission:
    'This claim was submitted before your change reached the server, so the change was undone. To change what was billed, send a corrected claim.',
  not_editable: 'This field is fixed when the claim is created; the change was undone.',
  invalid_value: 'The value was not valid for this field; the change was undone.',
  claims_are_server_made: 'Claims are created from finalized session notes; the change was undone.',
};

/** What the biller reads about an undone edit: what happened and what to do instead. */
function revertMessage(r: Revert): string {
  if (r.reason !== 'locked_after_submission') return messages[r.reason];
  switch (r.status) {
    case 'Submitted':
    case 'Paid':
    case 'Denied':
      return `This claim was ${r.status === 'Submitted' ? 'submitted' : r.status === 'Paid' ? 'paid' : 'denied'} before your change reached the server, so the change was undone. To change what was billed, send a corrected claim.`;
    case 'Voided':
      return 'This claim was voided before your change reached the server, so the change was undone.';
    default:
      return 'This claim was settled before your change reached the server, so the change was undone.';
  }
}

/**
 * Keeps client edits of claims within the rules (SPEC §3): only the editable fields, only while the
 * claim is Ready or Held, only valid values. A change outside them is undone by the server (which
 * every replica then converges to) and recorded as a conflict on the claim. It keeps a shadow copy of
 * every claim's work record, so there is always a last good value to put back.
 */
export class ClaimEditGuard {
  readonly #shadow = new Map<string, Record<string, unknown>>();
  readonly #claims: Y.Map<Y.Map<unknown>>;
  // Numbers this guard's conflict events: two undone edits of one claim in the same millisecond (two
  // replicas reconnecting together, or a clock that stands still) must still get two ids.
  #conflictCount = 0;

  constructor(
    private readonly work: Room,
    private readonly factsRoom: () => Room,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {
    this.#claims = work.doc.getMap(workMaps.claims);
    for (const [id, record] of this.#claims)
      if (record instanceof Y.Map) this.#shadow.set(id, record.toJSON());
    // Server-made changes (new claims, reverts) update the shadow as they happen.
    this.#claims.observeDeep((events, tx) => {
      if (tx.origin !== SERVER_ORIGIN) return;
      for (const id of changedClaimIds(events)) {
        const record = this.#claims.get(id);
        if (record instanceof Y.Map) this.#shadow.set(id, record.toJSON());
        else this.#shadow.delete(id);
      }
    });
  }

  /**
   * Checks one client transaction's changes; returns what must be undone, accepting the rest.
   * `editableInBatch`: claims that were Ready or Held at some point while the intents of the same
   * transaction were decided (their edits stand whatever the status now).
   */
  inspect(
    events: Y.YEvent<Y.AbstractType<unknown>>[],
    origin: unknown,
    editableInBatch: ReadonlySet<string> = new Set(),
  ): Revert[] {
    const conn = this.work.connections.get(origin as never);
    const actor: Actor = conn ? { kind: 'user', userId: conn.userId, role: conn.role } : { kind: 'server' };
    const status = this.factsRoom().doc.getMap<ClaimFacts>(factsMaps.status);
    const reverts: Revert[] = [];
    for (const event of events) {
      if (event.target === this.#claims) {
        for (const [claimId] of (event as Y.YMapEvent<unknown>).changes.keys) {
          reverts.push({ claimId, field: null, reason: 'claims_are_server_made', actor, status: 'Ready' });
        }
        continue;
      }
      const claimId = event.path[0];
      if (typeof claimId !== 'string' || event.path.length !== 1 || !(event instanceof Y.YMapEvent)) {
        if (typeof claimId === 'string')
          reverts.push({ claimId, field: null, reason: 'invalid_value', actor, status: 'Ready' });
        continue;
      }
      // A record the server never made (a made-up claim whose removal is still on its way) is taken
      // out whole, whatever was written into it.
      const shadow = this.#shadow.get(claimId);
      if (!shadow) {
        reverts.push({ claimId, field: null, reason: 'claims_are_server_made', actor, status: 'Ready' });
        continue;
      }
      const facts = status.get(claimId) ?? initialFacts;
      const open = isEditableStatus(facts.status) || editableInBatch.has(claimId);
      const record = this.#claims.get(claimId);
      for (const [field] of event.changes.keys) {
        let reason: Revert['reason'] | null = null;
        if (!editable.has(field)) reason = 'not_editable';
        else if (!open) reason = 'locked_after_submission';
        else if (!claimSchema.shape[field as EditableField].safeParse(record?.get(field)).success)
          reason = 'invalid_value';
        if (reason) reverts.push({ claimId, field, reason, actor, status: facts.status });
        else shadow[field] = record?.get(field);
      }
    }
    return reverts;
  }

  /** Undoes the changes (inside a server transaction on the work document) and records the conflicts. */
  revert(reverts: Revert[]): void {
    const facts = this.factsRoom();
    const at = this.now().toISOString();
    const stamp = Date.parse(at).toString(36);
    const conflicts: [string, HistoryEvent][] = [];
    for (const r of reverts) {
      const good = this.#shadow.get(r.claimId);
      if (r.field === null) {
        if (good) this.#claims.set(r.claimId, workRecordMap(good));
        else this.#claims.delete(r.claimId);
      } else {
        const record = this.#claims.get(r.claimId);
        if (!(record instanceof Y.Map)) continue;
        if (good && r.field in good) record.set(r.field, good[r.field]);
        else record.delete(r.field);
      }
      if (!good) continue;
      conflicts.push([
        r.claimId,
        {
          id: `${r.claimId}:edit:${stamp}:${this.#conflictCount++}`,
          claimId: r.claimId,
          at,
          actor: r.actor,
          kind: 'conflict',
          reason: revertMessage(r),
          detail: `refused=${r.reason}${r.field ? ` field=${r.field}` : ''}`,
        },
      ]);
    }
    if (conflicts.length === 0) return;
    this.log.info('authority_edits_reverted', { doc: this.work.name, count: conflicts.length });
    facts.doc.transact(() => {
      const maps = partitionMaps(this.work.doc, facts.doc);
      for (const [claimId, event] of conflicts) appendHistory(maps, claimId, [event]);
    }, SERVER_ORIGIN);
  }
}

function changedClaimIds(events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.path.length === 0) for (const [k] of (e as Y.YMapEvent<unknown>).changes.keys) ids.add(k);
    else if (typeof e.path[0] === 'string') ids.add(e.path[0]);
  }
  return ids;
}
