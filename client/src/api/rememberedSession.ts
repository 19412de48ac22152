import { parseSessionInfo, type SessionInfo } from './session.ts';

const KEY = 'claimgrid:lastSession';

/**
 * Who last worked on this device and in which practice, so the app can open offline with the data it
 * keeps (no secret here: the session cookie stays httpOnly, and the server checks it on reconnect).
 */
export function rememberSession(session: SessionInfo, practiceId: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ session, practiceId }));
  } catch {
    // Storage refused (private mode, full): the app just won't open offline.
  }
}

export function rememberedSession(): { session: SessionInfo; practiceId: string } | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as { session?: unknown; practiceId?: unknown };
    const session = parseSessionInfo(parsed.session);
    if (!session || typeof parsed.practiceId !== 'string') return null;
    return session.practices.some((p) => p.id === parsed.practiceId)
      ? { session, practiceId: parsed.practiceId }
      : null;
  } catch {
    return null;
  }
}

export function forgetSession(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored to forget.
  }
}
