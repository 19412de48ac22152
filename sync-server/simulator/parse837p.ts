import type { PersonName } from '../../shared/domain/primitives.ts';
import type { Ack999SegmentError } from '../../shared/x12/ack/write999.ts';
import { x12DecimalToCents } from '../../shared/x12/decimal.ts';
import { X12SyntaxError } from '../../shared/x12/errors.ts';
import { forEachSegment, readDelimiters } from '../../shared/x12/tokenize.ts';

/*
 * What the clearinghouse simulator reads from an 837P: the envelope (to answer it), per transaction set
 * the syntax findings a 999 reports, and per claim what the payer rules and the 277CA/835 need. A reader
 * of its own because `read837p` (for `claimgrid x12 inspect`) keeps only the inspect summary.
 */

/** One service line (2400). */
export interface SimLine {
  /** LX01 */
  lineNumber: number;
  /** SV101-2 */
  procedure: string;
  /** SV101-3…6 */
  modifiers: string[];
  /** SV102 in cents (0 when unusable: the 999 rejects the set then). */
  chargeCents: number;
  /** SV104 */
  units: number | null;
  /** DTP*472, YYYY-MM-DD (the first date of a range). */
  serviceDate: string | null;
  /** 2420A NM109, when the line names its own rendering provider. */
  renderingNpi: string | null;
}

/** One claim (2300) with what it inherits from its HL levels. */
export interface SimClaim {
  /** ST02 of its transaction set. */
  transactionControlNumber: string;
  /** CLM01 */
  patientControlNumber: string;
  /** CLM02 in cents (0 when unusable: the 999 rejects the set then). */
  chargeCents: number;
  /** CLM05-1 */
  placeOfService: string;
  /** CLM05-3 */
  frequency: string;
  /** 2300 REF*F8 */
  originalReference: string | null;
  /** 2010BB */
  payer: { name: string; id: string };
  /** SBR01: P primary, S secondary, T tertiary, … */
  responsibility: string;
  /** SBR09, e.g. CI commercial, MC Medicaid. */
  filingIndicator: string;
  subscriber: PersonName & { memberId: string };
  /** 2010CA when the patient is not the subscriber, else the subscriber. */
  patient: PersonName;
  /** 2010AA */
  billingProvider: { name: string | PersonName; npi: string; taxId: string | null };
  /** 2310B NM109, null when the billing provider rendered the service. */
  renderingNpi: string | null;
  lines: SimLine[];
}

export interface SimTransaction {
  /** ST01, ST02, ST03 as received. */
  id: string;
  controlNumber: string;
  version: string;
  /** BHT03: the submitter's batch reference. */
  reference: string;
  /** 1000A */
  submitter: { name: string | PersonName; id: string };
  claims: SimClaim[];
  /** Segment errors for the 999's IK3/IK4. */
  segmentErrors: Ack999SegmentError[];
  /** Set-level codes for the 999's IK5 (3 control numbers differ, 4 count wrong, 2 trailer missing, 1 not supported). */
  setErrors: string[];
}

export interface Sim837P {
  interchange: {
    senderQualifier: string;
    senderId: string;
    receiverQualifier: string;
    receiverId: string;
    controlNumber: string;
    usage: 'T' | 'P';
  };
  group: {
    functionalId: string;
    senderCode: string;
    receiverCode: string;
    controlNumber: string;
    version: string;
    /** GE01 */
    declaredCount: number | null;
    /** AK905 codes: 4 group control number mismatch, 5 set count mismatch, 2 trailer missing. */
    errors: string[];
  };
  transactions: SimTransaction[];
}

const X222 = /X222/;
const POS = /^\d{2}$/;
const FREQUENCIES = new Set(['1', '7', '8']);
const ISO = (d: string) => (/^\d{8}/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null);

interface Level {
  code: string;
  parent: Level | null;
  /** 2010AA on a 20 level */
  billing?: SimClaim['billingProvider'];
  /** 2000B on a 22 level */
  responsibility?: string;
  filingIndicator?: string;
  subscriber?: SimClaim['subscriber'];
  payer?: SimClaim['payer'];
  /** 2010CA on a 23 level */
  patient?: PersonName;
}

function nameOf(e: readonly string[]): string | PersonName {
  if (e[2] === '1') return { last: e[3] ?? '', first: e[4] ?? '', ...(e[5] ? { middle: e[5] } : {}) };
  return e[3] ?? '';
}

function personOf(e: readonly string[]): PersonName {
  return { last: e[3] ?? '', first: e[4] ?? '', ...(e[5] ? { middle: e[5] } : {}) };
}

function findUp<K extends keyof Level>(level: Level | null, key: K): Level[K] | undefined {
  for (let l = level; l !== null; l = l.parent) if (l[key] !== undefined) return l[key];
  return undefined;
}

/**
 * Reads an 837P for the simulator. Throws an X12SyntaxError (segment and line, no values) only when the
 * file cannot be tokenized or has no ISA/GS; everything else becomes a 999 finding on its set.
 */
export function parse837pForSimulator(text: string): Sim837P {
  const { component } = readDelimiters(text);
  const result: Sim837P = {
    interchange: {
      senderQualifier: '',
      senderId: '',
      receiverQualifier: '',
      receiverId: '',
      controlNumber: '',
      usage: 'P',
    },
    group: {
      functionalId: '',
      senderCode: '',
      receiverCode: '',
      controlNumber: '',
      version: '',
      declaredCount: null,
      errors: [],
    },
    transactions: [],
  };
  let sawGs = false;
  let sawGe = false;
  let set: SimTransaction | null = null;
  let position = 0;
  let levels = new Map<string, Level>();
  let level: Level | null = null;
  let claim: SimClaim | null = null;
  let line: SimLine | null = null;
  // From CLM to the first 2320 SBR or 2400 LX: where 2310B and REF*F8 of the claim itself sit.
  let inClaimHeader = false;

  const segmentError = (
    id: string,
    loop: string,
    element: { position: number; component?: number; reference: string; code: string; value?: string },
  ) => {
    set?.segmentErrors.push({ segmentId: id, position, loop, code: '8', elements: [element] });
  };

  forEachSegment(text, (seg) => {
    const e = seg.elements;
    if (set !== null) position++;
    switch (seg.id) {
      case 'ISA':
        result.interchange = {
          senderQualifier: (e[5] ?? '').trim(),
          senderId: (e[6] ?? '').trim(),
          receiverQualifier: (e[7] ?? '').trim(),
          receiverId: (e[8] ?? '').trim(),
          controlNumber: (e[13] ?? '').trim(),
          usage: (e[15] ?? '').trim() === 'T' ? 'T' : 'P',
        };
        break;
      case 'GS':
        sawGs = true;
        result.group = {
          ...result.group,
          functionalId: e[1] ?? '',
          senderCode: e[2] ?? '',
          receiverCode: e[3] ?? '',
          controlNumber: e[6] ?? '',
          version: e[8] ?? '',
        };
        break;
      case 'ST':
        if (set !== null) set.setErrors.push('2');
        set = {
          id: e[1] ?? '',
          controlNumber: e[2] ?? '',
          version: e[3] ?? '',
          reference: '',
          submitter: { name: '', id: '' },
          claims: [],
          segmentErrors: [],
          setErrors: [],
        };
        if (set.id !== '837' || !X222.test(set.version || result.group.version)) set.setErrors.push('1');
        result.transactions.push(set);
        position = 1;
        levels = new Map();
        level = null;
        claim = null;
        line = null;
        break;
      case 'SE':
        if (set === null) break;
        if (e[1] !== String(position)) set.setErrors.push('4');
        if (e[2] !== set.controlNumber) set.setErrors.push('3');
        set = null;
        break;
      case 'GE':
        sawGe = true;
        if (set !== null) {
          set.setErrors.push('2');
          set = null;
        }
        result.group.declaredCount = /^\d+$/.test(e[1] ?? '') ? Number(e[1]) : null;
        if (result.group.declaredCount !== result.transactions.length) result.group.errors.push('5');
        if (e[2] !== result.group.controlNumber) result.group.errors.push('4');
        break;
      default:
        if (set !== null) readSetSegment(seg.id, e);
    }
    return true;
  });

  function readSetSegment(id: string, e: readonly string[]): void {
    const s = set!;
    switch (id) {
      case 'BHT':
        s.reference = e[3] ?? '';
        break;
      case 'HL': {
        const parent = levels.get(e[2] ?? '') ?? null;
        level = { code: e[3] ?? '', parent };
        levels.set(e[1] ?? '', level);
        claim = null;
        line = null;
        break;
      }
      case 'SBR':
        if (claim !== null) inClaimHeader = false;
        else if (level?.code === '22') {
          level.responsibility = e[1] ?? '';
          level.filingIndicator = e[9] ?? '';
        }
        break;
      case 'NM1': {
        const entity = e[1];
        if (level === null) {
          if (entity === '41') s.submitter = { name: nameOf(e), id: e[9] ?? '' };
        } else if (claim === null) {
          if (entity === '85' && level.code === '20')
            level.billing = { name: nameOf(e), npi: e[9] ?? '', taxId: null };
          else if (entity === 'IL' && level.code === '22')
            level.subscriber = { ...personOf(e), memberId: e[9] ?? '' };
          else if (entity === 'PR' && level.code === '22') level.payer = { name: e[3] ?? '', id: e[9] ?? '' };
          else if (entity === 'QC' && level.code === '23') level.patient = personOf(e);
        } else if (entity === '82') {
          if (line !== null) line.renderingNpi = e[9] || null;
          else if (inClaimHeader) claim.renderingNpi = e[9] || null;
        }
        break;
      }
      case 'REF':
        if (claim === null && level?.code === '20' && e[1] === 'EI' && level.billing)
          level.billing.taxId = e[2] ?? null;
        if (claim !== null && inClaimHeader && e[1] === 'F8') claim.originalReference = e[2] ?? null;
        break;
      case 'CLM':
        readClaim(s, e);
        break;
      case 'LX':
        inClaimHeader = false;
        if (claim === null) break;
        line = {
          lineNumber: Number(e[1]) || claim.lines.length + 1,
          procedure: '',
          modifiers: [],
          chargeCents: 0,
          units: null,
          serviceDate: null,
          renderingNpi: null,
        };
        claim.lines.push(line);
        break;
      case 'SV1': {
        if (line === null) break;
        const parts = (e[1] ?? '').split(component);
        line.procedure = parts[1] ?? '';
        line.modifiers = parts.slice(2, 6).filter((m) => m !== '');
        if (line.procedure === '')
          segmentError('SV1', '2400', { position: 1, component: 2, reference: '234', code: '1' });
        const cents = x12DecimalToCents(e[2] ?? '');
        if (cents === null || cents < 0) {
          segmentError('SV1', '2400', {
            position: 2,
            reference: '782',
            code: cents === null ? '6' : '7',
            value: e[2] ?? '',
          });
        } else line.chargeCents = cents;
        line.units = /^\d+(\.\d+)?$/.test(e[4] ?? '') ? Number(e[4]) : null;
        break;
      }
      case 'DTP':
        if (line !== null && e[1] === '472' && line.serviceDate === null) line.serviceDate = ISO(e[3] ?? '');
        break;
    }
  }

  function readClaim(s: SimTransaction, e: readonly string[]): void {
    const at = level;
    if (at === null) {
      s.segmentErrors.push({ segmentId: 'CLM', position, loop: '2300', code: '2' });
      return;
    }
    const parts = (e[5] ?? '').split(component);
    const subscriber = findUp(at, 'subscriber');
    claim = {
      transactionControlNumber: s.controlNumber,
      patientControlNumber: e[1] ?? '',
      chargeCents: 0,
      placeOfService: parts[0] ?? '',
      frequency: parts[2] ?? '',
      originalReference: null,
      payer: findUp(at, 'payer') ?? { name: '', id: '' },
      responsibility: findUp(at, 'responsibility') ?? '',
      filingIndicator: findUp(at, 'filingIndicator') ?? '',
      subscriber: subscriber ?? { last: '', first: '', memberId: '' },
      patient: findUp(at, 'patient') ?? subscriber ?? { last: '', first: '' },
      billingProvider: findUp(at, 'billing') ?? { name: '', npi: '', taxId: null },
      renderingNpi: null,
      lines: [],
    };
    s.claims.push(claim);
    line = null;
    inClaimHeader = true;
    // Loops the claim inherits that are missing: reported where the claim starts (IK3 code 3).
    const missing = (loop: string) => s.segmentErrors.push({ segmentId: 'NM1', position, loop, code: '3' });
    if (!claim.billingProvider.npi) missing('2010AA');
    if (!claim.subscriber.last) missing('2010BA');
    if (!claim.payer.id) missing('2010BB');
    if (claim.patientControlNumber === '') {
      segmentError('CLM', '2300', { position: 1, reference: '1028', code: '1' });
    }
    const cents = x12DecimalToCents(e[2] ?? '');
    if (cents === null || cents < 0) {
      segmentError('CLM', '2300', {
        position: 2,
        reference: '782',
        code: cents === null ? '6' : '7',
        value: e[2] ?? '',
      });
    } else claim.chargeCents = cents;
    if (!POS.test(claim.placeOfService)) {
      segmentError('CLM', '2300', {
        position: 5,
        component: 1,
        reference: '1331',
        code: '7',
        value: claim.placeOfService,
      });
    }
    if (!FREQUENCIES.has(claim.frequency)) {
      segmentError('CLM', '2300', {
        position: 5,
        component: 3,
        reference: '1325',
        code: '7',
        value: claim.frequency,
      });
    }
  }

  if (!sawGs) throw new X12SyntaxError('structure', 'GS', 1, 'the file has no functional group');
  if (!sawGe) result.group.errors.push('2');
  if (set !== null) (set as SimTransaction).setErrors.push('2');
  return result;
}
