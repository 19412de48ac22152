import type { AuthContext, AuthService } from '../auth/authService.ts';
import type { LoginThrottle } from '../auth/loginThrottle.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/storage.ts';

/** Hono environment of the API: what the session middleware puts on the context. */
export interface AppEnv {
  Variables: { session: AuthContext };
}

/** What the routes need; built once by createHttpApp. */
export interface HttpDeps {
  storage: Storage;
  auth: AuthService;
  config: Pick<Config, 'cookieSecure' | 'sessionTtlMs'>;
  log: Logger;
  throttle: LoginThrottle;
  now: () => Date;
}
