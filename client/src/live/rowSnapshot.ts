import type { IsoDate } from '../../../shared/domain/primitives.ts';
import { daysBetween } from '../../../shared/util/dates.ts';
import { type ClaimRow, rowSearchText } from '../queue/claimRow.ts';

/**
 * The queue's rows as one text, kept on the device so the next start can show and filter them before
 * the replica's documents are loaded (decoding 100k claims' Yjs documents and building their rows
 * takes seconds; this takes a fraction of one). It is a picture for the screen only: nothing is
 * changed from it, and the rows built from the replica replace it.
 *
 * Columns, not objects: a column of strings is stored once per distinct value plus an index per row
 * (patients, payers, codes, dates repeat), so the text is small, parses fast, and the rows decoded
 * from it share their strings. "Days since billed" is computed again for the day of the start, and
 * the search text again from the names.
 */

/** Key of the snapshot among the values kept on the device. */
export const ROW_SNAPSHOT_KEY = 'queueRows';

// 2: rows carry their client's id.
const VERSION = 2;

const TEXT_COLUMNS = [
  'patient',
  'clientId',
  'dateOfService',
  'placeOfService',
  'renderingProvider',
  'renderingProviderId',
  'billingProvider',
  'payer',
  'payerId',
  'serviceCodes',
  'status',
  'ediStatus',
  'firstSubmitted',
  'denialReason',
  'holdReason',
  'lastFollowUpNote',
] as const satisfies readonly (keyof ClaimRow)[];

const NUMBER_COLUMNS = [
  'units',
  'billedCents',
  'allowedCents',
  'adjustmentCents',
  'insurancePaidCents',
  'insurance1PaidCents',
  'insurance2PaidCents',
  'patientPaidCents',
  'insuranceBalanceCents',
  'patientBalanceCents',
] as const satisfies readonly (keyof ClaimRow)[];

type TextColumn = (typeof TEXT_COLUMNS)[number];
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/** A text column: the distinct values, and per row the index of its value. */
interface Dictionary {
  values: string[];
  at: number[];
}

interface Encoded {
  version: number;
  practiceName: string;
  ids: string[];
  text: Record<TextColumn, Dictionary>;
  numbers: Record<NumberColumn, number[]>;
  /** Denial codes joined by a newline (codes never hold one). */
  denialCodes: Dictionary;
}

export interface RowSnapshot {
  practiceName: string;
  rows: ClaimRow[];
}

function dictionary(values: readonly string[]): Dictionary {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const at = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let n = index.get(v);
    if (n === undefined) {
      n = distinct.length;
      index.set(v, n);
      distinct.push(v);
    }
    at[i] = n;
  }
  return { values: distinct, at };
}

/** The rows as the text kept on the device. */
export function encodeRowSnapshot(practiceName: string, rows: readonly ClaimRow[]): string {
  const text = {} as Record<TextColumn, Dictionary>;
  for (const column of TEXT_COLUMNS) text[column] = dictionary(rows.map((r) => r[column]));
  const numbers = {} as Record<NumberColumn, number[]>;
  for (const column of NUMBER_COLUMNS) numbers[column] = rows.map((r) => r[column]);
  const encoded: Encoded = {
    version: VERSION,
    practiceName,
    ids: rows.map((r) => r.id),
    text,
    numbers,
    denialCodes: dictionary(rows.map((r) => r.denialCodes.join('\n'))),
  };
  return JSON.stringify(encoded);
}

function isDictionary(d: unknown, length: number): d is Dictionary {
  const x = d as Dictionary | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray(x.values) &&
    Array.isArray(x.at) &&
    x.at.length === length &&
    x.values.every((v) => typeof v === 'string') &&
    x.at.every((n) => Number.isInteger(n) && n >= 0 && n < x.values.length)
  );
}

function isEncoded(value: unknown): value is Encoded {
  const e = value as Encoded | null;
  if (typeof e !== 'object' || e === null || e.version !== VERSION || typeof e.practiceName !== 'string')
    return false;
  if (!Array.isArray(e.ids) || !e.ids.every((id) => typeof id === 'string')) return false;
  const n = e.ids.length;
  if (typeof e.text !== 'object' || e.text === null || typeof e.numbers !== 'object' || e.numbers === null)
    return false;
  return (
    TEXT_COLUMNS.every((c) => isDictionary(e.text[c], n)) &&
    NUMBER_COLUMNS.every(
      (c) => Array.isArray(e.numbers[c]) && e.numbers[c].length === n && e.numbers[c].every(Number.isFinite),
    ) &&
    isDictionary(e.denialCodes, n)
  );
}

/**
 * The rows of a snapshot as of `asOf` (which fixes "days since billed"), or null when `text` is not a
 * snapshot this version can read (missing, older format, damaged): the start then builds the rows
 * from the replica as without one. Never throws.
 */
export function decodeRowSnapshot(text: unknown, asOf: IsoDate): RowSnapshot | null {
  if (typeof text !== 'string') return null;
  let encoded: unknown;
  try {
    encoded = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isEncoded(encoded)) return null;
  const { ids, text: t, numbers: num } = encoded;
  const codeLists = encoded.denialCodes.values.map((v) => (v === '' ? [] : v.split('\n')));
  const rows = new Array<ClaimRow>(ids.length);
  const value = (column: TextColumn, i: number) => t[column].values[t[column].at[i]!]!;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const patient = value('patient', i);
    const payer = value('payer', i);
    const serviceCodes = value('serviceCodes', i);
    const firstSubmitted = value('firstSubmitted', i);
    rows[i] = {
      id,
      patient,
      clientId: value('clientId', i),
      dateOfService: value('dateOfService', i),
      placeOfService: value('placeOfService', i),
      renderingProvider: value('renderingProvider', i),
      renderingProviderId: value('renderingProviderId', i),
      billingProvider: value('billingProvider', i),
      payer,
      payerId: value('payerId', i),
      serviceCodes,
      units: num.units[i]!,
      billedCents: num.billedCents[i]!,
      allowedCents: num.allowedCents[i]!,
      adjustmentCents: num.adjustmentCents[i]!,
      insurancePaidCents: num.insurancePaidCents[i]!,
      insurance1PaidCents: num.insurance1PaidCents[i]!,
      insurance2PaidCents: num.insurance2PaidCents[i]!,
      patientPaidCents: num.patientPaidCents[i]!,
      insuranceBalanceCents: num.insuranceBalanceCents[i]!,
      patientBalanceCents: num.patientBalanceCents[i]!,
      status: value('status', i) as ClaimRow['status'],
      ediStatus: value('ediStatus', i) as ClaimRow['ediStatus'],
      firstSubmitted: firstSubmitted as ClaimRow['firstSubmitted'],
      daysSinceBilled: firstSubmitted === '' ? null : daysBetween(firstSubmitted, asOf),
      denialReason: value('denialReason', i),
      denialCodes: codeLists[encoded.denialCodes.at[i]!]!,
      holdReason: value('holdReason', i),
      lastFollowUpNote: value('lastFollowUpNote', i),
      searchText: rowSearchText(id, patient, payer, serviceCodes),
    };
  }
  return { practiceName: encoded.practiceName, rows };
}
