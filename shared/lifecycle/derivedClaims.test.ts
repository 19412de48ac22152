import { describe, expect, it } from 'vitest';
import { correctedClaimId, secondaryClaimId, voidClaimId } from '../claims/claimId.ts';
import type { Authorization } from '../domain/authorization.ts';
import type { Client } from '../domain/client.ts';
import { correctedClaimFrom, secondaryClaimFrom, voidClaimFrom } from './derivedClaims.ts';
import { AT, adjudication, makeClaim } from './testClaim.ts';

const client: Client = {
  id: 'client-1',
  name: { first: 'Test', last: 'Patient' },
  dateOfBirth: '2015-04-01',
  sex: 'F',
  address: { line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' },
  policies: [
    { rank: 1, payerId: 'payer-1', memberId: 'M1', relationship: '18', effectiveFrom: '2025-01-01' },
    {
      rank: 2,
      payerId: 'payer-2',
      memberId: 'M2',
      relationship: '18',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2026-12-31',
    },
  ],
} as Client;

const sent = {
  status: 'Paid' as const,
  firstSubmittedAt: '2026-02-22T10:00:00Z',
  lastSubmittedAt: '2026-02-22T10:00:00Z',
  ediStatus: 'accepted_payer' as const,
};

describe('secondary claim', () => {
  it('bills the next payer what is left, pointing back at the primary, with nothing carried over', () => {
    const primary = makeClaim({
      ...sent,
      payerClaimControlNumber: 'ICN1',
      postings: [adjudication('p1', 12000, [{ group: 'PR', reason: '2', amountCents: 3000 }])],
      authorizationId: 'auth-1',
      lines: makeClaim().lines.map((l) => ({ ...l, authorizationId: 'auth-1' })),
    });
    const result = secondaryClaimFrom(primary, client, AT);
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.claim).toMatchObject({
      id: secondaryClaimId(primary.id),
      payerId: 'payer-2',
      policyRank: 2,
      relatedClaimId: primary.id,
      status: 'Ready',
      ediStatus: 'not_sent',
      frequency: '1',
      postings: [],
      payerClaimControlNumber: null,
      authorizationId: null,
      createdAt: AT,
    });
    expect(result.claim.lines.every((l) => l.authorizationId === null)).toBe(true);
    expect(result.claim.lines.map((l) => l.chargeCents)).toEqual(primary.lines.map((l) => l.chargeCents));
  });

  it('draws on the next payer’s own authorization where one covers the line', () => {
    const primary = makeClaim({
      ...sent,
      postings: [adjudication('p1', 12000, [{ group: 'PR', reason: '2', amountCents: 3000 }])],
    });
    const auth = {
      id: 'auth-2',
      clientId: 'client-1',
      payerId: 'payer-2',
      number: 'A2',
      serviceCodes: ['97153'],
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      unitsAuthorized: 100,
      unitsUsed: 0,
    } as unknown as Authorization;
    const other = { ...auth, id: 'auth-1', payerId: 'payer-1' } as Authorization;
    const result = secondaryClaimFrom(primary, client, AT, [other, auth]);
    expect(result.ok && result.claim.lines.map((l) => l.authorizationId)).toEqual(['auth-2']);
    expect(result.ok && result.claim.authorizationId).toBe('auth-2');
  });

  it('is refused without a next policy on the date, an adjudication, or a balance', () => {
    const paid = makeClaim({
      ...sent,
      postings: [adjudication('p1', 12000, [{ group: 'PR', reason: '2', amountCents: 3000 }])],
    });
    expect(secondaryClaimFrom(paid, { ...client, policies: [client.policies[0]!] }, AT)).toMatchObject({
      ok: false,
      refusal: { code: 'no_secondary_policy' },
    });
    expect(secondaryClaimFrom(makeClaim({ ...sent, dateOfService: '2027-01-05' }), client, AT)).toMatchObject(
      {
        refusal: { code: 'no_secondary_policy' },
      },
    );
    expect(secondaryClaimFrom(makeClaim(sent), client, AT)).toMatchObject({
      refusal: { code: 'not_adjudicated' },
    });
    const settled = makeClaim({ ...sent, postings: [adjudication('p1', 15000, [])] });
    expect(secondaryClaimFrom(settled, client, AT)).toMatchObject({
      refusal: { code: 'nothing_left_to_bill' },
    });
  });
});

describe('corrected and void claims', () => {
  const denied = makeClaim({
    ...sent,
    status: 'Denied',
    payerClaimControlNumber: 'ICN-77',
    denialCodes: ['CO-16'],
  });

  it('name the payer’s claim number and start Ready', () => {
    const corrected = correctedClaimFrom(denied, 2, AT);
    expect(corrected).toMatchObject({
      ok: true,
      claim: {
        id: correctedClaimId(denied.id, 2),
        frequency: '7',
        originalReference: 'ICN-77',
        relatedClaimId: denied.id,
        status: 'Ready',
        denialCodes: [],
      },
    });
    expect(voidClaimFrom(denied, AT)).toMatchObject({
      ok: true,
      claim: { id: voidClaimId(denied.id), frequency: '8', originalReference: 'ICN-77', status: 'Ready' },
    });
  });

  it('are refused for a claim never sent, without the payer’s number, or in the wrong state', () => {
    expect(correctedClaimFrom(makeClaim({ status: 'Ready' }), 1, AT)).toMatchObject({
      refusal: { code: 'not_sent' },
    });
    expect(voidClaimFrom(makeClaim({ status: 'Ready' }), AT)).toMatchObject({
      refusal: { code: 'not_sent' },
    });
    expect(correctedClaimFrom({ ...denied, payerClaimControlNumber: null }, 1, AT)).toMatchObject({
      refusal: { code: 'no_payer_claim_number' },
    });
    expect(correctedClaimFrom({ ...denied, status: 'Submitted' }, 1, AT)).toMatchObject({
      refusal: { code: 'wrong_status' },
    });
    expect(voidClaimFrom({ ...denied, frequency: '8' }, AT)).toMatchObject({
      refusal: { code: 'not_an_original' },
    });
  });
});
