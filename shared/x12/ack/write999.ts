import { X12WriteError } from '../errors.ts';
import { type AckEnvelope, closeAck, openAck } from './envelope.ts';

export const X231A1 = '005010X231A1';

/** An IK4: one element of an erroneous segment (position, X12 data element number, IK403 code). */
export interface Ack999ElementError {
  /** IK401-1: element position in the segment (CLM05 → 5). */
  position: number;
  /** IK401-2: component position within a composite (CLM05-1 → 1). */
  component?: number;
  /** IK402: the X12 data element reference number, e.g. '1331' for the place of service. */
  reference?: string;
  /**
   * IK403: 1 required element missing, 2 conditional element missing, 3 too many elements,
   * 4 too short, 5 too long, 6 invalid character, 7 invalid code value, 8 invalid date, …, I12 pattern match.
   */
  code: string;
  /** IK404: a copy of the bad value (left out when absent, e.g. for a missing element). */
  value?: string;
}

/** An IK3 (and its IK4s): one segment in error within a transaction set. */
export interface Ack999SegmentError {
  /** IK301: the segment id, e.g. 'CLM'. */
  segmentId: string;
  /** IK302: the segment's position in the transaction set, ST being 1. */
  position: number;
  /** IK303: the loop it sits in, e.g. '2300'. */
  loop?: string;
  /** IK304: 1 unrecognized segment, 2 unexpected, 3 required missing, 4 loop occurs too often, 5 segment exceeds maximum use, 8 segment has data element errors, … */
  code: string;
  elements?: readonly Ack999ElementError[];
}

/** The acknowledgment of one transaction set (AK2 … IK5). */
export interface Ack999Transaction {
  /** AK201: ST01 of the acknowledged set, e.g. '837'. */
  id: string;
  /** AK202: ST02 of the acknowledged set, as received. */
  controlNumber: string;
  /** AK203: ST03 of the acknowledged set. */
  version?: string;
  segmentErrors?: readonly Ack999SegmentError[];
  /**
   * IK502–IK506 set-level syntax codes: 1 not supported, 2 trailer missing, 3 control number in header
   * and trailer do not match, 4 segment count wrong, 5 one or more segments in error, …
   * When empty and `segmentErrors` has some, '5' is written.
   */
  setErrors?: readonly string[];
}

export interface Write999Input extends AckEnvelope {
  /** The acknowledged functional group. */
  group: {
    /** AK101: its GS01, e.g. 'HC'. */
    functionalId: string;
    /** AK102: its GS06, as received. */
    controlNumber: string;
    /** AK103: its GS08, e.g. '005010X222A1'. */
    version: string;
    /** AK902: what its GE01 said (defaults to the number of sets acknowledged). */
    declaredCount?: number;
    /** AK905–AK909 group-level codes: 4 group control number mismatch, 5 set count mismatch, … */
    errors?: readonly string[];
  };
  transactions: readonly Ack999Transaction[];
  /** ST02 of the 999 (default 1). */
  transactionControlNumber?: number;
}

/** IK501 / AK901: accepted, partially accepted (group only), rejected. */
export type Ack999Status = 'A' | 'P' | 'R';

export interface Write999Result {
  text: string;
  /** AK901 */
  groupStatus: Ack999Status;
  /** IK501 per acknowledged set, in input order. */
  transactions: { controlNumber: string; status: 'A' | 'R' }[];
}

const MAX_SET_CODES = 5;

/**
 * Writes a 999 (005010X231A1) acknowledging one functional group: AK1 names the group (GS06), then per
 * transaction set an AK2, its IK3/IK4 errors and IK5 (A, or R with the set-level codes), and AK9 with
 * the counts (included, received, accepted). A set with any error is rejected; the group is A when all
 * sets are accepted, R when none is (or the group itself has errors), P otherwise.
 */
export function write999(input: Write999Input): Write999Result {
  const { group, transactions } = input;
  const { w } = openAck(input, 'FA', X231A1);
  w.beginTransaction({
    id: '999',
    controlNumber: input.transactionControlNumber ?? 1,
    implementationReference: X231A1,
  });
  w.segment('AK1', group.functionalId, group.controlNumber, group.version);
  const results: Write999Result['transactions'] = [];
  for (const t of transactions) {
    w.segment('AK2', t.id, t.controlNumber, t.version);
    const segmentErrors = t.segmentErrors ?? [];
    for (const e of segmentErrors) {
      if (!Number.isSafeInteger(e.position) || e.position < 1) {
        throw new X12WriteError('IK3', 2, 'the segment position must be a whole number from 1');
      }
      w.segment('IK3', e.segmentId, String(e.position), e.loop, e.code);
      for (const el of e.elements ?? []) {
        w.segment(
          'IK4',
          [String(el.position), el.component === undefined ? '' : String(el.component)],
          el.reference,
          el.code,
          el.value,
        );
      }
    }
    let codes = [...(t.setErrors ?? [])];
    if (codes.length === 0 && segmentErrors.length > 0) codes = ['5'];
    if (codes.length > MAX_SET_CODES) throw new X12WriteError('IK5', 2, 'at most 5 set-level error codes');
    const status = codes.length > 0 ? 'R' : 'A';
    w.segment('IK5', status, ...codes);
    results.push({ controlNumber: t.controlNumber, status });
  }
  const groupErrors = group.errors ?? [];
  if (groupErrors.length > MAX_SET_CODES)
    throw new X12WriteError('AK9', 5, 'at most 5 group-level error codes');
  const accepted = results.filter((r) => r.status === 'A').length;
  const groupStatus: Ack999Status =
    groupErrors.length > 0 || accepted === 0 ? 'R' : accepted === results.length ? 'A' : 'P';
  w.segment(
    'AK9',
    groupStatus,
    String(group.declaredCount ?? transactions.length),
    String(transactions.length),
    String(groupErrors.length > 0 ? 0 : accepted),
    ...groupErrors,
  );
  w.endTransaction();
  return { text: closeAck(w), groupStatus, transactions: results };
}
