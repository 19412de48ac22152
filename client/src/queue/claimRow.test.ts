import { describe, expect, it } from 'vitest';
import type { Claim, ClaimLine } from '../../../shared/domain/claim.ts';
import { buildClaimRow, type RowLookups } from './claimRow.ts';

function line(lineNo: number, serviceCode: string, units: number, rateCents: number): ClaimLine {
  return {
    lineNo,
    serviceCode,
    modifiers: [],
    units,
    minutes: units * 15,
    rateCents,
    chargeCents: units * rateCents,
    diagnosisPointers: [1],
    dateOfService: '2026-01-05',
    authorizationId: null,
  };
}

const claim: Claim = {
  id: 'CLM-0001',
  practiceId: 'pr-1',
  sessionId: 'se-1',
  clientId: 'cl-1',
  payerId: 'py-1',
  policyRank: 1,
  renderingProviderId: 'pv-1',
  placeOfService: '12',
  diagnosisCodes: ['F840'],
  // 8000 + 6000 + 2000 = 16000 billed; 4 + 2 + 1 = 7 units; 97153 appears twice.
  lines: [line(1, '97153', 4, 2000), line(2, '97155', 2, 3000), line(3, '97153', 1, 2000)],
  dateOfService: '2026-01-05',
  authorizationId: null,
  frequency: '1',
  originalReference: null,
  relatedClaimId: null,
  status: 'Submitted',
  ediStatus: 'accepted_payer',
  holdReason: null,
  denialCodes: ['CO-197', 'N54'],
  payerClaimControlNumber: null,
  createdAt: '2026-01-06T10:00:00.000Z',
  firstSubmittedAt: '2026-01-10T15:00:00.000Z',
  lastSubmittedAt: '2026-01-20T15:00:00.000Z',
  postings: [
    {
      id: 'po-1',
      at: '2026-01-25T00:00:00.000Z',
      kind: 'adjudication',
      payerId: 'py-1',
      allowedCents: 12_000,
      paidCents: 9_000,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 4_000 },
        { group: 'PR', reason: '2', amountCents: 2_000 },
        { group: 'OA', reason: '23', amountCents: 500 },
      ],
      remarks: [],
      lines: [],
      source: { kind: 'manual' },
    },
    { id: 'po-2', at: '2026-01-26T00:00:00.000Z', kind: 'patient_payment', amountCents: 1_200 },
  ],
  followUpNotes: [],
};

const lookups: RowLookups = {
  clients: new Map([['cl-1', { name: { last: 'Rivera', first: 'Sam' } }]]),
  payers: new Map([['py-1', { name: 'Acme Health' }]]),
  providers: new Map([['pv-1', { name: { last: 'Okafor', first: 'Ngozi' } }]]),
};

describe('buildClaimRow', () => {
  const row = buildClaimRow(claim, lookups, '2026-02-09');

  it('resolves names and flattens the lines', () => {
    expect(row.id).toBe('CLM-0001');
    expect(row.patient).toBe('Rivera, Sam');
    expect(row.payer).toBe('Acme Health');
    expect(row.renderingProvider).toBe('Okafor, Ngozi');
    expect(row.serviceCodes).toBe('97153, 97155');
    expect(row.units).toBe(7);
    expect(row.placeOfService).toBe('12');
    expect(row.dateOfService).toBe('2026-01-05');
  });

  it('carries the derived balances in cents', () => {
    expect(row.billedCents).toBe(16_000);
    expect(row.allowedCents).toBe(12_000);
    expect(row.adjustmentCents).toBe(4_500);
    expect(row.insurancePaidCents).toBe(9_000);
    expect(row.patientPaidCents).toBe(1_200);
    // 16000 − 9000 paid − 4500 CO/OA − 2000 PR = 500 still expected from insurance.
    expect(row.insuranceBalanceCents).toBe(500);
    // 2000 PR − 1200 paid by the patient.
    expect(row.patientBalanceCents).toBe(800);
  });

  it('dates the first submission and counts days to the as-of date', () => {
    expect(row.firstSubmitted).toBe('2026-01-10');
    expect(row.daysSinceBilled).toBe(30);
  });

  it('joins denial codes, keeps statuses, and indexes the searchable fields in lower case', () => {
    expect(row.status).toBe('Submitted');
    expect(row.ediStatus).toBe('accepted_payer');
    expect(row.denialReason).toBe('CO-197, N54');
    expect(row.holdReason).toBe('');
    expect(row.searchText).toBe('clm-0001\trivera, sam\tacme health\t97153, 97155');
  });

  it('leaves submission fields blank for a claim never sent, and shows unknown ids', () => {
    const held = buildClaimRow(
      { ...claim, clientId: 'cl-9', firstSubmittedAt: null, holdReason: 'Verify payer ID', postings: [] },
      lookups,
      '2026-02-09',
    );
    expect(held.firstSubmitted).toBe('');
    expect(held.daysSinceBilled).toBeNull();
    expect(held.holdReason).toBe('Verify payer ID');
    expect(held.patient).toBe('(unknown cl-9)');
    expect(held.insuranceBalanceCents).toBe(16_000);
    expect(held.allowedCents).toBe(0);
  });

  it('shows a patient with no first name by last name alone', () => {
    const single = buildClaimRow(
      claim,
      { ...lookups, clients: new Map([['cl-1', { name: { last: 'Prince', first: '' } }]]) },
      '2026-02-09',
    );
    expect(single.patient).toBe('Prince');
  });

  it('splits insurance payments by payer rank, leaving reversed ones out', () => {
    const adjudication = claim.postings[0]!;
    const secondaryPaid = { ...adjudication, id: 'po-3', payerId: 'py-2', paidCents: 700 };
    const reversedPrimary = { ...adjudication, id: 'po-4', paidCents: 5_000 };
    const withSecondary: Claim = {
      ...claim,
      postings: [
        ...claim.postings,
        secondaryPaid,
        reversedPrimary,
        { id: 'po-5', at: '2026-02-01T00:00:00.000Z', kind: 'reversal', reverses: 'po-4' },
      ],
    };
    const primaryClaim = buildClaimRow(withSecondary, lookups, '2026-02-09');
    expect(primaryClaim.insurance1PaidCents).toBe(9_000);
    expect(primaryClaim.insurance2PaidCents).toBe(700);
    // The same payments on a claim billed to the secondary policy: its own payer is insurance 2.
    const secondaryClaim = buildClaimRow({ ...withSecondary, policyRank: 2 }, lookups, '2026-02-09');
    expect(secondaryClaim.insurance1PaidCents).toBe(700);
    expect(secondaryClaim.insurance2PaidCents).toBe(9_000);
  });

  it('carries ids for the filters, the billing organization and the newest follow-up note', () => {
    const noted = buildClaimRow(
      {
        ...claim,
        followUpNotes: [
          { at: '2026-01-30T00:00:00.000Z', author: 'u-1', text: 'Called payer' },
          { at: '2026-02-03T00:00:00.000Z', author: 'u-1', text: 'Resubmit after 2/10' },
        ],
      },
      { ...lookups, billingProvider: 'Sunrise Therapy Group' },
      '2026-02-09',
    );
    expect(noted.payerId).toBe('py-1');
    expect(noted.renderingProviderId).toBe('pv-1');
    expect(noted.denialCodes).toEqual(['CO-197', 'N54']);
    expect(noted.billingProvider).toBe('Sunrise Therapy Group');
    expect(noted.lastFollowUpNote).toBe('Resubmit after 2/10');
    expect(row.lastFollowUpNote).toBe('');
  });
});
