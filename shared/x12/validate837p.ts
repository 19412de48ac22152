import { isValidNpi } from '../domain/npi.ts';
import { x12DecimalToCents } from './decimal.ts';
import { X12SyntaxError } from './errors.ts';
import { tokenize, type X12Delimiters, type X12Segment, type X12Tokens } from './tokenize.ts';

/*
 * The rules ClaimGrid enforces on an 837P before it leaves (and `claimgrid x12 validate` reports):
 * envelope structure and counts, HL numbering, the loops every claim needs, code formats, NPI check
 * digits, replacement/void references and the secondary-claim (COB) loops and balances. Pure; reads
 * the whole file in one pass over its tokens. Findings cite a segment and its ordinal (ISA = 1, as in
 * X12SyntaxError) and never an element's value: values are patient data and findings get printed.
 */

export type FindingSeverity = 'error' | 'warning';

/** Every rule, by the code its findings carry, with its severity. */
const RULES = {
  /** The file cannot be tokenized (X12SyntaxError). */
  syntax: 'error',
  /** An envelope segment where it cannot be (GS outside ISA, ST inside ST, data outside ST…). */
  envelope_order: 'error',
  /** No GS / ST, or a set, group or interchange never closed. */
  envelope_missing: 'error',
  /** Office Ally takes one functional group (GS) per file. */
  multiple_groups: 'warning',
  se_count: 'error',
  se_control: 'error',
  ge_count: 'error',
  ge_control: 'error',
  iea_count: 'error',
  iea_control: 'error',
  st_control_duplicate: 'error',
  /** The transaction set is not an 837 professional claim. */
  not_837p: 'error',
  /** The 837 is not 005010X222A1. */
  version: 'error',
  /** BHT, 1000A submitter or 1000B receiver missing. */
  header_missing: 'error',
  hl_number: 'error',
  hl_parent: 'error',
  hl_level: 'error',
  hl_child_code: 'error',
  billing_provider_missing: 'error',
  billing_npi_missing: 'error',
  /** 2010AA wants ZIP+4. */
  billing_zip: 'warning',
  subscriber_missing: 'error',
  subscriber_name_missing: 'error',
  payer_missing: 'error',
  /** A subscriber or patient level with no claim under it. */
  claim_missing: 'error',
  claim_id: 'error',
  line_missing: 'error',
  line_incomplete: 'error',
  frequency: 'error',
  place_of_service: 'error',
  diagnosis_missing: 'error',
  diagnosis_qualifier: 'error',
  diagnosis_code: 'error',
  diagnosis_pointer: 'error',
  units: 'error',
  amount: 'error',
  claim_total: 'error',
  date: 'error',
  npi: 'error',
  ref_f8_missing: 'error',
  other_subscriber_missing: 'error',
  other_paid_missing: 'error',
  other_insured_missing: 'error',
  other_payer_missing: 'error',
  cob_balance: 'error',
  cob_line_balance: 'error',
} as const satisfies Record<string, FindingSeverity>;

export type Finding837PCode = keyof typeof RULES;

/** Every code the validator can report, with its severity. */
export const FINDING_837P_SEVERITY: Readonly<Record<Finding837PCode, FindingSeverity>> = RULES;

export interface Finding837P {
  severity: FindingSeverity;
  code: Finding837PCode;
  /** The segment id the finding points at ('?' when the id itself is malformed). */
  segment: string;
  /** 1-based ordinal of that segment in the file (ISA = 1), as X12SyntaxError counts. */
  line: number;
  /** What is wrong, without any element value. */
  message: string;
}

export interface Validation837P {
  /** In file order (by line). */
  findings: Finding837P[];
  /** CLM segments seen. */
  claimCount: number;
}

/** `error SE line 30: …`, one finding per line of output. */
export function formatFinding(f: Finding837P): string {
  return `${f.severity} ${f.segment} line ${f.line}: ${f.message}`;
}

export function hasErrors(findings: readonly Finding837P[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const X222A1 = '005010X222A1';
/** Institutional and dental 837s (5010 and 4010 guides). */
const NOT_PROFESSIONAL = /X22[34]|X09[67]/;
const FREQUENCIES = new Set(['1', '7', '8']);
const TWO_DIGITS = /^\d{2}$/;
/** ICD-10-CM as X12 carries it: letter, digit, then 1–5 letters or digits, no dot. */
const ICD10 = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
const ICD10_QUALIFIERS = new Set(['ABK', 'ABF']);
const ICD9_QUALIFIERS = new Set(['BK', 'BF']);
const UNITS = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const POINTER = /^(?:[1-9]|1[0-2])$/;
const ZIP9 = /^\d{9}$/;
/** SBR01 payer responsibility, as an order: P primary … H eleventh; U (unknown) and others rank 0. */
const RANKS: Record<string, number> = { P: 1, S: 2, T: 3, A: 4, B: 5, C: 6, D: 7, E: 8, F: 9, G: 10, H: 11 };

function validDate8(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

interface Hl {
  seg: X12Segment;
  level: string;
  parent: Hl | null;
  children: number;
  claims: number;
  /** 2010AA NM1*85 (billing provider level). */
  billingName: boolean;
  /** 2000B SBR, 2010BA NM1*IL, 2010BB NM1*PR (subscriber level). */
  sbr: X12Segment | null;
  subscriberName: boolean;
  payerName: boolean;
}

interface Adjudication {
  svd: X12Segment;
  payerId: string;
  paidCents: number | null;
  /** Σ 2430 CAS amounts; null when one of them is not an amount. */
  adjustmentCents: number | null;
}

interface Line {
  lx: X12Segment;
  sv1: boolean;
  chargeCents: number | null;
  serviceDate: boolean;
  adjudications: Adjudication[];
}

/** A 2320 other-subscriber loop with its 2330A/2330B. */
interface Other {
  sbr: X12Segment;
  rank: number;
  amtD: X12Segment | null;
  paidCents: number | null;
  adjustmentCents: number | null;
  insured: boolean;
  payerId: string | null;
}

interface ClaimState {
  clm: X12Segment;
  hl: Hl;
  frequency: string;
  chargeCents: number | null;
  hasF8: boolean;
  diagnoses: number;
  sawDiagnosisHi: boolean;
  lines: Line[];
  others: Other[];
}

interface Transaction {
  st: X12Segment;
  /** Not an 837P: only the envelope is checked. */
  skip: boolean;
  bht: boolean;
  submitter: boolean;
  receiver: boolean;
  hls: Map<string, Hl>;
  hlList: Hl[];
  hl: Hl | null;
  /** Between NM1*85 and the next NM1 or HL: the N4 there is the billing provider's. */
  inBillingName: boolean;
  claim: ClaimState | null;
}

class Validator {
  readonly findings: Finding837P[] = [];
  claimCount = 0;
  private readonly component: string;
  private isa: X12Segment | null = null;
  private interchangeClosed = false;
  private groupCount = 0;
  private gs: X12Segment | null = null;
  private gsVersion = '';
  private setCount = 0;
  private setControls = new Set<string>();
  private sawGroup = false;
  private sawSet = false;
  private tx: Transaction | null = null;
  private last: X12Segment | null = null;

  constructor(delimiters: X12Delimiters) {
    this.component = delimiters.component;
  }

  private add(code: Finding837PCode, seg: X12Segment, message: string): void {
    this.findings.push({ severity: RULES[code], code, segment: seg.id, line: seg.line, message });
  }

  visit(seg: X12Segment): void {
    this.last = seg;
    switch (seg.id) {
      case 'ISA':
        this.onIsa(seg);
        return;
      case 'GS':
        this.onGs(seg);
        return;
      case 'ST':
        this.onSt(seg);
        return;
      case 'SE':
        this.onSe(seg);
        return;
      case 'GE':
        this.onGe(seg);
        return;
      case 'IEA':
        this.onIea(seg);
        return;
    }
    if (this.tx === null) {
      this.add('envelope_order', seg, 'segment outside a transaction set (ST … SE)');
      return;
    }
    if (!this.tx.skip) this.body(this.tx, seg);
  }

  finish(): void {
    const last = this.last;
    if (last === null) return;
    if (this.tx !== null) {
      this.add('envelope_missing', last, 'the file ends inside a transaction set: SE is missing');
      this.closeSet(this.tx);
      this.tx = null;
    }
    if (this.gs !== null) this.add('envelope_missing', last, 'the file ends inside a group: GE is missing');
    if (this.isa !== null && !this.interchangeClosed) {
      this.add('envelope_missing', last, 'the file ends inside the interchange: IEA is missing');
    }
    if (!this.sawGroup) this.add('envelope_missing', last, 'the file has no functional group (GS)');
    else if (!this.sawSet) this.add('envelope_missing', last, 'the file has no transaction set (ST)');
    this.findings.sort((a, b) => a.line - b.line);
  }

  // --- envelope -----------------------------------------------------------------------------------

  private onIsa(seg: X12Segment): void {
    if (this.isa !== null) {
      this.add('envelope_order', seg, 'a second interchange (ISA): send one interchange per file');
      this.abandonOpen();
    }
    this.isa = seg;
    this.interchangeClosed = false;
    this.groupCount = 0;
  }

  private onGs(seg: X12Segment): void {
    if (this.isa === null || this.interchangeClosed) {
      this.add('envelope_order', seg, 'GS outside an interchange (ISA … IEA)');
    }
    if (this.tx !== null) {
      this.add('envelope_order', seg, 'GS inside a transaction set: SE is missing');
      this.closeSet(this.tx);
      this.tx = null;
    }
    if (this.gs !== null) this.add('envelope_order', seg, 'GS inside a group: GE is missing');
    if (this.sawGroup) this.add('multiple_groups', seg, 'more than one group (GS) in the file');
    this.sawGroup = true;
    this.groupCount++;
    this.gs = seg;
    this.gsVersion = seg.elements[8] ?? '';
    this.setCount = 0;
    this.setControls = new Set();
  }

  private onSt(seg: X12Segment): void {
    if (this.gs === null) this.add('envelope_order', seg, 'ST outside a group (GS … GE)');
    if (this.tx !== null) {
      this.add('envelope_order', seg, 'ST inside a transaction set: SE is missing');
      this.closeSet(this.tx);
    }
    this.sawSet = true;
    this.setCount++;
    const control = seg.elements[2] ?? '';
    if (this.setControls.has(control)) {
      this.add('st_control_duplicate', seg, 'ST02 repeats the control number of an earlier set in the group');
    }
    this.setControls.add(control);
    const st01 = seg.elements[1] ?? '';
    const st03 = seg.elements[3] ?? '';
    const version = st03 || this.gsVersion;
    let skip = false;
    if (st01 !== '837' || NOT_PROFESSIONAL.test(version)) {
      this.add('not_837p', seg, 'the transaction set is not an 837 professional claim');
      skip = true;
    } else if (version !== X222A1 || (st03 !== '' && this.gsVersion !== '' && st03 !== this.gsVersion)) {
      this.add('version', seg, `ST03 and GS08 must both be ${X222A1}`);
    }
    this.tx = {
      st: seg,
      skip,
      bht: false,
      submitter: false,
      receiver: false,
      hls: new Map(),
      hlList: [],
      hl: null,
      inBillingName: false,
      claim: null,
    };
  }

  private onSe(seg: X12Segment): void {
    const tx = this.tx;
    if (tx === null) {
      this.add('envelope_order', seg, 'SE without an open transaction set');
      return;
    }
    const counted = seg.line - tx.st.line + 1;
    const se01 = seg.elements[1] ?? '';
    if (!/^\d+$/.test(se01) || Number(se01) !== counted) {
      this.add('se_count', seg, `SE01 must be ${counted}, the segments from ST to SE`);
    }
    if ((seg.elements[2] ?? '') !== (tx.st.elements[2] ?? '')) {
      this.add('se_control', seg, 'SE02 differs from ST02');
    }
    this.closeSet(tx);
    this.tx = null;
  }

  private onGe(seg: X12Segment): void {
    if (this.tx !== null) {
      this.add('envelope_order', seg, 'GE inside a transaction set: SE is missing');
      this.closeSet(this.tx);
      this.tx = null;
    }
    const gs = this.gs;
    if (gs === null) {
      this.add('envelope_order', seg, 'GE without an open group');
      return;
    }
    const ge01 = seg.elements[1] ?? '';
    if (!/^\d+$/.test(ge01) || Number(ge01) !== this.setCount) {
      this.add('ge_count', seg, `GE01 must be ${this.setCount}, the transaction sets in the group`);
    }
    if (!sameControl(seg.elements[2], gs.elements[6])) this.add('ge_control', seg, 'GE02 differs from GS06');
    this.gs = null;
  }

  private onIea(seg: X12Segment): void {
    if (this.tx !== null) {
      this.add('envelope_order', seg, 'IEA inside a transaction set: SE is missing');
      this.closeSet(this.tx);
      this.tx = null;
    }
    if (this.gs !== null) {
      this.add('envelope_order', seg, 'IEA inside a group: GE is missing');
      this.gs = null;
    }
    const isa = this.isa;
    if (isa === null || this.interchangeClosed) {
      this.add('envelope_order', seg, 'IEA without an open interchange');
      return;
    }
    const iea01 = seg.elements[1] ?? '';
    if (!/^\d+$/.test(iea01) || Number(iea01) !== this.groupCount) {
      this.add('iea_count', seg, `IEA01 must be ${this.groupCount}, the groups in the interchange`);
    }
    if ((seg.elements[2] ?? '') !== (isa.elements[13] ?? ''))
      this.add('iea_control', seg, 'IEA02 differs from ISA13');
    this.interchangeClosed = true;
  }

  private abandonOpen(): void {
    if (this.tx !== null) this.closeSet(this.tx);
    this.tx = null;
    this.gs = null;
  }

  // --- transaction set content --------------------------------------------------------------------

  private body(tx: Transaction, seg: X12Segment): void {
    const e = seg.elements;
    switch (seg.id) {
      case 'BHT':
        tx.bht = true;
        return;
      case 'HL':
        this.onHl(tx, seg);
        return;
      case 'NM1':
        this.onNm1(tx, seg);
        return;
      case 'N4':
        if (tx.inBillingName) {
          tx.inBillingName = false;
          if (!ZIP9.test(e[3] ?? '')) {
            this.add(
              'billing_zip',
              seg,
              'the billing provider ZIP code (2010AA N403) should be 9 digits (ZIP+4)',
            );
          }
        }
        return;
      case 'SBR':
        this.onSbr(tx, seg);
        return;
      case 'CLM':
        this.onClm(tx, seg);
        return;
      case 'REF':
        if (tx.claim !== null && this.claimHeader(tx.claim) && e[1] === 'F8' && (e[2] ?? '') !== '') {
          tx.claim.hasF8 = true;
        }
        return;
      case 'HI':
        if (tx.claim !== null) this.onHi(tx.claim, seg);
        return;
      case 'AMT':
        this.onAmt(tx, seg);
        return;
      case 'CAS':
        this.onCas(tx, seg);
        return;
      case 'LX': {
        const claim = tx.claim;
        if (claim === null) {
          this.add('envelope_order', seg, 'a service line (LX) outside a claim');
          return;
        }
        this.closeLine(claim);
        claim.lines.push({ lx: seg, sv1: false, chargeCents: null, serviceDate: false, adjudications: [] });
        return;
      }
      case 'SV1':
        this.onSv1(tx, seg);
        return;
      case 'SVD':
        this.onSvd(tx, seg);
        return;
      case 'DTP':
        this.onDtp(tx, seg);
        return;
      case 'DMG':
        if ((e[1] ?? '') === 'D8' && !validDate8(e[2] ?? '')) {
          this.add('date', seg, 'DMG02 is not a valid CCYYMMDD date');
        }
        return;
    }
  }

  private onHl(tx: Transaction, seg: X12Segment): void {
    this.closeClaim(tx);
    tx.inBillingName = false;
    const e = seg.elements;
    const id = e[1] ?? '';
    const expected = String(tx.hlList.length + 1);
    if (id !== expected)
      this.add('hl_number', seg, `HL01 must be ${expected}: HLs are numbered 1, 2, 3… in each set`);
    const level = e[3] ?? '';
    const parentId = e[2] ?? '';
    const parent = parentId === '' ? null : (tx.hls.get(parentId) ?? null);
    const wantParent = level === '22' ? '20' : level === '23' ? '22' : null;
    if (level !== '20' && level !== '22' && level !== '23') {
      this.add('hl_level', seg, 'HL03 must be 20 (billing provider), 22 (subscriber) or 23 (patient)');
    } else if (wantParent === null && parentId !== '') {
      this.add('hl_parent', seg, 'a billing provider level (HL03 = 20) has no parent (HL02 empty)');
    } else if (wantParent !== null && (parent === null || parent.level !== wantParent)) {
      this.add('hl_parent', seg, `HL02 must name an earlier HL of level ${wantParent}`);
    }
    const hl: Hl = {
      seg,
      level,
      parent,
      children: 0,
      claims: 0,
      billingName: false,
      sbr: null,
      subscriberName: false,
      payerName: false,
    };
    if (parent !== null) parent.children++;
    if (!tx.hls.has(id)) tx.hls.set(id, hl);
    tx.hlList.push(hl);
    tx.hl = hl;
  }

  private onNm1(tx: Transaction, seg: X12Segment): void {
    const e = seg.elements;
    const entity = e[1] ?? '';
    tx.inBillingName = false;
    if (e[8] === 'XX' && !isValidNpi(e[9] ?? '')) {
      this.add(
        'npi',
        seg,
        `NM109 is not a valid NPI (10 digits, check digit per the CMS Luhn rule) for NM101 ${entity}`,
      );
    }
    const claim = tx.claim;
    if (claim !== null) {
      // Inside a claim an NM1 after a 2320 SBR and before the first LX belongs to 2330A–I.
      const other = claim.lines.length === 0 ? claim.others[claim.others.length - 1] : undefined;
      if (other !== undefined) {
        if (entity === 'IL') other.insured = true;
        if (entity === 'PR') other.payerId = e[9] ?? '';
      }
      return;
    }
    const hl = tx.hl;
    if (hl === null) {
      if (entity === '41') tx.submitter = true;
      if (entity === '40') tx.receiver = true;
      return;
    }
    if (hl.level === '20' && entity === '85') {
      hl.billingName = true;
      tx.inBillingName = true;
      if (e[8] !== 'XX' || (e[9] ?? '') === '') {
        this.add(
          'billing_npi_missing',
          seg,
          'the billing provider (2010AA) needs its NPI (NM108 = XX, NM109)',
        );
      }
    }
    if (hl.level === '22' && entity === 'IL') hl.subscriberName = true;
    if (hl.level === '22' && entity === 'PR') hl.payerName = true;
  }

  private onSbr(tx: Transaction, seg: X12Segment): void {
    const claim = tx.claim;
    if (claim === null) {
      if (tx.hl !== null && tx.hl.level === '22') tx.hl.sbr = seg;
      return;
    }
    if (claim.lines.length > 0) {
      this.add('envelope_order', seg, 'an other-subscriber loop (2320 SBR) after the service lines');
      return;
    }
    claim.others.push({
      sbr: seg,
      rank: RANKS[seg.elements[1] ?? ''] ?? 0,
      amtD: null,
      paidCents: null,
      adjustmentCents: 0,
      insured: false,
      payerId: null,
    });
  }

  private onClm(tx: Transaction, seg: X12Segment): void {
    this.closeClaim(tx);
    tx.inBillingName = false;
    this.claimCount++;
    const hl = tx.hl;
    if (hl === null || (hl.level !== '22' && hl.level !== '23')) {
      this.add(
        'subscriber_missing',
        seg,
        'a claim (CLM) must sit under a subscriber (22) or patient (23) HL',
      );
      return;
    }
    hl.claims++;
    const e = seg.elements;
    if ((e[1] ?? '') === '' || (e[1] ?? '').length > 38) {
      this.add('claim_id', seg, 'CLM01 (patient control number) must be 1–38 characters');
    }
    const chargeCents = this.money(seg, 2, 'CLM02 (total charge)', false);
    const composite = (e[5] ?? '').split(this.component);
    if (!TWO_DIGITS.test(composite[0] ?? '')) {
      this.add('place_of_service', seg, 'CLM05-1 (place of service) must be a two-digit code');
    }
    const frequency = composite[2] ?? '';
    if (!FREQUENCIES.has(frequency)) {
      this.add('frequency', seg, 'CLM05-3 (frequency) must be 1 (original), 7 (replacement) or 8 (void)');
    }
    tx.claim = {
      clm: seg,
      hl,
      frequency,
      chargeCents,
      hasF8: false,
      diagnoses: 0,
      sawDiagnosisHi: false,
      lines: [],
      others: [],
    };
  }

  /** 2300 (and its 2310 providers): after CLM, before the first 2320 SBR or 2400 LX. */
  private claimHeader(claim: ClaimState): boolean {
    return claim.others.length === 0 && claim.lines.length === 0;
  }

  private onHi(claim: ClaimState, seg: X12Segment): void {
    if (!this.claimHeader(claim)) return;
    const e = seg.elements;
    for (let i = 1; i < e.length; i++) {
      const [qualifier = '', code = ''] = (e[i] ?? '').split(this.component);
      if (ICD9_QUALIFIERS.has(qualifier)) {
        claim.sawDiagnosisHi = true;
        claim.diagnoses++;
        this.add(
          'diagnosis_qualifier',
          seg,
          `HI${pad(i)} uses an ICD-9 qualifier; ICD-10 (ABK, ABF) is required`,
        );
      } else if (ICD10_QUALIFIERS.has(qualifier)) {
        claim.sawDiagnosisHi = true;
        claim.diagnoses++;
        if (!ICD10.test(code)) {
          this.add(
            'diagnosis_code',
            seg,
            code.includes('.')
              ? `HI${pad(i)}-2 must be written without the dot`
              : `HI${pad(i)}-2 is not an ICD-10-CM code (letter, digit, 1–5 letters or digits)`,
          );
        }
      }
    }
  }

  private onAmt(tx: Transaction, seg: X12Segment): void {
    const claim = tx.claim;
    const cents = this.money(seg, 2, 'AMT02', true);
    if (claim === null || seg.elements[1] !== 'D' || claim.lines.length > 0) return;
    const other = claim.others[claim.others.length - 1];
    if (other === undefined) return;
    other.amtD = seg;
    other.paidCents = cents;
  }

  private onCas(tx: Transaction, seg: X12Segment): void {
    let total: number | null = 0;
    for (let i = 3; i <= 18; i += 3) {
      if ((seg.elements[i] ?? '') === '') continue;
      const cents = this.money(seg, i, `CAS${pad(i)}`, true);
      total = total === null || cents === null ? null : total + cents;
    }
    const claim = tx.claim;
    if (claim === null) return;
    const line = claim.lines[claim.lines.length - 1];
    if (line !== undefined) {
      const adj = line.adjudications[line.adjudications.length - 1];
      if (adj !== undefined) adj.adjustmentCents = sumOrNull(adj.adjustmentCents, total);
      return;
    }
    const other = claim.others[claim.others.length - 1];
    if (other !== undefined) other.adjustmentCents = sumOrNull(other.adjustmentCents, total);
  }

  private onSv1(tx: Transaction, seg: X12Segment): void {
    const claim = tx.claim;
    const line = claim?.lines[claim.lines.length - 1];
    if (claim === null || line === undefined) {
      this.add('envelope_order', seg, 'SV1 outside a service line (LX)');
      return;
    }
    const e = seg.elements;
    line.sv1 = true;
    line.chargeCents = this.money(seg, 2, 'SV102 (line charge)', false);
    const basis = e[3] ?? '';
    const units = e[4] ?? '';
    if (basis !== 'UN' && basis !== 'MJ') this.add('units', seg, 'SV103 must be UN (units) or MJ (minutes)');
    else if (!UNITS.test(units) || Number(units) <= 0)
      this.add('units', seg, 'SV104 (units) must be a number above 0');
    if (claim.diagnoses === 0) return;
    const pointers = (e[7] ?? '').split(this.component);
    for (const p of pointers) {
      if (!POINTER.test(p) || Number(p) > claim.diagnoses) {
        this.add(
          'diagnosis_pointer',
          seg,
          "SV107 must point at the claim's diagnosis codes (1 to their count)",
        );
        break;
      }
    }
  }

  private onSvd(tx: Transaction, seg: X12Segment): void {
    const line = tx.claim?.lines[tx.claim.lines.length - 1];
    if (line === undefined) {
      this.add('envelope_order', seg, 'SVD outside a service line (LX)');
      return;
    }
    line.adjudications.push({
      svd: seg,
      payerId: seg.elements[1] ?? '',
      paidCents: this.money(seg, 2, 'SVD02 (paid)', true),
      adjustmentCents: 0,
    });
  }

  private onDtp(tx: Transaction, seg: X12Segment): void {
    const e = seg.elements;
    const format = e[2] ?? '';
    const value = e[3] ?? '';
    const [from = '', to = ''] = value.split('-');
    const ok =
      format === 'D8'
        ? validDate8(value)
        : format === 'RD8'
          ? validDate8(from) && validDate8(to) && from <= to
          : true;
    if (!ok)
      this.add(
        'date',
        seg,
        `DTP03 is not a valid ${format === 'D8' ? 'CCYYMMDD date' : 'CCYYMMDD-CCYYMMDD range'}`,
      );
    const line = tx.claim?.lines[tx.claim.lines.length - 1];
    if (line !== undefined && e[1] === '472' && line.adjudications.length === 0) line.serviceDate = true;
  }

  /** An amount element in integer cents, or null (and an `amount` finding) when it is not one. */
  private money(seg: X12Segment, n: number, what: string, allowNegative: boolean): number | null {
    const cents = x12DecimalToCents(seg.elements[n] ?? '');
    if (cents === null || (!allowNegative && cents < 0)) {
      this.add(
        'amount',
        seg,
        `${what} is not ${allowNegative ? 'an' : 'a non-negative'} amount with at most 2 decimals`,
      );
      return null;
    }
    return cents;
  }

  // --- closing loops ------------------------------------------------------------------------------

  private closeLine(claim: ClaimState): void {
    const line = claim.lines[claim.lines.length - 1];
    if (line === undefined) return;
    if (!line.sv1 || !line.serviceDate) {
      this.add('line_incomplete', line.lx, 'a service line (2400) needs SV1 and its service date (DTP*472)');
    }
    for (const adj of line.adjudications) {
      if (line.chargeCents === null || adj.paidCents === null || adj.adjustmentCents === null) continue;
      if (adj.paidCents + adj.adjustmentCents !== line.chargeCents) {
        this.add('cob_line_balance', adj.svd, 'SVD02 plus the line adjustments (2430 CAS) must equal SV102');
      }
    }
  }

  private closeClaim(tx: Transaction): void {
    const claim = tx.claim;
    if (claim === null) return;
    tx.claim = null;
    this.closeLine(claim);
    const { clm } = claim;
    if (!claim.sawDiagnosisHi) this.add('diagnosis_missing', clm, 'the claim has no diagnosis code (HI)');
    if (claim.lines.length === 0) this.add('line_missing', clm, 'the claim has no service line (2400 LX)');
    if ((claim.frequency === '7' || claim.frequency === '8') && !claim.hasF8) {
      this.add(
        'ref_f8_missing',
        clm,
        "a replacement or void claim needs the payer's claim control number (REF*F8)",
      );
    }
    const lineCharges = claim.lines.map((l) => l.chargeCents);
    if (claim.chargeCents !== null && claim.lines.length > 0 && lineCharges.every((c) => c !== null)) {
      const sum = lineCharges.reduce((a: number, c) => a + (c ?? 0), 0);
      if (sum !== claim.chargeCents)
        this.add('claim_total', clm, 'CLM02 must equal the sum of the line charges (SV102)');
    }
    this.checkOthers(claim);
  }

  /** Secondary (and later) claims: the payers ahead of this one with what they paid; COB balance. */
  private checkOthers(claim: ClaimState): void {
    const subscriber = claim.hl.level === '23' ? claim.hl.parent : claim.hl;
    const billedRank = RANKS[subscriber?.sbr?.elements[1] ?? ''] ?? 0;
    for (const o of claim.others) {
      if (!o.insured)
        this.add('other_insured_missing', o.sbr, 'the other subscriber (2330A NM1*IL) is missing');
      if (o.payerId === null)
        this.add('other_payer_missing', o.sbr, 'the other payer (2330B NM1*PR) is missing');
    }
    if (billedRank > 1) {
      const ahead = claim.others.filter((o) => o.rank > 0 && o.rank < billedRank);
      if (ahead.length === 0) {
        this.add(
          'other_subscriber_missing',
          claim.clm,
          'a secondary or later claim needs a 2320 loop (SBR) for each payer ahead of it',
        );
      }
      for (const o of ahead) {
        if (o.amtD === null) {
          this.add(
            'other_paid_missing',
            o.sbr,
            'the payer ahead of this one needs its paid amount (2320 AMT*D)',
          );
        }
      }
    }
    for (const o of claim.others) {
      // Without the payer's id (2330B, reported above) its line adjudications (SVD01) cannot be matched.
      if (o.amtD === null || o.paidCents === null || o.adjustmentCents === null || o.payerId === null)
        continue;
      if (claim.chargeCents === null) continue;
      let lineAdjustments = 0;
      let known = true;
      for (const line of claim.lines) {
        for (const adj of line.adjudications) {
          if (adj.payerId !== o.payerId) continue;
          if (adj.adjustmentCents === null) known = false;
          else lineAdjustments += adj.adjustmentCents;
        }
      }
      if (known && o.paidCents + o.adjustmentCents + lineAdjustments !== claim.chargeCents) {
        this.add(
          'cob_balance',
          o.amtD,
          'AMT*D plus the claim (2320) and line (2430) adjustments of this payer must equal CLM02',
        );
      }
    }
  }

  private closeSet(tx: Transaction): void {
    if (tx.skip) return;
    this.closeClaim(tx);
    const { st } = tx;
    if (!tx.bht) this.add('header_missing', st, 'the beginning of hierarchical transaction (BHT) is missing');
    if (!tx.submitter) this.add('header_missing', st, 'the submitter (1000A NM1*41) is missing');
    if (!tx.receiver) this.add('header_missing', st, 'the receiver (1000B NM1*40) is missing');
    if (!tx.hlList.some((h) => h.level === '20')) {
      this.add('billing_provider_missing', st, 'the set has no billing provider level (HL03 = 20)');
    }
    for (const hl of tx.hlList) {
      const want = hl.children > 0 ? '1' : '0';
      if ((hl.seg.elements[4] ?? '') !== want) {
        this.add(
          'hl_child_code',
          hl.seg,
          `HL04 must be ${want}: the level ${want === '1' ? 'has' : 'has no'} child levels`,
        );
      }
      if (hl.level === '20' && !hl.billingName) {
        this.add('billing_provider_missing', hl.seg, 'the billing provider name (2010AA NM1*85) is missing');
      }
      if (hl.level === '22') {
        if (hl.sbr === null)
          this.add('subscriber_missing', hl.seg, 'the subscriber information (2000B SBR) is missing');
        if (!hl.subscriberName)
          this.add('subscriber_name_missing', hl.seg, 'the subscriber name (2010BA NM1*IL) is missing');
        if (!hl.payerName) this.add('payer_missing', hl.seg, 'the payer name (2010BB NM1*PR) is missing');
      }
      if (
        (hl.level === '20' || hl.level === '22' || hl.level === '23') &&
        hl.children === 0 &&
        hl.claims === 0
      ) {
        this.add(
          'claim_missing',
          hl.seg,
          hl.level === '20'
            ? 'the billing provider level has no subscriber under it'
            : 'the level has no claim (CLM)',
        );
      }
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** GS06 / GE02 are numbers: leading zeros do not make them differ. */
function sameControl(a: string | undefined, b: string | undefined): boolean {
  const x = a ?? '';
  const y = b ?? '';
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) === Number(y);
  return x === y;
}

/** The X12SyntaxError message without its `X12 syntax error: ID at line N: ` prefix. */
function syntaxReason(e: X12SyntaxError): string {
  const prefix = `X12 syntax error: ${e.segmentId} at line ${e.line}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

/**
 * Checks an 837P against the rules ClaimGrid enforces (see RULES) and returns the findings in file
 * order. A file that cannot be tokenized gives one `syntax` finding (segment and line from the
 * X12SyntaxError). Never throws for bad input.
 */
export function validate837p(text: string): Validation837P {
  let tokens: X12Tokens;
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (!(e instanceof X12SyntaxError)) throw e;
    const finding: Finding837P = {
      severity: 'error',
      code: 'syntax',
      segment: e.segmentId,
      line: e.line,
      message: syntaxReason(e),
    };
    return { findings: [finding], claimCount: 0 };
  }
  const v = new Validator(tokens.delimiters);
  for (const seg of tokens.segments) v.visit(seg);
  v.finish();
  return { findings: v.findings, claimCount: v.claimCount };
}
