import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { ClaimOutcome } from '../../../shared/sync/intent.ts';

/** A status change this screen sent, as the activity line follows it. */
export interface SentIntent {
  opId: string;
  toStatus: ClaimStatus;
  claimCount: number;
}

/** Where a sent change stands, in words for the person who sent it. */
export interface IntentActivity {
  opId: string;
  state: 'pending' | 'done' | 'partly';
  text: string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Held: waiting for the server (3 claims)", "Held: 3 claims done", "Held: 2 claims done, 1 in
 * Conflicts". `decided` and `results` are the replica's intent status; a batch counts as done only
 * once every claim has its answer.
 */
export function describeIntent(
  sent: SentIntent,
  status: { decided: boolean; results: Record<string, ClaimOutcome> },
): IntentActivity {
  if (!status.decided) {
    return {
      opId: sent.opId,
      state: 'pending',
      text: `${sent.toStatus}: waiting for the server (${plural(sent.claimCount, 'claim')})`,
    };
  }
  let accepted = 0;
  let refused = 0;
  for (const result of Object.values(status.results)) {
    if (result.ok) accepted++;
    else refused++;
  }
  if (refused === 0) {
    return { opId: sent.opId, state: 'done', text: `${sent.toStatus}: ${plural(accepted, 'claim')} done` };
  }
  return {
    opId: sent.opId,
    state: 'partly',
    text: `${sent.toStatus}: ${plural(accepted, 'claim')} done, ${refused.toLocaleString('en-US')} in Conflicts`,
  };
}
