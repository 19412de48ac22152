import { shown } from './display.ts';
import { finding, type ScrubFinding } from './findings.ts';
import { isStoredIcd10, normalizeIcd10 } from './icd10.ts';
import { MAX_DIAGNOSES } from './limits.ts';
import type { Loose } from './read.ts';

function malformedMessage(position: number, code: unknown): string {
  const fixed = typeof code === 'string' ? normalizeIcd10(code) : null;
  const what = `Diagnosis ${position} (${shown(code)}) is not a valid ICD-10-CM code`;
  if (fixed !== null)
    return `${what} as stored — re-enter it as ${fixed} on the session note and regenerate the claim.`;
  return `${what} — correct it on the session note (e.g. F84.0: a letter, a digit, then 1–5 letters or digits).`;
}

/**
 * At least one diagnosis, at most 12, each an ICD-10-CM code in stored form (no dot).
 * Returns how many diagnoses line pointers may point at.
 */
export function checkDiagnoses(claim: Loose, out: ScrubFinding[]): number {
  const codes = claim.diagnosisCodes;
  if (!Array.isArray(codes) || codes.length === 0) {
    out.push(
      finding(
        'diagnosis_missing',
        'error',
        'The claim has no diagnosis — add at least one ICD-10-CM code on the session note and regenerate the claim.',
        'diagnosisCodes',
      ),
    );
    return 0;
  }
  if (codes.length > MAX_DIAGNOSES) {
    out.push(
      finding(
        'diagnosis_too_many',
        'error',
        `The claim has ${codes.length} diagnoses; an electronic claim carries at most ${MAX_DIAGNOSES} — remove the extra codes on the session note.`,
        'diagnosisCodes',
      ),
    );
  }
  const n = Math.min(codes.length, MAX_DIAGNOSES);
  for (let i = 0; i < n; i++) {
    const code: unknown = codes[i];
    if (!isStoredIcd10(code)) {
      out.push(finding('diagnosis_malformed', 'error', malformedMessage(i + 1, code), 'diagnosisCodes'));
    }
  }
  return n;
}
