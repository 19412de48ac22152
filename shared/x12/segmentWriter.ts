import { X12WriteError } from './errors.ts';

/** Separators for a written interchange. */
export interface WriterDelimiters {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

/** `*`, `:`, `^`, `~`: what Office Ally's companion guide shows and most trading partners expect. */
export const DEFAULT_DELIMITERS: Readonly<WriterDelimiters> = Object.freeze({
  element: '*',
  component: ':',
  repetition: '^',
  segment: '~',
});

/**
 * One element: a simple value, or the components of a composite (`['HC', '97153', 'HN']`). Empty,
 * null and undefined all mean "not used"; trailing unused elements and components are dropped.
 */
export type X12Value = string | null | undefined | readonly (string | null | undefined)[];

export interface WriterOptions {
  delimiters?: Partial<WriterDelimiters>;
  /** Put a newline after every segment terminator (easier to read; receivers ignore it). */
  lineBreaks?: boolean;
}

/** ISA fields that vary; the rest are fixed for 5010 (no authorization or security information). */
export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** YYMMDD */
  date: string;
  /** HHMM */
  time: string;
  /** 1…999,999,999; never repeated for a sender (the caller persists it). */
  controlNumber: number;
  usage: 'T' | 'P';
  /** ISA14: ask the receiver for a TA1. */
  acknowledgmentRequested?: boolean;
}

export interface GroupHeader {
  /** GS01, e.g. 'HC' for health care claims. */
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  /** CCYYMMDD */
  date: string;
  /** HHMM */
  time: string;
  /** 1…999,999,999; never repeated for a sender (the caller persists it). */
  controlNumber: number;
  /** GS08, e.g. '005010X222A1'. */
  version: string;
}

export interface TransactionHeader {
  /** ST01, e.g. '837'. */
  id: string;
  /** ST02: 1…999,999,999, written with at least 4 digits; unique within the group. */
  controlNumber: number;
  /** ST03, e.g. '005010X222A1'. */
  implementationReference?: string;
}

const MAX_CONTROL = 999_999_999;
/** Written by the writer itself, so their counts and numbers cannot disagree with the content. */
const ENVELOPE_IDS = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA', 'HL']);

function isLetterOrDigitOrBlank(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c <= 32 || c === 127;
}

function escapeForClass(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function checkDelimiters(d: WriterDelimiters): void {
  const all = [d.element, d.component, d.repetition, d.segment];
  for (const ch of all) {
    if (ch.length !== 1 || isLetterOrDigitOrBlank(ch.charCodeAt(0))) {
      throw new X12WriteError(
        'ISA',
        0,
        'each delimiter must be one character that is not a letter, digit or blank',
      );
    }
  }
  if (new Set(all).size !== all.length) throw new X12WriteError('ISA', 0, 'the four delimiters must differ');
}

function controlNumber(segment: string, el: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONTROL) {
    throw new X12WriteError(segment, el, 'control number must be a whole number from 1 to 999999999');
  }
}

function fixed(segment: string, el: number, value: string, width: number, pad: ' ' | '0'): string {
  if (value.length > width) throw new X12WriteError(segment, el, `longer than ${width} characters`);
  return pad === ' ' ? value.padEnd(width, ' ') : value.padStart(width, '0');
}

function digits(segment: string, el: number, value: string, length: number): string {
  if (value.length !== length || !/^\d+$/.test(value)) {
    throw new X12WriteError(segment, el, `must be ${length} digits`);
  }
  return value;
}

interface OpenHl {
  /** Index of the HL's text in `parts`; rewritten when the transaction ends (HL04 needs the future). */
  part: number;
  prefix: string;
  hasChildren: boolean;
}

/**
 * Builds one interchange as an array of segment strings joined once at the end. It computes what a
 * person should never type: SE01 (segments from ST to SE), GE01 (transaction sets), IEA01 (groups),
 * HL01 numbering and HL04 (child code), fixed-width ISA fields. Every value is checked: one that holds a
 * delimiter or a character outside printable ASCII is an X12WriteError, never a silently corrupt file.
 * Calls must nest: interchange ⊃ group ⊃ transaction ⊃ segments.
 */
export class X12Writer {
  readonly delimiters: Readonly<WriterDelimiters>;
  private readonly terminator: string;
  private readonly forbidden: RegExp;
  private readonly parts: string[] = [];
  private interchange: InterchangeHeader | null = null;
  private group: GroupHeader | null = null;
  private transaction: TransactionHeader | null = null;
  private groupCount = 0;
  private transactionCount = 0;
  private segmentCount = 0;
  private hls: OpenHl[] = [];
  private finished = false;

  constructor(options: WriterOptions = {}) {
    const d = { ...DEFAULT_DELIMITERS, ...options.delimiters };
    checkDelimiters(d);
    this.delimiters = Object.freeze(d);
    this.terminator = d.segment + (options.lineBreaks ? '\n' : '');
    const delimiterClass = [d.element, d.component, d.repetition, d.segment].map(escapeForClass).join('');
    this.forbidden = new RegExp(`[^\\u0020-\\u007e]|[${delimiterClass}]`);
  }

  beginInterchange(h: InterchangeHeader): void {
    if (this.interchange !== null || this.finished)
      throw new X12WriteError('ISA', 0, 'one interchange per writer');
    controlNumber('ISA', 13, h.controlNumber);
    const isa = [
      'ISA',
      '00',
      '          ',
      '00',
      '          ',
      fixed('ISA', 5, h.senderQualifier, 2, ' '),
      fixed('ISA', 6, h.senderId, 15, ' '),
      fixed('ISA', 7, h.receiverQualifier, 2, ' '),
      fixed('ISA', 8, h.receiverId, 15, ' '),
      digits('ISA', 9, h.date, 6),
      digits('ISA', 10, h.time, 4),
      this.delimiters.repetition,
      '00501',
      String(h.controlNumber).padStart(9, '0'),
      h.acknowledgmentRequested ? '1' : '0',
      h.usage,
      this.delimiters.component,
    ];
    for (let i = 5; i <= 8; i++) this.checkValue('ISA', i, isa[i]!);
    this.interchange = h;
    this.parts.push(isa.join(this.delimiters.element) + this.terminator);
  }

  beginGroup(g: GroupHeader): void {
    if (this.interchange === null || this.group !== null) {
      throw new X12WriteError('GS', 0, 'a group opens inside an interchange, one at a time');
    }
    controlNumber('GS', 6, g.controlNumber);
    this.group = g;
    this.groupCount++;
    this.transactionCount = 0;
    this.raw('GS', [
      g.functionalId,
      g.senderCode,
      g.receiverCode,
      digits('GS', 4, g.date, 8),
      digits('GS', 5, g.time, 4),
      String(g.controlNumber),
      'X',
      g.version,
    ]);
  }

  beginTransaction(t: TransactionHeader): void {
    if (this.group === null || this.transaction !== null) {
      throw new X12WriteError('ST', 0, 'a transaction set opens inside a group, one at a time');
    }
    controlNumber('ST', 2, t.controlNumber);
    this.transaction = t;
    this.transactionCount++;
    this.hls = [];
    this.segmentCount = 1;
    this.raw('ST', [t.id, this.stControl(t), t.implementationReference]);
  }

  /** Appends one segment inside the open transaction set (envelope and HL segments have their own calls). */
  segment(id: string, ...elements: X12Value[]): void {
    if (this.transaction === null) throw new X12WriteError(id, 0, 'segments go inside a transaction set');
    if (ENVELOPE_IDS.has(id))
      throw new X12WriteError(id, 0, 'envelope and HL segments are computed by the writer');
    this.segmentCount++;
    this.raw(id, elements);
  }

  /**
   * Appends an HL segment: HL01 numbered from 1 within the transaction set, HL02 = `parent` (null for a
   * top level), HL03 = `levelCode`, HL04 filled in when the transaction set ends (1 when a later HL names
   * this one as parent). Returns HL01, to pass as the parent of child levels.
   */
  hl(parent: number | null, levelCode: string): number {
    if (this.transaction === null) throw new X12WriteError('HL', 0, 'segments go inside a transaction set');
    if (parent !== null) {
      const p = this.hls[parent - 1];
      if (p === undefined)
        throw new X12WriteError('HL', 2, 'parent is not an earlier HL of this transaction set');
      p.hasChildren = true;
    }
    this.checkValue('HL', 3, levelCode);
    const id = this.hls.length + 1;
    const e = this.delimiters.element;
    this.segmentCount++;
    this.hls.push({
      part: this.parts.length,
      prefix: `HL${e}${id}${e}${parent ?? ''}${e}${levelCode}${e}`,
      hasChildren: false,
    });
    this.parts.push('');
    return id;
  }

  /** Closes the transaction set with SE (segment count including ST and SE); returns that count. */
  endTransaction(): number {
    const t = this.transaction;
    if (t === null) throw new X12WriteError('SE', 0, 'no transaction set is open');
    for (const hl of this.hls)
      this.parts[hl.part] = hl.prefix + (hl.hasChildren ? '1' : '0') + this.terminator;
    const count = this.segmentCount + 1;
    this.raw('SE', [String(count), this.stControl(t)]);
    this.transaction = null;
    this.hls = [];
    return count;
  }

  endGroup(): void {
    const g = this.group;
    if (g === null || this.transaction !== null)
      throw new X12WriteError('GE', 0, 'no group to close, or a set is open');
    this.raw('GE', [String(this.transactionCount), String(g.controlNumber)]);
    this.group = null;
  }

  endInterchange(): void {
    const h = this.interchange;
    if (h === null || this.group !== null)
      throw new X12WriteError('IEA', 0, 'no interchange to close, or a group is open');
    this.raw('IEA', [String(this.groupCount), String(h.controlNumber).padStart(9, '0')]);
    this.interchange = null;
    this.finished = true;
  }

  /** The whole interchange; only once it is closed. */
  toString(): string {
    if (!this.finished) throw new X12WriteError('IEA', 0, 'the interchange is not closed');
    return this.parts.join('');
  }

  private stControl(t: TransactionHeader): string {
    return String(t.controlNumber).padStart(4, '0');
  }

  private checkValue(id: string, el: number, value: string): void {
    if (this.forbidden.test(value)) {
      throw new X12WriteError(id, el, 'value holds a delimiter or a character outside printable ASCII');
    }
  }

  private raw(id: string, elements: readonly X12Value[]): void {
    this.checkValue(id, 0, id);
    const d = this.delimiters;
    let last = elements.length;
    while (last > 0 && isEmpty(elements[last - 1])) last--;
    let text = id;
    for (let i = 0; i < last; i++) {
      const v = elements[i];
      text += d.element;
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        this.checkValue(id, i + 1, v);
        text += v;
        continue;
      }
      let end = v.length;
      while (end > 0 && !v[end - 1]) end--;
      for (let c = 0; c < end; c++) {
        const part = v[c] ?? '';
        this.checkValue(id, i + 1, part);
        text += c === 0 ? part : d.component + part;
      }
    }
    this.parts.push(text + this.terminator);
  }
}

function isEmpty(v: X12Value): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (typeof v === 'string') return false;
  for (const c of v) if (c) return false;
  return true;
}
