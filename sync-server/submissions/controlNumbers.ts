import type { Storage } from '../storage/storage.ts';
import { SubmissionError } from './submissionError.ts';

/** ISA13 is exactly 9 digits and GS06 at most 9: the largest number either can carry. */
export const MAX_CONTROL_NUMBER = 999_999_999;

export const interchangeCounter = (practiceId: string): string => `isa:${practiceId}`;
export const groupCounter = (practiceId: string): string => `gs:${practiceId}`;

export interface ControlNumbers {
  interchange: number;
  group: number;
}

/**
 * Reserves the next interchange (ISA13) and group (GS06) control numbers of a practice. The counters are
 * persisted and reserved atomically (`nextCounter`), so numbers survive restarts and two batches made at
 * once never share one. A number is used up even when the batch is then not stored: gaps are fine,
 * repeats are not. Past 999,999,999 the numbers are not wrapped back to 1 (the clearinghouse would take
 * a repeat as a duplicate file): generating is refused instead.
 */
export function reserveControlNumbers(storage: Storage, practiceId: string): ControlNumbers {
  const interchange = storage.nextCounter(interchangeCounter(practiceId));
  const group = storage.nextCounter(groupCounter(practiceId));
  if (interchange > MAX_CONTROL_NUMBER || group > MAX_CONTROL_NUMBER) {
    throw new SubmissionError(
      'control_numbers_exhausted',
      'This practice has used every X12 control number (999,999,999 files), so no new file can be made ' +
        'without repeating one. Ask your administrator to contact ClaimGrid support.',
    );
  }
  return { interchange, group };
}
