import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Role } from '../../shared/domain/actor.ts';
import { idSchema } from '../../shared/domain/primitives.ts';
import type { AuthService } from '../auth/authService.ts';
import type { Logger } from '../log.ts';
import type { SubmissionBatchRecord, SubmissionBatchSummary } from '../storage/storage.ts';
import { MAX_BATCH_CLAIMS } from '../submissions/generateBatch.ts';
import {
  type ClaimProblem,
  SubmissionError,
  type SubmissionErrorCode,
} from '../submissions/submissionError.ts';
import type { SubmissionService } from '../submissions/submissionService.ts';
import { apiError } from './apiError.ts';
import type { AppEnv } from './appEnv.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession } from './requireSession.ts';

const statusOf: Record<SubmissionErrorCode, ContentfulStatusCode> = {
  practice_not_set_up: 409,
  payer_not_found: 404,
  payer_not_electronic: 409,
  nothing_to_submit: 409,
  too_many_claims: 400,
  control_numbers_exhausted: 409,
  file_not_written: 409,
  batch_not_found: 404,
  already_sent: 409,
  upload_in_progress: 409,
  batch_out_of_date: 409,
  claims_in_upload: 409,
};

const payerField = z
  .string({ error: 'Choose a payer, or "all" for every EDI payer' })
  .refine((s) => s === 'all' || idSchema.safeParse(s).success, {
    error: 'Choose a payer, or "all" for every EDI payer',
  });

const generateBody = z.object(
  {
    payer: payerField,
    claimIds: z
      .array(idSchema, { error: '"claimIds" must be a list of claim IDs' })
      .min(1, { error: 'Choose at least one claim' })
      .max(MAX_BATCH_CLAIMS, {
        error: `One file holds at most ${MAX_BATCH_CLAIMS} claims — choose fewer`,
      })
      .optional(),
  },
  { error: 'Send a JSON object with "payer" and, optionally, "claimIds"' },
);

const batchIdOf = (c: Context<AppEnv>): string => c.req.param('batchId') ?? '';

const noAccess = 'You do not have access to this practice.';
const readOnly =
  'Viewers can look at submissions but not create or send them — ask an admin of the practice for the biller role.';

/**
 * A refusal in the API's error shape, `{ error: { code, message } }`; a refusal about claims also lists
 * them beside it, `claims: [{ claimId, code, message, findings? }]` (ids and codes, no patient data).
 */
function refusal(c: Context, err: SubmissionError): Response {
  const body: { error: { code: string; message: string }; claims?: readonly ClaimProblem[] } = {
    error: { code: err.code, message: err.message },
  };
  if (err.claims.length > 0) body.claims = err.claims;
  return c.json(body, statusOf[err.code]);
}

/** A batch as the list shows it. */
function summaryJson(b: SubmissionBatchSummary) {
  return {
    id: b.id,
    createdAt: b.createdAt,
    createdBy: b.createdBy,
    payer: b.payerFilter,
    claimCount: b.claimCount,
    totalChargeCents: b.totalChargeCents,
    fileName: b.fileName,
    state: b.state,
    attempts: b.attempts,
    lastError: b.lastError,
    interchangeControlNumber: b.interchangeControlNumber,
    groupControlNumber: b.groupControlNumber,
    uploadedAt: b.uploadedAt,
    uploadedBy: b.uploadedBy,
    factsRecordedAt: b.factsRecordedAt,
    ackState: b.ackState,
    acknowledgedAt: b.acknowledgedAt,
  };
}

/** A batch with its claims and totals by payer (the preview; the file itself is `…/file`). */
function detailJson(b: SubmissionBatchRecord) {
  const byPayer = new Map<string, { payerId: string; claimCount: number; totalChargeCents: number }>();
  for (const claim of b.claims) {
    const p = byPayer.get(claim.payerId) ?? { payerId: claim.payerId, claimCount: 0, totalChargeCents: 0 };
    p.claimCount += 1;
    p.totalChargeCents += claim.chargeCents;
    byPayer.set(claim.payerId, p);
  }
  return {
    ...summaryJson(b),
    claimIds: b.claims.map((c) => c.claimId),
    claims: b.claims.map(({ claimId, payerId, chargeCents, units }) => ({
      claimId,
      payerId,
      chargeCents,
      units,
    })),
    totalsByPayer: [...byPayer.values()],
    factsSkipped: b.factsSkipped,
  };
}

/**
 * Submissions (SPEC §6), mounted under /api/practices. Members of the practice only; billers and admins
 * may generate and send, viewers only read.
 * - `GET  /:id/submissions/plan?payer=all|<payerId>`: Ready claims that pass the scrubber, and those failing
 * - `POST /:id/submissions` `{ payer, claimIds? }`: generate a batch (201), with the claims left out
 * - `GET  /:id/submissions`: batches, newest first (no file text)
 * - `GET  /:id/submissions/:batchId`: one batch with claim ids, totals in cents and state
 * - `GET  /:id/submissions/:batchId/file`: the .x12 file as a download
 * - `POST /:id/submissions/:batchId/submit`: upload to the clearinghouse (502 with the reason when it fails)
 * - `POST /:id/submissions/:batchId/mark-uploaded`: record a manual upload
 */
export function submissionRoutes({
  auth,
  submissions,
  log,
}: {
  auth: AuthService;
  submissions: SubmissionService;
  log: Logger;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));

  const roleOf = (c: Context<AppEnv>, practiceId: string): Role | null =>
    c.var.session.memberships.find((m) => m.practiceId === practiceId)?.role ?? null;

  /** Runs `fn` for a member (a writer when `write`); SubmissionErrors become refusals. */
  const guarded =
    (write: boolean, fn: (c: Context<AppEnv>, practiceId: string) => Response | Promise<Response>) =>
    async (c: Context<AppEnv>) => {
      const practiceId = c.req.param('id') ?? '';
      const role = roleOf(c, practiceId);
      if (role === null) return apiError(c, 403, 'forbidden', noAccess);
      if (write && role === 'viewer') return apiError(c, 403, 'forbidden', readOnly);
      try {
        return await fn(c, practiceId);
      } catch (err) {
        if (err instanceof SubmissionError) {
          log.info('submission_refused', { practiceId, code: err.code, claims: err.claims.length });
          return refusal(c, err);
        }
        throw err;
      }
    };

  app.get(
    '/:id/submissions/plan',
    guarded(false, (c, practiceId) => {
      const payer = c.req.query('payer') ?? 'all';
      if (!payerField.safeParse(payer).success) {
        return apiError(c, 400, 'invalid_query', '`payer` must be "all" or a payer ID.', { param: 'payer' });
      }
      return c.json(submissions.plan(practiceId, payer));
    }),
  );

  // Before '/:id/submissions/:batchId', which would take "connection" for a batch id.
  app.get(
    '/:id/submissions/connection',
    guarded(false, async (c, practiceId) => c.json(await submissions.connection(practiceId))),
  );

  app.post(
    '/:id/submissions',
    guarded(true, async (c, practiceId) => {
      const body = await readJsonBody(c, generateBody);
      if (!body.ok) return body.response;
      const { user } = c.var.session;
      const request = body.value.claimIds
        ? { payer: body.value.payer, claimIds: body.value.claimIds }
        : { payer: body.value.payer };
      const result = submissions.generate(practiceId, user, request);
      return c.json(
        {
          batch: detailJson(result.batch),
          refused: result.refused,
          warnings: result.warnings,
          remaining: result.remaining,
        },
        201,
      );
    }),
  );

  app.get(
    '/:id/submissions',
    guarded(false, (c, practiceId) => {
      const raw = c.req.query('limit');
      const limit = raw === undefined ? 100 : /^\d{1,4}$/.test(raw) ? Number(raw) : null;
      if (limit === null) {
        return apiError(c, 400, 'invalid_query', '`limit` must be a whole number ≥ 0.', { param: 'limit' });
      }
      return c.json({ batches: submissions.list(practiceId, limit).map(summaryJson) });
    }),
  );

  app.get(
    '/:id/submissions/:batchId',
    guarded(false, (c, practiceId) => c.json(detailJson(submissions.get(practiceId, batchIdOf(c))))),
  );

  app.get(
    '/:id/submissions/:batchId/file',
    guarded(false, (c, practiceId) => {
      const { fileName, text } = submissions.file(practiceId, batchIdOf(c));
      // File names are letters, digits, '-', '_' and '.' only (shared/x12/837p/fileName.ts).
      return c.body(text, 200, {
        'Content-Type': 'application/edi-x12; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      });
    }),
  );

  app.post(
    '/:id/submissions/:batchId/submit',
    guarded(true, async (c, practiceId) => {
      const result = await submissions.submit(practiceId, batchIdOf(c), c.var.session.user.id);
      if (result.ok) return c.json({ batch: detailJson(result.batch) });
      return c.json(
        { error: { code: 'upload_failed', message: result.message }, batch: detailJson(result.batch) },
        502,
      );
    }),
  );

  app.post(
    '/:id/submissions/:batchId/mark-uploaded',
    guarded(true, (c, practiceId) => {
      const batch = submissions.markUploaded(practiceId, batchIdOf(c), c.var.session.user.id);
      return c.json({ batch: detailJson(batch) });
    }),
  );

  return app;
}
