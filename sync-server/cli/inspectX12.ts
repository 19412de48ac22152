import { type Inspect837P, read837p } from '../../shared/x12/837p/read837p.ts';
import { read277ca } from '../../shared/x12/ack/read277ca.ts';
import { type Parsed835Transaction, read835 } from '../../shared/x12/ack/read835.ts';
import { type Parsed999Acknowledgment, read999 } from '../../shared/x12/ack/read999.ts';
import { detectX12, type X12Kind } from '../../shared/x12/detect.ts';

/*
 * What `claimgrid x12 inspect` prints: one JSON document per file, by its content (never its name).
 * The shapes are the issues' (837P: issue 5; 835, 999, 277CA: the remittance issue). A file with several
 * 835 transaction sets (payments) or several 999 sets prints the per-set shape in an array
 * (`transactions` / `acknowledgments`); with one set the document is exactly the single shape.
 * The readers' own results (shared/x12/ack/read*.ts) carry more; inspect shows what a person checks.
 */

export interface InspectAdjustment {
  group: string;
  reason: string;
  amountCents: number;
}

export interface Inspect835Line {
  /** SVC01-2 (modifiers are in the reader's result, not here). */
  procedure: string;
  chargeCents: number;
  paidCents: number;
  units: number;
  adjustments: InspectAdjustment[];
}

export interface Inspect835Claim {
  patientControlNumber: string;
  /** CLP02 in words: processed_primary, denied, reversal, … */
  status: string;
  chargeCents: number;
  paidCents: number;
  patientRespCents: number;
  payerClaimControlNumber: string | null;
  adjustments: InspectAdjustment[];
  /** RARCs: MIA/MOA remark codes and the lines' LQ*HE codes. */
  remarks: string[];
  lines: Inspect835Line[];
}

/** One 835 transaction set (one payment). */
export interface Inspect835Payment {
  balanced: boolean;
  payment: { totalCents: number; method: string; trace: string; date: string };
  claims: Inspect835Claim[];
  providerAdjustments: { reason: string; amountCents: number }[];
}

export type Inspect835 =
  | ({ type: '835' } & Inspect835Payment)
  | { type: '835'; balanced: boolean; transactions: Inspect835Payment[] };

export interface Inspect999Error {
  /** IK301 (null for a set-level code from IK5). */
  segment: string | null;
  /** IK302: the segment's position in the acknowledged set. */
  position: number | null;
  /** `CLM05-1` from IK301 and IK401 (null for a segment-level or set-level error). */
  element: string | null;
  /** IK403 for an element error, IK304 for a segment error, IK502–506 for a set-level one. */
  code: string;
  /** IK404: the bad value as the acknowledgment quotes it. */
  value: string | null;
}

export interface Inspect999Group {
  groupStatus: 'A' | 'E' | 'P' | 'R';
  transactions: { controlNumber: string; status: 'A' | 'E' | 'R'; errors: Inspect999Error[] }[];
}

export type Inspect999 =
  | ({ type: '999' } & Inspect999Group)
  | { type: '999'; acknowledgments: Inspect999Group[] };

export interface Inspect277CA {
  type: '277CA';
  claims: {
    patientControlNumber: string;
    status: 'accepted' | 'rejected';
    statusCodes: string[];
    payerClaimControlNumber: string | null;
    message: string | null;
  }[];
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

const adjustments = (list: readonly InspectAdjustment[]): InspectAdjustment[] =>
  list.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents }));

function payment835(t: Parsed835Transaction): Inspect835Payment {
  return {
    balanced: t.balanced,
    payment: { ...t.payment },
    claims: t.claims.map((c) => ({
      patientControlNumber: c.patientControlNumber,
      status: c.status,
      chargeCents: c.chargeCents,
      paidCents: c.paidCents,
      patientRespCents: c.patientRespCents,
      payerClaimControlNumber: c.payerClaimControlNumber,
      adjustments: adjustments(c.adjustments),
      remarks: [...c.remarks],
      lines: c.lines.map((l) => ({
        procedure: l.procedure,
        chargeCents: l.chargeCents,
        paidCents: l.paidCents,
        units: l.units,
        adjustments: adjustments(l.adjustments),
      })),
    })),
    providerAdjustments: t.providerAdjustments.map((p) => ({ reason: p.reason, amountCents: p.amountCents })),
  };
}

/**
 * The errors of one acknowledged set, flat: one per IK4, one per IK3 without IK4s, and one per IK5 code
 * other than 5 ("one or more segments in error", which the IK3s already say).
 */
function errors999(t: Parsed999Acknowledgment['transactions'][number]): Inspect999Error[] {
  const out: Inspect999Error[] = [];
  for (const s of t.segmentErrors) {
    if (s.elements.length === 0) {
      out.push({ segment: s.segmentId, position: s.position, element: null, code: s.code, value: null });
    }
    for (const e of s.elements) {
      const element = `${s.segmentId}${String(e.position).padStart(2, '0')}${e.component === null ? '' : `-${e.component}`}`;
      out.push({ segment: s.segmentId, position: s.position, element, code: e.code, value: e.value });
    }
  }
  for (const code of t.setErrors) {
    if (code !== '5') out.push({ segment: null, position: null, element: null, code, value: null });
  }
  return out;
}

function group999(a: Parsed999Acknowledgment): Inspect999Group {
  return {
    groupStatus: a.groupStatus,
    transactions: a.transactions.map((t) => ({
      controlNumber: t.controlNumber,
      status: t.status,
      errors: errors999(t),
    })),
  };
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
      const { transactions, balanced } = read835(text);
      if (transactions.length === 1) return { type: '835', ...payment835(transactions[0]!) };
      return { type: '835', balanced, transactions: transactions.map(payment835) };
    }
    case '999': {
      const { acknowledgments } = read999(text);
      if (acknowledgments.length === 1) return { type: '999', ...group999(acknowledgments[0]!) };
      return { type: '999', acknowledgments: acknowledgments.map(group999) };
    }
    case '277CA':
      return {
        type: '277CA',
        claims: read277ca(text).claims.map((c) => ({
          patientControlNumber: c.patientControlNumber,
          status: c.status,
          statusCodes: [...c.statusCodes],
          payerClaimControlNumber: c.payerClaimControlNumber,
          message: c.message,
        })),
      };
    default:
      throw new UnsupportedX12Error(kind);
  }
}
