import type { ClaimRow } from './claimRow.ts';

/** A hand-built row for unit tests: a plain Ready claim, with `overrides` on top. */
export function testRow(overrides: Partial<ClaimRow> & Pick<ClaimRow, 'id'>): ClaimRow {
  const row: ClaimRow = {
    patient: 'Doe, Jane',
    dateOfService: '2026-01-05',
    placeOfService: '12',
    renderingProvider: 'Lee, Ann',
    payer: 'Acme Health',
    serviceCodes: '97153',
    units: 4,
    billedCents: 10_000,
    allowedCents: 0,
    adjustmentCents: 0,
    insurancePaidCents: 0,
    patientPaidCents: 0,
    insuranceBalanceCents: 10_000,
    patientBalanceCents: 0,
    status: 'Ready',
    ediStatus: 'not_sent',
    firstSubmitted: '',
    daysSinceBilled: null,
    denialReason: '',
    holdReason: '',
    searchText: '',
    ...overrides,
  };
  if (overrides.searchText === undefined) {
    row.searchText = `${row.id}\t${row.patient}\t${row.payer}\t${row.serviceCodes}`.toLowerCase();
  }
  return row;
}
