import { randomUUID } from 'node:crypto';

/** What an id names; its one-letter prefix makes ids in logs readable (`u_…` a user, `p_…` a practice). */
export type IdKind = 'user' | 'practice';

const prefixes: Record<IdKind, string> = { user: 'u_', practice: 'p_' };

/** A new random id, e.g. `p_3f9c2a7be41d4a0c9b1e`: a prefix and 20 hex digits of a random UUID. */
export function newId(kind: IdKind): string {
  return prefixes[kind] + randomUUID().replaceAll('-', '').slice(0, 20);
}
