import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from './loginThrottle.ts';

const MINUTE = 60_000;

function clock(startIso: string) {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('createLoginThrottle', () => {
  it('allows 5 failures, then refuses until the oldest failure is 15 minutes old', () => {
    const c = clock('2025-01-01T10:00:00.000Z');
    const throttle = createLoginThrottle({ now: c.now });
    for (let i = 1; i <= 5; i++) {
      expect(throttle.check('ana@clinic.test')).toEqual({ allowed: true });
      expect(throttle.recordFailure('ana@clinic.test')).toBe(i);
      c.advance(MINUTE);
    }
    // Failures at 10:00 … 10:04; now 10:05.
    expect(throttle.check('ana@clinic.test')).toEqual({
      allowed: false,
      retryAt: new Date('2025-01-01T10:15:00.000Z'),
    });
    c.advance(10 * MINUTE - 1); // 10:14:59.999
    expect(throttle.check('ana@clinic.test').allowed).toBe(false);
    c.advance(1); // 10:15: the 10:00 failure left the window, four remain
    expect(throttle.check('ana@clinic.test')).toEqual({ allowed: true });
    expect(throttle.recordFailure('ana@clinic.test')).toBe(5);
    expect(throttle.check('ana@clinic.test')).toEqual({
      allowed: false,
      retryAt: new Date('2025-01-01T10:16:00.000Z'),
    });
  });

  it('counts each email separately and forgets an email on reset', () => {
    const c = clock('2025-01-01T10:00:00.000Z');
    const throttle = createLoginThrottle({ now: c.now, maxFailures: 2 });
    throttle.recordFailure('a@x.test');
    throttle.recordFailure('a@x.test');
    expect(throttle.check('a@x.test').allowed).toBe(false);
    expect(throttle.check('b@x.test').allowed).toBe(true);
    throttle.reset('a@x.test');
    expect(throttle.check('a@x.test').allowed).toBe(true);
    expect(throttle.recordFailure('a@x.test')).toBe(1);
  });

  it('remembers at most maxKeys emails, forgetting the least recently failed first', () => {
    const c = clock('2025-01-01T10:00:00.000Z');
    const throttle = createLoginThrottle({ now: c.now, maxFailures: 1, maxKeys: 2 });
    throttle.recordFailure('a@x.test');
    throttle.recordFailure('b@x.test');
    throttle.recordFailure('a@x.test');
    throttle.recordFailure('c@x.test'); // evicts b, the least recently written
    expect(throttle.check('a@x.test').allowed).toBe(false);
    expect(throttle.check('b@x.test').allowed).toBe(true);
    expect(throttle.check('c@x.test').allowed).toBe(false);
  });
});
