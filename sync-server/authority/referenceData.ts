import type * as Y from 'yjs';
import { createFeeIndex, type FeeIndex } from '../../shared/claims/feeLookup.ts';
import type { Authorization } from '../../shared/domain/authorization.ts';
import type { Client } from '../../shared/domain/client.ts';
import type { FeeScheduleEntry } from '../../shared/domain/feeSchedule.ts';
import type { Payer } from '../../shared/domain/payer.ts';
import type { Practice } from '../../shared/domain/practice.ts';
import type { Provider } from '../../shared/domain/provider.ts';
import { refMaps } from '../../shared/sync/layout.ts';

/** A practice's reference data, indexed for claim generation and decisions. */
export interface ReferenceData {
  practice: Practice | null;
  payersById: Map<string, Payer>;
  providersById: Map<string, Provider>;
  clientsById: Map<string, Client>;
  authorizationsByClient: Map<string, Authorization[]>;
  feeIndex: FeeIndex;
}

const cache = new WeakMap<Y.Doc, ReferenceData>();
const observed = new WeakSet<Y.Doc>();

/**
 * Reads (and caches until the document next changes) the reference data of a practice's ref document.
 * Values were validated when written through the API; here they are trusted.
 */
export function referenceData(ref: Y.Doc): ReferenceData {
  const cached = cache.get(ref);
  if (cached) return cached;
  const values = <T>(name: string): T[] => [...ref.getMap<T>(name).values()];
  const authorizationsByClient = new Map<string, Authorization[]>();
  for (const a of values<Authorization>(refMaps.authorizations)) {
    const list = authorizationsByClient.get(a.clientId);
    if (list) list.push(a);
    else authorizationsByClient.set(a.clientId, [a]);
  }
  const data: ReferenceData = {
    practice: (ref.getMap<Practice>(refMaps.practice).get('practice') as Practice | undefined) ?? null,
    payersById: new Map(values<Payer>(refMaps.payers).map((p) => [p.id, p])),
    providersById: new Map(values<Provider>(refMaps.providers).map((p) => [p.id, p])),
    clientsById: new Map(values<Client>(refMaps.clients).map((c) => [c.id, c])),
    authorizationsByClient,
    feeIndex: createFeeIndex(values<FeeScheduleEntry>(refMaps.feeSchedule)),
  };
  cache.set(ref, data);
  if (!observed.has(ref)) {
    observed.add(ref);
    ref.on('update', () => cache.delete(ref));
  }
  return data;
}
