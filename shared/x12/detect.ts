import { X12SyntaxError } from './errors.ts';
import { forEachSegment } from './tokenize.ts';

/** What an X12 file carries, as ClaimGrid routes it. */
export type X12Kind = '837P' | '837I' | '837D' | '835' | '999' | '997' | '277CA' | '277' | 'unknown';

export interface X12Detection {
  kind: X12Kind;
  /** ST01 of the first transaction set, e.g. '837'. */
  transactionSetId: string;
  /** GS08 (or ST03 when GS08 is empty), e.g. '005010X222A1'. */
  version: string;
}

function kindOf(st01: string, version: string): X12Kind {
  switch (st01) {
    case '837':
      // 5010 guides X222 / X223 / X224; 4010's X098 / X096 / X097.
      if (/X222|X098/.test(version)) return '837P';
      if (/X223|X096/.test(version)) return '837I';
      if (/X224|X097/.test(version)) return '837D';
      return 'unknown';
    case '835':
      return '835';
    case '999':
      return '999';
    case '997':
      return '997';
    case '277':
      // 277CA (claim acknowledgment) is X214; other 277s answer claim status requests (X212).
      return /X214/.test(version) ? '277CA' : '277';
    default:
      return 'unknown';
  }
}

/**
 * Which transaction a file is, from its first GS and ST (classify downloads by content, never by name).
 * Reads only up to the first ST. Throws an X12SyntaxError when the file is not X12 or has no ST.
 */
export function detectX12(text: string): X12Detection {
  let gs08 = '';
  let found = null as X12Detection | null;
  forEachSegment(text, (seg) => {
    if (seg.id === 'GS') gs08 = seg.elements[8] ?? '';
    if (seg.id !== 'ST') return true;
    const st01 = seg.elements[1] ?? '';
    const version = gs08 || (seg.elements[3] ?? '');
    found = { kind: kindOf(st01, version), transactionSetId: st01, version };
    return false;
  });
  if (found === null) throw new X12SyntaxError('structure', 'ST', 1, 'the file has no transaction set');
  return found;
}
