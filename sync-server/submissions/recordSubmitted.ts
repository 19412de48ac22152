import type * as Y from 'yjs';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import type { PracticeSettings } from '../../shared/domain/practice.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import { refMaps } from '../../shared/sync/layout.ts';
import { type ClaimFact, recordClaimFacts } from '../authority/claimFacts.ts';
import type { PartitionDocs } from '../authority/partitionClaims.ts';
import type { SubmissionFactSkipped } from '../storage/storage.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';

/**
 * Map of the ref document holding, per batch id, the authorization units that batch drew. Written in the
 * same Yjs transaction as the units themselves (one update, one SQLite append), so "units drawn" and
 * "this batch drew them" are on disk together or not at all.
 */
export const SUBMISSION_UNITS_MAP = 'submissionUnits';

/** What one batch drew: `units` by authorization id. */
export interface BatchUnitsRecord {
  at: string;
  units: Record<string, number>;
}

export interface SubmittedFacts {
  /** The batch's claims of this month now Submitted (also those an earlier run already recorded). */
  submitted: Claim[];
  skipped: SubmissionFactSkipped[];
}

/**
 * Records the server fact "Submitted, via submission" on claims of one service month: the shared
 * transition with the server as actor and its history event, all in one facts transaction and one
 * block of sequence numbers (`recordClaimFacts`): a 5,000-claim batch is one update, not 5,000.
 *
 * Idempotent for a batch: `at` is the batch's upload time, so a claim this batch already recorded is
 * Submitted with `lastSubmittedAt === at` and is counted without writing again. A claim no longer Ready
 * (held while the file was going out) is refused by the transition and listed in `skipped`.
 */
export function recordSubmittedClaims(
  docs: PartitionDocs,
  batchId: string,
  claimIds: readonly string[],
  at: string,
  settings: Pick<PracticeSettings, 'settleWriteOff'>,
): SubmittedFacts {
  const already: Claim[] = [];
  const facts: ClaimFact[] = claimIds.map((claimId) => ({
    claimId,
    decide(claim) {
      if (claim.status === 'Submitted' && claim.lastSubmittedAt === at) {
        already.push(claim);
        return { ok: true, unchanged: true };
      }
      const eventId = `server:${claimId}:${at}`;
      const result = transition(
        claim,
        { toStatus: 'Submitted', via: 'submission' },
        { actor: { kind: 'server' }, at, eventId, postingIdPrefix: eventId, settings },
      );
      if (!result.ok) return { ok: false, code: result.refusal.code, message: result.refusal.message };
      // The claim's EDI history names the batch (client/src/queue/ediHistory.ts reads `batch=`).
      const detail = result.event.detail ? `${result.event.detail} batch=${batchId}` : `batch=${batchId}`;
      return { ok: true, claim: result.claim, events: [{ ...result.event, detail }] };
    },
  }));
  const outcome = recordClaimFacts(docs, facts);
  const skipped = outcome.refused.map(({ claimId, code, message }) => ({
    claimId,
    code,
    message:
      code === 'unknown_claim'
        ? 'This claim went out in the file but is no longer on the server, so it could not be marked Submitted.'
        : `This claim went out in the file, but it changed meanwhile and could not be marked Submitted: ${message}`,
  }));
  return { submitted: [...already, ...outcome.changed], skipped };
}

/** Units each authorization gives the claims' lines (a line draws its units on the authorization it links). */
export function unitsByAuthorization(claims: readonly Claim[]): Map<string, number> {
  const drawn = new Map<string, number>();
  for (const claim of claims) {
    for (const line of claim.lines) {
      if (line.authorizationId === null || line.units <= 0) continue;
      drawn.set(line.authorizationId, (drawn.get(line.authorizationId) ?? 0) + line.units);
    }
  }
  return drawn;
}

/**
 * Adds the units the batch's submitted claims draw to their authorizations' `unitsUsed`, exactly once per
 * batch: the increments and the batch's record in SUBMISSION_UNITS_MAP are one server transaction on the
 * ref document (one update, appended to SQLite in one commit), and a batch already recorded there draws
 * nothing. Returns what was drawn, or null when the batch had already drawn its units.
 *
 * An authorization deleted meanwhile (or damaged by a client) is skipped: there is nothing to draw on.
 */
export function drawAuthorizationUnits(
  ref: Y.Doc,
  batchId: string,
  at: string,
  claims: readonly Claim[],
): Record<string, number> | null {
  const marks = ref.getMap<BatchUnitsRecord>(SUBMISSION_UNITS_MAP);
  if (marks.has(batchId)) return null;
  const authorizations = ref.getMap<Authorization>(refMaps.authorizations);
  const units: Record<string, number> = {};
  ref.transact(() => {
    for (const [authorizationId, drawn] of unitsByAuthorization(claims)) {
      const auth = authorizations.get(authorizationId);
      if (!auth || typeof auth !== 'object' || !Number.isSafeInteger(auth.unitsUsed)) continue;
      authorizations.set(authorizationId, { ...auth, unitsUsed: auth.unitsUsed + drawn });
      units[authorizationId] = drawn;
    }
    marks.set(batchId, { at, units });
  }, SERVER_ORIGIN);
  return units;
}
