import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthService } from '../auth/authService.ts';
import { createLoginThrottle, type LoginThrottle } from '../auth/loginThrottle.ts';
import type { Config } from '../config.ts';
import { MAX_INBOUND_BYTES } from '../inbound/inboundService.ts';
import { errorFields, type Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';
import { adminRoutes } from './adminRoutes.ts';
import { apiError, messages } from './apiError.ts';
import type { AppEnv, HttpDeps } from './appEnv.ts';
import { authRoutes } from './authRoutes.ts';

export interface HttpAppOptions {
  storage: Storage;
  auth: AuthService;
  config: Pick<Config, 'cookieSecure' | 'sessionTtlMs'>;
  log: Logger;
  /** Failed-login counter; an in-memory one (5 failures per email per 15 minutes) by default. */
  throttle?: LoginThrottle;
  /** Clock for the throttle and retry times; the system clock by default. */
  now?: () => Date;
}

const MAX_BODY_BYTES = 64 * 1024;
const INBOUND_UPLOAD = /^\/api\/practices\/[^/]+\/inbound\/upload$/;

/**
 * The REST API: `/health`, `/api/login|logout|me` and `/api/admin/*`. Returns a Hono app the entry
 * point serves and can extend with more routes (the WebSocket endpoint, the built client). Every
 * refusal is `{ error: { code, message } }`; unknown `/api` paths answer 404 in that shape.
 */
export function createHttpApp(options: HttpAppOptions): Hono<AppEnv> {
  const now = options.now ?? (() => new Date());
  const deps: HttpDeps = {
    storage: options.storage,
    auth: options.auth,
    config: options.config,
    log: options.log,
    now,
    throttle: options.throttle ?? createLoginThrottle({ now }),
  };
  const { log, storage } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: query strings can carry a token (WebSocket clients).
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.req.path === '/health') log.debug('http_request', fields);
    else log.info('http_request', fields);
  });

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => apiError(c, 413, 'payload_too_large', messages.tooLarge),
  });
  // Files from the clearinghouse are uploaded as they are: remittances run to tens of megabytes.
  const fileLimit = bodyLimit({
    maxSize: MAX_INBOUND_BYTES,
    onError: (c) =>
      apiError(
        c,
        413,
        'payload_too_large',
        'The file is larger than 64 MB, far beyond any remittance: check that it is the right file.',
      ),
  });
  app.use('/api/*', (c, next) => (INBOUND_UPLOAD.test(c.req.path) ? fileLimit : jsonLimit)(c, next));

  app.get('/health', (c) => {
    try {
      storage.countUsers();
      return c.json({ ok: true, storage: 'ok' });
    } catch (err) {
      log.error('health_storage_failed', errorFields(err));
      return c.json({ ok: false, storage: 'unavailable' }, 503);
    }
  });

  app.route('/api', authRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  // notFound, not a catch-all route, so routes the entry point adds later (sync, static client) still match.
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path} here.`)
      : c.text('Not found', 404),
  );

  app.onError((err, c) => {
    log.error('http_unhandled_error', { method: c.req.method, path: c.req.path, ...errorFields(err) });
    return apiError(c, 500, 'internal', messages.internal);
  });

  return app;
}
