const A = 65;
const Z = 90;
const ZERO = 48;
const NINE = 57;

function isUpperLetter(c: number): boolean {
  return c >= A && c <= Z;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * True when `code` is an ICD-10-CM code in the form claims store it: no dot, upper case, a letter,
 * a digit, a letter or digit, then up to 4 letters or digits (3–7 characters). `isStoredIcd10('F840')` → true.
 * It checks the shape only, not that the code exists in this year's code set.
 */
export function isStoredIcd10(code: unknown): code is string {
  if (typeof code !== 'string' || code.length < 3 || code.length > 7) return false;
  if (!isUpperLetter(code.charCodeAt(0)) || !isDigit(code.charCodeAt(1))) return false;
  for (let i = 2; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (!isUpperLetter(c) && !isDigit(c)) return false;
  }
  return true;
}

/**
 * The stored form of an ICD-10-CM code as people type it, or null when it cannot be one:
 * trims, upper-cases and drops the dot. `normalizeIcd10('f84.0')` → 'F840', `normalizeIcd10('F84')` → 'F84'.
 *
 * The dot is only accepted where ICD-10-CM prints it, right after the 3-character category, and only with
 * something after it: 'F8.40', 'F840.1' and 'F84.' are refused (null) rather than guessed at, because a dot
 * elsewhere or a dangling dot usually means a typo or a truncated code.
 */
export function normalizeIcd10(code: string): string | null {
  if (typeof code !== 'string') return null;
  let s = code.trim().toUpperCase();
  const dot = s.indexOf('.');
  if (dot !== -1) {
    if (dot !== 3 || dot === s.length - 1 || s.indexOf('.', dot + 1) !== -1) return null;
    s = s.slice(0, 3) + s.slice(4);
  }
  return isStoredIcd10(s) ? s : null;
}
