import type { Authorization } from '../domain/authorization.ts';
import type { Client } from '../domain/client.ts';
import type { Payer } from '../domain/payer.ts';
import type { Practice } from '../domain/practice.ts';
import type { IsoDate } from '../domain/primitives.ts';
import type { Provider } from '../domain/provider.ts';

/**
 * What the scrubber checks a claim against: the practice's records, indexed by internal id once per run
 * (not per claim), and today's date, passed in because `shared/` has no clock.
 */
export interface ScrubContext {
  practice: Practice;
  payersById: ReadonlyMap<string, Payer>;
  clientsById: ReadonlyMap<string, Client>;
  providersById: ReadonlyMap<string, Provider>;
  authorizationsById: ReadonlyMap<string, Authorization>;
  /** Today, as the practice sees it; timely filing and future dates of service are measured from it. */
  asOf: IsoDate;
}
