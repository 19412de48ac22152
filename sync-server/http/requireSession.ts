import { deleteCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AuthService } from '../auth/authService.ts';
import { apiError, messages } from './apiError.ts';
import type { AppEnv } from './appEnv.ts';
import { findToken, SESSION_COOKIE } from './tokenFromRequest.ts';

/**
 * Middleware: lets a request through only with a valid session (cookie or bearer token) and puts
 * it on `c.var.session`. 401 `login_required` without a token, 401 `session_expired` with a stale
 * one (whose cookie is then cleared).
 */
export function requireSession(auth: AuthService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const found = findToken(c.req.raw.headers);
    if (found === null) return apiError(c, 401, 'login_required', messages.loginRequired);
    const session = auth.authenticate(found.token);
    if (session === null) {
      if (found.source === 'cookie') deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return apiError(c, 401, 'session_expired', messages.sessionExpired);
    }
    c.set('session', session);
    await next();
  });
}

/** Middleware (after requireSession): 403 unless the user is a system administrator. */
export const requireSystemAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.session.user.isSystemAdmin) return apiError(c, 403, 'forbidden', messages.systemAdminOnly);
  await next();
});
