import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { normalizeEmail } from '../auth/authService.ts';
import { apiError, messages } from './apiError.ts';
import type { AppEnv, HttpDeps } from './appEnv.ts';
import { loginBody } from './bodies.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession } from './requireSession.ts';
import { findToken, SESSION_COOKIE } from './tokenFromRequest.ts';

/** `POST /login`, `POST /logout`, `GET /me` (mounted under /api). */
export function authRoutes(deps: HttpDeps): Hono<AppEnv> {
  const { auth, log, throttle, config, now } = deps;
  const app = new Hono<AppEnv>();
  const maxAgeSeconds = Math.floor(config.sessionTtlMs / 1000);

  app.post('/login', async (c) => {
    const body = await readJsonBody(c, loginBody);
    if (!body.ok) return body.response;
    const key = normalizeEmail(body.value.email);
    const verdict = throttle.check(key);
    if (!verdict.allowed) {
      const waitMs = verdict.retryAt.getTime() - now().getTime();
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      log.warn('login_throttled', { retryInSeconds: Math.ceil(waitMs / 1000) });
      c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return apiError(
        c,
        429,
        'too_many_attempts',
        `Too many failed logins for this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, ` +
          'or ask your administrator to check the account.',
        { retryAt: verdict.retryAt.toISOString() },
      );
    }
    // Counted before checking, so concurrent guesses can't all slip in under the limit.
    const failures = throttle.recordFailure(key);
    const result = await auth.login(body.value.email, body.value.password);
    if (!result.ok) {
      log.info('login_failed', { failuresInWindow: failures });
      return apiError(c, 401, 'invalid_credentials', messages.invalidCredentials);
    }
    throttle.reset(key);
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: maxAgeSeconds,
      secure: config.cookieSecure,
    });
    log.info('login_succeeded', { userId: result.user.id });
    return c.json({ user: result.user, practices: auth.practicesOf(result.user.id) });
  });

  app.post('/logout', (c) => {
    const found = findToken(c.req.raw.headers);
    if (found !== null) auth.logout(found.token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.cookieSecure });
    return c.json({ ok: true });
  });

  app.get('/me', requireSession(auth), (c) => {
    const { user } = c.var.session;
    return c.json({ user, practices: auth.practicesOf(user.id) });
  });

  return app;
}
