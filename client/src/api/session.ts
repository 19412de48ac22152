import type { Role } from '../../../shared/domain/actor.ts';

/** The logged-in user, as `/api/me` and `/api/login` describe them. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isSystemAdmin: boolean;
}

/** A practice the user belongs to, with their role there. */
export interface PracticeAccess {
  id: string;
  name: string;
  role: Role;
}

/** The JSON body of `GET /api/me` and of a successful `POST /api/login`. */
export interface SessionInfo {
  user: SessionUser;
  practices: PracticeAccess[];
}

const ROLES: readonly string[] = ['admin', 'biller', 'viewer'] satisfies Role[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` as a SessionInfo, or null when it does not have that shape. A proxy's or an older server's
 * answer must not reach the screens as a half-filled object.
 */
export function parseSessionInfo(value: unknown): SessionInfo | null {
  if (!isRecord(value) || !isRecord(value.user) || !Array.isArray(value.practices)) return null;
  const { id, email, displayName, isSystemAdmin } = value.user;
  if (
    typeof id !== 'string' ||
    typeof email !== 'string' ||
    typeof displayName !== 'string' ||
    typeof isSystemAdmin !== 'boolean'
  ) {
    return null;
  }
  const practices: PracticeAccess[] = [];
  for (const p of value.practices) {
    if (!isRecord(p) || typeof p.id !== 'string' || typeof p.name !== 'string') return null;
    if (typeof p.role !== 'string' || !ROLES.includes(p.role)) return null;
    practices.push({ id: p.id, name: p.name, role: p.role as Role });
  }
  return { user: { id, email, displayName, isSystemAdmin }, practices };
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
