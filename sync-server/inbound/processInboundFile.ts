import { detectX12 } from '../../shared/x12/detect.ts';
import { X12SyntaxError } from '../../shared/x12/errors.ts';
import type { InboundFileRecord, InboundFinish } from '../storage/inboundStore.ts';
import type { DocsAccess } from '../submissions/practiceDocs.ts';
import { apply277ca } from './apply277ca.ts';
import { apply835 } from './apply835.ts';
import { apply999 } from './apply999.ts';

/** Where an inbound file's facts come from: the practice, the file's content hash, when it was processed. */
export interface InboundSourceRef {
  practiceId: string;
  fileHash: string;
  at: string;
}

/** What an inbound file handler answers: processed with an outcome, or a problem that quarantines it. */
export type HandlerResult = { ok: true; outcome: object } | { ok: false; problem: string };

const NOTHING_POSTED = 'Nothing from it was posted.';

/**
 * Reads one received file and records what it says: classified by its content (ST01 / GS08), never its
 * name. A file that cannot be read, or does not balance, is quarantined with the reason and posts nothing;
 * a kind ClaimGrid does not act on is kept and marked ignored.
 */
export function processInboundFile(
  access: DocsAccess,
  record: InboundFileRecord,
  bytes: Buffer,
  at: string,
): InboundFinish {
  const finish = (
    state: InboundFinish['state'],
    kind: string,
    outcome: object | null,
    problem: string | null,
  ) => ({
    state,
    kind,
    outcome: outcome === null ? null : JSON.stringify(outcome),
    problem,
    processedAt: at,
  });
  const text = decodeText(bytes);
  if (text === null) {
    return finish(
      'quarantined',
      'unknown',
      null,
      `This is not a text file (it holds binary data), so it is not an X12 file. ${NOTHING_POSTED} If it came from the clearinghouse, ask them to resend it.`,
    );
  }
  let kind: string;
  try {
    kind = detectX12(text).kind;
  } catch (err) {
    if (!(err instanceof X12SyntaxError)) throw err;
    return finish(
      'quarantined',
      'unknown',
      null,
      `This file is not a readable X12 file (${err.message.replace(/^X12 syntax error: /, '')}). ${NOTHING_POSTED}`,
    );
  }
  const source = { practiceId: record.practiceId, fileHash: record.hash, at };
  let result: HandlerResult;
  try {
    switch (kind) {
      case '999':
        result = apply999(access, source, text);
        break;
      case '277CA':
        result = apply277ca(access, source, text);
        break;
      case '835':
        result = apply835(access, source, text);
        break;
      default:
        return finish('ignored', kind, { note: ignoredNote(kind) }, null);
    }
  } catch (err) {
    if (!(err instanceof X12SyntaxError)) throw err;
    return finish(
      'quarantined',
      kind,
      null,
      `This ${kind} file could not be read: ${err.message.replace(/^X12 syntax error: /, '')}. ${NOTHING_POSTED} Ask the clearinghouse to resend it.`,
    );
  }
  return result.ok
    ? finish('processed', kind, result.outcome, null)
    : finish('quarantined', kind, null, result.problem);
}

function ignoredNote(kind: string): string {
  if (kind === '997') return 'A 997 acknowledgment: ClaimGrid reads the 999 the clearinghouse also sends.';
  if (kind.startsWith('837')) return 'A claim file (837): ClaimGrid sends these; it does not take them in.';
  return `A ${kind} file: kept, but ClaimGrid does not act on this kind.`;
}

/** UTF-8 text, or null for binary content (a NUL, or bytes that are not UTF-8). */
function decodeText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
