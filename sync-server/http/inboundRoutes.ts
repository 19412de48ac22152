import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Role } from '../../shared/domain/actor.ts';
import { idSchema } from '../../shared/domain/primitives.ts';
import type { AuthService } from '../auth/authService.ts';
import { PaymentMatchError } from '../inbound/apply835.ts';
import { sha256Hex } from '../inbound/inboundArchive.ts';
import type { InboundService } from '../inbound/inboundService.ts';
import type { Logger } from '../log.ts';
import type { InboundFileRecord } from '../storage/inboundStore.ts';
import { apiError } from './apiError.ts';
import type { AppEnv } from './appEnv.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession } from './requireSession.ts';

const matchBody = z.object(
  {
    payment: z.number().int().min(0),
    entry: z.number().int().min(0),
    claimId: idSchema,
  },
  { error: 'Send a JSON object with "payment", "entry" (their positions in the file) and "claimId"' },
);

const NO_ACCESS = 'You do not have access to this practice.';
const READ_ONLY =
  'Viewers can see received files but not fetch or upload them — ask an admin for the biller role.';

/** A received file as the API shows it: its outcome parsed, the stored bytes only through `/file`. */
function fileJson(f: InboundFileRecord) {
  return {
    hash: f.hash,
    name: f.name,
    source: f.source,
    size: f.size,
    receivedAt: f.receivedAt,
    receivedBy: f.receivedBy,
    kind: f.kind,
    state: f.state,
    problem: f.problem,
    processedAt: f.processedAt,
    // Written by processInboundFile from typed values.
    outcome: f.outcome === null ? null : (JSON.parse(f.outcome) as unknown),
  };
}

/**
 * Files from the clearinghouse (999, 277CA, 835) and uploads of them (SPEC §6), mounted under
 * /api/practices. Members read; billers and admins fetch and upload.
 * - `GET  /:id/inbound?limit=`: received files newest first, and batches overdue for their 999
 * - `POST /:id/inbound/poll`: fetch what is new in the clearinghouse's outbound/ now
 * - `POST /:id/inbound/upload?name=`: the raw file as the body (≤ 64 MB); the same path as a download
 * - `GET  /:id/inbound/:hash`, `/:hash/file`: one file's record, its stored bytes
 * - `POST /:id/inbound/:hash/match` `{ payment, entry, claimId }`: post an unmatched claim payment on a claim
 */
export function inboundRoutes(deps: {
  auth: AuthService;
  inbound: InboundService;
  log: Logger;
}): Hono<AppEnv> {
  const { auth, inbound, log } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));

  const guarded =
    (write: boolean, fn: (c: Context<AppEnv>, practiceId: string) => Response | Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      const practiceId = c.req.param('id') ?? '';
      const role: Role | null =
        c.var.session.memberships.find((m) => m.practiceId === practiceId)?.role ?? null;
      if (role === null) return apiError(c, 403, 'forbidden', NO_ACCESS);
      if (write && role === 'viewer') return apiError(c, 403, 'forbidden', READ_ONLY);
      return fn(c, practiceId);
    };

  app.get(
    '/:id/inbound',
    guarded(false, (c, practiceId) => {
      const raw = c.req.query('limit');
      const limit = raw === undefined ? 100 : /^\d{1,4}$/.test(raw) ? Number(raw) : null;
      if (limit === null) {
        return apiError(c, 400, 'invalid_query', '`limit` must be a whole number ≥ 0.', { param: 'limit' });
      }
      return c.json({
        files: inbound.list(practiceId, limit).map(fileJson),
        overdue: inbound.overdueBatches(practiceId).map((b) => ({
          id: b.id,
          fileName: b.fileName,
          uploadedAt: b.uploadedAt,
          claimCount: b.claimCount,
        })),
      });
    }),
  );

  app.post(
    '/:id/inbound/poll',
    guarded(true, async (c, practiceId) => {
      const outcome = await inbound.poll(practiceId);
      if (!outcome.ok) return apiError(c, 502, 'clearinghouse_unavailable', outcome.message);
      return c.json({ files: outcome.result.files.map(fileJson), skipped: outcome.result.skipped });
    }),
  );

  app.post(
    '/:id/inbound/upload',
    guarded(true, async (c, practiceId) => {
      // The size limit (MAX_INBOUND_BYTES) is the app's body limit for this path (http/app.ts).
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length === 0)
        return apiError(
          c,
          400,
          'invalid_body',
          'The file is empty: choose the 835, 999 or 277CA file to upload.',
        );
      const name = (c.req.query('name') ?? 'upload').replace(/[^\w.-]/g, '_');
      const before = inbound.get(practiceId, sha256Hex(bytes));
      const record = inbound.receive(practiceId, bytes, {
        name,
        source: 'upload',
        by: c.var.session.user.id,
      });
      log.info('inbound_uploaded', {
        practiceId,
        kind: record.kind,
        state: record.state,
        repeat: before !== null,
      });
      return c.json({ file: fileJson(record), alreadyReceived: before !== null }, before ? 200 : 201);
    }),
  );

  app.get(
    '/:id/inbound/:hash',
    guarded(false, (c, practiceId) => {
      const f = inbound.get(practiceId, c.req.param('hash') ?? '');
      if (!f) return apiError(c, 404, 'not_found', 'There is no such received file in this practice.');
      return c.json({ file: fileJson(f) });
    }),
  );

  app.post(
    '/:id/inbound/:hash/match',
    guarded(true, async (c, practiceId) => {
      const body = await readJsonBody(c, matchBody);
      if (!body.ok) return body.response;
      try {
        const file = inbound.matchPayment(practiceId, c.req.param('hash') ?? '', {
          ...body.value,
          by: c.var.session.user.id,
        });
        return c.json({ file: fileJson(file) });
      } catch (err) {
        if (err instanceof PaymentMatchError)
          return c.json({ error: { code: err.code, message: err.message } }, 409);
        throw err;
      }
    }),
  );

  app.get(
    '/:id/inbound/:hash/file',
    guarded(false, (c, practiceId) => {
      const f = inbound.get(practiceId, c.req.param('hash') ?? '');
      const bytes = f ? inbound.bytes(f.hash) : null;
      if (!f || !bytes)
        return apiError(c, 404, 'not_found', 'There is no such received file in this practice.');
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${f.name.replace(/[^\w.-]/g, '_')}"`,
      });
    }),
  );

  return app;
}
