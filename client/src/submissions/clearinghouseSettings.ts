import { z } from 'zod';

/** What the server says of the saved account: never a secret, only whether one is saved. */
export const settingsSummarySchema = z.object({
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  hostKeySha256: z.string(),
  hasKey: z.boolean(),
  hasPassword: z.boolean(),
  updatedAt: z.string(),
});
export type SettingsSummary = z.infer<typeof settingsSummarySchema>;

export const settingsAnswerSchema = z.object({
  settings: settingsSummarySchema.nullable(),
  /** The saved record cannot be read (the server's key changed): entering the settings again replaces it. */
  problem: z.string().optional(),
});
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;

export const hostKeyAnswerSchema = z.object({ hostKeySha256: z.string() });

export type SignIn = 'key' | 'password';

/** The form as typed: every field a string, the secrets blank unless the admin is changing them. */
export interface SettingsForm {
  host: string;
  port: string;
  username: string;
  hostKeySha256: string;
  signIn: SignIn;
  privateKey: string;
  passphrase: string;
  password: string;
}

/** What PUT /clearinghouse takes. A secret left out keeps the saved one; "" removes it. */
export interface SettingsRequest {
  host: string;
  port: number;
  username: string;
  hostKeySha256: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
}

export type SettingsField = 'host' | 'port' | 'username' | 'hostKeySha256' | 'privateKey' | 'password';

/** The form for a saved account (or Office Ally's usual host and port for a new one). */
export function formFromSummary(saved: SettingsSummary | null): SettingsForm {
  return {
    host: saved?.host ?? 'ftp10.officeally.com',
    port: String(saved?.port ?? 22),
    username: saved?.username ?? '',
    hostKeySha256: saved?.hostKeySha256 ?? '',
    signIn: saved && !saved.hasKey && saved.hasPassword ? 'password' : 'key',
    privateKey: '',
    passphrase: '',
    password: '',
  };
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/**
 * The request for a filled-in form, or the first field to fix and what to write there. The secret of
 * the chosen sign-in may stay blank when one is saved (it is kept); the other kind is removed, so a
 * switch from key to password leaves no stale key behind.
 */
export function settingsRequest(
  form: SettingsForm,
  saved: SettingsSummary | null,
): { ok: true; request: SettingsRequest } | { ok: false; field: SettingsField; message: string } {
  const host = form.host.trim();
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(host)) {
    return { ok: false, field: 'host', message: 'Enter the SFTP host name, like ftp10.officeally.com.' };
  }
  const port = /^\d{1,5}$/.test(form.port.trim()) ? Number(form.port.trim()) : 0;
  if (port < 1 || port > 65535) {
    return { ok: false, field: 'port', message: 'The port is a whole number from 1 to 65535 (usually 22).' };
  }
  const username = form.username.trim();
  if (username === '') return { ok: false, field: 'username', message: 'Enter the SFTP user name.' };
  const hostKeySha256 = form.hostKeySha256.trim();
  if (!FINGERPRINT.test(hostKeySha256)) {
    return {
      ok: false,
      field: 'hostKeySha256',
      message: 'Enter the host key fingerprint as SHA256:… (43 characters after the colon).',
    };
  }
  const request: SettingsRequest = { host, port, username, hostKeySha256 };
  if (form.signIn === 'key') {
    const key = form.privateKey.trim();
    if (key === '' && !saved?.hasKey) {
      return {
        ok: false,
        field: 'privateKey',
        message: 'Paste the private key the clearinghouse account uses.',
      };
    }
    if (key !== '') {
      if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) {
        return {
          ok: false,
          field: 'privateKey',
          message: 'That is not a private key: paste the whole file, from -----BEGIN to -----END.',
        };
      }
      request.privateKey = `${key}\n`;
      request.passphrase = form.passphrase;
    }
    if (saved?.hasPassword) request.password = '';
  } else {
    if (form.password === '' && !saved?.hasPassword) {
      return { ok: false, field: 'password', message: 'Enter the SFTP password.' };
    }
    if (form.password !== '') request.password = form.password;
    if (saved?.hasKey) {
      request.privateKey = '';
      request.passphrase = '';
    }
  }
  return { ok: true, request };
}

/** How the key the server presented compares with the fingerprint in the form. */
export function compareHostKey(presented: string, entered: string): 'same' | 'different' | 'none-entered' {
  const typed = entered.trim();
  if (typed === '') return 'none-entered';
  return typed.replace(/=$/, '') === presented.replace(/=$/, '') ? 'same' : 'different';
}
