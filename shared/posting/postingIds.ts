/** Characters an id may use (the domain's `idSchema`). */
const ID_CHARS = /^[A-Za-z0-9._:-]+$/;
/** The longest id the domain stores. */
const MAX_ID_LENGTH = 64;
/** `rem:` + this many characters of the remittance id + `:` + the index fit in 64 with an 11-digit index. */
const REMITTANCE_ID_CHARS = 48;

/**
 * The id of the posting made from entry `index` (0-based, file order) of a remittance: `rem:<id>:<index>`,
 * the remittance id cut to its first 48 characters (a content hash: 192 bits still tell files apart).
 * Deterministic, so the same file posted twice yields the same ids and posts once. `remittanceId` must be
 * unique per list of claim payments: a file with several payments (ST…SE) needs an id per payment.
 * @example remittancePostingId('9f86d081884c7d65', 3) // → 'rem:9f86d081884c7d65:3'
 */
export function remittancePostingId(remittanceId: string, index: number): string {
  assertRemittanceId(remittanceId);
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError('entry index must be a whole number ≥ 0');
  const id = `rem:${remittanceId.slice(0, REMITTANCE_ID_CHARS)}:${index}`;
  if (id.length > MAX_ID_LENGTH) throw new RangeError('entry index too large for a posting id');
  return id;
}

/** Throws a RangeError unless `remittanceId` is a valid domain id (it is stored as the posting's source). */
export function assertRemittanceId(remittanceId: string): void {
  if (remittanceId.length === 0 || remittanceId.length > MAX_ID_LENGTH || !ID_CHARS.test(remittanceId)) {
    throw new RangeError('remittance id must be 1–64 letters, digits or . _ : -');
  }
}
