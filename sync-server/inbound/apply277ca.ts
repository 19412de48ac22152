import { read277ca } from '../../shared/x12/ack/read277ca.ts';
import { locateClaims, recordPracticeFacts } from '../claims/practiceClaims.ts';
import type { DocsAccess } from '../submissions/practiceDocs.ts';
import { acceptanceFact, ediStatusOf277, rejection277Reason, rejectionFact } from './acknowledgmentFacts.ts';
import type { HandlerResult, InboundSourceRef } from './processInboundFile.ts';

/**
 * A 277CA: each claim (by its patient control number) gets its electronic status and the payer's claim
 * number; a rejected one becomes Denied ("rejected before adjudication") with the message. Claims this
 * practice does not have are listed in the outcome.
 */
export function apply277ca(access: DocsAccess, source: InboundSourceRef, text: string): HandlerResult {
  const parsed = read277ca(text);
  const located = locateClaims(
    access,
    source.practiceId,
    parsed.claims.map((c) => c.patientControlNumber),
  );
  const facts = parsed.claims.map((c) => {
    const rejected = c.status === 'rejected';
    const edi = ediStatusOf277(c.source?.entity ?? null, c.statusCodes, rejected);
    return rejected
      ? rejectionFact(
          c.patientControlNumber,
          source,
          '277CA',
          edi === 'rejected_payer' ? 'rejected_payer' : 'rejected_clearinghouse',
          rejection277Reason(c.statusCodes, c.message),
          c.statusCodes.map((s) => s.split(':').slice(0, 2).join(':')),
          c.clearinghouseTraceNumber,
        )
      : acceptanceFact(
          c.patientControlNumber,
          source,
          edi === 'accepted_payer' ? 'accepted_payer' : 'accepted_clearinghouse',
          c.payerClaimControlNumber,
          c.statusCodes,
          c.message ?? '',
          c.clearinghouseTraceNumber,
        );
  });
  const result = recordPracticeFacts(access, source.practiceId, facts, located);
  return {
    ok: true,
    outcome: {
      kind: '277CA',
      claims: parsed.claims.length,
      accepted: parsed.claims.filter((c) => c.status === 'accepted').length,
      rejected: parsed.claims.filter((c) => c.status === 'rejected').length,
      changed: result.changed.length,
      unchanged: result.unchanged,
      unknownClaims: result.unknown,
      refused: result.refused,
    },
  };
}
