import { Hono } from 'hono';
import { AuthError, type AuthErrorCode } from '../auth/authService.ts';
import { apiError, messages } from './apiError.ts';
import type { AppEnv, HttpDeps } from './appEnv.ts';
import { newMemberBody, newPracticeBody, newUserBody } from './bodies.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession, requireSystemAdmin } from './requireSession.ts';

const statusOf: Record<AuthErrorCode, 400 | 404 | 409> = {
  email_taken: 409,
  invalid_email: 400,
  invalid_name: 400,
  password_too_short: 400,
  password_too_long: 400,
  user_not_found: 404,
  practice_not_found: 404,
};

/** Users, practices and memberships (mounted under /api/admin); every route needs a session. */
export function adminRoutes(deps: HttpDeps): Hono<AppEnv> {
  const { auth, log } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));

  app.post('/users', requireSystemAdmin, async (c) => {
    const body = await readJsonBody(c, newUserBody);
    if (!body.ok) return body.response;
    try {
      const user = await auth.createUser(body.value);
      log.info('user_created', { userId: user.id, byUserId: c.var.session.user.id });
      return c.json(user, 201);
    } catch (err) {
      if (err instanceof AuthError) return apiError(c, statusOf[err.code], err.code, err.message);
      throw err;
    }
  });

  app.get('/practices', requireSystemAdmin, (c) => c.json({ practices: auth.listPractices() }));

  app.post('/practices', requireSystemAdmin, async (c) => {
    const body = await readJsonBody(c, newPracticeBody);
    if (!body.ok) return body.response;
    try {
      const practice = auth.createPractice(body.value);
      log.info('practice_created', { practiceId: practice.id, byUserId: c.var.session.user.id });
      return c.json({ id: practice.id, name: practice.name }, 201);
    } catch (err) {
      if (err instanceof AuthError) return apiError(c, statusOf[err.code], err.code, err.message);
      throw err;
    }
  });

  app.post('/practices/:id/members', async (c) => {
    const practiceId = c.req.param('id');
    const { user } = c.var.session;
    // Authorised before looking the practice up, so non-admins learn nothing about which ids exist.
    if (!user.isSystemAdmin && auth.roleIn(user.id, practiceId) !== 'admin') {
      return apiError(c, 403, 'forbidden', messages.practiceAdminOnly);
    }
    const body = await readJsonBody(c, newMemberBody);
    if (!body.ok) return body.response;
    try {
      const m = auth.addMember({ practiceId, email: body.value.email, role: body.value.role });
      log.info('member_set', { practiceId, userId: m.userId, role: m.role, byUserId: user.id });
      return c.json({ practiceId, userId: m.userId, email: m.email, role: m.role });
    } catch (err) {
      if (err instanceof AuthError) return apiError(c, statusOf[err.code], err.code, err.message);
      throw err;
    }
  });

  return app;
}
