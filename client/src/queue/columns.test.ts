import { describe, expect, it } from 'vitest';
import { columnById, columns } from './columns.ts';
import { ediStatusDisplay } from './ediStatusDisplay.ts';
import { testRow } from './testRow.ts';

const row = testRow({
  id: 'C-1',
  billedCents: 123_450,
  patientBalanceCents: -5,
  status: 'Denied',
  ediStatus: 'rejected_payer',
  daysSinceBilled: null,
});

describe('columns', () => {
  it('has unique ids and covers the SPEC §5 core columns', () => {
    const ids = columns.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'id',
      'patient',
      'billed',
      'insuranceBalance',
      'patientBalance',
      'ediStatus',
      'holdReason',
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids[0]).toBe('id');
  });

  it('has every SPEC §5 column, in its order', () => {
    expect(columns.map((c) => c.id)).toEqual([
      'id',
      'patient',
      'dateOfService',
      'placeOfService',
      'renderingProvider',
      'billingProvider',
      'payer',
      'serviceCodes',
      'units',
      'billed',
      'allowed',
      'adjustment',
      'insurance1Paid',
      'insurance2Paid',
      'patientPaid',
      'insuranceBalance',
      'patientBalance',
      'status',
      'ediStatus',
      'firstSubmitted',
      'daysSinceBilled',
      'denialReason',
      'holdReason',
      'lastFollowUpNote',
    ]);
  });

  it('shows billing provider, insurance 1 and 2 paid and the last follow-up note', () => {
    const r = testRow({
      id: 'C-2',
      billingProvider: 'Sunrise Therapy Group',
      insurance1PaidCents: 8_567,
      insurance2PaidCents: 1_200,
      lastFollowUpNote: 'Called payer, resubmit',
    });
    expect(columnById('billingProvider')?.text(r)).toBe('Sunrise Therapy Group');
    expect(columnById('insurance1Paid')?.text(r)).toBe('$85.67');
    expect(columnById('insurance2Paid')?.text(r)).toBe('$12.00');
    expect(columnById('insurance1Paid')?.total).toBe('insurance1PaidCents');
    expect(columnById('insurance2Paid')?.total).toBe('insurance2PaidCents');
    expect(columnById('lastFollowUpNote')?.text(r)).toBe('Called payer, resubmit');
    const sortBy = columnById('insurance2Paid')?.sortBy;
    if (sortBy?.type !== 'number') throw new Error('money should sort by number');
    expect(sortBy.value(r)).toBe(1_200);
  });

  it('makes Claim ID the one required, pinned column', () => {
    expect(columns.filter((c) => c.required).map((c) => c.id)).toEqual(['id']);
    expect(columns.filter((c) => c.defaultPinned).map((c) => c.id)).toEqual(['id']);
  });

  it('formats money through formatCents', () => {
    expect(columnById('billed')?.text(row)).toBe('$1,234.50');
    expect(columnById('patientBalance')?.text(row)).toBe('-$0.05');
  });

  it('shows an empty cell for a claim never billed', () => {
    expect(columnById('daysSinceBilled')?.text(row)).toBe('');
  });

  it('sorts statuses in lifecycle order, not alphabetically', () => {
    const sortBy = columnById('status')?.sortBy;
    if (sortBy?.type !== 'number') throw new Error('status should sort by number');
    expect(sortBy.value(testRow({ id: 'a', status: 'Ready' }))).toBe(0);
    expect(sortBy.value(testRow({ id: 'b', status: 'Submitted' }))).toBe(1);
    expect(sortBy.value(row)).toBe(3);
  });

  it('knows no column by an unknown id', () => {
    expect(columnById('nope')).toBeUndefined();
  });
});

describe('ediStatusDisplay', () => {
  it('colours rejected red, in-flight blue, accepted green (seed 002)', () => {
    expect(ediStatusDisplay('rejected_clearinghouse').tone).toBe('rejected');
    expect(ediStatusDisplay('rejected_payer').tone).toBe('rejected');
    expect(ediStatusDisplay('sent').tone).toBe('progress');
    expect(ediStatusDisplay('accepted_clearinghouse').tone).toBe('accepted');
    expect(ediStatusDisplay('accepted_payer').tone).toBe('accepted');
    expect(ediStatusDisplay('not_sent')).toEqual({ label: 'Not sent', tone: 'none' });
  });
});
