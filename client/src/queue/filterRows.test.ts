import { describe, expect, it } from 'vitest';
import { filterByTab, matchText, queryTerms } from './filterRows.ts';
import { testRow } from './testRow.ts';

const rows = [
  testRow({
    id: 'C-100',
    patient: 'Smith, Ana',
    payer: 'Acme Health',
    serviceCodes: '97153',
    status: 'Ready',
  }),
  testRow({
    id: 'C-101',
    patient: 'Jones, Bo',
    payer: 'Blue Shield',
    serviceCodes: '97155, 97153',
    status: 'Paid',
  }),
  testRow({
    id: 'C-102',
    patient: 'Smithers, Cy',
    payer: 'Blue Shield',
    serviceCodes: 'H2019',
    status: 'Denied',
  }),
  testRow({ id: 'X-200', patient: 'Young, Di', payer: 'Medicaid', serviceCodes: '90837', status: 'Paid' }),
];

describe('queryTerms', () => {
  it('lower-cases and splits on any whitespace, dropping blanks', () => {
    expect(queryTerms('  Smith\t97153  ')).toEqual(['smith', '97153']);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('matchText', () => {
  it('matches every row for a blank query', () => {
    expect(matchText(rows, '')).toEqual([0, 1, 2, 3]);
  });

  it('matches claim ID, patient, payer and code, case-insensitively', () => {
    expect(matchText(rows, 'c-10')).toEqual([0, 1, 2]);
    expect(matchText(rows, 'SMITH')).toEqual([0, 2]);
    expect(matchText(rows, 'blue')).toEqual([1, 2]);
    expect(matchText(rows, '97153')).toEqual([0, 1]);
    expect(matchText(rows, 'h2019')).toEqual([2]);
  });

  it('requires every term, in any order', () => {
    expect(matchText(rows, 'shield smith')).toEqual([2]);
    expect(matchText(rows, '97153 jones')).toEqual([1]);
    expect(matchText(rows, 'smith medicaid')).toEqual([]);
  });

  it('does not search fields outside the filter (provider, status)', () => {
    expect(matchText(rows, 'lee')).toEqual([]);
    expect(matchText(rows, 'denied')).toEqual([]);
  });
});

describe('filterByTab', () => {
  it('keeps only the tab status, in the given order', () => {
    expect(filterByTab(rows, [3, 2, 1, 0], 'Paid')).toEqual([3, 1]);
    expect(filterByTab(rows, [0, 1, 2, 3], 'Held')).toEqual([]);
  });

  it('keeps everything on All, as a copy', () => {
    const indices = [2, 0];
    const out = filterByTab(rows, indices, 'All');
    expect(out).toEqual([2, 0]);
    expect(out).not.toBe(indices);
  });
});
