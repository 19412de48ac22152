import type * as Y from 'yjs';
import { claimIdFor } from '../../shared/claims/claimId.ts';
import { generateClaim } from '../../shared/claims/generateClaim.ts';
import { sessionSchema } from '../../shared/domain/session.ts';
import { splitClaim } from '../../shared/sync/assembleClaim.ts';
import { factsMaps, workMaps } from '../../shared/sync/layout.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import type { Room } from '../sync/room.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';
import { appendHistory, partitionMaps, workRecordMap } from './claimRecords.ts';
import { referenceData } from './referenceData.ts';

interface GenerateOptions {
  storage: Storage;
  log: Logger;
  now: () => Date;
}

/**
 * Turns Finalized sessions into claims, exactly once: the claim id is derived from the session, so a
 * session finalized by two offline clients (or seen again after a restart) finds its claim already
 * there. Runs inside a server transaction on the work document. Sessions that can't become a claim
 * (no insurance, unknown client) get a problem record the UI shows on the session.
 */
export function generateClaimsForSessions(
  sessionIds: readonly string[],
  work: Room,
  facts: Room,
  ref: Room,
  options: GenerateOptions,
): void {
  const sessions = work.doc.getMap<unknown>(workMaps.sessions);
  const claims = work.doc.getMap<Y.Map<unknown>>(workMaps.claims);
  const problems = facts.doc.getMap<{ code: string; message: string }>(factsMaps.sessionProblems);
  const data = referenceData(ref.doc);
  const practice = data.practice;
  if (!practice) return;
  const at = options.now().toISOString();
  const created: { claimId: string; sessionId: string; facts: ReturnType<typeof splitClaim>['facts'] }[] = [];
  const failed: [string, { code: string; message: string }][] = [];
  for (const sessionId of sessionIds) {
    // The claim id follows from the session id, so sessions that already have their claim (nearly all,
    // when a document loads) are skipped before any parsing; a claim kept as a row counts too (its
    // session left with it, but an offline replica may write the session back).
    const claimId = claimIdFor(practice.id, sessionId);
    if (claims.has(claimId) || options.storage.getClaimRow(practice.id, claimId)) continue;
    const parsed = sessionSchema.safeParse(sessions.get(sessionId));
    if (!parsed.success || parsed.data.noteStatus !== 'Finalized' || parsed.data.id !== sessionId) continue;
    const session = parsed.data;
    const client = data.clientsById.get(session.clientId);
    if (!client) {
      failed.push([
        sessionId,
        { code: 'unknown_client', message: 'The session names a client this practice does not have.' },
      ]);
      continue;
    }
    const result = generateClaim(session, {
      practice,
      client,
      payersById: data.payersById,
      feeIndex: data.feeIndex,
      authorizations: data.authorizationsByClient.get(client.id) ?? [],
      createdAt: at,
    });
    if (!result.ok) {
      failed.push([sessionId, result.error]);
      continue;
    }
    const seq = options.storage.nextCounter(`seq:${practice.id}`);
    const split = splitClaim(result.claim, seq);
    claims.set(claimId, workRecordMap(split.work));
    created.push({ claimId, sessionId, facts: split.facts });
  }
  if (created.length === 0 && failed.length === 0) return;
  facts.doc.transact(() => {
    const maps = partitionMaps(work.doc, facts.doc);
    for (const { claimId, sessionId, facts: f } of created) {
      maps.status.set(claimId, f);
      appendHistory(maps, claimId, [
        {
          id: `${claimId}:created`,
          claimId,
          at,
          actor: { kind: 'server' },
          kind: 'created',
          toStatus: 'Ready',
          detail: `seq=${f.seq}`,
        },
      ]);
      problems.delete(sessionId);
    }
    for (const [sessionId, problem] of failed) problems.set(sessionId, problem);
  }, SERVER_ORIGIN);
  options.log.info('authority_claims_generated', {
    doc: work.name,
    created: created.length,
    failed: failed.length,
  });
}
