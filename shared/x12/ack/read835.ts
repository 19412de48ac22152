import type { AdjustmentGroup } from '../../domain/posting.ts';
import { type X12SegmentCursor, X12SegmentScanner } from '../segmentScanner.ts';
import { EnvelopeReader, structureError, valueError } from './readEnvelope.ts';
import {
  centsAt,
  dateAt,
  elementName,
  optionalAt,
  optionalCentsAt,
  optionalDateAt,
  x12Quantity,
} from './readValues.ts';

/*
 * The 835 reader (005010X221A1). It streams: segments come from the scanner one at a time, each claim is
 * handed over when its loop closes, and nothing keeps a segment. Amounts are integer cents.
 *
 * Strictness: a segment id the 835 guide does not define (say CLM or ZZZ) is an error, as is a defined
 * segment outside the loop the guide puts it in (SVC before a CLP, LQ outside a service line, N1 inside a
 * claim, CLP after the PLB summary). Defined segments this reader has no use for (CUR, RDM, TS3, TS2, QTY,
 * PER, N3, N4, other REF/DTM/AMT/NM1 qualifiers) are read past. Values that are used must be well formed.
 */

/** CLP02 in words. */
export type Parsed835ClaimStatus =
  | 'processed_primary'
  | 'processed_secondary'
  | 'processed_tertiary'
  | 'denied'
  | 'processed_primary_forwarded'
  | 'processed_secondary_forwarded'
  | 'processed_tertiary_forwarded'
  | 'reversal'
  | 'not_our_claim'
  | 'predetermination';

const CLAIM_STATUS: ReadonlyMap<string, Parsed835ClaimStatus> = new Map([
  ['1', 'processed_primary'],
  ['2', 'processed_secondary'],
  ['3', 'processed_tertiary'],
  ['4', 'denied'],
  ['19', 'processed_primary_forwarded'],
  ['20', 'processed_secondary_forwarded'],
  ['21', 'processed_tertiary_forwarded'],
  ['22', 'reversal'],
  ['23', 'not_our_claim'],
  ['25', 'predetermination'],
]);

const PAYMENT_METHODS: ReadonlySet<string> = new Set(['ACH', 'BOP', 'CHK', 'FWT', 'NON']);
/** Every segment id of the 835 guide inside ST…SE. */
const SEGMENTS_835: ReadonlySet<string> = new Set([
  'BPR',
  'TRN',
  'CUR',
  'REF',
  'DTM',
  'N1',
  'N3',
  'N4',
  'PER',
  'RDM',
  'LX',
  'TS3',
  'TS2',
  'CLP',
  'CAS',
  'NM1',
  'MIA',
  'MOA',
  'AMT',
  'QTY',
  'SVC',
  'LQ',
  'PLB',
]);

/** One CAS reason: group (CAS01), CARC, amount in cents (positive reduces the payment). */
export interface Parsed835Adjustment {
  group: AdjustmentGroup;
  reason: string;
  amountCents: number;
}

/** BPR and TRN: what was paid, how, and the number to find it by. */
export interface Parsed835Payment {
  /** BPR02: the total paid (Σ CLP04 − Σ PLB when balanced), in cents. */
  totalCents: number;
  /** BPR04: ACH, BOP, CHK, FWT or NON. */
  method: string;
  /** TRN02: the check or EFT trace number. */
  trace: string;
  /** BPR16: the check issue or EFT effective date, YYYY-MM-DD. */
  date: string;
}

/** The header of one 835 transaction set (one payment). */
export interface Parsed835Header {
  /** ST02 */
  controlNumber: string;
  payment: Parsed835Payment;
  /** BPR01: I remittance with payment, H notification only, C payment only, … */
  handlingCode: string;
  /** BPR03: C credit to the payee, D debit (the payee owes: Σ CLP04 − Σ PLB is negative). */
  creditDebit: 'C' | 'D';
  /** TRN03: the payer's identifier ('1' and its tax id), '' when absent. */
  originatorId: string;
  /** DTM*405: the production date, YYYY-MM-DD. */
  productionDate: string | null;
  /** 1000A: N1*PR name; id from REF*2U, else N1*PR N104. */
  payer: { name: string; id: string | null };
  /** 1000B: N1*PE name; NPI when N103 is XX; tax id from N103 FI or REF*TJ. */
  payee: { name: string; npi: string | null; taxId: string | null };
}

/** A PLB adjustment: positive reduces the payment (WO recoupment), negative adds to it (L6 interest). */
export interface Parsed835ProviderAdjustment {
  /** PLB03-1 (…PLB13-1): the adjustment reason, e.g. L6, WO, CV, FB. */
  reason: string;
  /** PLB03-2: its reference (e.g. the claim control number recovered), null when absent. */
  reference: string | null;
  amountCents: number;
  /** PLB01: the provider (usually the payee's NPI). */
  providerId: string;
  /** PLB02: the last day of the provider's fiscal period, YYYY-MM-DD. */
  fiscalPeriodEnd: string | null;
}

/** One service line (2110 SVC and what follows it). */
export interface Parsed835Line {
  /** SVC01-2: the adjudicated procedure code. */
  procedure: string;
  /** SVC01-1: HC (HCPCS/CPT), AD (dental), N4 (NDC), … */
  procedureQualifier: string;
  /** SVC01-3 … SVC01-6. */
  modifiers: string[];
  chargeCents: number;
  paidCents: number;
  /** SVC05, or 1 when absent. */
  units: number;
  /** SVC04: the NUBC revenue code, when present. */
  revenueCode: string | null;
  /** SVC06-2: the procedure as submitted, when the payer adjudicated another one. */
  submittedProcedure: string | null;
  /** DTM*472 (or DTM*150, the start of a range), YYYY-MM-DD. */
  serviceDate: string | null;
  /** AMT*B6 */
  allowedCents: number | null;
  /** REF*6R: the line item control number sent on the claim. */
  lineItemControlNumber: string | null;
  adjustments: Parsed835Adjustment[];
  /** LQ*HE remark codes (RARC). */
  remarks: string[];
  /** Line (segment ordinal) of the SVC in the file. */
  segmentLine: number;
}

/** One claim payment (2100 CLP and its service lines). */
export interface Parsed835Claim {
  /** CLP01: the claim's CLM01. */
  patientControlNumber: string;
  status: Parsed835ClaimStatus;
  /** CLP02 as written: 1, 2, 3, 4, 19, 20, 21, 22, 23 or 25. */
  statusCode: string;
  /** CLP03 */
  chargeCents: number;
  /** CLP04 */
  paidCents: number;
  /** CLP05, 0 when empty. */
  patientRespCents: number;
  /** CLP06: claim filing indicator (MC, CI, 12, …). */
  filingIndicator: string;
  /** CLP07 */
  payerClaimControlNumber: string | null;
  /** CLP08: facility type / place of service. */
  facilityCode: string | null;
  /** CLP09: claim frequency. */
  frequency: string | null;
  /** AMT*AU at claim level. */
  allowedCents: number | null;
  /** Claim-level CAS (not allocated to a line). */
  adjustments: Parsed835Adjustment[];
  /** RARCs: MIA and MOA remark codes, then the lines' LQ*HE codes; each once, in file order. */
  remarks: string[];
  lines: Parsed835Line[];
  /** NM1*QC: the patient as the payer has them (null when absent). */
  patient: { last: string; first: string; id: string | null } | null;
  /** DTM*232 / DTM*233: the claim's statement period. */
  serviceFrom: string | null;
  serviceTo: string | null;
  /** DTM*050: when the payer received the claim. */
  receivedDate: string | null;
  /** From the transaction's header, so a streamed claim stands alone. */
  payerName: string;
  payerId: string | null;
  payeeNpi: string | null;
  /** ST02 of the transaction set. */
  transactionControlNumber: string;
  /** Line (segment ordinal) of the CLP in the file. */
  segmentLine: number;
}

/** One transaction set without its claims (what streaming keeps). */
export interface Parsed835Summary extends Parsed835Header {
  providerAdjustments: Parsed835ProviderAdjustment[];
  claimCount: number;
  /** Σ CLP04 */
  claimPaidCents: number;
  /** Σ PLB amounts */
  providerAdjustmentCents: number;
  /** Σ CLP04 − Σ PLB = BPR02 (negated when BPR03 is D). */
  balanced: boolean;
}

export interface Parsed835Transaction extends Parsed835Summary {
  claims: Parsed835Claim[];
}

/** A whole 835 file: one transaction set per payment. */
export interface Parsed835 {
  transactions: Parsed835Transaction[];
  /** Every transaction balances. */
  balanced: boolean;
}

/** What a streaming read calls; every callback is optional. */
export interface Read835Handlers {
  /** A transaction's header, once complete (at its first LX, CLP, PLB or its SE). */
  onTransaction?(header: Parsed835Header): void;
  /** Each claim when its loop closes; the reader keeps no reference to it. */
  onClaim?(claim: Parsed835Claim, header: Parsed835Header): void;
  /** Each transaction at its SE, with totals and provider adjustments. */
  onTransactionEnd?(summary: Parsed835Summary): void;
}

// Where the reader is in a transaction set (numbers: the hot loop compares them on every segment).
const START = 0;
const HEADER = 1;
const PAYER = 2;
const PAYEE = 3;
const DETAIL = 4;
const CLAIM = 5;
const LINE = 6;
const SUMMARY = 7;
type Where = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface OpenSet {
  controlNumber: string;
  handlingCode: string;
  creditDebit: 'C' | 'D';
  totalCents: number;
  method: string;
  date: string;
  trace: string | null;
  originatorId: string;
  productionDate: string | null;
  payerName: string | null;
  payerRef: string | null;
  payerN1Id: string | null;
  payeeName: string | null;
  payeeNpi: string | null;
  payeeTaxId: string | null;
  header: Parsed835Header | null;
  providerAdjustments: Parsed835ProviderAdjustment[];
  claimCount: number;
  claimPaidCents: number;
  providerAdjustmentCents: number;
}

/** CAS01 as one of the literal group codes (shared strings, not one copy per adjustment), or null. */
function groupOf(code: string): AdjustmentGroup | null {
  switch (code) {
    case 'CO':
      return 'CO';
    case 'PR':
      return 'PR';
    case 'OA':
      return 'OA';
    case 'PI':
      return 'PI';
    case 'CR':
      return 'CR';
    default:
      return null;
  }
}

function casAdjustments(cur: X12SegmentCursor, into: Parsed835Adjustment[]): void {
  const group = groupOf(cur.element(1));
  if (group === null) throw valueError('CAS', cur.line, 'CAS01 is not an adjustment group code');
  const before = into.length;
  // Up to 6 reason / amount / quantity triplets: CAS02–04, 05–07, … 17–19.
  const last = Math.min(17, cur.elementCount);
  for (let k = 2; k <= last; k += 3) {
    const reason = cur.element(k);
    const amount = cur.element(k + 1);
    if (reason === '' && amount === '') continue;
    if (reason === '') throw valueError('CAS', cur.line, `${elementName('CAS', k)} (the reason) is empty`);
    into.push({ group, reason, amountCents: centsAt(cur, k + 1) });
  }
  if (into.length === before) throw valueError('CAS', cur.line, 'CAS has no reason and amount');
}

function addRemark(remarks: string[], code: string): void {
  if (code !== '' && !remarks.includes(code)) remarks.push(code);
}

/**
 * Reads an 835 pushed in chunks (`push`, then `end`): each claim goes to `onClaim` when its loop closes,
 * so a 50 MB remittance never sits in memory as segments or as claims unless the caller keeps them.
 * `end` returns the transaction summaries (totals, PLBs, balanced). Any malformed input is an
 * X12SyntaxError naming the segment and its line; nothing else is thrown.
 */
export class Remit835Reader {
  private readonly scanner: X12SegmentScanner;
  private readonly envelope = new EnvelopeReader('835', '835');
  private readonly handlers: Read835Handlers;
  private readonly summaries: Parsed835Summary[] = [];
  private where: Where = START;
  private set: OpenSet | null = null;
  private claim: Parsed835Claim | null = null;
  private line: Parsed835Line | null = null;
  private component = ':';

  constructor(handlers: Read835Handlers = {}) {
    this.handlers = handlers;
    this.scanner = new X12SegmentScanner((cur) => {
      this.segment(cur);
    });
  }

  push(chunk: string): void {
    this.scanner.push(chunk);
  }

  end(): Parsed835Summary[] {
    this.scanner.end();
    this.envelope.finish(this.scanner.segmentCount);
    return this.summaries;
  }

  private segment(cur: X12SegmentCursor): void {
    const set = this.set;
    if (set === null) {
      // Between sets only envelope segments may appear (the envelope reader throws for anything else).
      this.envelope.visit(cur);
      if (cur.id === 'ST') this.openSet(cur);
      return;
    }
    const id = cur.id;
    switch (id) {
      case 'CAS':
        if (this.where === LINE) casAdjustments(cur, this.line!.adjustments);
        else if (this.where === CLAIM) casAdjustments(cur, this.claim!.adjustments);
        else throw this.misplaced(cur, 'a claim or service line');
        return;
      case 'SVC':
        if (this.where !== CLAIM && this.where !== LINE) throw this.misplaced(cur, 'a claim (CLP)');
        this.openLine(cur);
        return;
      case 'DTM':
        this.dtm(cur, set);
        return;
      case 'AMT':
        if (this.where === LINE) {
          if (cur.is(1, 'B6')) this.line!.allowedCents = centsAt(cur, 2);
        } else if (this.where === CLAIM) {
          if (cur.is(1, 'AU')) this.claim!.allowedCents = centsAt(cur, 2);
        } else throw this.misplaced(cur, 'a claim or service line');
        return;
      case 'CLP':
        if (this.where !== DETAIL && this.where !== CLAIM && this.where !== LINE) {
          throw this.misplaced(cur, 'a header number loop (LX)');
        }
        this.closeClaim();
        this.openClaim(cur, set);
        return;
      case 'NM1':
        if (this.where !== CLAIM) throw this.misplaced(cur, 'a claim, before its service lines');
        if (cur.is(1, 'QC')) {
          this.claim!.patient = { last: cur.element(3), first: cur.element(4), id: optionalAt(cur, 9) };
        }
        return;
      case 'LQ':
        if (this.where !== LINE) throw this.misplaced(cur, 'a service line');
        if (cur.is(1, 'HE')) {
          const code = cur.element(2);
          if (code === '') throw valueError('LQ', cur.line, 'LQ02 (the remark code) is empty');
          addRemark(this.line!.remarks, code);
          addRemark(this.claim!.remarks, code);
        }
        return;
      case 'REF':
        this.ref(cur, set);
        return;
      case 'LX':
        if (this.where !== PAYEE && this.where !== DETAIL && this.where !== CLAIM && this.where !== LINE) {
          throw this.misplaced(cur, 'the detail, after the payee (N1*PE)');
        }
        this.closeClaim();
        this.completeHeader(cur, set);
        this.where = DETAIL;
        return;
      case 'MOA':
      case 'MIA':
        if (this.where !== CLAIM) throw this.misplaced(cur, 'a claim, before its service lines');
        this.remarkCodes(cur);
        return;
      case 'QTY':
        if (this.where !== CLAIM && this.where !== LINE) throw this.misplaced(cur, 'a claim or service line');
        return;
      case 'BPR':
        if (this.where !== START) throw this.misplaced(cur, 'the first segment after ST');
        this.bpr(cur, set);
        this.where = HEADER;
        return;
      case 'TRN':
        if (this.where !== HEADER) throw this.misplaced(cur, 'the header, after BPR');
        set.trace = cur.element(2);
        if (set.trace === '') throw valueError('TRN', cur.line, 'TRN02 (the trace number) is empty');
        set.originatorId = cur.element(3);
        return;
      case 'N1':
        this.n1(cur, set);
        return;
      case 'CUR':
        if (this.where !== HEADER) throw this.misplaced(cur, 'the header');
        return;
      case 'N3':
      case 'N4':
        if (this.where !== PAYER && this.where !== PAYEE) throw this.misplaced(cur, 'the payer or payee');
        return;
      case 'PER':
        if (this.where !== PAYER && this.where !== CLAIM) throw this.misplaced(cur, 'the payer or a claim');
        return;
      case 'RDM':
        if (this.where !== PAYEE) throw this.misplaced(cur, 'the payee');
        return;
      case 'TS3':
      case 'TS2':
        if (this.where !== DETAIL) throw this.misplaced(cur, 'a header number loop (LX), before its claims');
        return;
      case 'PLB':
        if (this.where === START || this.where === HEADER || this.where === PAYER) {
          throw this.misplaced(cur, 'the summary, after the payee');
        }
        this.closeClaim();
        this.completeHeader(cur, set);
        this.plb(cur, set);
        this.where = SUMMARY;
        return;
      case 'SE':
        this.envelope.visit(cur);
        this.closeSet(cur);
        return;
      default:
        // ISA, GS, ST, GE or IEA inside a set: the envelope reader says what is wrong.
        this.envelope.visit(cur);
        if (!SEGMENTS_835.has(id)) {
          throw structureError(id, cur.line, 'not a segment of the 835 (005010X221A1)');
        }
    }
  }

  private misplaced(cur: X12SegmentCursor, where: string): Error {
    if (this.where === START)
      return structureError(cur.id, cur.line, 'BPR must be the first segment after ST');
    if (this.where === SUMMARY) {
      return structureError(cur.id, cur.line, 'only PLB may follow a PLB before SE');
    }
    return structureError(cur.id, cur.line, `out of place: belongs in ${where}`);
  }

  private openSet(cur: X12SegmentCursor): void {
    this.component = cur.delimiters.component;
    this.where = START;
    this.claim = null;
    this.line = null;
    this.set = {
      controlNumber: cur.element(2),
      handlingCode: '',
      creditDebit: 'C',
      totalCents: 0,
      method: '',
      date: '',
      trace: null,
      originatorId: '',
      productionDate: null,
      payerName: null,
      payerRef: null,
      payerN1Id: null,
      payeeName: null,
      payeeNpi: null,
      payeeTaxId: null,
      header: null,
      providerAdjustments: [],
      claimCount: 0,
      claimPaidCents: 0,
      providerAdjustmentCents: 0,
    };
  }

  private bpr(cur: X12SegmentCursor, set: OpenSet): void {
    set.handlingCode = cur.element(1);
    if (set.handlingCode === '') throw valueError('BPR', cur.line, 'BPR01 (the handling code) is empty');
    set.totalCents = centsAt(cur, 2);
    if (set.totalCents < 0) throw valueError('BPR', cur.line, 'BPR02 is negative');
    const cd = cur.element(3);
    if (cd !== 'C' && cd !== 'D') throw valueError('BPR', cur.line, 'BPR03 is not C or D');
    set.creditDebit = cd;
    set.method = cur.element(4);
    if (!PAYMENT_METHODS.has(set.method)) {
      throw valueError('BPR', cur.line, 'BPR04 is not a payment method (ACH, BOP, CHK, FWT, NON)');
    }
    set.date = dateAt(cur, 16);
  }

  private n1(cur: X12SegmentCursor, set: OpenSet): void {
    const entity = cur.element(1);
    if (entity === 'PR' && this.where === HEADER) {
      set.payerName = cur.element(2);
      set.payerN1Id = optionalAt(cur, 4);
      this.where = PAYER;
    } else if (entity === 'PE' && this.where === PAYER) {
      set.payeeName = cur.element(2);
      const qualifier = cur.element(3);
      if (qualifier === 'XX') set.payeeNpi = optionalAt(cur, 4);
      else if (qualifier === 'FI') set.payeeTaxId = optionalAt(cur, 4);
      this.where = PAYEE;
    } else {
      throw this.misplaced(cur, 'the header: N1*PR (payer) then N1*PE (payee)');
    }
  }

  private ref(cur: X12SegmentCursor, set: OpenSet): void {
    switch (this.where) {
      case LINE:
        if (cur.is(1, '6R')) this.line!.lineItemControlNumber = optionalAt(cur, 2);
        return;
      case CLAIM:
      case HEADER:
        return;
      case PAYER:
        if (cur.is(1, '2U')) set.payerRef = optionalAt(cur, 2);
        return;
      case PAYEE:
        if (cur.is(1, 'TJ')) set.payeeTaxId = optionalAt(cur, 2);
        return;
      default:
        throw this.misplaced(cur, 'the header, the payer or payee, a claim or a service line');
    }
  }

  private dtm(cur: X12SegmentCursor, set: OpenSet): void {
    switch (this.where) {
      case LINE: {
        const line = this.line!;
        if (cur.is(1, '472') || (line.serviceDate === null && cur.is(1, '150'))) {
          line.serviceDate = dateAt(cur, 2);
        }
        return;
      }
      case CLAIM: {
        const claim = this.claim!;
        if (cur.is(1, '232')) claim.serviceFrom = dateAt(cur, 2);
        else if (cur.is(1, '233')) claim.serviceTo = dateAt(cur, 2);
        else if (cur.is(1, '050')) claim.receivedDate = dateAt(cur, 2);
        return;
      }
      case HEADER:
        if (cur.is(1, '405')) set.productionDate = dateAt(cur, 2);
        return;
      default:
        throw this.misplaced(cur, 'the header, a claim or a service line');
    }
  }

  /** The header is complete at the first LX, CLP or PLB (or SE): BPR, TRN and both parties are required. */
  private completeHeader(cur: X12SegmentCursor, set: OpenSet): Parsed835Header {
    if (set.header !== null) return set.header;
    if (set.trace === null) throw structureError(cur.id, cur.line, 'the 835 header has no TRN');
    if (set.payerName === null) throw structureError(cur.id, cur.line, 'the 835 has no payer (N1*PR)');
    if (set.payeeName === null) throw structureError(cur.id, cur.line, 'the 835 has no payee (N1*PE)');
    const header: Parsed835Header = {
      controlNumber: set.controlNumber,
      payment: { totalCents: set.totalCents, method: set.method, trace: set.trace, date: set.date },
      handlingCode: set.handlingCode,
      creditDebit: set.creditDebit,
      originatorId: set.originatorId,
      productionDate: set.productionDate,
      payer: { name: set.payerName, id: set.payerRef ?? set.payerN1Id },
      payee: { name: set.payeeName, npi: set.payeeNpi, taxId: set.payeeTaxId },
    };
    set.header = header;
    this.handlers.onTransaction?.(header);
    return header;
  }

  private openClaim(cur: X12SegmentCursor, set: OpenSet): void {
    const header = set.header!;
    const patientControlNumber = cur.element(1);
    if (patientControlNumber === '') throw valueError('CLP', cur.line, 'CLP01 is empty');
    const code = cur.element(2);
    const status = CLAIM_STATUS.get(code);
    if (status === undefined) throw valueError('CLP', cur.line, 'CLP02 is not an 835 claim status code');
    // The usual codes as literals: one shared string, not a copy per claim.
    const statusCode = code === '1' ? '1' : code === '4' ? '4' : code;
    const chargeCents = centsAt(cur, 3);
    const paidCents = centsAt(cur, 4);
    set.claimPaidCents += paidCents;
    set.claimCount++;
    this.claim = {
      patientControlNumber,
      status,
      statusCode,
      chargeCents,
      paidCents,
      patientRespCents: optionalCentsAt(cur, 5) ?? 0,
      filingIndicator: cur.element(6),
      payerClaimControlNumber: optionalAt(cur, 7),
      facilityCode: optionalAt(cur, 8),
      frequency: optionalAt(cur, 9),
      allowedCents: null,
      adjustments: [],
      remarks: [],
      lines: [],
      patient: null,
      serviceFrom: null,
      serviceTo: null,
      receivedDate: null,
      payerName: header.payer.name,
      payerId: header.payer.id,
      payeeNpi: header.payee.npi,
      transactionControlNumber: header.controlNumber,
      segmentLine: cur.line,
    };
    this.line = null;
    this.where = CLAIM;
  }

  private closeClaim(): void {
    const claim = this.claim;
    if (claim === null) return;
    this.claim = null;
    this.line = null;
    this.handlers.onClaim?.(claim, this.set!.header!);
  }

  private openLine(cur: X12SegmentCursor): void {
    const composite = cur.element(1);
    const c = this.component;
    const first = composite.indexOf(c);
    const second = first < 0 ? -1 : composite.indexOf(c, first + 1);
    const procedure = first < 0 ? '' : composite.slice(first + 1, second < 0 ? composite.length : second);
    if (procedure === '') throw valueError('SVC', cur.line, 'SVC01 has no procedure code (SVC01-2)');
    const modifiers: string[] = [];
    // SVC01-3 … SVC01-6 are modifiers; SVC01-7 is a description.
    for (let at = second, k = 0; at >= 0 && k < 4; k++) {
      const next = composite.indexOf(c, at + 1);
      const modifier = composite.slice(at + 1, next < 0 ? composite.length : next);
      if (modifier !== '') modifiers.push(modifier);
      at = next;
    }
    const unitsText = cur.element(5);
    let units = 1;
    if (unitsText !== '') {
      const q = x12Quantity(unitsText);
      if (q === null) throw valueError('SVC', cur.line, 'SVC05 (units) is not a number');
      units = q;
    }
    const submitted = cur.element(6);
    const line: Parsed835Line = {
      procedure,
      procedureQualifier: first === 2 && composite.startsWith('HC') ? 'HC' : composite.slice(0, first),
      modifiers,
      chargeCents: centsAt(cur, 2),
      paidCents: centsAt(cur, 3),
      units,
      revenueCode: optionalAt(cur, 4),
      submittedProcedure: submitted === '' ? null : (submitted.split(c)[1] ?? null) || null,
      serviceDate: null,
      allowedCents: null,
      lineItemControlNumber: null,
      adjustments: [],
      remarks: [],
      segmentLine: cur.line,
    };
    this.claim!.lines.push(line);
    this.line = line;
    this.where = LINE;
  }

  private remarkCodes(cur: X12SegmentCursor): void {
    const remarks = this.claim!.remarks;
    if (cur.id === 'MOA') {
      // MOA03–MOA07: claim payment remark codes.
      for (let k = 3; k <= 7; k++) addRemark(remarks, cur.element(k));
    } else {
      // MIA05 and MIA20–MIA23: claim payment remark codes.
      addRemark(remarks, cur.element(5));
      for (let k = 20; k <= 23; k++) addRemark(remarks, cur.element(k));
    }
  }

  private plb(cur: X12SegmentCursor, set: OpenSet): void {
    const providerId = cur.element(1);
    const fiscalPeriodEnd = optionalDateAt(cur, 2);
    const before = set.providerAdjustments.length;
    // Up to 6 pairs: PLB03/04 … PLB13/14, the reason a composite reason:reference.
    const last = Math.min(13, cur.elementCount);
    for (let k = 3; k <= last; k += 2) {
      const composite = cur.element(k);
      const amount = cur.element(k + 1);
      if (composite === '' && amount === '') continue;
      const parts = composite.split(this.component);
      const reason = parts[0] ?? '';
      if (reason === '') throw valueError('PLB', cur.line, `${elementName('PLB', k)} has no reason code`);
      const amountCents = centsAt(cur, k + 1);
      set.providerAdjustmentCents += amountCents;
      set.providerAdjustments.push({
        reason,
        reference: parts[1] || null,
        amountCents,
        providerId,
        fiscalPeriodEnd,
      });
    }
    if (set.providerAdjustments.length === before) {
      throw valueError('PLB', cur.line, 'PLB has no adjustment reason and amount');
    }
  }

  private closeSet(cur: X12SegmentCursor): void {
    const set = this.set!;
    if (this.where === START) throw structureError('SE', cur.line, 'the 835 has no BPR');
    this.closeClaim();
    const header = this.completeHeader(cur, set);
    const expected = set.creditDebit === 'D' ? -set.totalCents : set.totalCents;
    const summary: Parsed835Summary = {
      ...header,
      providerAdjustments: set.providerAdjustments,
      claimCount: set.claimCount,
      claimPaidCents: set.claimPaidCents,
      providerAdjustmentCents: set.providerAdjustmentCents,
      balanced: set.claimPaidCents - set.providerAdjustmentCents === expected,
    };
    this.summaries.push(summary);
    this.set = null;
    this.handlers.onTransactionEnd?.(summary);
  }
}

/** Reads an 835 from chunks (a file stream with `setEncoding('utf8')`, or any iterable of strings). */
export async function read835Stream(
  chunks: AsyncIterable<string> | Iterable<string>,
  handlers: Read835Handlers,
): Promise<Parsed835Summary[]> {
  const reader = new Remit835Reader(handlers);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}

/**
 * Reads a whole 835 held in memory into its transactions and claims (built on the streaming reader).
 * The result holds every claim as objects, several times the file's size (about 7× for a 30 MB file of
 * small claims); for large files use `Remit835Reader` / `read835Stream` and keep only what is needed.
 * Throws an X12SyntaxError naming the segment and line for any malformed input.
 */
export function read835(text: string): Parsed835 {
  const transactions: Parsed835Transaction[] = [];
  let claims: Parsed835Claim[] = [];
  const reader = new Remit835Reader({
    onTransaction: () => {
      claims = [];
    },
    onClaim: (claim) => {
      claims.push(claim);
    },
    onTransactionEnd: (summary) => {
      transactions.push({ ...summary, claims });
      claims = [];
    },
  });
  reader.push(text);
  reader.end();
  return { transactions, balanced: transactions.every((t) => t.balanced) };
}
