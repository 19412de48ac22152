import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';
import { applyBasisPoints } from './basisPoints.ts';
import { multiplyCents } from './cents.ts';
import { formatCents, formatCentsDecimal } from './format.ts';
import { parseMoney } from './parse.ts';
import { sumCents } from './sum.ts';

describe('parseMoney', () => {
  it.each([
    ['1,234.50', 123450],
    ['1234.5', 123450],
    ['$12', 1200],
    ['-3.05', -305],
    ['(12.00)', -1200],
    ['.5', 50],
    ['0', 0],
    ['  7.10 ', 710],
    ['1,000,000.01', 100000001],
    ['+4', 400],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseMoney(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'malformed'],
    ['1,23.00', 'malformed'],
    ['12,34', 'malformed'],
    ['1.2.3', 'malformed'],
    ['-(5)', 'malformed'],
    ['12.345', 'too_precise'],
    ['99999999999999999999', 'too_large'],
  ])('refuses %j with %s', (text, code) => {
    const r = parseMoney(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('round-trips every display amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parseMoney(formatCents(cents))).toEqual({ ok: true, cents });
        expect(parseMoney(formatCentsDecimal(cents))).toEqual({ ok: true, cents });
      }),
    );
  });
});

describe('formatCents', () => {
  it('formats for people and for files', () => {
    expect(formatCents(123450)).toBe('$1,234.50');
    expect(formatCents(-5)).toBe('-$0.05');
    expect(formatCents(100000000)).toBe('$1,000,000.00');
    expect(formatCentsDecimal(123450)).toBe('1234.5');
    expect(formatCentsDecimal(100)).toBe('1');
    expect(formatCentsDecimal(-5)).toBe('-0.05');
    expect(formatCentsDecimal(1207)).toBe('12.07');
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });
});

describe('sum and multiply', () => {
  it('adds integer cents and refuses floats', () => {
    expect(sumCents([150, 250, -100])).toBe(300);
    expect(() => sumCents([0.1, 0.2])).toThrow(RangeError);
    expect(multiplyCents(1875, 8)).toBe(15000);
    expect(() => multiplyCents(1875, 1.5)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('spreads leftover cents to the largest remainders, earliest first', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(5, [0, 3, 1])).toEqual([0, 4, 1]);
    expect(allocate(100, [7000, 3000])).toEqual([70, 30]);
  });

  it('refuses bad ratios', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [-1, 2])).toThrow(RangeError);
  });

  it('always adds back to the whole, each share within a cent of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 })
          .filter((r) => r.some((x) => x > 0)),
        (total, ratios) => {
          const parts = allocate(total, ratios);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const ratioSum = ratios.reduce((a, b) => a + b, 0);
          parts.forEach((part, i) => {
            const exact = (BigInt(total) * BigInt(ratios[i]!)) / BigInt(ratioSum);
            expect(Math.abs(part - Number(exact))).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});

describe('applyBasisPoints', () => {
  it('rounds by the named rule', () => {
    expect(applyBasisPoints(10005, 8000, 'half_up')).toBe(8004);
    expect(applyBasisPoints(10005, 8000, 'floor')).toBe(8004);
    expect(applyBasisPoints(25, 5000, 'half_up')).toBe(13);
    expect(applyBasisPoints(25, 5000, 'half_even')).toBe(12);
    expect(applyBasisPoints(35, 5000, 'half_even')).toBe(18);
    expect(applyBasisPoints(25, 5000, 'floor')).toBe(12);
    expect(applyBasisPoints(-25, 5000, 'floor')).toBe(-13);
    expect(applyBasisPoints(-25, 5000, 'half_up')).toBe(-13);
  });
});
