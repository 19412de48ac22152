import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import { SERVER_ORIGIN } from '../sync/room.ts';
import { archiveClosedClaims, PartitionClaims, type PartitionDocs } from './partitionClaims.ts';

/** What a server fact does to one claim: the claim after it with its history events, or why it cannot. */
export type ClaimFactResult =
  | { ok: true; claim: Claim; events: HistoryEvent[] }
  /** Nothing to do (e.g. the same fact was recorded before): counted, not written. */
  | { ok: true; unchanged: true }
  | { ok: false; code: string; message: string };

export interface ClaimFact {
  claimId: string;
  decide(claim: Claim): ClaimFactResult;
}

export interface ClaimFactsOutcome {
  changed: Claim[];
  unchanged: string[];
  refused: { claimId: string; code: string; message: string }[];
}

/**
 * Records server facts (an acknowledgment, a payment) on claims of one service month in one facts
 * transaction with one block of sequence numbers: live claims get new facts, closed ones a rewritten row
 * (on disk before anyone hears of it), claims a fact closes move to rows after the broadcast. Each
 * `decide` is pure and sees the claim as it is now, so a fact recorded twice can see itself and say
 * `unchanged`.
 */
export function recordClaimFacts(
  docs: PartitionDocs,
  facts: readonly ClaimFact[],
  /** The partition's claims as a caller already read them (rows primed), or a fresh reader. */
  claims: PartitionClaims = new PartitionClaims(docs),
): ClaimFactsOutcome {
  const decided: { before: Claim; after: Claim; events: HistoryEvent[] }[] = [];
  const outcome: ClaimFactsOutcome = { changed: [], unchanged: [], refused: [] };
  // Several facts on one claim in one call (a reversal then its correction) apply in order.
  const current = new Map<string, { before: Claim; now: Claim; events: HistoryEvent[] }>();
  for (const fact of facts) {
    const seen = current.get(fact.claimId);
    const claim = seen?.now ?? claims.read(fact.claimId);
    if (!claim) {
      outcome.refused.push({
        claimId: fact.claimId,
        code: 'unknown_claim',
        message: 'There is no such claim in this practice.',
      });
      continue;
    }
    const result = fact.decide(claim);
    if (!result.ok) {
      outcome.refused.push({ claimId: fact.claimId, code: result.code, message: result.message });
      continue;
    }
    if ('unchanged' in result) {
      if (!seen) outcome.unchanged.push(fact.claimId);
      continue;
    }
    if (seen) {
      seen.now = result.claim;
      seen.events.push(...result.events);
    } else current.set(fact.claimId, { before: claim, now: result.claim, events: [...result.events] });
  }
  for (const { before, now, events } of current.values()) decided.push({ before, after: now, events });
  if (decided.length === 0) return outcome;

  const firstSeq = docs.storage.nextCounter(`seq:${docs.practiceId}`, decided.length);
  docs.facts.transact(() => {
    decided.forEach((d, i) => {
      claims.write(d.before, d.after, firstSeq + i, d.events);
    });
    claims.commitRows();
  }, SERVER_ORIGIN);
  if (claims.hasReopened) docs.work.transact(() => claims.restoreReopened(), SERVER_ORIGIN);
  archiveClosedClaims(docs, claims.closedClaims());
  outcome.changed = decided.map((d) => d.after);
  return outcome;
}
