import { describe, expect, it } from 'vitest';
import {
  compareHostKey,
  formFromSummary,
  type SettingsSummary,
  settingsRequest,
} from './clearinghouseSettings.ts';

const FP = `SHA256:${'k'.repeat(43)}`;
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';
const saved: SettingsSummary = {
  host: 'ftp10.officeally.com',
  port: 22,
  username: 'acct',
  hostKeySha256: FP,
  hasKey: true,
  hasPassword: false,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('clearinghouse settings form', () => {
  it('starts from the saved account with blank secrets, or from the usual Office Ally host', () => {
    expect(formFromSummary(saved)).toMatchObject({
      host: saved.host,
      port: '22',
      signIn: 'key',
      privateKey: '',
    });
    expect(formFromSummary({ ...saved, hasKey: false, hasPassword: true }).signIn).toBe('password');
    expect(formFromSummary(null)).toMatchObject({ host: 'ftp10.officeally.com', port: '22', username: '' });
  });

  it('names the first field to fix', () => {
    const form = { ...formFromSummary(null), username: 'acct', hostKeySha256: FP, privateKey: KEY };
    expect(settingsRequest({ ...form, host: 'bad host' }, null)).toMatchObject({ ok: false, field: 'host' });
    for (const port of ['0', '65536', '2a', '']) {
      expect(settingsRequest({ ...form, port }, null)).toMatchObject({ ok: false, field: 'port' });
    }
    expect(settingsRequest({ ...form, username: ' ' }, null)).toMatchObject({ ok: false, field: 'username' });
    expect(settingsRequest({ ...form, hostKeySha256: 'SHA256:abc' }, null)).toMatchObject({
      ok: false,
      field: 'hostKeySha256',
    });
    expect(settingsRequest({ ...form, privateKey: '' }, null)).toMatchObject({
      ok: false,
      field: 'privateKey',
    });
    expect(settingsRequest({ ...form, privateKey: 'hunter2' }, null)).toMatchObject({
      ok: false,
      field: 'privateKey',
    });
    expect(settingsRequest({ ...form, signIn: 'password' }, null)).toMatchObject({
      ok: false,
      field: 'password',
    });
    expect(settingsRequest(form, null)).toEqual({
      ok: true,
      request: {
        host: 'ftp10.officeally.com',
        port: 22,
        username: 'acct',
        hostKeySha256: FP,
        privateKey: `${KEY}\n`,
        passphrase: '',
      },
    });
  });

  it('keeps a saved secret left blank, and removes the other kind when the sign-in changes', () => {
    const form = formFromSummary(saved);
    expect(settingsRequest({ ...form, port: '2222' }, saved)).toEqual({
      ok: true,
      request: { host: saved.host, port: 2222, username: 'acct', hostKeySha256: FP },
    });
    expect(settingsRequest({ ...form, signIn: 'password', password: 'pw' }, saved)).toEqual({
      ok: true,
      request: {
        host: saved.host,
        port: 22,
        username: 'acct',
        hostKeySha256: FP,
        password: 'pw',
        privateKey: '',
        passphrase: '',
      },
    });
    const withPassword = { ...saved, hasKey: false, hasPassword: true };
    expect(settingsRequest({ ...form, privateKey: KEY }, withPassword)).toMatchObject({
      ok: true,
      request: { privateKey: `${KEY}\n`, password: '' },
    });
  });

  it('compares the presented host key with the one typed in', () => {
    expect(compareHostKey(FP, '')).toBe('none-entered');
    expect(compareHostKey(FP, ` ${FP} `)).toBe('same');
    expect(compareHostKey(FP, `SHA256:${'j'.repeat(43)}`)).toBe('different');
  });
});
