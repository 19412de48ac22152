import type { Authorization } from '../domain/authorization.ts';
import type { IsoDate } from '../domain/primitives.ts';

/** The service an authorization must cover. */
export interface AuthorizationQuery {
  clientId: string;
  payerId: string;
  serviceCode: string;
  dateOfService: IsoDate;
  /** The authorization the session note names, if any; preferred when it covers the service. */
  preferredId?: string | undefined;
}

/** True when `auth` covers this client, payer and code on the date of service (dates inclusive). */
export function authorizationCovers(auth: Authorization, q: AuthorizationQuery): boolean {
  return (
    auth.clientId === q.clientId &&
    auth.payerId === q.payerId &&
    auth.startDate <= q.dateOfService &&
    q.dateOfService <= auth.endDate &&
    auth.serviceCodes.includes(q.serviceCode)
  );
}

/**
 * The authorization a line draws on: the session's own one when it covers the line, else the covering
 * one that ends first (use up the authorization about to expire), ties by id so replicas agree; null if
 * none covers. Remaining units are not checked here: the scrubber reports an exhausted authorization.
 */
export function matchAuthorization(
  authorizations: readonly Authorization[],
  q: AuthorizationQuery,
): Authorization | null {
  let best: Authorization | null = null;
  for (const auth of authorizations) {
    if (!authorizationCovers(auth, q)) continue;
    if (q.preferredId !== undefined && auth.id === q.preferredId) return auth;
    if (
      best === null ||
      auth.endDate < best.endDate ||
      (auth.endDate === best.endDate && auth.id < best.id)
    ) {
      best = auth;
    }
  }
  return best;
}
