import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AuthService } from '../auth/authService.ts';
import type { ClearinghouseAccounts } from '../clearinghouse/clearinghouseAccounts.ts';
import {
  InvalidCredentialsError,
  VaultDecryptError,
  VaultKeyError,
} from '../clearinghouse/credentialVault.ts';
import { readHostKey } from '../clearinghouse/readHostKey.ts';
import { errorFields, type Logger } from '../log.ts';
import { apiError } from './apiError.ts';
import type { AppEnv } from './appEnv.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession } from './requireSession.ts';

const ADMINS_ONLY =
  'Only an admin of this practice or a system administrator can see or change its clearinghouse settings.';

const hostField = z.string({ error: 'Enter the SFTP host name' }).trim().min(1).max(253);
const portField = z
  .number({ error: 'The port is a whole number from 1 to 65535' })
  .int({ error: 'The port is a whole number from 1 to 65535' })
  .min(1, { error: 'The port is a whole number from 1 to 65535' })
  .max(65535, { error: 'The port is a whole number from 1 to 65535' });

/** The Settings form. Secrets left out keep the saved ones; a secret sent as "" is removed. */
const settingsBody = z.object(
  {
    host: hostField,
    port: portField,
    username: z.string({ error: 'Enter the SFTP user name' }).trim().min(1).max(200),
    hostKeySha256: z.string({ error: 'Enter the host key fingerprint' }).trim().min(1).max(100),
    password: z.string().max(1000).optional(),
    privateKey: z.string().max(20_000).optional(),
    passphrase: z.string().max(1000).optional(),
  },
  { error: 'Send a JSON object with host, port, username, hostKeySha256 and a password or private key' },
);

const hostKeyBody = z.object(
  { host: hostField, port: portField },
  { error: 'Send a JSON object with "host" and "port"' },
);

/**
 * Settings → Clearinghouse (SPEC §6), mounted under /api/practices; practice admins and system admins
 * only. The secrets go in and never come out: every answer is the vault's summary.
 * - `GET    /:id/clearinghouse`: `{ settings: summary | null, problem? }`
 * - `PUT    /:id/clearinghouse`: save (400 naming the field when unusable)
 * - `DELETE /:id/clearinghouse`: forget them
 * - `POST   /:id/clearinghouse/host-key` `{ host, port }`: the fingerprint that server presents, to compare
 *   with the clearinghouse's published one before pinning it
 */
export function clearinghouseRoutes(deps: {
  auth: AuthService;
  accounts: ClearinghouseAccounts;
  log: Logger;
}): Hono<AppEnv> {
  const { auth, accounts, log } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));

  const admin =
    (fn: (c: Context<AppEnv>, practiceId: string) => Response | Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      const practiceId = c.req.param('id') ?? '';
      const { user, memberships } = c.var.session;
      const role = memberships.find((m) => m.practiceId === practiceId)?.role ?? null;
      if (!user.isSystemAdmin && role !== 'admin') return apiError(c, 403, 'forbidden', ADMINS_ONLY);
      try {
        return await fn(c, practiceId);
      } catch (err) {
        if (err instanceof VaultKeyError || err instanceof VaultDecryptError) {
          log.error('clearinghouse_settings_unreadable', { practiceId, ...errorFields(err) });
          return apiError(c, 500, 'vault_unreadable', err.message);
        }
        throw err;
      }
    };

  app.get(
    '/:id/clearinghouse',
    admin((c, practiceId) => {
      try {
        return c.json({ settings: accounts.describe(practiceId) });
      } catch (err) {
        // The form stays usable: entering the settings again replaces the unreadable record.
        if (!(err instanceof VaultDecryptError)) throw err;
        return c.json({ settings: null, problem: err.message });
      }
    }),
  );

  app.put(
    '/:id/clearinghouse',
    admin(async (c, practiceId) => {
      const body = await readJsonBody(c, settingsBody);
      if (!body.ok) return body.response;
      try {
        accounts.update(practiceId, body.value);
      } catch (err) {
        if (err instanceof InvalidCredentialsError) {
          return apiError(c, 400, 'invalid_settings', err.message, { field: err.field });
        }
        throw err;
      }
      log.info('clearinghouse_settings_saved', { practiceId, byUserId: c.var.session.user.id });
      return c.json({ settings: accounts.describe(practiceId) });
    }),
  );

  app.delete(
    '/:id/clearinghouse',
    admin((c, practiceId) => {
      const removed = accounts.remove(practiceId);
      if (removed)
        log.info('clearinghouse_settings_removed', { practiceId, byUserId: c.var.session.user.id });
      return c.json({ removed });
    }),
  );

  app.post(
    '/:id/clearinghouse/host-key',
    admin(async (c) => {
      const body = await readJsonBody(c, hostKeyBody);
      if (!body.ok) return body.response;
      const reading = await readHostKey(body.value.host, body.value.port);
      if (!reading.ok) return apiError(c, 502, 'host_key_unreadable', reading.message);
      return c.json({ hostKeySha256: reading.hostKeySha256 });
    }),
  );

  return app;
}
