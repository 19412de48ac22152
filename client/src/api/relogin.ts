import type { SessionInfo, SessionUser } from '../../../shared/domain/access.ts';
import { ApiError } from './apiClient.ts';

/**
 * A login for a screen whose session ended mid-work: only the same user may pick the work up, since
 * the unsent changes on this device are theirs. Another user's fresh session is logged out at once,
 * and the person is told whom to log in as.
 */
export function reloginAs(
  expected: Pick<SessionUser, 'id' | 'email' | 'displayName'>,
  api: {
    login: (email: string, password: string) => Promise<SessionInfo>;
    logout: () => Promise<void>;
  },
): (email: string, password: string) => Promise<SessionInfo> {
  return async (email, password) => {
    const session = await api.login(email, password);
    if (session.user.id === expected.id) return session;
    await api.logout().catch(() => {}); // the new cookie is replaced at the next login anyway
    throw new ApiError(
      'forbidden',
      `This screen holds ${expected.displayName}’s work. Log in as ${expected.email} to carry on, ` +
        'or log out first to switch users.',
      403,
    );
  };
}
