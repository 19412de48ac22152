import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ediStatuses } from '../../../shared/domain/claimStatus.ts';
import { columns } from './columns.ts';
import { emptyFilters } from './queueFilters.ts';
import { queueTabs } from './queueTab.ts';
import {
  decodeView,
  defaultView,
  encodeView,
  isIsoDate,
  searchWithView,
  type ViewState,
  viewKeys,
} from './viewUrl.ts';

const sample: ViewState = {
  tab: 'Denied',
  filters: {
    dosFrom: '2026-01-01',
    dosTo: '2026-01-31',
    payerIds: ['p1', 'p2'],
    providerIds: ['prov:7'],
    placesOfService: ['11', '02'],
    ediStatuses: ['rejected_payer', 'rejected_clearinghouse'],
    denialCode: 'CO-197',
    billedOver30: true,
    query: 'smith 97153',
  },
  sort: { columnId: 'billed', direction: 'desc' },
};

describe('encodeView', () => {
  test('short readable keys, lists joined by commas, spaces as +', () => {
    expect(encodeView(sample)).toBe(
      'tab=Denied&from=2026-01-01&to=2026-01-31&payer=p1,p2&provider=prov:7&pos=11,02' +
        '&edi=rejected_payer,rejected_clearinghouse&denial=CO-197&over30=1&q=smith+97153&sort=billed.desc',
    );
  });

  test('the default view is the empty string; each default is left out', () => {
    expect(encodeView(defaultView)).toBe('');
    expect(encodeView({ ...defaultView, filters: { ...emptyFilters, query: 'a+b&c=d' } })).toBe(
      'q=a%2Bb%26c%3Dd',
    );
    expect(encodeView({ ...defaultView, sort: null })).toBe('sort=none');
    expect(encodeView({ ...defaultView, sort: { columnId: 'dateOfService', direction: 'asc' } })).toBe(
      'sort=dateOfService.asc',
    );
  });

  test('half an emoji in the query does not throw', () => {
    const view = { ...defaultView, filters: { ...emptyFilters, query: 'ab\uD83D' } };
    expect(decodeView(encodeView(view)).filters.query).toBe('ab\uFFFD');
  });
});

describe('decodeView', () => {
  test('reads what encodeView writes, with or without the ?', () => {
    expect(decodeView(encodeView(sample))).toEqual(sample);
    expect(decodeView(`?${encodeView(sample)}`)).toEqual(sample);
    expect(decodeView('')).toEqual(defaultView);
    expect(decodeView('?')).toEqual(defaultView);
  });

  test('also reads what URLSearchParams writes (%2C, %20, %3A)', () => {
    const params = new URLSearchParams({ payer: 'p1,p2', q: 'smith jones', provider: 'prov:7' });
    const view = decodeView(params.toString());
    expect(view.filters.payerIds).toEqual(['p1', 'p2']);
    expect(view.filters.providerIds).toEqual(['prov:7']);
    expect(view.filters.query).toBe('smith jones');
  });

  test('drops what is unknown or invalid and keeps the rest', () => {
    const view = decodeView(
      'tab=Lost&from=2026-02-30&to=2026-13-01&payer=p1,,bad%20id,p1,p2&edi=sent,rejected,SENT' +
        '&denial=CO%20197&over30=yes&sort=nosuch.asc&pos=11&extra=1',
    );
    expect(view).toEqual({
      ...defaultView,
      filters: { ...emptyFilters, payerIds: ['p1', 'p2'], ediStatuses: ['sent'], placesOfService: ['11'] },
    });
    expect(decodeView('sort=billed.sideways').sort).toEqual(defaultView.sort);
    expect(decodeView('sort=billed').sort).toEqual(defaultView.sort);
    expect(decodeView('sort=none').sort).toBeNull();
    expect(decodeView('tab=All&over30=1').filters.billedOver30).toBe(true);
  });

  test('bounds what a pasted address can hold', () => {
    const many = Array.from({ length: 500 }, (_, i) => `p${i}`).join(',');
    const view = decodeView(`payer=${many}&q=${'x'.repeat(5000)}`);
    expect(view.filters.payerIds).toHaveLength(200);
    expect(view.filters.query).toHaveLength(200);
  });

  test('never throws, whatever the string, and gives only known values', () => {
    const tabs = new Set<string>(queueTabs);
    const edi = new Set<string>(ediStatuses);
    const columnIds = new Set(columns.map((c) => c.id));
    const keyish = fc.constantFrom(...viewKeys, 'x', '');
    const pair = fc.tuple(keyish, fc.string({ unit: 'binary', maxLength: 30 })).map(([k, v]) => `${k}=${v}`);
    const search = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(pair, { maxLength: 8 }).map((ps) => ps.join('&')),
    );
    fc.assert(
      fc.property(search, (s) => {
        const view = decodeView(s);
        expect(tabs.has(view.tab)).toBe(true);
        expect(view.filters.dosFrom === '' || isIsoDate(view.filters.dosFrom)).toBe(true);
        expect(view.filters.dosTo === '' || isIsoDate(view.filters.dosTo)).toBe(true);
        expect(view.filters.ediStatuses.every((e) => edi.has(e))).toBe(true);
        expect(view.sort === null || columnIds.has(view.sort.columnId)).toBe(true);
        // What came in, once cleaned, goes out and back unchanged.
        expect(decodeView(encodeView(view))).toEqual(view);
      }),
    );
  });
});

describe('round trip', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/);
  const date = fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const view: fc.Arbitrary<ViewState> = fc.record({
    tab: fc.constantFrom(...queueTabs),
    filters: fc.record({
      dosFrom: fc.oneof(fc.constant(''), date),
      dosTo: fc.oneof(fc.constant(''), date),
      payerIds: fc.uniqueArray(token, { maxLength: 5 }),
      providerIds: fc.uniqueArray(token, { maxLength: 5 }),
      placesOfService: fc.uniqueArray(fc.stringMatching(/^\d{2}$/), { maxLength: 4 }),
      ediStatuses: fc.uniqueArray(fc.constantFrom(...ediStatuses), { maxLength: 6 }),
      denialCode: fc.oneof(fc.constant(''), token),
      billedOver30: fc.boolean(),
      query: fc.string({ unit: 'grapheme', maxLength: 40 }),
    }),
    sort: fc.option(
      fc.record({
        columnId: fc.constantFrom(...columns.map((c) => c.id)),
        direction: fc.constantFrom('asc' as const, 'desc' as const),
      }),
    ),
  });

  test('decodeView(encodeView(v)) is v for every valid view', () => {
    fc.assert(
      fc.property(view, (v) => {
        expect(decodeView(encodeView(v))).toEqual(v);
      }),
    );
  });

  test('the view survives being put into a real URL and read back from it', () => {
    fc.assert(
      fc.property(view, (v) => {
        const url = new URL(`https://claimgrid.test/queue${searchWithView('', v)}#top`);
        expect(decodeView(url.search)).toEqual(v);
      }),
    );
  });
});

describe('searchWithView', () => {
  test('replaces the view keys and keeps everyone else’s', () => {
    expect(searchWithView('?practice=a1&tab=Paid&q=old', { ...defaultView, tab: 'Held' })).toBe(
      '?practice=a1&tab=Held',
    );
    expect(searchWithView('?tab=Paid', defaultView)).toBe('');
    expect(searchWithView('', defaultView)).toBe('');
    expect(searchWithView('?debug=1', sample)).toBe(`?debug=1&${encodeView(sample)}`);
  });
});

describe('isIsoDate', () => {
  test('real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
    expect(isIsoDate(' 2026-01-05')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});
