import { ApiError } from '../api/apiClient.ts';
import { type BatchDetail, type ClaimProblem, failedBatchOf, refusedClaimsOf } from './submissionSchemas.ts';

/** How many claims a problem lists by id (the count says the rest). */
export const LISTED_CLAIMS = 20;

/** A failed request in words: the server's message, the claims it names, and the batch it answered with. */
export interface SubmissionProblem {
  message: string;
  claims: ClaimProblem[];
  /** For a failed upload: the batch, now 'failed' with its message. */
  batch: BatchDetail | null;
  /** No answer from the server at all. */
  offline: boolean;
}

/**
 * Any error of a submission call as something to show. ApiError messages are written for people by
 * the server (or say the server can't be reached) and are shown as they are; anything else is a bug
 * here, described without its internals.
 */
export function submissionProblem(error: unknown): SubmissionProblem {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      claims: refusedClaimsOf(error.body),
      batch: failedBatchOf(error.body),
      offline: error.code === 'offline',
    };
  }
  return {
    message: 'Something went wrong on this screen. Reload the page and try again.',
    claims: [],
    batch: null,
    offline: false,
  };
}

/** One line a claim: "C0ABC…: This claim is Held now, not Ready." plus its scrubber messages. */
export function claimProblemLines(claims: readonly ClaimProblem[], limit = LISTED_CLAIMS): string[] {
  const lines = claims.slice(0, limit).map((c) => {
    const findings = (c.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.message);
    return [`${c.claimId}: ${c.message}`, ...findings].join(' ');
  });
  if (claims.length > limit) lines.push(`…and ${(claims.length - limit).toLocaleString('en-US')} more.`);
  return lines;
}
