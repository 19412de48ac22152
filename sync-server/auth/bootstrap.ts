import { randomInt } from 'node:crypto';
import type { Storage } from '../storage/storage.ts';
import { newId } from './ids.ts';
import { hashPassword } from './password.ts';

/** The login of the first-run administrator. */
export interface FirstAdminLogin {
  email: string;
  password: string;
}

export const FIRST_ADMIN_EMAIL = 'admin@claimgrid.local';
const PASSWORD_LENGTH = 20;
// No look-alikes (0/O, 1/l/I), so the printed password can be typed from a screen.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface EnsureFirstAdminOptions {
  storage: Storage;
  /** Receives the login once, on the run that creates it: show it to the operator, never log it. */
  print: (login: FirstAdminLogin) => void;
  now?: () => Date;
}

/**
 * On first run (no users at all) creates the system admin `admin@claimgrid.local` with a random
 * 20-character password and hands the login to `print`; does nothing once any user exists.
 */
export async function ensureFirstAdmin(options: EnsureFirstAdminOptions): Promise<{ created: boolean }> {
  const { storage, print } = options;
  if (storage.countUsers() > 0) return { created: false };
  const password = randomPassword(PASSWORD_LENGTH);
  const passwordHash = await hashPassword(password);
  // Another starter may have created a user while this one was hashing.
  if (storage.countUsers() > 0) return { created: false };
  storage.createUser({
    id: newId('user'),
    email: FIRST_ADMIN_EMAIL,
    displayName: 'Administrator',
    passwordHash,
    isSystemAdmin: true,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
  });
  print({ email: FIRST_ADMIN_EMAIL, password });
  return { created: true };
}

/** The console text announcing the first-run login. */
export function formatFirstAdminLogin(login: FirstAdminLogin): string {
  return [
    'ClaimGrid first run: an administrator was created. This is shown only once.',
    `  email:    ${login.email}`,
    `  password: ${login.password}`,
    'Log in, create your practice and users, then keep this password somewhere safe.',
  ].join('\n');
}

function randomPassword(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
