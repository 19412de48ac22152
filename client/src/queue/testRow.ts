import type { ClaimRow } from './claimRow.ts';

/** A hand-built row for unit tests: a plain Ready claim, with `overrides` on top. */
export function testRow(overrides: Partial<ClaimRow> & Pick<ClaimRow, 'id'>): ClaimRow {
  const row: ClaimRow = {
    patient: 'Doe, Jane',
    clientId: 'client-1',
    dateOfService: '2026-01-05',
    placeOfService: '12',
    renderingProvider: 'Lee, Ann',
    renderingProviderId: 'prov-1',
    billingProvider: 'Sunrise Therapy Group',
    payer: 'Acme Health',
    payerId: 'payer-1',
    serviceCodes: '97153',
    units: 4,
    billedCents: 10_000,
    allowedCents: 0,
    adjustmentCents: 0,
    insurancePaidCents: 0,
    insurance1PaidCents: 0,
    insurance2PaidCents: 0,
    patientPaidCents: 0,
    insuranceBalanceCents: 10_000,
    patientBalanceCents: 0,
    status: 'Ready',
    ediStatus: 'not_sent',
    firstSubmitted: '',
    daysSinceBilled: null,
    denialReason: '',
    denialCodes: [],
    holdReason: '',
    lastFollowUpNote: '',
    searchText: '',
    ...overrides,
  };
  if (overrides.searchText === undefined) {
    row.searchText = `${row.id}\t${row.patient}\t${row.payer}\t${row.serviceCodes}`.toLowerCase();
  }
  return row;
}
