import { describe, expect, it } from 'vitest';
import type { Authorization } from '../domain/authorization.ts';
import { matchAuthorization } from './authorizationMatch.ts';

function auth(
  id: string,
  startDate: string,
  endDate: string,
  over: Partial<Authorization> = {},
): Authorization {
  return {
    id,
    clientId: 'cl-1',
    payerId: 'py-a',
    number: `N-${id}`,
    serviceCodes: ['97153', '97155'],
    startDate,
    endDate,
    unitsAuthorized: 100,
    unitsUsed: 0,
    ...over,
  };
}

const auths = [
  auth('a-late', '2026-01-01', '2026-12-31'),
  auth('a-early', '2026-01-01', '2026-06-30'),
  auth('a-other-code', '2026-01-01', '2026-12-31', { serviceCodes: ['97151'] }),
  auth('a-other-payer', '2026-01-01', '2026-03-31', { payerId: 'py-b' }),
  auth('a-other-client', '2026-01-01', '2026-03-31', { clientId: 'cl-2' }),
];
const query = { clientId: 'cl-1', payerId: 'py-a', serviceCode: '97153', dateOfService: '2026-03-01' };

describe('matchAuthorization', () => {
  it('uses the one that ends first among those covering client, payer, code and date', () => {
    expect(matchAuthorization(auths, query)?.id).toBe('a-early');
    expect(matchAuthorization(auths, { ...query, dateOfService: '2026-07-01' })?.id).toBe('a-late');
  });

  it("prefers the session's own authorization when it covers the service", () => {
    expect(matchAuthorization(auths, { ...query, preferredId: 'a-late' })?.id).toBe('a-late');
    expect(matchAuthorization(auths, { ...query, preferredId: 'a-other-code' })?.id).toBe('a-early');
  });

  it('counts start and end dates as covered', () => {
    expect(matchAuthorization(auths, { ...query, dateOfService: '2026-06-30' })?.id).toBe('a-early');
    expect(matchAuthorization(auths, { ...query, dateOfService: '2026-01-01' })?.id).toBe('a-early');
    expect(matchAuthorization(auths, { ...query, dateOfService: '2025-12-31' })).toBeNull();
  });

  it('returns null when no authorization covers the code', () => {
    expect(matchAuthorization(auths, { ...query, serviceCode: '97156' })).toBeNull();
    expect(matchAuthorization(auths, { ...query, clientId: 'cl-3' })).toBeNull();
  });

  it('breaks ties on the end date by id, whatever the order given', () => {
    const tied = [auth('z', '2026-01-01', '2026-06-30'), auth('m', '2026-02-01', '2026-06-30')];
    expect(matchAuthorization(tied, query)?.id).toBe('m');
    expect(matchAuthorization(tied.slice().reverse(), query)?.id).toBe('m');
  });
});
