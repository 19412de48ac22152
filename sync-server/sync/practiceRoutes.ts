import { type Context, Hono } from 'hono';
import { CLAIM_ROWS_PAGE_LIMIT } from '../../shared/sync/claimRow.ts';
import type { AuthService } from '../auth/authService.ts';
import { apiError } from '../http/apiError.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requireSession } from '../http/requireSession.ts';
import type { Storage, StoredClaimRow } from '../storage/storage.ts';

const isMember = (c: Context<AppEnv>, practiceId: string): boolean =>
  c.var.session.memberships.some((m) => m.practiceId === practiceId);

/** A whole number ≥ 0 from a query parameter (`fallback` when absent), or null when it is not one. */
function queryCount(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * One `ClaimRow` as JSON text. The stored body is already the JSON of a `ClaimRowBody` object, so its
 * members are spliced in after the keys rather than parsed and encoded again (20,000 rows a page).
 */
function claimRowJson(row: StoredClaimRow): string {
  const keys = `{"claimId":${JSON.stringify(row.claimId)},"partition":${JSON.stringify(row.partition)},"rowSeq":${row.rowSeq}`;
  return row.body === '{}' ? `${keys}}` : `${keys},${row.body.slice(1)}`;
}

/**
 * Rows read from storage and written out per chunk (a page is up to 20,000 rows, ~25 MB). Small chunks
 * keep each string out of V8's large-object space: with 500 rows a chunk, fifty clients fetching at once
 * took the server from 252 to 392 MB RSS (measured, bench "50 clients").
 */
const ROWS_PER_CHUNK = 100;

/**
 * A `ClaimRowsPage` as a stream, read from storage a chunk at a time as the client takes it: fifty
 * billers logging in at once would otherwise hold fifty whole pages in the server's memory. Rows
 * rewritten meanwhile get a number above `last` (fixed when the response starts) and are left for the
 * next fetch, so the page is consistent with its `last`.
 */
function claimRowsStream(
  storage: Storage,
  practiceId: string,
  after: number,
  limit: number,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const last = storage.lastClaimRowSeq(practiceId);
  let cursor = after;
  let remaining = limit;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('{"rows":['));
    },
    pull(controller) {
      const rows =
        remaining > 0
          ? storage
              .claimRowsAfter(practiceId, cursor, Math.min(ROWS_PER_CHUNK, remaining))
              .filter((r) => r.rowSeq <= last)
          : [];
      if (rows.length === 0) {
        controller.enqueue(encoder.encode(`],"last":${last}}`));
        controller.close();
        return;
      }
      const text = rows.map(claimRowJson).join(',');
      controller.enqueue(encoder.encode(first ? text : `,${text}`));
      first = false;
      cursor = rows[rows.length - 1]!.rowSeq;
      remaining -= rows.length;
    },
  });
}

/**
 * `GET /api/practices/:id/partitions`: the service months that have documents, so a client knows
 * which work and facts documents to open.
 * `GET /api/practices/:id/claim-rows?after=N&limit=M`: the claims kept out of the live documents, as a
 * `ClaimRowsPage` (shared/sync/claimRow.ts).
 * Members of the practice only.
 */
export function practiceRoutes({ auth, storage }: { auth: AuthService; storage: Storage }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));
  app.get('/:id/partitions', (c) => {
    const practiceId = c.req.param('id');
    if (!isMember(c, practiceId)) {
      return apiError(c, 403, 'forbidden', 'You do not have access to this practice.');
    }
    const prefix = `${practiceId}:work:`;
    const partitions = storage.listDocNames(prefix).map((name) => name.slice(prefix.length));
    return c.json({ partitions: [...new Set(partitions)].sort() });
  });
  app.get('/:id/claim-rows', (c) => {
    const practiceId = c.req.param('id');
    if (!isMember(c, practiceId)) {
      return apiError(c, 403, 'forbidden', 'You do not have access to this practice.');
    }
    const after = queryCount(c.req.query('after'), 0);
    const limit = queryCount(c.req.query('limit'), CLAIM_ROWS_PAGE_LIMIT);
    if (after === null) {
      return apiError(
        c,
        400,
        'invalid_query',
        '`after` must be a whole number ≥ 0 (a row sequence number).',
        {
          param: 'after',
        },
      );
    }
    if (limit === null) {
      return apiError(c, 400, 'invalid_query', '`limit` must be a whole number ≥ 0.', { param: 'limit' });
    }
    return c.body(claimRowsStream(storage, practiceId, after, Math.min(limit, CLAIM_ROWS_PAGE_LIMIT)), 200, {
      'content-type': 'application/json; charset=utf-8',
    });
  });
  return app;
}
