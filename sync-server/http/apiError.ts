import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Why an API request was refused. Clients match on this, never on the message. */
export type ApiErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_query'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'login_required'
  | 'session_expired'
  | 'forbidden'
  | 'not_found'
  | 'practice_not_found'
  | 'user_not_found'
  | 'email_taken'
  | 'invalid_email'
  | 'invalid_name'
  | 'password_too_short'
  | 'password_too_long'
  | 'invalid_settings'
  | 'vault_unreadable'
  | 'host_key_unreadable'
  | 'clearinghouse_unavailable'
  | 'internal';

/** The body of every refused request: `{ error: { code, message, …details } }`. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string } & Record<string, string | number>;
}

/** A JSON error response. `message` is for a person; it never quotes a password or a request body. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  details: Record<string, string | number> = {},
): Response {
  const body: ApiErrorBody = { error: { ...details, code, message } };
  return c.json(body, status);
}

export const messages = {
  invalidCredentials: 'That email and password don’t match. Check both and try again.',
  loginRequired: 'Log in to continue.',
  sessionExpired: 'Your session has expired — log in again; your unsaved work is kept on this device.',
  systemAdminOnly: 'Only a system administrator can do this.',
  practiceAdminOnly: 'Only a system administrator or an admin of this practice can add its members.',
  invalidJson: 'The request body isn’t valid JSON. Send a JSON object, e.g. {"email": "…", "password": "…"}.',
  notJson: 'Send the request body as JSON, with the header Content-Type: application/json.',
  tooLarge: 'The request body is too large.',
  internal: 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
} as const;
