import type { PersonName } from '../../domain/primitives.ts';
import { formatCentsDecimal } from '../../money/format.ts';
import { personNm1, requiredText, x12Date, x12Text } from '../837p/text.ts';
import { X12WriteError } from '../errors.ts';
import type { X12Value, X12Writer } from '../segmentWriter.ts';
import { type AckEnvelope, closeAck, openAck } from './envelope.ts';

export const X214 = '005010X214';

/**
 * One STC status: category (STC01-1, e.g. A1 received, A2 accepted into adjudication, A3 returned as
 * unprocessable, A7 rejected for invalid information), status code (STC01-2, e.g. 20 accepted for
 * processing, 562 entity's NPI) and optionally the entity it concerns (STC01-3, e.g. 85 billing provider).
 */
export interface ClaimStatusCode {
  category: string;
  code: string;
  entity?: string;
}

/** Categories that mean the claim did not get into adjudication (the biller must fix and resubmit). */
const REJECTED_CATEGORIES = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);

/** Whether a status (its first code decides) rejects the claim. */
export function isRejection(statuses: readonly ClaimStatusCode[]): boolean {
  const first = statuses[0];
  return first !== undefined && REJECTED_CATEGORIES.has(first.category);
}

/** One claim's acknowledgment (2000D patient level with its 2200D). */
export interface Ack277CAClaim {
  patient: PersonName & { memberId: string };
  /** CLM01 of the acknowledged claim (TRN02). */
  patientControlNumber: string;
  /** CLM02 (STC04). */
  chargeCents: number;
  /** 1 to 3 statuses (STC01, STC10, STC11); the first decides accepted vs rejected (action code WQ / U). */
  statuses: readonly ClaimStatusCode[];
  /** STC12: a free-form explanation (≤ 264 characters). */
  message?: string;
  /** REF*1K: the payer's claim control number, once the payer has the claim. */
  payerClaimControlNumber?: string;
  /** REF*D9: the clearinghouse's own claim id. */
  clearinghouseClaimId?: string;
  /** DTP*472: the claim's service dates, YYYY-MM-DD (a range when `to` differs). */
  serviceFrom: string;
  serviceTo?: string;
}

/** A billing provider and its claims (2000C, 2000D). */
export interface Ack277CAProvider {
  /** An organization name, or a person's name for an individual provider (NM102 = 1). */
  name: string | PersonName;
  npi: string;
  /** 2200C TRN02; defaults to the NPI. */
  traceNumber?: string;
  claims: readonly Ack277CAClaim[];
}

/** Who acknowledges (2000A: the payer 'PR' or a clearinghouse 'AY'), for whom (2000B), and what. */
export interface Ack277CASource {
  entity: 'PR' | 'AY';
  name: string;
  /** NM108: PI payer id, 46 electronic transmitter id, FI tax id, XV CMS plan id. */
  idQualifier: 'PI' | '46' | 'FI' | 'XV';
  id: string;
  /** 2200A TRN02: the source's own trace number for this acknowledgment. */
  traceNumber: string;
  /** DTP*050: when the claims were received; DTP*009: when they were processed (YYYY-MM-DD). */
  receivedDate: string;
  processedDate: string;
  /** The information receiver: the 837's submitter (1000A). */
  receiver: {
    name: string | PersonName;
    /** Its electronic transmitter id (1000A NM109). */
    id: string;
    /** 2200B TRN02: the batch the claims came in (the 837's BHT03). */
    batchReference: string;
  };
  providers: readonly Ack277CAProvider[];
}

export interface Write277CAInput extends AckEnvelope {
  /** BHT03: this acknowledgment's own reference. */
  reference: string;
  sources: readonly Ack277CASource[];
  /** ST02 (default 1). */
  transactionControlNumber?: number;
}

export interface Write277CAResult {
  text: string;
  claimCount: number;
  acceptedCount: number;
  rejectedCount: number;
}

const MAX_STATUSES = 3;

function nameElements(entity: string, name: string | PersonName, qualifier: string, id: string): X12Value[] {
  if (typeof name === 'string') {
    return [entity, '2', requiredText(name, 60, 'NM1', 3), '', '', '', '', qualifier, id];
  }
  return personNm1(entity, name, qualifier, id);
}

function statusComposite(s: ClaimStatusCode): X12Value {
  return [s.category, s.code, s.entity];
}

function checkStatuses(statuses: readonly ClaimStatusCode[]): void {
  if (statuses.length < 1 || statuses.length > MAX_STATUSES) {
    throw new X12WriteError('STC', 1, 'a claim needs 1 to 3 status codes');
  }
}

interface Totals {
  acceptedCount: number;
  acceptedCents: number;
  rejectedCount: number;
  rejectedCents: number;
}

function totalsOf(claims: readonly Ack277CAClaim[]): Totals {
  const t: Totals = { acceptedCount: 0, acceptedCents: 0, rejectedCount: 0, rejectedCents: 0 };
  for (const c of claims) {
    checkStatuses(c.statuses);
    if (isRejection(c.statuses)) {
      t.rejectedCount++;
      t.rejectedCents += c.chargeCents;
    } else {
      t.acceptedCount++;
      t.acceptedCents += c.chargeCents;
    }
  }
  return t;
}

/** QTY and AMT summary segments: accepted / rejected counts and amounts, the ones that are not zero. */
function writeSummary(w: X12Writer, t: Totals, qty: { accepted: string; rejected: string }): void {
  if (t.acceptedCount > 0) w.segment('QTY', qty.accepted, String(t.acceptedCount));
  if (t.rejectedCount > 0) w.segment('QTY', qty.rejected, String(t.rejectedCount));
  if (t.acceptedCount > 0) w.segment('AMT', 'YU', formatCentsDecimal(t.acceptedCents));
  if (t.rejectedCount > 0) w.segment('AMT', 'YY', formatCentsDecimal(t.rejectedCents));
}

/**
 * Writes a 277CA (005010X214) claim acknowledgment, one transaction set: per source (2000A, with TRN and
 * the receipt and process dates) one information receiver (2000B: the batch's TRN, a summary STC,
 * accepted/rejected counts and amounts), per billing provider a 2000C (TRN, summary STC, counts), and
 * per claim a patient level 2000D with TRN (the patient control number), STC (category:status:entity,
 * date, action WQ accepted or U rejected, charge), REF*1K / REF*D9 and the service date. The hierarchy
 * follows the TR3: information source → receiver → provider → patient.
 */
export function write277ca(input: Write277CAInput): Write277CAResult {
  if (input.sources.length === 0) throw new X12WriteError('HL', 0, 'a 277CA needs an information source');
  const { w, stamp } = openAck(input, 'HN', X214);
  w.beginTransaction({
    id: '277',
    controlNumber: input.transactionControlNumber ?? 1,
    implementationReference: X214,
  });
  w.segment('BHT', '0085', '08', x12Text(input.reference, 50), stamp.date, stamp.seconds, 'TH');
  let claimCount = 0;
  let acceptedCount = 0;
  let rejectedCount = 0;
  for (const source of input.sources) {
    if (source.providers.length === 0) throw new X12WriteError('HL', 0, 'a source needs a billing provider');
    const processed = x12Date(source.processedDate, 'DTP', 3);
    const sourceHl = w.hl(null, '20');
    w.segment('NM1', ...nameElements(source.entity, source.name, source.idQualifier, source.id));
    w.segment('TRN', '1', source.traceNumber);
    w.segment('DTP', '050', 'D8', x12Date(source.receivedDate, 'DTP', 3));
    w.segment('DTP', '009', 'D8', processed);

    const all = totalsOf(source.providers.flatMap((p) => p.claims));
    const receiverHl = w.hl(sourceHl, '21');
    w.segment('NM1', ...nameElements('41', source.receiver.name, '46', source.receiver.id));
    w.segment('TRN', '2', source.receiver.batchReference);
    // A1:19 "entity acknowledges receipt"; the total is every claim's charge in the batch.
    w.segment(
      'STC',
      ['A1', '19', source.entity],
      processed,
      'WQ',
      formatCentsDecimal(all.acceptedCents + all.rejectedCents),
    );
    writeSummary(w, all, { accepted: '90', rejected: 'AA' });

    for (const provider of source.providers) {
      if (provider.claims.length === 0) throw new X12WriteError('HL', 0, 'a provider needs a claim');
      const t = totalsOf(provider.claims);
      const providerHl = w.hl(receiverHl, '19');
      w.segment('NM1', ...nameElements('85', provider.name, 'XX', provider.npi));
      w.segment('TRN', '1', provider.traceNumber ?? provider.npi);
      w.segment('STC', ['A1', '19', '85'], '', 'WQ', formatCentsDecimal(t.acceptedCents + t.rejectedCents));
      writeSummary(w, t, { accepted: 'QA', rejected: 'QC' });

      for (const claim of provider.claims) {
        const rejected = isRejection(claim.statuses);
        w.hl(providerHl, 'PT');
        w.segment('NM1', ...nameElements('QC', claim.patient, 'MI', x12Text(claim.patient.memberId, 80)));
        w.segment('TRN', '2', claim.patientControlNumber);
        w.segment(
          'STC',
          statusComposite(claim.statuses[0]!),
          processed,
          rejected ? 'U' : 'WQ',
          formatCentsDecimal(claim.chargeCents),
          '',
          '',
          '',
          '',
          '',
          claim.statuses[1] ? statusComposite(claim.statuses[1]) : '',
          claim.statuses[2] ? statusComposite(claim.statuses[2]) : '',
          x12Text(claim.message ?? '', 264),
        );
        if (claim.payerClaimControlNumber) w.segment('REF', '1K', claim.payerClaimControlNumber);
        if (claim.clearinghouseClaimId) w.segment('REF', 'D9', claim.clearinghouseClaimId);
        const from = x12Date(claim.serviceFrom, 'DTP', 3);
        const to = claim.serviceTo ? x12Date(claim.serviceTo, 'DTP', 3) : from;
        if (to === from) w.segment('DTP', '472', 'D8', from);
        else w.segment('DTP', '472', 'RD8', `${from}-${to}`);
        claimCount++;
        if (rejected) rejectedCount++;
        else acceptedCount++;
      }
    }
  }
  w.endTransaction();
  const text = dropPatientChildCodes(closeAck(w), w, claimCount, input.lineBreaks ?? true);
  return { text, claimCount, acceptedCount, rejectedCount };
}

/**
 * The X214 marks HL04 "not used" on the patient level (it is the leaf: service lines are not an HL),
 * and validators reject it, but X12Writer.hl always writes one. Removes it in one pass: a patient HL is
 * `<terminator>HL*id*parent*PT*0<terminator>`, and values never hold a terminator, so only those segments
 * match; the count must be the number of patient levels written. The segment count does not change.
 */
function dropPatientChildCodes(
  text: string,
  w: X12Writer,
  patientLevels: number,
  lineBreaks: boolean,
): string {
  const { element, segment } = w.delimiters;
  const end = escapeRegExp(segment + (lineBreaks ? '\n' : ''));
  const e = escapeRegExp(element);
  const pattern = new RegExp(`(${end}HL${e}\\d+${e}\\d+${e}PT)${e}0(?=${end})`, 'g');
  let found = 0;
  const out = text.replace(pattern, (_, head: string) => {
    found++;
    return head;
  });
  if (found !== patientLevels) throw new X12WriteError('HL', 4, 'patient levels not found as written');
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
