/**
 * Guards for reading data the scrubber cannot trust: a claim from a replica, a CSV import or a damaged
 * IndexedDB row may have any field missing or of the wrong type, and the scrubber must report that,
 * never throw. Every read goes through `typeof` first; nothing here allocates.
 */

/** An object whose fields are not yet known to have their declared types. */
export type Loose = { readonly [key: string]: unknown };

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a string with at least one non-whitespace character. */
export function isNonBlankString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 160) return true;
  }
  return false;
}

/** True for a whole number of cents that is not negative. */
export function isNonNegativeCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The line number to report for the line at `index`: its own `lineNo` when readable, else its position. */
export function lineNoOf(line: unknown, index: number): number {
  if (isRecord(line)) {
    const n = line.lineNo;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) return n;
  }
  return index + 1;
}
