import { Hono } from 'hono';
import type { AuthService } from '../auth/authService.ts';
import { apiError } from '../http/apiError.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requireSession } from '../http/requireSession.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * `GET /api/practices/:id/partitions`: the service months that have documents, so a client knows
 * which work and facts documents to open. Members of the practice only.
 */
export function practiceRoutes({ auth, storage }: { auth: AuthService; storage: Storage }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));
  app.get('/:id/partitions', (c) => {
    const practiceId = c.req.param('id');
    if (!c.var.session.memberships.some((m) => m.practiceId === practiceId)) {
      return apiError(c, 403, 'forbidden', 'You do not have access to this practice.');
    }
    const prefix = `${practiceId}:work:`;
    const partitions = storage.listDocNames(prefix).map((name) => name.slice(prefix.length));
    return c.json({ partitions: [...new Set(partitions)].sort() });
  });
  return app;
}
