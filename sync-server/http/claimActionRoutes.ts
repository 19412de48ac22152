import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { deriveBalances } from '../../shared/balances/deriveBalances.ts';
import type { Role } from '../../shared/domain/actor.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import { adjustmentSchema, lineAdjudicationSchema } from '../../shared/domain/posting.ts';
import type { AuthService } from '../auth/authService.ts';
import { ClaimActionError, type ClaimActions } from '../claims/claimActions.ts';
import { apiError } from './apiError.ts';
import type { AppEnv } from './appEnv.ts';
import { readJsonBody } from './readJsonBody.ts';
import { requireSession } from './requireSession.ts';

const cents = z
  .number({ error: 'Amounts are whole numbers of cents' })
  .int({ error: 'Amounts are whole numbers of cents' });

const paymentBody = z.object(
  {
    allowedCents: cents.nullable().default(null),
    paidCents: cents,
    adjustments: z.array(adjustmentSchema).max(50).default([]),
    patientResponsibilityCents: cents.default(0),
    patientResponsibilityReason: z.string().max(5).optional(),
    remarks: z.array(z.string().max(7)).max(20).default([]),
    payerClaimControlNumber: z.string().trim().max(50).nullable().optional(),
    /** Line-level detail from the EOB (optional); it goes into a secondary claim's 2430 loops. */
    lines: z.array(lineAdjudicationSchema).max(50).optional(),
  },
  { error: 'Send a JSON object with paidCents, adjustments and patientResponsibilityCents (cents)' },
);

const voidBody = z.object(
  { reason: z.string().trim().min(1, { error: 'Say why the claim is voided' }).max(500) },
  { error: 'Send a JSON object with "reason"' },
);

/** A claim as these routes answer: what the screen needs to say what happened, no patient data. */
function claimJson(c: Claim) {
  const b = deriveBalances(c);
  return {
    id: c.id,
    status: c.status,
    frequency: c.frequency,
    payerId: c.payerId,
    policyRank: c.policyRank,
    relatedClaimId: c.relatedClaimId,
    originalReference: c.originalReference,
    insuranceBalanceCents: b.insuranceBalanceCents,
    patientBalanceCents: b.patientBalanceCents,
  };
}

/**
 * Claim actions a biller takes from the claim detail (SPEC §3, §6), mounted under /api/practices;
 * billers and admins. They need the server: each decides on the claim as the server has it now.
 * - `POST /:id/claims/:claimId/payments`: Record Payment (paper EOB) → the claim and the offers
 * - `POST /:id/claims/:claimId/secondary`: Generate secondary claim → the new claim (201)
 * - `POST /:id/claims/:claimId/corrected`: Submit corrected claim → the new claim (201)
 * - `POST /:id/claims/:claimId/void` `{ reason }`: Void (with a void claim when it was sent)
 */
export function claimActionRoutes(deps: { auth: AuthService; actions: ClaimActions }): Hono<AppEnv> {
  const { auth, actions } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requireSession(auth));

  const guarded =
    (
      fn: (
        c: Context<AppEnv>,
        practiceId: string,
        claimId: string,
        user: { id: string; role: Role },
      ) => Promise<Response> | Response,
    ) =>
    async (c: Context<AppEnv>) => {
      const practiceId = c.req.param('id') ?? '';
      const role = c.var.session.memberships.find((m) => m.practiceId === practiceId)?.role ?? null;
      if (role === null) return apiError(c, 403, 'forbidden', 'You do not have access to this practice.');
      if (role === 'viewer') {
        return apiError(
          c,
          403,
          'forbidden',
          'Viewers can look at claims but not change them — ask an admin for the biller role.',
        );
      }
      try {
        return await fn(c, practiceId, c.req.param('claimId') ?? '', { id: c.var.session.user.id, role });
      } catch (err) {
        if (err instanceof ClaimActionError) {
          return c.json({ error: { code: err.code, message: err.message } }, err.status);
        }
        throw err;
      }
    };

  app.post(
    '/:id/claims/:claimId/payments',
    guarded(async (c, practiceId, claimId, user) => {
      const body = await readJsonBody(c, paymentBody);
      if (!body.ok) return body.response;
      const { payerClaimControlNumber, patientResponsibilityReason, lines, ...rest } = body.value;
      const result = actions.recordPayment(practiceId, claimId, user, {
        ...rest,
        ...(patientResponsibilityReason ? { patientResponsibilityReason } : {}),
        ...(payerClaimControlNumber ? { payerClaimControlNumber } : {}),
        ...(lines ? { lines } : {}),
      });
      return c.json({ claim: claimJson(result.claim), offers: result.offers });
    }),
  );

  app.post(
    '/:id/claims/:claimId/secondary',
    guarded((c, practiceId, claimId, user) =>
      c.json({ claim: claimJson(actions.generateSecondary(practiceId, claimId, user)) }, 201),
    ),
  );

  app.post(
    '/:id/claims/:claimId/corrected',
    guarded((c, practiceId, claimId, user) =>
      c.json({ claim: claimJson(actions.createCorrected(practiceId, claimId, user)) }, 201),
    ),
  );

  app.post(
    '/:id/claims/:claimId/void',
    guarded(async (c, practiceId, claimId, user) => {
      const body = await readJsonBody(c, voidBody);
      if (!body.ok) return body.response;
      const result = actions.voidClaim(practiceId, claimId, user, body.value.reason);
      return c.json({
        claim: claimJson(result.claim),
        voidClaim: result.voidClaim ? claimJson(result.voidClaim) : null,
      });
    }),
  );

  return app;
}
