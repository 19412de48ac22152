import { tokenize } from '../tokenize.ts';

/**
 * The patient control numbers (CLM01) of each transaction set (ST02) of an 837 file: what a 999's
 * rejection of one transaction set means in claims.
 */
export function claimsByTransactionSet(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const segment of tokenize(text).segments) {
    if (segment.id === 'ST') {
      current = [];
      out.set(segment.elements[2] ?? '', current);
    } else if (segment.id === 'SE') current = null;
    else if (segment.id === 'CLM' && current) current.push(segment.elements[1] ?? '');
  }
  return out;
}
