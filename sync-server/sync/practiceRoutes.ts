import { Hono } from 'hono';
import type { AuthService } from '../auth/authService.ts';
import { findToken } from '../http/tokenFromRequest.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * `GET /api/practices/:id/partitions`: the service months that have documents, so a client knows
 * which work and facts documents to open. Members of the practice only.
 */
export function practiceRoutes({ auth, storage }: { auth: AuthService; storage: Storage }): Hono {
  const app = new Hono();
  app.get('/:id/partitions', (c) => {
    const found = findToken(c.req.raw.headers);
    const session = found ? auth.authenticate(found.token) : null;
    if (!session) {
      return c.json(
        { error: { code: 'session_expired', message: 'Your session has expired — log in again.' } },
        401,
      );
    }
    const practiceId = c.req.param('id');
    if (!session.memberships.some((m) => m.practiceId === practiceId)) {
      return c.json(
        { error: { code: 'forbidden', message: 'You do not have access to this practice.' } },
        403,
      );
    }
    const prefix = `${practiceId}:work:`;
    const partitions = storage.listDocNames(prefix).map((name) => name.slice(prefix.length));
    return c.json({ partitions: [...new Set(partitions)].sort() });
  });
  return app;
}
