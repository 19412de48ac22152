import { x12Stamp } from './text.ts';

export interface FileNameInput {
  practiceId: string;
  batchId: string;
  /** Office Ally ignores ISA15: a test file is one whose name holds OATEST. */
  testMode: boolean;
  /** When the file was made (UTC instant). */
  at: string;
}

/** Ids may hold '.', ':' or '_'; a file name keeps letters, digits and '-' only. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '-');
}

/**
 * The upload name of an 837P: Office Ally picks up files in `inbound/` whose name holds "837P", and
 * treats them as tests when it also holds "OATEST". Unique per batch, sortable by time.
 * `fileName({ practiceId: 'pr-1', batchId: 'b-9', testMode: true, at: '2026-11-22T14:05:09Z' })`
 * → 'pr-1_b-9_20261122140509_837P_OATEST.x12'
 */
export function fileName({ practiceId, batchId, testMode, at }: FileNameInput): string {
  const { date, seconds } = x12Stamp(at);
  return `${safe(practiceId)}_${safe(batchId)}_${date}${seconds}_837P${testMode ? '_OATEST' : ''}.x12`;
}
