import type * as Y from 'yjs';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Client } from '../../shared/domain/client.ts';
import type { Payer } from '../../shared/domain/payer.ts';
import { type Practice, practiceSchema } from '../../shared/domain/practice.ts';
import type { IsoDate } from '../../shared/domain/primitives.ts';
import type { Provider } from '../../shared/domain/provider.ts';
import type { ScrubContext } from '../../shared/scrubber/index.ts';
import { referenceData } from '../authority/referenceData.ts';
import { SubmissionError } from './submissionError.ts';

/** The practice's records a submission reads: what the scrubber checks against and the file is written from. */
export interface SubmissionReference {
  practice: Practice;
  payersById: ReadonlyMap<string, Payer>;
  clientsById: ReadonlyMap<string, Client>;
  providersById: ReadonlyMap<string, Provider>;
  authorizationsById: ReadonlyMap<string, Authorization>;
  scrub: ScrubContext;
}

/**
 * The reference data of a practice for a submission made on `asOf`. Refuses when the practice's billing
 * details are missing or damaged: no claim can be sent without a valid billing provider and clearinghouse
 * setup (the ref document is written by people, so it is checked here, at the edge).
 */
export function submissionReference(ref: Y.Doc, asOf: IsoDate): SubmissionReference {
  const data = referenceData(ref);
  const practice = practiceSchema.safeParse(data.practice);
  if (!practice.success) {
    throw new SubmissionError(
      'practice_not_set_up',
      data.practice === null
        ? 'This practice has no billing details yet: an admin can add the billing provider and clearinghouse in Settings → Practice.'
        : 'The practice’s billing details are incomplete (billing provider, tax ID, NPI or clearinghouse): an admin can fix them in Settings → Practice.',
    );
  }
  const authorizationsById = new Map<string, Authorization>();
  for (const list of data.authorizationsByClient.values())
    for (const a of list) authorizationsById.set(a.id, a);
  const base = {
    practice: practice.data,
    payersById: data.payersById,
    clientsById: data.clientsById,
    providersById: data.providersById,
    authorizationsById,
  };
  return { ...base, scrub: { ...base, asOf } };
}
