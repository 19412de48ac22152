import { z } from 'zod';
import { claimFrequencySchema, claimStatusSchema } from '../../../shared/domain/claimStatus.ts';

/**
 * The claim action routes' answers (sync-server/http/claimActionRoutes.ts), parsed once at the edge: a
 * missing or mistyped field makes the answer unreadable (`bad_response`) rather than half-shown.
 */

const cents = z.number().int();

/** A claim as the routes answer it: what the screen needs to say what happened, no patient data. */
export const actionClaimSchema = z.object({
  id: z.string(),
  status: claimStatusSchema,
  frequency: claimFrequencySchema,
  payerId: z.string(),
  policyRank: z.number().int(),
  relatedClaimId: z.string().nullable(),
  originalReference: z.string().nullable(),
  insuranceBalanceCents: cents,
  patientBalanceCents: cents,
});
export type ActionClaimAnswer = z.infer<typeof actionClaimSchema>;

export const recordPaymentAnswerSchema = z.object({
  claim: actionClaimSchema,
  offers: z.object({ secondaryClaim: z.boolean(), patientInvoice: z.boolean() }),
});
export type RecordPaymentAnswer = z.infer<typeof recordPaymentAnswerSchema>;

export const newClaimAnswerSchema = z.object({ claim: actionClaimSchema });

export const voidAnswerSchema = z.object({
  claim: actionClaimSchema,
  voidClaim: actionClaimSchema.nullable(),
});
export type VoidAnswer = z.infer<typeof voidAnswerSchema>;
