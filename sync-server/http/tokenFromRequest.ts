import { parse as parseCookies } from 'hono/utils/cookie';

/** Name of the browser's session cookie (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = 'cg_session';

/** Request headers as a fetch `Headers` object or as Node's `IncomingMessage.headers`. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | string[] | undefined>>;

/** Where a token was found: the cookie is cleared when a cookie token turns out stale. */
export type TokenSource = 'bearer' | 'cookie' | 'query';

/**
 * The session token of a request: `Authorization: Bearer <token>` (Node clients), else the
 * `cg_session` cookie (browsers), else, only when `url` is given, a `token` query parameter (for
 * WebSocket clients that can set neither). REST routes pass no url, so tokens stay out of URLs there.
 */
export function tokenFromRequest(headers: HeaderSource, url?: string | URL): string | null {
  return findToken(headers, url)?.token ?? null;
}

/** Like `tokenFromRequest`, also saying where the token came from. */
export function findToken(
  headers: HeaderSource,
  url?: string | URL,
): { token: string; source: TokenSource } | null {
  const authorization = header(headers, 'authorization');
  const bearer = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer?.[1]) return { token: bearer[1], source: 'bearer' };

  const cookieHeader = header(headers, 'cookie');
  if (cookieHeader !== undefined) {
    const cookie = parseCookies(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE];
    if (cookie) return { token: cookie, source: 'cookie' };
  }

  if (url !== undefined) {
    const query = new URL(url, 'http://localhost').searchParams.get('token');
    if (query) return { token: query, source: 'query' };
  }
  return null;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name];
  // Node joins most repeated headers itself; a cookie array is joined the way browsers send it.
  return Array.isArray(value) ? value.join('; ') : value;
}
