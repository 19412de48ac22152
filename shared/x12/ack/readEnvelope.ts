import { X12SyntaxError } from '../errors.ts';
import type { X12SegmentCursor } from '../segmentScanner.ts';

/** A segment in the wrong place, or envelope arithmetic that does not add up. */
export function structureError(segmentId: string, line: number, reason: string): X12SyntaxError {
  return new X12SyntaxError('structure', segmentId, line, reason);
}

/** An element value that is not what its type or code list allows (the value itself is never quoted). */
export function valueError(segmentId: string, line: number, reason: string): X12SyntaxError {
  return new X12SyntaxError('bad_value', segmentId, line, reason);
}

/** A count element (SE01, GE01, IEA01): 1–10 digits, or null. */
function countOf(value: string): number | null {
  const n = value.length;
  if (n === 0 || n > 10) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v;
}

/** Control numbers agree when equal as written, or as numbers when both are digits ('0001' = '1'). */
function sameControl(a: string, b: string): boolean {
  if (a === b) return true;
  const x = countOf(a);
  return x !== null && x === countOf(b);
}

/**
 * The envelope of an acknowledgment or remittance file, checked while it streams past: ISA ⊃ GS ⊃ ST ⊃ SE
 * in order (several interchanges, groups and sets allowed), ST01 the expected transaction, SE01 = the
 * set's segment count (ST to SE), SE02 = ST02, GE01 = the group's sets, GE02 = GS06, IEA01 = the groups.
 * IEA02 is not compared with ISA13: the interchange is only the transport's envelope, and public samples
 * from working systems disagree there (ims_999_accepted). Everything is an X12SyntaxError with the
 * segment and line; element values never appear in a message.
 */
export class EnvelopeReader {
  private interchangeOpen = false;
  private groupOpen = false;
  private setOpen = false;
  private groups = 0;
  private sets = 0;
  private setStartLine = 0;
  private st02 = '';
  private gs06 = '';
  private setCount = 0;
  /** GS08 of the open group (the implementation guide, e.g. 005010X221A1). */
  version = '';

  constructor(
    private readonly setId: string,
    private readonly label: string,
  ) {}

  /** Whether a transaction set is open (between ST and SE). */
  get inSet(): boolean {
    return this.setOpen;
  }

  /** ST02 of the open (or last) transaction set. */
  get controlNumber(): string {
    return this.st02;
  }

  /**
   * Checks an envelope segment (ISA, GS, ST, SE, GE, IEA) and returns true; returns false for a segment
   * inside a set, which the caller reads. Throws for anything out of place or miscounted. A reader may
   * skip the call for segments it knows are body segments of an open set (the hot path).
   */
  visit(cur: X12SegmentCursor): boolean {
    const line = cur.line;
    switch (cur.id) {
      case 'ISA':
        if (this.interchangeOpen) {
          throw structureError('ISA', line, 'an interchange starts before the previous one ends (no IEA)');
        }
        this.interchangeOpen = true;
        this.groups = 0;
        return true;
      case 'GS':
        if (!this.interchangeOpen || this.groupOpen) {
          throw structureError('GS', line, 'a group starts outside an interchange or inside another group');
        }
        this.groupOpen = true;
        this.groups++;
        this.sets = 0;
        this.gs06 = cur.element(6);
        this.version = cur.element(8);
        return true;
      case 'ST':
        if (!this.groupOpen || this.setOpen) {
          throw structureError('ST', line, 'a transaction set starts outside a group or inside another set');
        }
        if (cur.element(1) !== this.setId) {
          throw structureError('ST', line, `the transaction set is not an ${this.label} (ST01)`);
        }
        this.setOpen = true;
        this.sets++;
        this.setCount++;
        this.setStartLine = line;
        this.st02 = cur.element(2);
        return true;
      case 'SE': {
        if (!this.setOpen) throw structureError('SE', line, 'SE without an open transaction set');
        const declared = countOf(cur.element(1));
        if (declared === null) throw valueError('SE', line, 'SE01 is not a segment count');
        if (declared !== line - this.setStartLine + 1) {
          throw structureError('SE', line, 'SE01 does not match the number of segments from ST to SE');
        }
        if (!sameControl(cur.element(2), this.st02)) {
          throw structureError('SE', line, 'SE02 does not match ST02');
        }
        this.setOpen = false;
        return true;
      }
      case 'GE': {
        if (!this.groupOpen || this.setOpen) {
          throw structureError('GE', line, 'GE without an open group, or before the set closes (no SE)');
        }
        const declared = countOf(cur.element(1));
        if (declared === null) throw valueError('GE', line, 'GE01 is not a count of transaction sets');
        if (declared !== this.sets) {
          throw structureError('GE', line, 'GE01 does not match the number of transaction sets in the group');
        }
        if (!sameControl(cur.element(2), this.gs06)) {
          throw structureError('GE', line, 'GE02 does not match GS06');
        }
        this.groupOpen = false;
        return true;
      }
      case 'IEA': {
        if (!this.interchangeOpen || this.groupOpen) {
          throw structureError('IEA', line, 'IEA without an open interchange, or before the group closes');
        }
        const declared = countOf(cur.element(1));
        if (declared === null) throw valueError('IEA', line, 'IEA01 is not a count of groups');
        if (declared !== this.groups) {
          throw structureError('IEA', line, 'IEA01 does not match the number of groups in the interchange');
        }
        this.interchangeOpen = false;
        return true;
      }
      default:
        if (!this.setOpen) {
          throw structureError(cur.id, line, 'a segment outside a transaction set (between SE and ST)');
        }
        return false;
    }
  }

  /**
   * The input has ended after `lastLine` segments: every envelope must be closed, and there must have
   * been a transaction set. A missing trailer is reported at the line where it should have been.
   */
  finish(lastLine: number): void {
    const next = lastLine + 1;
    if (this.setOpen) throw structureError('SE', next, 'the file ends inside a transaction set (no SE)');
    if (this.groupOpen) throw structureError('GE', next, 'the file ends inside a group (no GE)');
    if (this.interchangeOpen)
      throw structureError('IEA', next, 'the file ends inside an interchange (no IEA)');
    if (this.setCount === 0) {
      throw structureError('ST', Math.max(1, lastLine), `the file has no ${this.label} transaction set`);
    }
  }
}
