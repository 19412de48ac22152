/** Why a submission request was refused. Routes map each to an HTTP status; clients match on the code. */
export type SubmissionErrorCode =
  | 'practice_not_set_up'
  | 'payer_not_found'
  | 'payer_not_electronic'
  | 'nothing_to_submit'
  | 'too_many_claims'
  | 'control_numbers_exhausted'
  | 'file_not_written'
  | 'batch_not_found'
  | 'already_sent'
  | 'upload_in_progress'
  | 'batch_out_of_date'
  | 'claims_in_upload';

/** A claim left out of a batch, or blocking one, and why (no patient data: ids, codes, messages). */
export interface ClaimProblem {
  claimId: string;
  code: string;
  message: string;
  /** The scrubber's findings, when it was the scrubber that kept the claim out. */
  findings?: readonly { code: string; severity: string; message: string; lineNo?: number; field?: string }[];
}

/**
 * A refusal of the submission service, with a message a biller can act on. Never quotes patient data:
 * claim ids and codes only, so it can be logged and sent as is.
 */
export class SubmissionError extends Error {
  constructor(
    readonly code: SubmissionErrorCode,
    message: string,
    /** The claims concerned (left out, changed, busy), when the refusal is about claims. */
    readonly claims: readonly ClaimProblem[] = [],
  ) {
    super(message);
    this.name = 'SubmissionError';
  }
}
