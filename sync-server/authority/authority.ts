import type * as Y from 'yjs';
import { claimStatusSchema } from '../../shared/domain/claimStatus.ts';
import { defaultPracticeSettings } from '../../shared/domain/practice.ts';
import { initialFacts } from '../../shared/sync/assembleClaim.ts';
import { factsDocName, refDocName } from '../../shared/sync/docNames.ts';
import { type IntentOutcome, type IntentRecord, intentRecordSchema } from '../../shared/sync/intent.ts';
import { type ClaimFacts, factsMaps, isEditableStatus, workMaps } from '../../shared/sync/layout.ts';
import { errorFields, type Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { type Room, SERVER_ORIGIN } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/roomRegistry.ts';
import { decideIntent } from './decideIntent.ts';
import { generateClaimsForSessions } from './generateClaims.ts';
import { ClaimEditGuard } from './guardClaimEdits.ts';
import { archiveClosedClaims, PartitionClaims, type PartitionDocs } from './partitionClaims.ts';
import { referenceData } from './referenceData.ts';

export interface AuthorityOptions {
  registry: RoomRegistry;
  storage: Storage;
  log: Logger;
  now: () => Date;
}

/**
 * The server's authority over claims: it decides status intents, keeps edits of claims that went out
 * from sticking, and turns Finalized sessions into claims. It watches every work document the registry
 * loads; everything it writes carries SERVER_ORIGIN.
 */
export function startAuthority(options: AuthorityOptions): void {
  const { registry } = options;
  registry.onRoomLoaded((room) => {
    if (room.address.kind === 'work') watchWorkRoom(room, options);
  });
}

function watchWorkRoom(work: Room, options: AuthorityOptions): void {
  const { registry, log } = options;
  const { practiceId, partition } = work.address;
  const factsRoom = () => registry.get(factsDocName(practiceId, partition!))!;
  const refRoom = () => registry.get(refDocName(practiceId))!;
  const intents = work.doc.getMap<unknown>(workMaps.intents);
  const sessions = work.doc.getMap<unknown>(workMaps.sessions);
  const guard = new ClaimEditGuard(work, factsRoom, log, options.now);
  const partitionDocs = (): PartitionDocs => ({
    work: work.doc,
    facts: factsRoom().doc,
    storage: options.storage,
    practiceId,
    partition: partition!,
  });

  // Claims a decision closed leave the live documents once the decision has gone out (one move for
  // all the claims closed meanwhile, so a 10k batch moves in one step).
  let closing = new Set<string>();
  const archiveLater = (claimIds: readonly string[]) => {
    if (claimIds.length === 0) return;
    if (closing.size === 0) {
      setImmediate(() => {
        const ids = closing;
        closing = new Set();
        try {
          const moved = archiveClosedClaims(partitionDocs(), ids);
          if (moved > 0) log.info('authority_claims_archived', { doc: work.name, count: moved });
        } catch (error) {
          // The claims stay live (and editable by nobody); the next load's sweep moves them.
          log.error('authority_archive_failed', { doc: work.name, ...errorFields(error) });
        }
      });
    }
    for (const id of claimIds) closing.add(id);
  };

  // Work on the work document itself is deferred to its own server transaction, after the client's.
  let deferred: (() => void)[] = [];
  const defer = (fn: () => void) => {
    if (deferred.length === 0) {
      queueMicrotask(() => {
        const jobs = deferred;
        deferred = [];
        work.doc.transact(() => {
          for (const job of jobs) {
            // One failing job (damaged reference data, say) must not stop the others or the process.
            try {
              job();
            } catch (error) {
              log.error('authority_job_failed', { doc: work.name, ...errorFields(error) });
            }
          }
        }, SERVER_ORIGIN);
      });
    }
    deferred.push(fn);
  };

  // Claims that were editable at some point while the intents of the client transaction being handled
  // were decided. An offline batch carries edits and intents in one transaction, in an order the
  // observers can't see (edits, then the biller's own Void; a Resubmit, then edits, then Settle): an
  // edit of the batch stands if the claim was editable before, between or after its intents.
  const editableInBatch = new Set<string>();
  work.doc.on('afterTransaction', () => editableInBatch.clear());

  const decide = (opId: string, raw: unknown, userId: string | null, role: string | null) => {
    const facts = factsRoom();
    const outcomes = facts.doc.getMap<IntentOutcome>(factsMaps.outcomes);
    if (!outcomes.has(opId)) {
      const parsed = intentRecordSchema.safeParse(raw);
      const at = options.now().toISOString();
      if (
        !parsed.success ||
        parsed.data.opId !== opId ||
        userId === null ||
        role === null ||
        role === 'viewer'
      ) {
        facts.doc.transact(
          () => outcomes.set(opId, unusableIntent(opId, userId ?? 'unknown', at, raw)),
          SERVER_ORIGIN,
        );
        log.warn('authority_intent_refused', {
          doc: work.name,
          op: opId.slice(0, 64),
          parsed: parsed.success,
        });
      } else {
        const intent: IntentRecord = parsed.data;
        const status = facts.doc.getMap<ClaimFacts>(factsMaps.status);
        const noteEditable = () => {
          for (const id of intent.claimIds)
            if (isEditableStatus((status.get(id) ?? initialFacts).status)) editableInBatch.add(id);
        };
        noteEditable();
        const settings = referenceData(refRoom().doc).practice?.settings ?? defaultPracticeSettings;
        const claims = new PartitionClaims(partitionDocs());
        facts.doc.transact(() => {
          decideIntent(intent, claims, facts.doc, {
            actor: { kind: 'user', userId, role: role as 'admin' | 'biller' },
            at,
            settings,
            reserveSeq: (n) => options.storage.nextCounter(`seq:${practiceId}`, n),
          });
          claims.commitRows();
        }, SERVER_ORIGIN);
        // Reopened claims are live again at once, so later intents of the same batch find them.
        if (claims.hasReopened) work.doc.transact(() => claims.restoreReopened(), SERVER_ORIGIN);
        archiveLater(claims.closedClaims());
        noteEditable();
      }
    }
    defer(() => intents.delete(opId));
  };

  intents.observe((event) => {
    const origin = event.transaction.origin;
    if (origin === SERVER_ORIGIN) return;
    const conn = work.connections.get(origin as never);
    for (const [opId, change] of event.changes.keys) {
      if (change.action === 'delete') continue;
      decide(opId, intents.get(opId), conn?.userId ?? null, conn?.role ?? null);
    }
  });

  sessions.observe((event) => {
    if (event.transaction.origin === SERVER_ORIGIN) return;
    const changed = [...event.changes.keys].filter(([, c]) => c.action !== 'delete').map(([id]) => id);
    if (changed.length > 0)
      defer(() => generateClaimsForSessions(changed, work, factsRoom(), refRoom(), options));
  });

  work.doc.getMap<Y.Map<unknown>>(workMaps.claims).observeDeep((events, transaction) => {
    if (transaction.origin === SERVER_ORIGIN) return;
    const reverts = guard.inspect(events, transaction.origin, editableInBatch);
    if (reverts.length > 0) defer(() => guard.revert(reverts));
  });

  // Recovery after a restart: claims closed but not yet moved out of the live documents are moved (this
  // also moves the closed claims of documents written before claims were kept as rows); intents that
  // were persisted but not yet cleaned up, and Finalized sessions without a claim, are handled as if
  // they had just arrived.
  try {
    const swept = archiveClosedClaims(partitionDocs());
    if (swept > 0) log.info('authority_claims_archived', { doc: work.name, count: swept });
  } catch (error) {
    log.error('authority_archive_failed', { doc: work.name, ...errorFields(error) });
  }
  const pending = [...intents.keys()];
  for (const opId of pending) decide(opId, intents.get(opId), null, null);
  const finalized = [...sessions.keys()];
  if (finalized.length > 0)
    defer(() => generateClaimsForSessions(finalized, work, factsRoom(), refRoom(), options));
}

// An intent that can't be decided (malformed, or its sender unknown after a restart) still gets an
// outcome, so the person who sent it sees it refused instead of pending forever.
function unusableIntent(opId: string, userId: string, at: string, raw: unknown): IntentOutcome {
  const claimIds =
    raw && typeof raw === 'object' && Array.isArray((raw as { claimIds?: unknown }).claimIds)
      ? ((raw as { claimIds: unknown[] }).claimIds.filter((id) => typeof id === 'string') as string[]).slice(
          0,
          20_000,
        )
      : [];
  const results: IntentOutcome['results'] = {};
  for (const id of claimIds) {
    results[id] = {
      ok: false,
      code: 'unusable_intent',
      message: 'This change could not be read by the server; please make it again.',
    };
  }
  const toStatus = claimStatusSchema.safeParse((raw as { toStatus?: unknown } | null)?.toStatus);
  return { opId, userId, decidedAt: at, toStatus: toStatus.success ? toStatus.data : 'Ready', results };
}
