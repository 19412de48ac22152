import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { claimStatuses, ediStatuses } from '../../../shared/domain/claimStatus.ts';
import type { ClaimRow } from './claimRow.ts';
import { matchText } from './filterRows.ts';
import {
  activeFilterCount,
  applyFilters,
  choiceSummary,
  emptyFilters,
  filterOptions,
  isOverdue,
  type QueueFilters,
  searchOptions,
  toggleChoice,
  withChosen,
} from './queueFilters.ts';
import { testRow } from './testRow.ts';

const rows: ClaimRow[] = [
  testRow({
    id: 'C-1',
    patient: 'Smith, Ann',
    dateOfService: '2026-01-02',
    payerId: 'p1',
    payer: 'Acme Health',
    renderingProviderId: 'v1',
    renderingProvider: 'Lee, Ann',
    placeOfService: '11',
    status: 'Submitted',
    ediStatus: 'accepted_payer',
    firstSubmitted: '2026-01-05',
    daysSinceBilled: 45,
  }),
  testRow({
    id: 'C-2',
    patient: 'Jones, Bo',
    dateOfService: '2026-01-15',
    payerId: 'p2',
    payer: 'Blue Plan',
    renderingProviderId: 'v2',
    renderingProvider: 'Kim, Raj',
    placeOfService: '12',
    status: 'Denied',
    ediStatus: 'rejected_payer',
    firstSubmitted: '2026-01-16',
    daysSinceBilled: 31,
    denialCodes: ['CO-197', 'N54'],
    denialReason: 'CO-197, N54',
  }),
  testRow({
    id: 'C-3',
    patient: 'Smith, Cy',
    dateOfService: '2026-01-31',
    payerId: 'p1',
    payer: 'Acme Health',
    renderingProviderId: 'v2',
    renderingProvider: 'Kim, Raj',
    placeOfService: '12',
    status: 'Paid',
    ediStatus: 'accepted_payer',
    firstSubmitted: '2026-01-01',
    daysSinceBilled: 60,
  }),
  testRow({
    id: 'C-4',
    patient: 'Ng, Dee',
    dateOfService: '2026-02-01',
    payerId: 'p3',
    payer: 'Cedar Care',
    renderingProviderId: 'v1',
    renderingProvider: 'Lee, Ann',
    placeOfService: '02',
    status: 'Ready',
    ediStatus: 'not_sent',
    denialCodes: ['CO-16'],
  }),
  testRow({
    id: 'C-5',
    patient: 'Smith, Ed',
    dateOfService: '2026-01-20',
    payerId: 'p2',
    payer: 'Blue Plan',
    renderingProviderId: 'v3',
    renderingProvider: 'Ortiz, Mae',
    placeOfService: '11',
    status: 'Submitted',
    ediStatus: 'sent',
    firstSubmitted: '2026-01-25',
    daysSinceBilled: 30,
    denialCodes: ['N54'],
  }),
];

const ids = (filters: Partial<QueueFilters>) =>
  applyFilters(rows, { ...emptyFilters, ...filters }).map((i) => rows[i]!.id);

describe('applyFilters', () => {
  test('no filter keeps every row, in order', () => {
    expect(applyFilters(rows, emptyFilters)).toEqual([0, 1, 2, 3, 4]);
    expect(applyFilters([], emptyFilters)).toEqual([]);
  });

  test('the date-of-service range includes both ends, and either end may be open', () => {
    expect(ids({ dosFrom: '2026-01-15', dosTo: '2026-01-31' })).toEqual(['C-2', 'C-3', 'C-5']);
    expect(ids({ dosFrom: '2026-01-31' })).toEqual(['C-3', 'C-4']);
    expect(ids({ dosTo: '2026-01-02' })).toEqual(['C-1']);
    expect(ids({ dosFrom: '2026-02-02' })).toEqual([]);
  });

  test('payer, provider, place of service and EDI status take any of the chosen values', () => {
    expect(ids({ payerIds: ['p1'] })).toEqual(['C-1', 'C-3']);
    expect(ids({ payerIds: ['p1', 'p3'] })).toEqual(['C-1', 'C-3', 'C-4']);
    expect(ids({ payerIds: ['nobody'] })).toEqual([]);
    expect(ids({ providerIds: ['v2'] })).toEqual(['C-2', 'C-3']);
    expect(ids({ providerIds: ['v1', 'v3'] })).toEqual(['C-1', 'C-4', 'C-5']);
    expect(ids({ placesOfService: ['12'] })).toEqual(['C-2', 'C-3']);
    expect(ids({ placesOfService: ['02', '11'] })).toEqual(['C-1', 'C-4', 'C-5']);
    expect(ids({ ediStatuses: ['accepted_payer'] })).toEqual(['C-1', 'C-3']);
    expect(ids({ ediStatuses: ['rejected_payer', 'sent'] })).toEqual(['C-2', 'C-5']);
  });

  test('a denial code matches a row whose codes contain it, whole codes only', () => {
    expect(ids({ denialCode: 'N54' })).toEqual(['C-2', 'C-5']);
    expect(ids({ denialCode: 'CO-197' })).toEqual(['C-2']);
    expect(ids({ denialCode: 'CO-1' })).toEqual([]);
  });

  test('billed over 30 days: more than 30 days since first billed and not Paid, Settled or Voided', () => {
    // C-1 45 days Submitted, C-2 31 days Denied; C-3 is Paid, C-5 exactly 30 days, C-4 never billed.
    expect(ids({ billedOver30: true })).toEqual(['C-1', 'C-2']);
    for (const status of ['Settled', 'Voided', 'Paid'] as const) {
      expect(isOverdue(testRow({ id: 'x', status, daysSinceBilled: 90 }))).toBe(false);
    }
    for (const status of ['Submitted', 'Denied', 'Held', 'Ready'] as const) {
      expect(isOverdue(testRow({ id: 'x', status, daysSinceBilled: 31 }))).toBe(true);
    }
  });

  test('free text keeps matchText semantics: every term, any order, any case', () => {
    expect(ids({ query: 'smith' })).toEqual(['C-1', 'C-3', 'C-5']);
    expect(ids({ query: 'BLUE smith' })).toEqual(['C-5']);
    expect(ids({ query: '   ' })).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-5']);
  });

  test('filters combine: a row must pass all of them', () => {
    expect(ids({ payerIds: ['p1', 'p2'], placesOfService: ['11'], query: 'smith' })).toEqual(['C-1', 'C-5']);
    expect(ids({ providerIds: ['v2'], billedOver30: true })).toEqual(['C-2']);
    expect(ids({ denialCode: 'N54', dosFrom: '2026-01-16' })).toEqual(['C-5']);
  });

  test('equals a plain row-by-row check of every filter, for any rows and filters', () => {
    const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
    const dates = pick(['', '2026-01-01', '2026-01-10', '2026-01-20', '2026-02-01']);
    const rowArb = fc
      .record({
        n: fc.nat(),
        dateOfService: pick(['2026-01-01', '2026-01-10', '2026-01-20', '2026-02-01']),
        payerId: pick(['p1', 'p2', 'p3']),
        renderingProviderId: pick(['v1', 'v2']),
        placeOfService: pick(['11', '12', '02']),
        status: pick(claimStatuses),
        ediStatus: pick(ediStatuses),
        daysSinceBilled: fc.option(fc.integer({ min: 0, max: 60 })),
        denialCodes: fc.subarray(['CO-197', 'N54', 'CO-16']),
        patient: pick(['Smith, Ann', 'Jones, Bo']),
      })
      .map(({ n, ...r }) => testRow({ id: `C-${n}`, ...r }));
    const filtersArb = fc.record({
      dosFrom: dates,
      dosTo: dates,
      payerIds: fc.subarray(['p1', 'p2', 'p3', 'p9']),
      providerIds: fc.subarray(['v1', 'v2']),
      placesOfService: fc.subarray(['11', '12', '02']),
      ediStatuses: fc.subarray([...ediStatuses]),
      denialCode: pick(['', 'CO-197', 'N54', 'CO-16']),
      billedOver30: fc.boolean(),
      query: pick(['', 'smith', 'jones ann', 'c-1']),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), filtersArb, (rs, f) => {
        const text = new Set(matchText(rs, f.query));
        const expected = rs.flatMap((r, i) =>
          (f.dosFrom === '' || r.dateOfService >= f.dosFrom) &&
          (f.dosTo === '' || r.dateOfService <= f.dosTo) &&
          (f.payerIds.length === 0 || f.payerIds.includes(r.payerId)) &&
          (f.providerIds.length === 0 || f.providerIds.includes(r.renderingProviderId)) &&
          (f.placesOfService.length === 0 || f.placesOfService.includes(r.placeOfService)) &&
          (f.ediStatuses.length === 0 || f.ediStatuses.includes(r.ediStatus)) &&
          (f.denialCode === '' || r.denialCodes.includes(f.denialCode)) &&
          (!f.billedOver30 ||
            (r.daysSinceBilled !== null &&
              r.daysSinceBilled > 30 &&
              !['Paid', 'Settled', 'Voided'].includes(r.status))) &&
          text.has(i)
            ? [i]
            : [],
        );
        expect(applyFilters(rs, f)).toEqual(expected);
      }),
    );
  });
});

describe('activeFilterCount', () => {
  test('counts each narrowing filter once; the date range is one filter', () => {
    expect(activeFilterCount(emptyFilters)).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, query: '  ' })).toBe(0);
    expect(activeFilterCount({ ...emptyFilters, dosFrom: '2026-01-01', dosTo: '2026-01-31' })).toBe(1);
    expect(
      activeFilterCount({
        dosFrom: '',
        dosTo: '2026-01-31',
        payerIds: ['p1'],
        providerIds: ['v1'],
        placesOfService: ['11'],
        ediStatuses: ['sent'],
        denialCode: 'N54',
        billedOver30: true,
        query: 'smith',
      }),
    ).toBe(8);
  });
});

describe('filterOptions', () => {
  const options = filterOptions(rows);

  test('distinct payers and providers with their names and counts, by name', () => {
    expect(options.payers).toEqual([
      { value: 'p1', label: 'Acme Health', count: 2 },
      { value: 'p2', label: 'Blue Plan', count: 2 },
      { value: 'p3', label: 'Cedar Care', count: 1 },
    ]);
    expect(options.providers).toEqual([
      { value: 'v2', label: 'Kim, Raj', count: 2 },
      { value: 'v1', label: 'Lee, Ann', count: 2 },
      { value: 'v3', label: 'Ortiz, Mae', count: 1 },
    ]);
  });

  test('places of service by code, named when known', () => {
    expect(options.placesOfService).toEqual([
      { value: '02', label: '02 · Telehealth', count: 1 },
      { value: '11', label: '11 · Office', count: 2 },
      { value: '12', label: '12 · Home', count: 2 },
    ]);
    expect(filterOptions([testRow({ id: 'x', placeOfService: '81' })]).placesOfService).toEqual([
      { value: '81', label: '81', count: 1 },
    ]);
  });

  test('only the EDI statuses present, in pipeline order', () => {
    expect(options.ediStatuses).toEqual([
      { value: 'not_sent', label: 'Not sent', count: 1 },
      { value: 'sent', label: 'Sent', count: 1 },
      { value: 'accepted_payer', label: 'Accepted by payer', count: 2 },
      { value: 'rejected_payer', label: 'Rejected by payer', count: 1 },
    ]);
  });

  test('denial codes counted per row, numbers in numeric order', () => {
    expect(options.denialCodes).toEqual([
      { value: 'CO-16', label: 'CO-16', count: 1 },
      { value: 'CO-197', label: 'CO-197', count: 1 },
      { value: 'N54', label: 'N54', count: 2 },
    ]);
    expect(filterOptions([])).toEqual({
      payers: [],
      providers: [],
      placesOfService: [],
      ediStatuses: [],
      denialCodes: [],
    });
  });
});

describe('dropdown helpers', () => {
  const payers = filterOptions(rows).payers;

  test('a chosen value the rows lack is listed first with no rows, so it can be cleared', () => {
    expect(withChosen(payers, ['p1'])).toEqual(payers);
    expect(withChosen(payers, ['gone', 'p2'])).toEqual([
      { value: 'gone', label: 'gone', count: 0 },
      ...payers,
    ]);
  });

  test('search matches every word in the label or the value, any case', () => {
    expect(searchOptions(payers, 'plan').map((o) => o.value)).toEqual(['p2']);
    expect(searchOptions(payers, 'ACME p1').map((o) => o.value)).toEqual(['p1']);
    expect(searchOptions(payers, 'health care')).toEqual([]);
    expect(searchOptions(payers, ' ')).toEqual(payers);
  });

  test('the summary names one choice and counts several', () => {
    expect(choiceSummary('Payer', payers, [])).toBe('Payer');
    expect(choiceSummary('Payer', payers, ['p2'])).toBe('Blue Plan');
    expect(choiceSummary('Payer', payers, ['gone'])).toBe('gone');
    expect(choiceSummary('Payer', payers, ['p1', 'p2'])).toBe('Payer (2)');
  });

  test('toggling adds once and removes', () => {
    expect(toggleChoice(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleChoice(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggleChoice(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleChoice([], 'a', false)).toEqual([]);
  });
});
