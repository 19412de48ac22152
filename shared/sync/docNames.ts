/**
 * Yjs document names. A practice's data is split so each live document stays small (DESIGN-NOTES:
 * ≤ ~10k claims a document):
 * - `{practiceId}:ref`             reference data: practice settings, payers, providers, clients,
 *                                  authorizations, fee schedule. Written by admins and billers.
 * - `{practiceId}:work:{YYYY-MM}`  what people edit together for one service month: session notes,
 *                                  the editable fields of claims, and status intents. Written by
 *                                  admins and billers (and by the server).
 * - `{practiceId}:facts:{YYYY-MM}` server facts for that month: claim status, postings, history,
 *                                  intent outcomes. Only the server writes; client writes are dropped.
 */
export type DocKind = 'ref' | 'work' | 'facts';

export interface DocAddress {
  practiceId: string;
  kind: DocKind;
  /** Service month `YYYY-MM` for work and facts documents; null for ref. */
  partition: string | null;
}

const PRACTICE_ID = '[A-Za-z0-9_-]{1,64}';
const DOC_NAME = new RegExp(`^(${PRACTICE_ID}):(?:(ref)|(work|facts):(\\d{4}-(?:0[1-9]|1[0-2])))$`);

/** `refDocName('p1')` → 'p1:ref'. */
export function refDocName(practiceId: string): string {
  return `${practiceId}:ref`;
}

/** `workDocName('p1', '2026-11')` → 'p1:work:2026-11'. */
export function workDocName(practiceId: string, partition: string): string {
  return `${practiceId}:work:${partition}`;
}

/** `factsDocName('p1', '2026-11')` → 'p1:facts:2026-11'. */
export function factsDocName(practiceId: string, partition: string): string {
  return `${practiceId}:facts:${partition}`;
}

/** Parses a document name; null when it is not one ClaimGrid uses. */
export function parseDocName(name: string): DocAddress | null {
  const m = DOC_NAME.exec(name);
  if (!m) return null;
  if (m[2] === 'ref') return { practiceId: m[1]!, kind: 'ref', partition: null };
  return { practiceId: m[1]!, kind: m[3] as 'work' | 'facts', partition: m[4]! };
}

/** The partition (service month) a date of service belongs to: '2026-11-05' → '2026-11'. */
export function partitionOf(dateOfService: string): string {
  return dateOfService.slice(0, 7);
}
