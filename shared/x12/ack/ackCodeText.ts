/*
 * Words for the codes acknowledgments carry, so a rejection reads as something a biller can fix. Only
 * the codes a practice meets in practice are spelled out; any other shows as its code. Code lists: the
 * 999 implementation guide (IK3-4, IK4-3, IK5/AK9) and the external claim status code lists (STC).
 */

/** IK304: what is wrong with a segment. */
const SEGMENT_ERRORS: Record<string, string> = {
  '1': 'unrecognized segment',
  '2': 'unexpected segment',
  '3': 'required segment missing',
  '4': 'loop occurs more often than allowed',
  '5': 'segment occurs more often than allowed',
  '6': 'segment not in the transaction set',
  '7': 'segment out of sequence',
  '8': 'segment has data element errors',
  I4: 'segment not used in this implementation is present',
  I6: 'segment the implementation requires is missing',
  I7: 'loop occurs fewer times than required',
  I8: 'segment occurs fewer times than required',
  I9: 'segment the implementation does not use is present',
};

/** IK403: what is wrong with an element. */
const ELEMENT_ERRORS: Record<string, string> = {
  '1': 'required element missing',
  '2': 'conditionally required element missing',
  '3': 'too many elements',
  '4': 'value too short',
  '5': 'value too long',
  '6': 'invalid character',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'element not allowed here',
  '12': 'too many repetitions',
  '13': 'too many components',
  I10: 'element not used in this implementation is present',
  I11: 'element not used in this implementation is present',
  I12: 'value does not match the implementation’s pattern',
  I13: 'element the implementation requires is missing',
  I6: 'code value not used in this implementation',
  I9: 'element the implementation requires is missing',
};

/** STC01-1 categories that end a claim's way into adjudication. */
const CATEGORIES: Record<string, string> = {
  A0: 'forwarded',
  A1: 'received',
  A2: 'accepted for processing',
  A3: 'returned as unprocessable',
  A4: 'not found',
  A5: 'split',
  A6: 'rejected for missing information',
  A7: 'rejected for invalid information',
  A8: 'rejected for relational field in error',
};

/** STC01-2 claim status codes that rejections commonly carry. */
const STATUS_CODES: Record<string, string> = {
  '19': 'entity acknowledges receipt of claim',
  '20': 'accepted for processing',
  '21': 'missing or invalid information',
  '33': 'subscriber and subscriber ID not found',
  '35': 'claim/encounter not found',
  '116': 'claim submitted to the incorrect payer',
  '145': 'entity’s primary identifier',
  '164': 'entity’s contract/member number',
  '187': 'date(s) of service',
  '254': 'principal diagnosis code',
  '255': 'diagnosis code',
  '400': 'claim is out of balance',
  '454': 'procedure code for services rendered',
  '477': 'missing or invalid procedure modifier',
  '496': 'submitter not approved for electronic claim submissions on behalf of this entity',
  '562': 'entity’s National Provider Identifier (NPI)',
  '673': 'patient control number',
};

/** "NM1 (segment 23): segment has data element errors" style text for one IK3. */
export function segmentErrorText(segment: string, position: number | null, code: string): string {
  const where = position === null ? segment : `${segment} (segment ${position} of the transaction)`;
  return `${where}: ${SEGMENT_ERRORS[code] ?? `error code ${code}`}`;
}

/** "element 9: invalid code value" style text for one IK4. */
export function elementErrorText(element: string, code: string): string {
  return `element ${element}: ${ELEMENT_ERRORS[code] ?? `error code ${code}`}`;
}

/** "A7 rejected for invalid information — entity’s National Provider Identifier (NPI)" for `A7:562:85`. */
export function statusCodeText(composite: string): string {
  const [category = '', status = ''] = composite.split(':');
  const parts = [CATEGORIES[category] ? `${category} ${CATEGORIES[category]}` : category];
  if (status) parts.push(STATUS_CODES[status] ?? `status ${status}`);
  return parts.filter((p) => p !== '').join(' — ');
}
