import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError, messages } from './apiError.ts';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/**
 * Reads and validates a JSON body once, at the edge. Refusals say what to fix and never quote the
 * body: a JSON parse error's own message repeats the input, which may hold a password.
 */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, response: apiError(c, 415, 'unsupported_media_type', messages.notJson) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', messages.invalidJson) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const message = [...new Set(parsed.error.issues.map((i) => i.message))].join('; ');
    return { ok: false, response: apiError(c, 400, 'invalid_body', message) };
  }
  return { ok: true, value: parsed.data };
}
