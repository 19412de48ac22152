import { type X12SegmentCursor, X12SegmentScanner } from '../segmentScanner.ts';
import { EnvelopeReader, structureError, valueError } from './readEnvelope.ts';
import { elementName, optionalAt } from './readValues.ts';

/*
 * The 999 reader (005010X231A1): per acknowledged group (AK1) the status of each transaction set (AK2 …
 * IK5) with its segment (IK3) and element (IK4) errors, and the group's status and counts (AK9).
 * Strictness: the segments of the 999 guide (AK1, AK2, IK3, CTX, IK4, IK5, AK9) must come in the guide's
 * order; any other id inside a set is an error. Codes the guide defines are checked where they decide a
 * status (IK501, AK901); error codes are passed on as written.
 */

/** IK501 folded to what it means for the set: A accepted, E accepted with errors, R rejected (M, W, X too). */
export type Parsed999SetStatus = 'A' | 'E' | 'R';
/** AK901 folded the same way: A, E, P partially accepted, R rejected (M, W, X too). */
export type Parsed999GroupStatus = 'A' | 'E' | 'P' | 'R';

/** An IK4: one element of an erroneous segment. */
export interface Parsed999ElementError {
  /** IK401-1: the element's position in the segment (CLM05 → 5). */
  position: number;
  /** IK401-2: the component's position in a composite (CLM05-1 → 1), null when not a composite. */
  component: number | null;
  /** IK402: the X12 data element reference number (e.g. 1331), null when absent. */
  reference: string | null;
  /** IK403: 1 required element missing, 4 too short, 5 too long, 6 invalid character, 7 invalid code, 8 invalid date, … */
  code: string;
  /** IK404: a copy of the bad value, null when absent. */
  value: string | null;
}

/** An IK3 and its IK4s: one segment in error. */
export interface Parsed999SegmentError {
  /** IK301, e.g. 'CLM'. */
  segmentId: string;
  /** IK302: the segment's position in the acknowledged set, ST being 1. */
  position: number;
  /** IK303: the loop, e.g. '2300', null when absent. */
  loop: string | null;
  /** IK304: 1 unrecognized segment, 2 unexpected, 3 required missing, 8 has data element errors, … */
  code: string;
  elements: Parsed999ElementError[];
}

/** One acknowledged transaction set (AK2 … IK5). */
export interface Parsed999Transaction {
  /** AK201: ST01 of the acknowledged set, e.g. '837'. */
  setId: string;
  /** AK202: ST02 of the acknowledged set. */
  controlNumber: string;
  /** AK203 */
  version: string | null;
  status: Parsed999SetStatus;
  /** IK501 as written: A, E, M, R, W or X. */
  statusCode: string;
  segmentErrors: Parsed999SegmentError[];
  /** IK502–IK506: set-level syntax codes (2 trailer missing, 4 segment count wrong, 5 segments in error, …). */
  setErrors: string[];
}

/** One 999 transaction set: the acknowledgment of one functional group (AK1 … AK9). */
export interface Parsed999Acknowledgment {
  /** ST02 of the 999 itself. */
  controlNumber: string;
  /** AK101: GS01 of the acknowledged group, e.g. 'HC'. */
  functionalId: string;
  /** AK102: GS06 of the acknowledged group (what the sender matches to its batch). */
  groupControlNumber: string;
  /** AK103: GS08 of the acknowledged group. */
  version: string | null;
  groupStatus: Parsed999GroupStatus;
  /** AK901 as written: A, E, M, P, R, W or X. */
  groupStatusCode: string;
  /** AK902 (sets the group's GE01 declared), AK903 (received), AK904 (accepted). */
  declaredCount: number;
  receivedCount: number;
  acceptedCount: number;
  /** AK905–AK909: group-level codes. */
  groupErrors: string[];
  transactions: Parsed999Transaction[];
}

export interface Parsed999 {
  acknowledgments: Parsed999Acknowledgment[];
}

const SET_STATUS: ReadonlyMap<string, Parsed999SetStatus> = new Map([
  ['A', 'A'],
  ['E', 'E'],
  ['M', 'R'],
  ['R', 'R'],
  ['W', 'R'],
  ['X', 'R'],
]);
const GROUP_STATUS: ReadonlyMap<string, Parsed999GroupStatus> = new Map([
  ['A', 'A'],
  ['E', 'E'],
  ['M', 'R'],
  ['P', 'P'],
  ['R', 'R'],
  ['W', 'R'],
  ['X', 'R'],
]);

/** A position or count: 1–9 digits. */
function numberAt(cur: X12SegmentCursor, n: number, what: string): number {
  const value = cur.element(n);
  if (value.length === 0 || value.length > 9 || !/^\d+$/.test(value)) {
    throw valueError(cur.id, cur.line, `${elementName(cur.id, n)} (${what}) is not a whole number`);
  }
  return Number(value);
}

function required(cur: X12SegmentCursor, n: number, what: string): string {
  const value = cur.element(n);
  if (value === '') throw valueError(cur.id, cur.line, `${elementName(cur.id, n)} (${what}) is empty`);
  return value;
}

/** Codes from element `from` to `to`, the empty ones left out. */
function codes(cur: X12SegmentCursor, from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    const c = cur.element(k);
    if (c !== '') out.push(c);
  }
  return out;
}

type Where = 'start' | 'group' | 'set' | 'segment' | 'end';

class Ack999Reader {
  readonly acknowledgments: Parsed999Acknowledgment[] = [];
  private readonly envelope = new EnvelopeReader('999', '999');
  private where: Where = 'start';
  private controlNumber = '';
  private ack: Parsed999Acknowledgment | null = null;
  private transaction: Parsed999Transaction | null = null;
  private segmentError: Parsed999SegmentError | null = null;
  private component = ':';

  segment(cur: X12SegmentCursor): void {
    if (!this.envelope.inSet) {
      this.envelope.visit(cur);
      if (cur.id === 'ST') {
        this.where = 'start';
        this.controlNumber = cur.element(2);
        this.component = cur.delimiters.component;
      }
      return;
    }
    switch (cur.id) {
      case 'AK1':
        if (this.where !== 'start') throw this.misplaced(cur, 'AK1 comes once, right after ST');
        this.ack = {
          controlNumber: this.controlNumber,
          functionalId: required(cur, 1, 'functional identifier'),
          groupControlNumber: required(cur, 2, 'group control number'),
          version: optionalAt(cur, 3),
          groupStatus: 'R',
          groupStatusCode: '',
          declaredCount: 0,
          receivedCount: 0,
          acceptedCount: 0,
          groupErrors: [],
          transactions: [],
        };
        this.where = 'group';
        return;
      case 'AK2':
        if (this.where !== 'group') throw this.misplaced(cur, 'an AK2 follows AK1 or the previous IK5');
        this.transaction = {
          setId: required(cur, 1, 'transaction set identifier'),
          controlNumber: required(cur, 2, 'transaction set control number'),
          version: optionalAt(cur, 3),
          status: 'R',
          statusCode: '',
          segmentErrors: [],
          setErrors: [],
        };
        this.ack!.transactions.push(this.transaction);
        this.where = 'set';
        return;
      case 'IK3':
        if (this.where !== 'set' && this.where !== 'segment')
          throw this.misplaced(cur, 'IK3 belongs to an AK2');
        this.segmentError = {
          segmentId: required(cur, 1, 'segment id'),
          position: numberAt(cur, 2, 'segment position'),
          loop: optionalAt(cur, 3),
          code: required(cur, 4, 'segment syntax error code'),
          elements: [],
        };
        this.transaction!.segmentErrors.push(this.segmentError);
        this.where = 'segment';
        return;
      case 'CTX':
        if (this.where !== 'segment') throw this.misplaced(cur, 'CTX belongs to an IK3 or IK4');
        return;
      case 'IK4':
        if (this.where !== 'segment') throw this.misplaced(cur, 'IK4 belongs to an IK3');
        this.ik4(cur);
        return;
      case 'IK5': {
        if (this.where !== 'set' && this.where !== 'segment') throw this.misplaced(cur, 'IK5 closes an AK2');
        const t = this.transaction!;
        t.statusCode = cur.element(1);
        const status = SET_STATUS.get(t.statusCode);
        if (status === undefined) throw valueError('IK5', cur.line, 'IK501 is not A, E, M, R, W or X');
        t.status = status;
        t.setErrors = codes(cur, 2, 6);
        this.transaction = null;
        this.segmentError = null;
        this.where = 'group';
        return;
      }
      case 'AK9': {
        if (this.where !== 'group') throw this.misplaced(cur, 'AK9 follows the last IK5');
        const ack = this.ack!;
        ack.groupStatusCode = cur.element(1);
        const status = GROUP_STATUS.get(ack.groupStatusCode);
        if (status === undefined) throw valueError('AK9', cur.line, 'AK901 is not A, E, M, P, R, W or X');
        ack.groupStatus = status;
        ack.declaredCount = numberAt(cur, 2, 'sets included');
        ack.receivedCount = numberAt(cur, 3, 'sets received');
        ack.acceptedCount = numberAt(cur, 4, 'sets accepted');
        ack.groupErrors = codes(cur, 5, 9);
        this.where = 'end';
        return;
      }
      case 'SE':
        if (this.where !== 'end') {
          throw structureError(
            'SE',
            cur.line,
            this.where === 'start' ? 'the 999 has no AK1' : 'the 999 has no AK9',
          );
        }
        this.envelope.visit(cur);
        this.acknowledgments.push(this.ack!);
        this.ack = null;
        return;
      default:
        // ISA, GS, ST, GE or IEA inside a set: the envelope reader says what is wrong.
        this.envelope.visit(cur);
        throw structureError(cur.id, cur.line, 'not a segment of the 999 (005010X231A1)');
    }
  }

  finish(lastLine: number): Parsed999 {
    this.envelope.finish(lastLine);
    return { acknowledgments: this.acknowledgments };
  }

  private ik4(cur: X12SegmentCursor): void {
    const position = cur.element(1).split(this.component);
    const element = position[0] ?? '';
    const component = position[1] ?? '';
    if (!/^\d{1,9}$/.test(element) || (component !== '' && !/^\d{1,9}$/.test(component))) {
      throw valueError('IK4', cur.line, 'IK401 is not an element position (and component position)');
    }
    this.segmentError!.elements.push({
      position: Number(element),
      component: component === '' ? null : Number(component),
      reference: optionalAt(cur, 2),
      code: required(cur, 3, 'element syntax error code'),
      value: optionalAt(cur, 4),
    });
  }

  private misplaced(cur: X12SegmentCursor, rule: string): Error {
    if (this.where === 'end') return structureError(cur.id, cur.line, 'only SE may follow AK9');
    return structureError(cur.id, cur.line, `out of place: ${rule}`);
  }
}

/**
 * Reads a 999 (one acknowledgment per 999 transaction set; usually one). Throws an X12SyntaxError naming
 * the segment and line for any malformed input.
 */
export function read999(text: string): Parsed999 {
  const reader = new Ack999Reader();
  const scanner = new X12SegmentScanner((cur) => {
    reader.segment(cur);
  });
  scanner.push(text);
  scanner.end();
  return reader.finish(scanner.segmentCount);
}
