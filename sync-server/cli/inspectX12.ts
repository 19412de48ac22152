import { type Inspect837P, read837p } from '../../shared/x12/837p/read837p.ts';
import { detectX12, type X12Kind } from '../../shared/x12/detect.ts';
import { forEachSegment } from '../../shared/x12/tokenize.ts';

/*
 * What `claimgrid x12 inspect` prints. The 837P shape is final (issue 5). The 835, 999 and 277CA
 * shapes are counts for now; their full shapes come with the remittance issue and replace these.
 */

interface Counts {
  /** ST … SE sets in the file. */
  transactionSets: number;
  segments: number;
}

export interface Inspect835 extends Counts {
  type: '835';
  /** CLP (claim payment) segments. */
  claims: number;
  /** SVC (service payment) segments. */
  serviceLines: number;
}

export interface Inspect999 extends Counts {
  type: '999';
  /** AK2: the transaction sets acknowledged. */
  acknowledgedSets: number;
  /** IK5*A or IK5*E. */
  acceptedSets: number;
  /** Any other IK5 (R, M, W, X). */
  rejectedSets: number;
}

export interface Inspect277CA extends Counts {
  type: '277CA';
  /** HL levels with HL03 = PT: one per claim acknowledged. */
  claims: number;
  /** STC segments (at every level). */
  statuses: number;
}

export type Inspection = Inspect837P | Inspect835 | Inspect999 | Inspect277CA;

/** A well-formed X12 file of a kind inspect does not describe (837I, 997, 277 status, …). */
export class UnsupportedX12Error extends Error {
  override readonly name = 'UnsupportedX12Error';
  readonly kind: X12Kind;

  constructor(kind: X12Kind) {
    super(
      `${kind === 'unknown' ? 'an X12 transaction' : `a ${kind}`} that inspect does not describe (837P, 835, 999, 277CA)`,
    );
    this.kind = kind;
  }
}

function count(text: string, onSegment: (id: string, elements: string[]) => void): Counts {
  const counts: Counts = { transactionSets: 0, segments: 0 };
  forEachSegment(text, (seg) => {
    counts.segments++;
    if (seg.id === 'ST') counts.transactionSets++;
    onSegment(seg.id, seg.elements);
  });
  return counts;
}

/**
 * Describes an X12 file by its content (never its name). Throws an X12SyntaxError (segment and line)
 * for a malformed file, an UnsupportedX12Error for another transaction.
 */
export function inspectX12(text: string): Inspection {
  const { kind } = detectX12(text);
  switch (kind) {
    case '837P':
      return read837p(text);
    case '835': {
      let claims = 0;
      let serviceLines = 0;
      const counts = count(text, (id) => {
        if (id === 'CLP') claims++;
        if (id === 'SVC') serviceLines++;
      });
      return { type: '835', ...counts, claims, serviceLines };
    }
    case '999': {
      let acknowledgedSets = 0;
      let acceptedSets = 0;
      let rejectedSets = 0;
      const counts = count(text, (id, e) => {
        if (id === 'AK2') acknowledgedSets++;
        if (id !== 'IK5') return;
        if (e[1] === 'A' || e[1] === 'E') acceptedSets++;
        else rejectedSets++;
      });
      return { type: '999', ...counts, acknowledgedSets, acceptedSets, rejectedSets };
    }
    case '277CA': {
      let claims = 0;
      let statuses = 0;
      const counts = count(text, (id, e) => {
        if (id === 'HL' && e[3] === 'PT') claims++;
        if (id === 'STC') statuses++;
      });
      return { type: '277CA', ...counts, claims, statuses };
    }
    default:
      throw new UnsupportedX12Error(kind);
  }
}
