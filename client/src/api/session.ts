import { type SessionInfo, sessionInfoSchema } from '../../../shared/domain/access.ts';
import type { Role } from '../../../shared/domain/actor.ts';

export type { PracticeAccess, SessionInfo, SessionUser } from '../../../shared/domain/access.ts';

/**
 * `value` as a SessionInfo, or null when it does not have that shape. A proxy's or an older server's
 * answer must not reach the screens as a half-filled object.
 */
export function parseSessionInfo(value: unknown): SessionInfo | null {
  const parsed = sessionInfoSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** How a role reads on screen. */
export function roleLabel(role: Role): string {
  switch (role) {
    case 'admin':
      return 'Practice admin';
    case 'biller':
      return 'Biller';
    case 'viewer':
      return 'Viewer (read-only)';
  }
}
