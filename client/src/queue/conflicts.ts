import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { HistoryEvent } from '../../../shared/domain/history.ts';
import type { IntentOutcome } from '../../../shared/sync/intent.ts';
import type { EditableField } from '../../../shared/sync/layout.ts';

/** One change that did not happen as asked, with why: what the Conflicts view lists. */
export interface ConflictItem {
  /** Stable across recomputations, so a dismissal sticks. */
  id: string;
  claimId: string;
  /** When the server decided; null for an offline edit this device found dropped. */
  at: string | null;
  kind: 'status' | 'edit';
  /** Asked for by the person looking (their own conflicts come first in their view). */
  byMe: boolean;
  /** What was asked, in words: "Held — Waiting on records", "Edit place of service to 11". */
  intended: string;
  /** The claim's status on the requester's screen when they asked, when known. */
  saw: ClaimStatus | null;
  /** The status the server found, when known. */
  found: ClaimStatus | null;
  message: string;
}

/** An offline edit this replica wrote that the server's documents no longer hold (see the edit journal). */
export interface DroppedEditLike {
  claimId: string;
  field: EditableField;
  value: unknown;
  status: ClaimStatus;
  message: string;
}

const fieldLabels: Record<EditableField, string> = {
  placeOfService: 'place of service',
  renderingProviderId: 'rendering provider',
  diagnosisCodes: 'diagnosis codes',
  lines: 'service lines',
  authorizationId: 'authorization',
};

function fieldLabel(field: string | undefined): string {
  return field !== undefined && field in fieldLabels ? fieldLabels[field as EditableField] : 'a field';
}

/** The edited field named in a conflict event's detail (`refused=… field=placeOfService`). */
function fieldOfDetail(detail: string | undefined): string | undefined {
  return detail?.match(/(?:^|\s)field=(\S+)/)?.[1];
}

/** A short picture of a value for the "intended" text; lists and objects are not spelled out. */
function valueText(value: unknown): string {
  if (typeof value === 'string' && value.length <= 40) return ` to ${value}`;
  if (typeof value === 'number') return ` to ${value}`;
  return '';
}

/**
 * Every conflict the replica knows of: refused parts of status intents (the server's outcomes), edits
 * the server undid (conflict events in claim histories) and offline edits found dropped on this device.
 * Newest first; dropped edits, which have no server time, lead.
 */
export function collectConflicts(input: {
  outcomes: Iterable<IntentOutcome>;
  editConflicts: readonly HistoryEvent[];
  dropped: readonly DroppedEditLike[];
  userId: string;
}): ConflictItem[] {
  const out: ConflictItem[] = [];
  for (const outcome of input.outcomes) {
    const intended =
      outcome.reason === undefined ? outcome.toStatus : `${outcome.toStatus} — ${outcome.reason}`;
    for (const [claimId, result] of Object.entries(outcome.results)) {
      if (result.ok) continue;
      out.push({
        id: `${outcome.opId}:${claimId}`,
        claimId,
        at: outcome.decidedAt,
        kind: 'status',
        byMe: outcome.userId === input.userId,
        intended,
        saw: result.saw ?? null,
        found: result.from ?? null,
        message: result.message,
      });
    }
  }
  for (const event of input.editConflicts) {
    out.push({
      id: event.id,
      claimId: event.claimId,
      at: event.at,
      kind: 'edit',
      byMe: event.actor.kind === 'user' && event.actor.userId === input.userId,
      intended: `Edit ${fieldLabel(fieldOfDetail(event.detail))}`,
      saw: null,
      found: null,
      message: event.reason ?? 'The server undid this edit.',
    });
  }
  const timed = out.sort((a, b) => (a.at! < b.at! ? 1 : a.at! > b.at! ? -1 : a.id < b.id ? -1 : 1));
  const dropped: ConflictItem[] = input.dropped.map((d) => ({
    id: `dropped:${d.claimId}:${d.field}`,
    claimId: d.claimId,
    at: null,
    kind: 'edit',
    byMe: true,
    intended: `Edit ${fieldLabel(d.field)}${valueText(d.value)}`,
    saw: null,
    found: d.status,
    message: d.message,
  }));
  return [...dropped, ...timed];
}

/** What the view shows: not dismissed, and only the person's own unless they ask for everyone's. */
export function visibleConflicts(
  items: readonly ConflictItem[],
  options: { dismissed: ReadonlySet<string>; everyone: boolean },
): ConflictItem[] {
  return items.filter((c) => !options.dismissed.has(c.id) && (options.everyone || c.byMe));
}
