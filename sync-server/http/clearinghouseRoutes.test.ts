/**
 * Settings → Clearinghouse over REST against a real server and a real OpenSSH sshd: an admin reads the
 * server's host key, saves the account, and the submissions' connection check then logs in with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VAULT_FILE_NAME } from '../clearinghouse/credentialVault.ts';
import { call } from '../submissions/submissionTestKit.ts';
import { type SshdServer, startSshd } from '../testing/sshdServer.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let t: TestServer;
let sshd: SshdServer;

beforeAll(async () => {
  [t, sshd] = await Promise.all([startTestServer(), startSshd()]);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await sshd?.stop();
});

const url = (suffix = '') => `/api/practices/${t.practice.practice.id}/clearinghouse${suffix}`;
const form = () => ({
  host: sshd.host,
  port: sshd.port,
  username: sshd.username,
  hostKeySha256: sshd.hostKeyFingerprint,
  privateKey: sshd.privateKey,
});

describe('clearinghouse settings over REST', { timeout: 60_000 }, () => {
  it('are for admins only: billers, viewers and other practices are refused', async () => {
    for (const who of ['biller1', 'viewer', 'outsider'] as const) {
      const res = await call(t, t.tokens[who], 'GET', url());
      expect(res.status, who).toBe(403);
      const put = await call(t, t.tokens[who], 'PUT', url(), form());
      expect(put.status, who).toBe(403);
    }
    expect((await call(t, null, 'GET', url())).status).toBe(401);
    expect(fs.existsSync(path.join(t.dataDir, VAULT_FILE_NAME))).toBe(false);
  });

  it('reads the host key the server presents, for the admin to compare before pinning it', async () => {
    const res = await call(t, t.tokens.admin, 'POST', url('/host-key'), { host: sshd.host, port: sshd.port });
    expect(res.status).toBe(200);
    expect(res.json.hostKeySha256).toBe(sshd.hostKeyFingerprint);

    const closed = await call(t, t.tokens.admin, 'POST', url('/host-key'), { host: '127.0.0.1', port: 1 });
    expect(closed.status).toBe(502);
    expect(closed.json.error.code).toBe('host_key_unreadable');
    expect(closed.json.error.message).toContain('Nothing answers on 127.0.0.1:1');
    expect((await call(t, t.tokens.admin, 'POST', url('/host-key'), { host: 'x', port: 0 })).status).toBe(
      400,
    );
  });

  it('saves the account; answers never carry a secret; the connection check then logs in', async () => {
    const before = await call(t, t.tokens.admin, 'GET', url());
    expect(before.json).toEqual({ settings: null });
    const notConfigured = await call(
      t,
      t.tokens.biller1,
      'GET',
      `/api/practices/${t.practice.practice.id}/submissions/connection`,
    );
    expect(notConfigured.json.state).toBe('not_configured');

    const missingSecret = await call(t, t.tokens.admin, 'PUT', url(), { ...form(), privateKey: undefined });
    expect(missingSecret.status).toBe(400);
    expect(missingSecret.json.error).toMatchObject({ code: 'invalid_settings', field: 'secret' });
    const badKey = await call(t, t.tokens.admin, 'PUT', url(), { ...form(), hostKeySha256: 'SHA256:short' });
    expect(badKey.json.error).toMatchObject({ code: 'invalid_settings', field: 'hostKeySha256' });

    const saved = await call(t, t.tokens.admin, 'PUT', url(), form());
    expect(saved.status).toBe(200);
    expect(saved.json.settings).toMatchObject({
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      hostKeySha256: sshd.hostKeyFingerprint,
      hasKey: true,
      hasPassword: false,
    });
    expect(saved.text).not.toContain('PRIVATE KEY');
    expect((await call(t, t.tokens.admin, 'GET', url())).text).not.toContain('PRIVATE KEY');

    const connection = await call(
      t,
      t.tokens.biller1,
      'GET',
      `/api/practices/${t.practice.practice.id}/submissions/connection`,
    );
    expect(connection.json).toMatchObject({ state: 'connected', host: sshd.host, port: sshd.port });

    // A change without the secret keeps the saved key; a wrong pin makes the check fail with the reason.
    const other = `SHA256:${'A'.repeat(43)}`;
    await call(t, t.tokens.admin, 'PUT', url(), { ...form(), privateKey: undefined, hostKeySha256: other });
    expect((await call(t, t.tokens.admin, 'GET', url())).json.settings).toMatchObject({
      hasKey: true,
      hostKeySha256: other,
    });
    const failing = await call(
      t,
      t.tokens.biller1,
      'GET',
      `/api/practices/${t.practice.practice.id}/submissions/connection`,
    );
    expect(failing.json.state).toBe('failing');
    expect(failing.json.message).toMatch(/host key/i);
  });

  it('removes the account', async () => {
    expect((await call(t, t.tokens.admin, 'DELETE', url())).json).toEqual({ removed: true });
    expect((await call(t, t.tokens.admin, 'GET', url())).json).toEqual({ settings: null });
    expect((await call(t, t.tokens.admin, 'DELETE', url())).json).toEqual({ removed: false });
  });
});
