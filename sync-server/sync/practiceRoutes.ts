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
    const rows = storage.claimRowsAfter(practiceId, after, Math.min(limit, CLAIM_ROWS_PAGE_LIMIT));
    // Read after the rows, so `last` is never below a row returned.
    const last = storage.lastClaimRowSeq(practiceId);
    const text = `{"rows":[${rows.map(claimRowJson).join(',')}],"last":${last}}`;
    return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}
