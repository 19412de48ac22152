import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isWithin } from './dates.ts';
import { hash64, hashBase32 } from './hash.ts';

describe('dates', () => {
  it('counts calendar days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('checks inclusive ranges with an open end', () => {
    expect(isWithin('2026-06-30', '2026-01-01', '2026-06-30')).toBe(true);
    expect(isWithin('2026-07-01', '2026-01-01', '2026-06-30')).toBe(false);
    expect(isWithin('2030-01-01', '2026-01-01', undefined)).toBe(true);
  });
});

describe('hash', () => {
  it('is deterministic and spreads nearby inputs', () => {
    expect(hash64('practice/session-1')).toEqual(hash64('practice/session-1'));
    expect(hash64('practice/session-1')).not.toEqual(hash64('practice/session-2'));
    const id = hashBase32('practice/session-1', 12);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hashBase32(`p1/s${i}`, 12));
    expect(seen.size).toBe(200_000);
  });
});
