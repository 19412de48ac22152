import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate, type SortBy, SortKeyCache } from './sortKeyCache.ts';
import { compareText, sortIndices } from './sortRows.ts';

interface Row {
  name: string;
  amount: number | null;
}

const byName: SortBy<Row> = { type: 'text', value: (r) => r.name };
const byAmount: SortBy<Row> = { type: 'number', value: (r) => r.amount };
const fresh = (rows: readonly Row[], sortBy: SortBy<Row>) =>
  Array.from(new SortKeyCache<Row>().keyFor('c', rows, sortBy));

const rowArb = fc.record({
  name: fc.constantFrom('', 'Adams', 'adams', 'Baker', 'Cole', 'CLM-9', 'CLM-10', 'Diaz'),
  amount: fc.option(fc.integer({ min: -500, max: 500 }), { nil: null }),
});

describe('sort keys kept across row changes', () => {
  it('returns the same key for the same rows array', () => {
    const rows = [{ name: 'Baker', amount: 1 }];
    const cache = new SortKeyCache<Row>();
    expect(cache.keyFor('name', rows, byName)).toBe(cache.keyFor('name', rows, byName));
  });

  it('a patched key sorts like a key built from scratch, whatever rows change, are added or removed', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), rowArb), { maxLength: 8 }),
        fc.array(rowArb, { maxLength: 3 }),
        fc.boolean(),
        (rows, changes, added, dropLast) => {
          const cache = new SortKeyCache<Row>();
          cache.keyFor('name', rows, byName);
          cache.keyFor('amount', rows, byAmount);
          const next = rows.slice();
          for (const [at, row] of changes) next[at % next.length] = row;
          next.push(...added);
          if (dropLast && next.length > 1) next.pop();
          // Ranks may differ from a fresh build (a value gone leaves a gap); the order may not.
          const all = next.map((_, i) => i);
          for (const [id, sortBy] of [['name', byName] as const, ['amount', byAmount] as const]) {
            const patched = cache.keyFor(id, next, sortBy);
            const rebuilt = Float64Array.from(fresh(next, sortBy));
            for (const direction of ['asc', 'desc'] as const)
              expect(sortIndices(all, patched, direction)).toEqual(sortIndices(all, rebuilt, direction));
          }
        },
      ),
    );
  });

  it('leaves the previous key untouched when it patches', () => {
    const rows: Row[] = [
      { name: 'Baker', amount: 1 },
      { name: 'Adams', amount: 2 },
    ];
    const cache = new SortKeyCache<Row>();
    const before = cache.keyFor('amount', rows, byAmount);
    const next = [rows[0]!, { name: 'Adams', amount: 9 }];
    expect(Array.from(cache.keyFor('amount', next, byAmount))).toEqual([1, 9]);
    expect(Array.from(before)).toEqual([1, 2]);
  });

  it('ranks text densely in collation order, equal-collating values alike and empty text blank', () => {
    // Case, accents, digit runs and punctuation: the ways collation differs from code-unit order.
    const unit = fc.constantFrom('a', 'A', 'b', 'é', 'E', 'e', '1', '2', '9', '10', ' ', ',', '-');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 4 }), { maxLength: 60 }), (names) => {
        const key = fresh(
          names.map((name) => ({ name, amount: null })),
          byName,
        );
        const ranks = new Set<number>();
        for (const [i, a] of names.entries()) {
          expect(Number.isNaN(key[i]), `blank ${JSON.stringify(a)}`).toBe(a === '');
          if (a === '') continue;
          ranks.add(key[i]!);
          for (const [j, b] of names.entries())
            if (b !== '')
              expect(Math.sign(key[i]! - key[j]!), `${a} vs ${b}`).toBe(Math.sign(compareText(a, b)));
        }
        expect([...ranks].sort((x, y) => x - y)).toEqual([...ranks].map((_, r) => r));
      }),
    );
  });

  it('keys changed text alike when it collates with a known value, and in order when it falls between', () => {
    const rows: Row[] = [
      { name: 'smith', amount: null },
      { name: '', amount: null },
      { name: 'Adams', amount: null },
    ];
    const cache = new SortKeyCache<Row>();
    expect(Array.from(cache.keyFor('name', rows, byName))).toEqual([1, Number.NaN, 0]);
    const sameRank = [rows[0]!, { name: 'SMITH', amount: null }, rows[2]!];
    expect(Array.from(cache.keyFor('name', sameRank, byName))).toEqual([1, 1, 0]);
    const between = [rows[0]!, { name: 'Baker', amount: null }, rows[2]!];
    expect(Array.from(cache.keyFor('name', between, byName))).toEqual([2, 1, 0]);
  });

  describe('claim ids and other nearly distinct text', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const claimId = fc
      .array(fc.constantFrom(...alphabet), { minLength: 12, maxLength: 12 })
      .map((cs) => `C${cs.join('')}`);
    /** The key as the collator alone builds it: each row's rank among the distinct values. */
    const collatorKey = (names: readonly string[]) => {
      const distinct = [...new Set(names.filter((name) => name !== ''))];
      const { rankOfId } = collate(distinct);
      return names.map((name) => (name === '' ? Number.NaN : rankOfId[distinct.indexOf(name)]!));
    };
    const rowsOf = (names: readonly string[]) => names.map((name) => ({ name, amount: null }));
    // Mostly distinct ids, now and then a blank, a repeat or the same id in lower case.
    const column = (id: fc.Arbitrary<string>) =>
      fc
        .array(fc.tuple(id, fc.nat(99)), { minLength: 1, maxLength: 300 })
        .map((cells) =>
          cells.map(([name, roll], i) =>
            roll === 0
              ? ''
              : roll === 1
                ? (cells[i >> 1]?.[0] ?? name)
                : roll === 2
                  ? name.toLowerCase()
                  : name,
          ),
        );

    it('keys a claim id column exactly as collating its distinct values does', () => {
      fc.assert(
        fc.property(column(claimId), (names) => {
          expect(fresh(rowsOf(names), byName)).toEqual(collatorKey(names));
        }),
      );
    });

    it('keys nearly distinct text the fast ranks do not cover as the collator does', () => {
      const odd = fc.tuple(claimId, fc.constantFrom('', 'é', ',', '_')).map(([id, c]) => `${id}${c}`);
      fc.assert(
        fc.property(column(odd), (names) => {
          expect(fresh(rowsOf(names), byName)).toEqual(collatorKey(names));
        }),
      );
    });

    it('patches a claim id key with the ranks it has, a copied id taking its rank in any case', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(claimId, { minLength: 8, maxLength: 200 }),
          fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 2 }),
          (names, copies) => {
            const rows = rowsOf(names);
            const cache = new SortKeyCache<Row>();
            const before = Array.from(cache.keyFor('name', rows, byName));
            const next = rows.slice();
            const expected = before.slice();
            for (const [to, from, lower] of copies) {
              const [j, k] = [to % rows.length, from % rows.length];
              next[j] = { name: lower ? names[k]!.toLowerCase() : names[k]!, amount: null };
              expected[j] = before[k]!;
            }
            // A rebuild would number the ranks left densely; a patch keeps them (a gap where an id went).
            expect(Array.from(cache.keyFor('name', next, byName))).toEqual(expected);
          },
        ),
      );
    });

    it('patches a claim id key like one built from scratch', () => {
      fc.assert(
        fc.property(
          column(claimId),
          fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('copy', 'blank', 'new', 'lower')), {
            maxLength: 6,
          }),
          claimId,
          (names, changes, newId) => {
            const rows = rowsOf(names);
            const cache = new SortKeyCache<Row>();
            cache.keyFor('name', rows, byName);
            const next = rows.slice();
            for (const [at, from, how] of changes) {
              const copied = rows[from % rows.length]!.name;
              const name =
                how === 'copy' ? copied : how === 'blank' ? '' : how === 'new' ? newId : copied.toLowerCase();
              next[at % next.length] = { name, amount: null };
            }
            const all = next.map((_, i) => i);
            const patched = cache.keyFor('name', next, byName);
            for (const direction of ['asc', 'desc'] as const)
              expect(sortIndices(all, patched, direction)).toEqual(
                sortIndices(all, Float64Array.from(collatorKey(next.map((r) => r.name))), direction),
              );
          },
        ),
      );
    });
  });
});
