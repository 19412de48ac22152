import type { HistoryEvent } from '../domain/history.ts';
import type { IntentOutcome } from './intent.ts';

/**
 * The history event an intent's outcome implies for one claim: a status change when accepted, a
 * conflict when refused; null when the outcome does not name the claim or could not be attributed.
 * Its id is `${opId}:${claimId}`, the same on every replica.
 */
export function historyFromOutcome(outcome: IntentOutcome, claimId: string): HistoryEvent | null {
  const result = outcome.results[claimId];
  if (!result || outcome.role === undefined) return null;
  const event: HistoryEvent = {
    id: `${outcome.opId}:${claimId}`,
    claimId,
    at: outcome.decidedAt,
    actor: { kind: 'user', userId: outcome.userId, role: outcome.role },
    kind: result.ok ? 'status_changed' : 'conflict',
    toStatus: outcome.toStatus,
    detail: result.ok
      ? `seq=${result.seq}`
      : `refused=${result.code}${result.saw !== undefined ? ` saw=${result.saw}` : ''}`,
  };
  if (result.from !== undefined) event.fromStatus = result.from;
  if (outcome.reason !== undefined) event.reason = outcome.reason;
  return event;
}

/**
 * A claim's whole history: the events stored for it and those implied by intent outcomes, oldest
 * first (stored before implied at the same instant, then by id, so every replica lists them alike).
 */
export function claimHistory(
  claimId: string,
  stored: readonly HistoryEvent[],
  outcomes: Iterable<IntentOutcome>,
): HistoryEvent[] {
  const events: [HistoryEvent, number][] = stored.map((e) => [e, 0]);
  for (const outcome of outcomes) {
    const event = historyFromOutcome(outcome, claimId);
    if (event) events.push([event, 1]);
  }
  events.sort(([a, ka], [b, kb]) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : ka - kb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return events.map(([e]) => e);
}
