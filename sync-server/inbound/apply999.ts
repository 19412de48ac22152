import { claimsByTransactionSet } from '../../shared/x12/837p/transactionClaims.ts';
import { read999 } from '../../shared/x12/ack/read999.ts';
import { recordPracticeFacts } from '../claims/practiceClaims.ts';
import type { SubmissionAckState } from '../storage/storage.ts';
import type { DocsAccess } from '../submissions/practiceDocs.ts';
import { type AckError, rejectedSetReason, rejectionFact } from './acknowledgmentFacts.ts';
import type { HandlerResult, InboundSourceRef } from './processInboundFile.ts';

const ACK_STATE: Record<string, SubmissionAckState> = {
  A: 'accepted',
  E: 'accepted',
  P: 'partially_accepted',
  R: 'rejected',
};

/**
 * A 999: for each functional group it acknowledges, the batch that sent it (by GS06) gets the verdict,
 * and the claims of each rejected transaction set become Denied with the errors in words. A 999 for a
 * group ClaimGrid never sent is recorded and listed, and changes nothing.
 */
export function apply999(access: DocsAccess, source: InboundSourceRef, text: string): HandlerResult {
  const parsed = read999(text);
  const { storage } = access;
  const groups = parsed.acknowledgments.map((ack) => {
    const gcn = Number(ack.groupControlNumber);
    const batch = Number.isSafeInteger(gcn)
      ? storage.submissionBatchByGroupControlNumber(source.practiceId, gcn)
      : null;
    const state = ACK_STATE[ack.groupStatus] ?? 'rejected';
    const rejectedSets = ack.transactions.filter((t) => t.status === 'R');
    let claimsRejected = 0;
    let refused: { claimId: string; code: string; message: string }[] = [];
    if (batch) {
      storage.acknowledgeSubmissionBatch(source.practiceId, batch.id, {
        state,
        at: source.at,
        fileHash: source.fileHash,
      });
      if (rejectedSets.length > 0) {
        const file = storage.getSubmissionBatchFile(source.practiceId, batch.id) ?? '';
        const bySet = claimsByTransactionSet(file);
        // A whole group rejected without naming sets rejects every set of the file.
        const sets =
          state === 'rejected' && ack.transactions.length === 0
            ? [...bySet.keys()].map((controlNumber) => ({ controlNumber, segmentErrors: [] }))
            : rejectedSets;
        const facts = sets.flatMap((t) => {
          const errors: AckError[] = t.segmentErrors.flatMap((s): AckError[] =>
            s.elements.length === 0
              ? [{ segment: s.segmentId, position: s.position, element: null, code: s.code }]
              : s.elements.map((e) => ({
                  segment: s.segmentId,
                  position: s.position,
                  element: String(e.position),
                  code: e.code,
                })),
          );
          const reason = rejectedSetReason(t.controlNumber, errors);
          return (bySet.get(t.controlNumber) ?? []).map((claimId) =>
            rejectionFact(claimId, source, '999', 'rejected_clearinghouse', reason),
          );
        });
        const partitions = new Map(batch.claims.map((c) => [c.claimId, c.partition]));
        const result = recordPracticeFacts(access, source.practiceId, facts, { partitions });
        claimsRejected = result.changed.length;
        refused = result.refused;
      }
    }
    return {
      groupControlNumber: ack.groupControlNumber,
      batchId: batch?.id ?? null,
      ackState: state,
      transactions: ack.transactions.map((t) => ({
        controlNumber: t.controlNumber,
        status: t.status,
        errors: t.segmentErrors.length,
      })),
      claimsRejected,
      refused,
    };
  });
  return { ok: true, outcome: { kind: '999', groups } };
}
