import { z } from 'zod';
import type { PracticeAccess, SessionUser } from '../../shared/domain/access.ts';
import type { Role } from '../../shared/domain/actor.ts';
import type { MembershipRecord, PracticeRecord, Storage, UserRecord } from '../storage/storage.ts';
import { StorageError } from '../storage/storageError.ts';
import { type IdKind, newId as randomId } from './ids.ts';
import { hashPassword, type PasswordPolicyCode, PasswordPolicyError, verifyPassword } from './password.ts';
import { hashToken, isWellFormedToken, newSessionToken } from './tokens.ts';

/** A user as anyone outside the auth code sees it (one definition with the client's, in shared/). */
export type PublicUser = SessionUser;
export type { PracticeAccess };

/** Who a valid session token belongs to. */
export interface AuthContext {
  user: PublicUser;
  memberships: MembershipRecord[];
}

export type LoginResult =
  | { ok: true; token: string; user: PublicUser; expiresAt: Date }
  | { ok: false; code: 'invalid_credentials' };

export type AuthErrorCode =
  | 'email_taken'
  | 'invalid_email'
  | 'invalid_name'
  | 'user_not_found'
  | 'practice_not_found'
  | PasswordPolicyCode;

/** A refused account change. Match on `code`, never on the message. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface AuthService {
  /** Checks an email and password; on success opens a session and returns its token (shown once). */
  login(email: string, password: string): Promise<LoginResult>;
  /** Ends the session of `token` (no-op for an unknown token). */
  logout(token: string): void;
  /** The user and memberships behind a token; null for an unknown, forged or expired token. */
  authenticate(token: string): AuthContext | null;
  /** The user's role in a practice, or null when not a member. */
  roleIn(userId: string, practiceId: string): Role | null;
  /** The practices a user belongs to, by name. */
  practicesOf(userId: string): PracticeAccess[];
  /** Creates a user; throws AuthError (`email_taken`, `invalid_email`, `invalid_name`, password policy). */
  createUser(input: NewUser): Promise<PublicUser>;
  /** Creates a practice with a new id; throws AuthError (`invalid_name`). */
  createPractice(input: { name: string }): PracticeRecord;
  /** Gives the user with `email` a role in a practice (replacing any role they had there). */
  addMember(input: { practiceId: string; email: string; role: Role }): Member;
  /** Every practice, by name. */
  listPractices(): PracticeRecord[];
}

/** A membership with the member's email, as the admin API shows it. */
export interface Member extends MembershipRecord {
  email: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  isSystemAdmin?: boolean;
}

export interface AuthServiceOptions {
  storage: Storage;
  sessionTtlMs: number;
  now: () => Date;
  /** Id source; random by default, fixed in tests that need predictable ids. */
  newId?: (kind: IdKind) => string;
}

const emailSchema = z.email();
const MAX_NAME_LENGTH = 120;

/** Emails are compared trimmed and lower-cased, so `Ana@Clinic.com ` and `ana@clinic.com` are one login. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The public view of a stored user. */
export function publicUser(user: UserRecord): PublicUser {
  return { id: user.id, email: user.email, displayName: user.displayName, isSystemAdmin: user.isSystemAdmin };
}

/** Login, sessions, users, practices and memberships over a Storage. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { storage, sessionTtlMs, now } = options;
  const newId = options.newId ?? randomId;
  // Unknown emails are verified against this hash so they take as long as a wrong password.
  const dummyHash = hashPassword('not-a-real-password-0000');
  dummyHash.catch(() => {});

  const login = async (email: string, password: string): Promise<LoginResult> => {
    const user = storage.getUserByEmail(normalizeEmail(email));
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
    if (user === null || !matches) return { ok: false, code: 'invalid_credentials' };
    const at = now();
    storage.deleteExpiredAuthSessions(at.toISOString());
    const token = newSessionToken();
    const expiresAt = new Date(at.getTime() + sessionTtlMs);
    storage.createAuthSession({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: at.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { ok: true, token, user: publicUser(user), expiresAt };
  };

  const authenticate = (token: string): AuthContext | null => {
    if (!isWellFormedToken(token)) return null;
    const tokenHash = hashToken(token);
    const session = storage.getAuthSession(tokenHash);
    if (session === null) return null;
    const user = Date.parse(session.expiresAt) > now().getTime() ? storage.getUserById(session.userId) : null;
    if (user === null) {
      storage.deleteAuthSession(tokenHash);
      return null;
    }
    return { user: publicUser(user), memberships: storage.listMemberships(user.id) };
  };

  const createUser = async (input: NewUser): Promise<PublicUser> => {
    const email = normalizeEmail(input.email);
    const displayName = input.displayName.trim();
    if (!emailSchema.safeParse(email).success) {
      throw new AuthError('invalid_email', 'Enter an email address like name@practice.com');
    }
    checkName(displayName, 'Enter the person’s name');
    const taken = () => {
      if (storage.getUserByEmail(email) !== null) {
        throw new AuthError('email_taken', `There is already a user with the email ${email}`);
      }
    };
    taken();
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(input.password);
    } catch (err) {
      if (err instanceof PasswordPolicyError) throw new AuthError(err.code, err.message);
      throw err;
    }
    // Checked again: another request may have taken the email while this one was hashing.
    taken();
    const user: UserRecord = {
      id: newId('user'),
      email,
      displayName,
      passwordHash,
      isSystemAdmin: input.isSystemAdmin ?? false,
      createdAt: now().toISOString(),
    };
    try {
      storage.createUser(user);
    } catch (err) {
      if (err instanceof StorageError && err.code === 'duplicate_email') {
        throw new AuthError('email_taken', `There is already a user with the email ${email}`);
      }
      throw err;
    }
    return publicUser(user);
  };

  const createPractice = (input: { name: string }): PracticeRecord => {
    const name = input.name.trim();
    checkName(name, 'Enter the practice’s name');
    const practice: PracticeRecord = { id: newId('practice'), name, createdAt: now().toISOString() };
    storage.createPractice(practice);
    return practice;
  };

  const addMember = (input: { practiceId: string; email: string; role: Role }): Member => {
    if (storage.getPractice(input.practiceId) === null) {
      throw new AuthError('practice_not_found', 'There is no practice with this id');
    }
    const email = normalizeEmail(input.email);
    const user = storage.getUserByEmail(email);
    if (user === null) {
      throw new AuthError(
        'user_not_found',
        `There is no user with the email ${email}; create the user first`,
      );
    }
    const membership: MembershipRecord = { userId: user.id, practiceId: input.practiceId, role: input.role };
    storage.setMembership(membership);
    return { ...membership, email: user.email };
  };

  const practicesOf = (userId: string): PracticeAccess[] => {
    const access: PracticeAccess[] = [];
    for (const m of storage.listMemberships(userId)) {
      const practice = storage.getPractice(m.practiceId);
      if (practice !== null) access.push({ id: practice.id, name: practice.name, role: m.role });
    }
    return access.sort(byName);
  };

  return {
    login,
    logout: (token) => {
      if (isWellFormedToken(token)) storage.deleteAuthSession(hashToken(token));
    },
    authenticate,
    roleIn: (userId, practiceId) => storage.getRole(userId, practiceId),
    practicesOf,
    createUser,
    createPractice,
    addMember,
    listPractices: () => storage.listPractices().sort(byName),
  };
}

function checkName(name: string, emptyMessage: string): void {
  if (name.length === 0) throw new AuthError('invalid_name', emptyMessage);
  if (name.length > MAX_NAME_LENGTH) {
    throw new AuthError('invalid_name', `Keep names to ${MAX_NAME_LENGTH} characters or fewer`);
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
