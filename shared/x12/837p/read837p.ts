import { x12DecimalToCents } from '../decimal.ts';
import { X12SyntaxError } from '../errors.ts';
import { forEachSegment, readDelimiters } from '../tokenize.ts';

/** One claim as `claimgrid x12 inspect` describes it. */
export interface Inspect837PClaim {
  /** CLM01 */
  patientControlNumber: string;
  /** CLM05-3: '1' original, '7' replacement, '8' void ('' when absent). */
  frequency: string;
  /** 2300 REF*F8, the payer's claim control number of the claim being replaced or voided. */
  originalReference: string | null;
  /** CLM02 in integer cents. */
  chargeCents: number;
  /** Service lines (2400 LX loops). */
  lineCount: number;
  /** 2010BB NM109 of the claim's subscriber HL. */
  payerId: string | null;
}

export interface Inspect837P {
  type: '837P';
  claims: Inspect837PClaim[];
}

/** Institutional and dental 837s share ST01 = 837; their versions name X223 / X224 (or 4010's X096 / X097). */
const NOT_PROFESSIONAL = /X22[34]|X09[67]/;

interface Hl {
  level: string;
  parent: string;
  payerId: string | null;
}

/**
 * Reads the claims of an 837P: patient control number, frequency, REF*F8, charge (integer cents, by
 * string arithmetic), line count and the payer ID of the claim's subscriber level (2010BB), walking HL
 * loops by their parent ids. Reads every transaction set in the file. Lenient with what it does not need
 * (dummy values, unknown segments); throws an X12SyntaxError naming segment and line when the file is
 * not X12, not an 837P, or a claim's CLM01/CLM02 is unusable.
 */
export function read837p(text: string): Inspect837P {
  const { component } = readDelimiters(text);
  const claims: Inspect837PClaim[] = [];
  let version = '';
  let sawSet = false;
  let hls = new Map<string, Hl>();
  let hl: Hl | null = null;
  let lastSubscriber: Hl | null = null;
  let claim: Inspect837PClaim | null = null;
  // True from CLM until the first 2320 (SBR) or 2400 (LX): where the claim's own REF*F8 sits.
  let inClaimHeader = false;

  forEachSegment(text, (seg) => {
    const e = seg.elements;
    switch (seg.id) {
      case 'GS':
        version = e[8] ?? '';
        break;
      case 'ST': {
        const setVersion = e[3] || version;
        if (e[1] !== '837' || NOT_PROFESSIONAL.test(setVersion)) {
          throw new X12SyntaxError('structure', 'ST', seg.line, 'the transaction set is not an 837P');
        }
        sawSet = true;
        hls = new Map();
        hl = null;
        lastSubscriber = null;
        claim = null;
        break;
      }
      case 'SE':
        hl = null;
        claim = null;
        break;
      case 'HL': {
        const level = e[3] ?? '';
        hl = { level, parent: e[2] ?? '', payerId: null };
        hls.set(e[1] ?? '', hl);
        if (level === '22') lastSubscriber = hl;
        claim = null;
        break;
      }
      case 'NM1':
        // 2010BB comes before the subscriber's first claim; an NM1*PR after a CLM is a 2330B other payer.
        if (e[1] === 'PR' && claim === null && hl !== null && hl.level === '22') hl.payerId = e[9] ?? null;
        break;
      case 'CLM': {
        if (hl === null) throw new X12SyntaxError('structure', 'CLM', seg.line, 'CLM outside an HL loop');
        const pcn = e[1] ?? '';
        if (pcn === '') throw new X12SyntaxError('bad_value', 'CLM', seg.line, 'CLM01 is empty');
        const cents = x12DecimalToCents(e[2] ?? '');
        if (cents === null) {
          throw new X12SyntaxError(
            'bad_value',
            'CLM',
            seg.line,
            'CLM02 is not an amount with at most 2 decimals',
          );
        }
        const subscriber: Hl | null = hl.level === '22' ? hl : (hls.get(hl.parent) ?? lastSubscriber);
        claim = {
          patientControlNumber: pcn,
          frequency: (e[5] ?? '').split(component)[2] ?? '',
          originalReference: null,
          chargeCents: cents,
          lineCount: 0,
          payerId: subscriber?.payerId ?? null,
        };
        claims.push(claim);
        inClaimHeader = true;
        break;
      }
      case 'REF':
        if (claim !== null && inClaimHeader && e[1] === 'F8') claim.originalReference = e[2] ?? null;
        break;
      case 'SBR':
        inClaimHeader = false;
        break;
      case 'LX':
        if (claim !== null) claim.lineCount++;
        inClaimHeader = false;
        break;
    }
    return true;
  });
  if (!sawSet) throw new X12SyntaxError('structure', 'ST', 1, 'the file has no 837 transaction set');
  return { type: '837P', claims };
}
