import { formatCents } from '../money/format.ts';
import { isRecord } from './read.ts';

const MAX_SHOWN = 24;

// Control characters and line separators would let a damaged value forge extra lines in a log.
function isControl(c: number): boolean {
  return c < 32 || (c >= 127 && c <= 159) || c === 0x2028 || c === 0x2029;
}

function printable(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += isControl(s.charCodeAt(i)) ? '?' : s[i];
  return out;
}

/**
 * A value from an untrusted field as it may appear in a message: strings trimmed to 24 characters with
 * control characters replaced, numbers as digits, anything else described. Only called when a finding is made.
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length === 0) return '(blank)';
    return value.length > MAX_SHOWN ? `${printable(value.slice(0, MAX_SHOWN))}…` : printable(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'not a number';
  if (value === null || value === undefined) return 'missing';
  return 'unreadable';
}

/** Dollars for a message, e.g. "$1,234.50"; a product past the safe-integer range is described instead. */
export function dollars(cents: number): string {
  return Number.isSafeInteger(cents) ? formatCents(cents) : 'an amount too large to bill';
}

/** "primary", "secondary" or "tertiary" for a policy rank. */
export function policyName(rank: 1 | 2 | 3): string {
  return rank === 1 ? 'primary' : rank === 2 ? 'secondary' : 'tertiary';
}

/** The payer's name for a message, or "the payer" when the record has none. */
export function payerLabel(payer: unknown): string {
  if (isRecord(payer) && typeof payer.name === 'string' && payer.name.length > 0) return shown(payer.name);
  return 'the payer';
}

/** "Line 3" for line findings, so messages read the same everywhere. */
export function lineLabel(lineNo: number): string {
  return `Line ${lineNo}`;
}
