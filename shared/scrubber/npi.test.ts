import { describe, expect, it } from 'vitest';
import { isTenDigits } from './npi.ts';

describe('isTenDigits', () => {
  it('checks the shape only', () => {
    expect(isTenDigits('1234567890')).toBe(true);
    expect(isTenDigits('123456789')).toBe(false);
    expect(isTenDigits('123456789x')).toBe(false);
  });
});
