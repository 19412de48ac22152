/** Whether a login may be attempted now. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAt: Date };

export interface LoginThrottle {
  /** Whether `key` may try to log in now. */
  check(key: string): ThrottleVerdict;
  /** Counts a failed login for `key`; returns the failures now inside the window. */
  recordFailure(key: string): number;
  /** Forgets the failures of `key` (after a successful login). */
  reset(key: string): void;
}

export interface LoginThrottleOptions {
  now: () => Date;
  /** Failures inside the window after which logins are refused (default 5). */
  maxFailures?: number;
  /** Sliding window length (default 15 minutes). */
  windowMs?: number;
  /** Most keys remembered; the oldest are forgotten first (default 10,000), so a flood can't exhaust memory. */
  maxKeys?: number;
}

/**
 * Counts failed logins per key (the normalized email) in a sliding window, in memory: a restart
 * forgets the counts, and each server instance counts on its own. Enough against password guessing
 * on a single-machine install; a shared store (Redis) would be needed once several instances run.
 */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const { now } = options;
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  // Failure times (ms) per key, oldest first; Map order = order keys were last written.
  const failures = new Map<string, number[]>();

  const recent = (key: string, at: number): number[] => {
    const times = failures.get(key);
    if (times === undefined) return [];
    const kept = times.filter((t) => t > at - windowMs);
    if (kept.length === 0) failures.delete(key);
    else if (kept.length !== times.length) failures.set(key, kept);
    return kept;
  };

  return {
    check(key) {
      const at = now().getTime();
      const times = recent(key, at);
      if (times.length < maxFailures) return { allowed: true };
      // The oldest failure that still counts toward the limit leaves the window first.
      const blocking = times[times.length - maxFailures] as number;
      return { allowed: false, retryAt: new Date(blocking + windowMs) };
    },
    recordFailure(key) {
      const at = now().getTime();
      const times = [...recent(key, at), at];
      failures.delete(key);
      failures.set(key, times);
      if (failures.size > maxKeys) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      return times.length;
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
