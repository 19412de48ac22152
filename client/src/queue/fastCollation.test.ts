import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collationRanks, compareSupported } from './fastCollation.ts';
import { compareText } from './sortRows.ts';

/** Dense ranks by sorting with the collator: the ranks `collationRanks` must give. */
function collatorRanks(values: readonly string[]): number[] {
  const byText = Array.from(values.keys()).sort((a, b) => compareText(values[a]!, values[b]!));
  const rank: number[] = new Array(values.length).fill(-1);
  let r = -1;
  for (const [k, id] of byText.entries()) {
    if (k === 0 || compareText(values[byText[k - 1]!]!, values[id]!) !== 0) r++;
    rank[id] = r;
  }
  return rank;
}

function expectCollatorRanks(values: readonly string[]): void {
  const ranks = collationRanks(values);
  expect(ranks, JSON.stringify(values)).not.toBeNull();
  expect(Array.from(ranks!), JSON.stringify(values)).toEqual(collatorRanks(values));
}

// Digit runs with leading zeros, both cases, the two punctuation chars supported, and runs of a few
// units make values that are prefixes of each other, tie on the first symbols and repeat.
const unit = fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', '0', '00', '1', '01', '9', '10', '99', ' ', '-');
const value = fc.string({ unit, maxLength: 14 });
// Long shared starts: values tie on all the symbols packed and are told apart by what follows.
const start = fc.constantFrom('', 'claim', 'CLAIM-', 'clm 000', 'x0000000001', 'ab12cd34ef56');
const longValue = fc.tuple(start, value, fc.constantFrom('', 'Q', '7', '007', 'Z9')).map((p) => p.join(''));
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const claimId = fc
  .array(fc.constantFrom(...alphabet), { minLength: 12, maxLength: 12 })
  .map((cs) => `C${cs.join('')}`);

describe('collation ranks without the collator', () => {
  it('ranks like sorting with compareText, equal-collating values alike', () => {
    fc.assert(fc.property(fc.array(value, { maxLength: 60 }), expectCollatorRanks), { numRuns: 500 });
  });

  it('ranks like compareText when values share long starts, repeat and extend each other', () => {
    fc.assert(
      fc.property(fc.array(longValue, { maxLength: 60 }), (values) => {
        const repeated = [...values, ...values.slice(0, 5).map((v) => v.toUpperCase())];
        expectCollatorRanks(repeated);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks like compareText when all values share a start (which packing skips)', () => {
    fc.assert(
      fc.property(fc.oneof(value, start), fc.array(value, { minLength: 1, maxLength: 40 }), (shared, ends) =>
        expectCollatorRanks(ends.map((end, i) => `${i % 2 ? shared.toUpperCase() : shared}${end}`)),
      ),
      { numRuns: 500 },
    );
    expectCollatorRanks(['x0B', 'x9B']);
    expectCollatorRanks(['x000B', 'x009B', 'x00']);
    expectCollatorRanks(['CLM-10', 'CLM-9', 'CLM-100', 'clm-009']);
  });

  it('ranks claim ids like compareText, among many (a wider index in the packed integers)', () => {
    const ids = fc.sample(claimId, { numRuns: 20_000, seed: 42 });
    expectCollatorRanks([...ids, ...ids.slice(0, 100).map((id) => id.toLowerCase())]);
  });

  it('compares digit runs by value whatever their length, up to what the collator does by value', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 254 });
    fc.assert(
      fc.property(fc.array(fc.tuple(digits, fc.constantFrom('', 'a', 'B')), { maxLength: 12 }), (pairs) =>
        expectCollatorRanks(pairs.map(([d, s]) => `x${d}${s}`)),
      ),
    );
    // Around the length where numbers share a packed symbol.
    const near = [33, 34, 35, 60].flatMap((n) => ['1', '2', '9'].map((d) => d.repeat(n)));
    expectCollatorRanks([...near, ...near.map((d) => `0${d}`), ...near.map((d) => `${d}0`)]);
  });

  it('treats leading zeros as the collator does', () => {
    expect(compareText('a01', 'a1')).toBe(0);
    expectCollatorRanks(['a01', 'a1', 'a001b', 'a1b', 'a0', 'a00', 'a', 'a10', 'a010', 'a9']);
  });

  it('orders space, hyphen, numbers and letters as the collator does', () => {
    expectCollatorRanks(['a b', 'a-b', 'ab', 'a1', 'a', 'a ', 'a-', 'A', ' ', '-', '0', 'CLM-10', 'CLM-9']);
  });

  it('ranks the empty string first', () => {
    expect(Array.from(collationRanks(['b', '', 'a', ''])!)).toEqual([2, 0, 1, 0]);
    expect(Array.from(collationRanks([])!)).toEqual([]);
  });

  it('leaves values with other characters to the collator', () => {
    for (const odd of ['é', 'Zoë', 'a,b', 'a_b', 'a.b', "O'Brien", 'a\tb', 'ａ', '١٢'])
      expect(collationRanks(['abc', odd, 'x1']), odd).toBeNull();
  });

  it('leaves digit runs the collator compares in pieces to it', () => {
    expect(collationRanks([`x${'9'.repeat(254)}`, 'x1'])).not.toBeNull();
    expect(collationRanks([`x${'9'.repeat(255)}`, 'x1'])).toBeNull();
  });

  it('compares supported values with the sign of compareText', () => {
    fc.assert(
      fc.property(fc.oneof(value, longValue), fc.oneof(value, longValue), (a, b) => {
        expect(Math.sign(compareSupported(a, b)), `${a} vs ${b}`).toBe(Math.sign(compareText(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});
