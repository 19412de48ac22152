import { type X12SegmentCursor, X12SegmentScanner } from '../segmentScanner.ts';
import { EnvelopeReader, structureError, valueError } from './readEnvelope.ts';
import { elementName, isoFromX12Date, optionalAt, optionalCentsAt, optionalDateAt } from './readValues.ts';
import { type ClaimStatusCode, isRejection } from './write277ca.ts';

/*
 * The 277CA reader (005010X214): one result per claim level (HL03 PT, or DEP in a 277 that has a
 * dependent level) with its TRN*2 (the patient control number), STC statuses, REF*1K / REF*D9 and
 * service dates, plus the context above it (the information source, the batch's TRN, the provider).
 * Strictness: only the guide's segments (BHT, HL, NM1, TRN, DTP, STC, QTY, AMT, REF, SVC) may appear in a
 * set, BHT first and every other one inside an HL. Statuses after an SVC belong to that service line
 * (2220D), not to the claim, and are not read as the claim's.
 */

export interface Parsed277CAClaim {
  /** 2200D TRN02: the claim's CLM01. */
  patientControlNumber: string;
  status: 'accepted' | 'rejected';
  /** Every claim-level STC status (STC01, STC10, STC11 of each STC), in file order. */
  statuses: ClaimStatusCode[];
  /** The same as `category:code[:entity]` (`A7:562:85`), whatever the file's component separator. */
  statusCodes: string[];
  /** REF*1K: the payer's claim control number, when the payer has the claim. */
  payerClaimControlNumber: string | null;
  /** REF*D9: the clearinghouse's trace number for the claim. */
  clearinghouseTraceNumber: string | null;
  /** STC12 (the first one present): free-form text. */
  message: string | null;
  /** STC04 of the first claim STC: the claim's charge, in cents. */
  chargeCents: number | null;
  /** STC02 of the first claim STC (YYYY-MM-DD). */
  statusDate: string | null;
  /** DTP*472: the service dates (`serviceTo` equals `serviceFrom` for one day). */
  serviceFrom: string | null;
  serviceTo: string | null;
  /** 2100D NM1*QC: last name, first name, member id. */
  patient: { last: string; first: string; memberId: string | null } | null;
  /** 2100A: who acknowledges (NM101 PR payer or AY clearinghouse), its name and id. */
  source: { entity: string; name: string; id: string | null } | null;
  /** 2200B TRN02: the batch the claim came in (the 837's BHT03). */
  batchReference: string | null;
  /** 2100C NM109: the billing provider's NPI. */
  providerNpi: string | null;
  /** Line (segment ordinal) of the claim's HL. */
  segmentLine: number;
}

export interface Parsed277CA {
  claims: Parsed277CAClaim[];
  /** BHT03 of each transaction set. */
  references: string[];
}

const SEGMENTS_277: ReadonlySet<string> = new Set([
  'BHT',
  'HL',
  'NM1',
  'TRN',
  'DTP',
  'STC',
  'QTY',
  'AMT',
  'REF',
  'SVC',
]);

type Level = 'source' | 'receiver' | 'provider' | 'claim' | 'other';

function levelOf(code: string): Level {
  switch (code) {
    case '20':
      return 'source';
    case '21':
      return 'receiver';
    case '19':
      return 'provider';
    case 'PT':
    case 'DEP':
      return 'claim';
    default:
      return 'other';
  }
}

class Ack277CAReader {
  readonly claims: Parsed277CAClaim[] = [];
  readonly references: string[] = [];
  private readonly envelope = new EnvelopeReader('277', '277CA');
  /** 'bht' right after ST, 'top' after BHT; then the level of the current HL. */
  private where: 'bht' | 'top' | Level = 'bht';
  private inLine = false;
  private component = ':';
  private source: Parsed277CAClaim['source'] = null;
  private batchReference: string | null = null;
  private providerNpi: string | null = null;
  private claim: Parsed277CAClaim | null = null;
  /** Whether any STC segment of the open claim rejects it (each segment's first status decides). */
  private rejected = false;
  private stcCount = 0;
  private hasTrn = false;

  segment(cur: X12SegmentCursor): void {
    if (!this.envelope.inSet) {
      this.envelope.visit(cur);
      if (cur.id === 'ST') this.openSet(cur);
      return;
    }
    const id = cur.id;
    if (this.where === 'bht') {
      if (id !== 'BHT') {
        if (id === 'SE') throw structureError('SE', cur.line, 'the 277CA has no BHT');
        this.envelope.visit(cur);
        throw this.unknownOr(cur, 'BHT must be the first segment after ST');
      }
      this.references.push(cur.element(3));
      this.where = 'top';
      return;
    }
    if (this.where === 'top' && id !== 'HL') {
      if (id === 'SE') throw structureError('SE', cur.line, 'the 277CA has no HL');
      this.envelope.visit(cur);
      throw this.unknownOr(cur, 'the first HL follows BHT');
    }
    switch (id) {
      case 'HL':
        this.closeClaim();
        this.openLevel(cur);
        return;
      case 'NM1':
        this.nm1(cur);
        return;
      case 'TRN':
        this.trn(cur);
        return;
      case 'STC':
        if (this.where === 'claim' && !this.inLine) this.stc(cur);
        return;
      case 'REF':
        if (this.where === 'claim' && !this.inLine) {
          const qualifier = cur.element(1);
          if (qualifier === '1K') this.claim!.payerClaimControlNumber = optionalAt(cur, 2);
          else if (qualifier === 'D9') this.claim!.clearinghouseTraceNumber = optionalAt(cur, 2);
        }
        return;
      case 'DTP':
        if (this.where === 'claim' && !this.inLine && cur.element(1) === '472') this.serviceDates(cur);
        return;
      case 'SVC':
        if (this.where !== 'claim')
          throw structureError('SVC', cur.line, 'out of place: SVC belongs to a claim level');
        this.inLine = true;
        return;
      case 'QTY':
      case 'AMT':
        return;
      case 'SE':
        this.closeClaim();
        this.envelope.visit(cur);
        this.where = 'bht';
        return;
      default:
        this.envelope.visit(cur);
        throw this.unknownOr(cur, 'BHT comes once, right after ST');
    }
  }

  finish(lastLine: number): Parsed277CA {
    this.envelope.finish(lastLine);
    return { claims: this.claims, references: this.references };
  }

  private unknownOr(cur: X12SegmentCursor, reason: string): Error {
    if (!SEGMENTS_277.has(cur.id))
      return structureError(cur.id, cur.line, 'not a segment of the 277CA (005010X214)');
    return structureError(cur.id, cur.line, `out of place: ${reason}`);
  }

  private openSet(cur: X12SegmentCursor): void {
    this.component = cur.delimiters.component;
    this.where = 'bht';
    this.source = null;
    this.batchReference = null;
    this.providerNpi = null;
    this.claim = null;
  }

  private openLevel(cur: X12SegmentCursor): void {
    const level = levelOf(cur.element(3));
    this.where = level;
    this.inLine = false;
    switch (level) {
      case 'source':
        this.source = null;
        this.batchReference = null;
        this.providerNpi = null;
        return;
      case 'receiver':
        this.batchReference = null;
        this.providerNpi = null;
        return;
      case 'provider':
        this.providerNpi = null;
        return;
      case 'claim':
        this.claim = {
          patientControlNumber: '',
          status: 'accepted',
          statuses: [],
          statusCodes: [],
          payerClaimControlNumber: null,
          clearinghouseTraceNumber: null,
          message: null,
          chargeCents: null,
          statusDate: null,
          serviceFrom: null,
          serviceTo: null,
          patient: null,
          source: this.source,
          batchReference: this.batchReference,
          providerNpi: this.providerNpi,
          segmentLine: cur.line,
        };
        this.rejected = false;
        this.stcCount = 0;
        this.hasTrn = false;
        return;
      default:
        return;
    }
  }

  private closeClaim(): void {
    const claim = this.claim;
    if (claim === null) return;
    this.claim = null;
    if (!this.hasTrn) throw structureError('HL', claim.segmentLine, 'the claim level has no TRN*2');
    if (this.stcCount === 0) throw structureError('HL', claim.segmentLine, 'the claim level has no STC');
    claim.status = this.rejected ? 'rejected' : 'accepted';
    this.claims.push(claim);
  }

  private nm1(cur: X12SegmentCursor): void {
    switch (this.where) {
      case 'source':
        this.source = { entity: cur.element(1), name: cur.element(3), id: optionalAt(cur, 9) };
        return;
      case 'provider':
        if (cur.element(8) === 'XX') this.providerNpi = optionalAt(cur, 9);
        return;
      case 'claim':
        if (!this.inLine && (cur.element(1) === 'QC' || cur.element(1) === 'IL')) {
          this.claim!.patient = { last: cur.element(3), first: cur.element(4), memberId: optionalAt(cur, 9) };
        }
        return;
      default:
        return;
    }
  }

  private trn(cur: X12SegmentCursor): void {
    if (this.where === 'receiver' && cur.element(1) === '2') this.batchReference = optionalAt(cur, 2);
    if (this.where !== 'claim' || this.inLine) return;
    if (cur.element(1) !== '2') throw valueError('TRN', cur.line, 'TRN01 of a claim level is not 2');
    const pcn = cur.element(2);
    if (pcn === '') throw valueError('TRN', cur.line, 'TRN02 (the patient control number) is empty');
    this.claim!.patientControlNumber = pcn;
    this.hasTrn = true;
  }

  private stc(cur: X12SegmentCursor): void {
    const claim = this.claim!;
    const statuses: ClaimStatusCode[] = [];
    // STC01, STC10 and STC11 are category:status[:entity] composites.
    for (const k of [1, 10, 11]) {
      const composite = cur.element(k);
      if (composite === '') {
        if (k === 1) throw valueError('STC', cur.line, 'STC01 (the claim status) is empty');
        continue;
      }
      const [category = '', code = '', entity = ''] = composite.split(this.component);
      if (category === '' || code === '') {
        throw valueError('STC', cur.line, `${elementName('STC', k)} needs a category and a status code`);
      }
      const status: ClaimStatusCode = entity === '' ? { category, code } : { category, code, entity };
      statuses.push(status);
      claim.statuses.push(status);
      claim.statusCodes.push(entity === '' ? `${category}:${code}` : `${category}:${code}:${entity}`);
    }
    if (isRejection(statuses)) this.rejected = true;
    if (this.stcCount === 0) {
      claim.statusDate = optionalDateAt(cur, 2);
      claim.chargeCents = optionalCentsAt(cur, 4);
    }
    if (claim.message === null) claim.message = optionalAt(cur, 12);
    this.stcCount++;
  }

  private serviceDates(cur: X12SegmentCursor): void {
    const claim = this.claim!;
    const format = cur.element(2);
    const value = cur.element(3);
    if (format === 'D8') {
      const date = isoFromX12Date(value);
      if (date === null) throw valueError('DTP', cur.line, 'DTP03 is not a CCYYMMDD date');
      claim.serviceFrom = date;
      claim.serviceTo = date;
    } else if (format === 'RD8') {
      const dash = value.indexOf('-');
      const from = dash === 8 ? isoFromX12Date(value.slice(0, 8)) : null;
      const to = dash === 8 ? isoFromX12Date(value.slice(9)) : null;
      if (from === null || to === null)
        throw valueError('DTP', cur.line, 'DTP03 is not a CCYYMMDD-CCYYMMDD range');
      claim.serviceFrom = from;
      claim.serviceTo = to;
    } else {
      throw valueError('DTP', cur.line, 'DTP02 is not D8 or RD8');
    }
  }
}

/**
 * Reads a 277CA: every claim acknowledged, accepted or rejected (a rejection category A3, A4, A6, A7
 * or A8 in any of its STC segments). Throws an X12SyntaxError naming the segment and line for any
 * malformed input.
 */
export function read277ca(text: string): Parsed277CA {
  const reader = new Ack277CAReader();
  const scanner = new X12SegmentScanner((cur) => {
    reader.segment(cur);
  });
  scanner.push(text);
  scanner.end();
  return reader.finish(scanner.segmentCount);
}
