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
