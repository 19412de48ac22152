export { isValidNpi } from '../domain/npi.ts';

const ZERO = 48;

/** True when `value` is a string of exactly 10 ASCII digits (the NPI's shape, check digit not verified). */
export function isTenDigits(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return false;
  }
  return true;
}
