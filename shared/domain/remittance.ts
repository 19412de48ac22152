import { z } from 'zod';
import { adjustmentSchema, lineAdjudicationSchema } from './posting.ts';
import { centsSchema, idSchema, isoDateSchema } from './primitives.ts';

/** One CLP of an 835: a payer's payment (or reversal, or denial) of one claim. */
export const claimPaymentSchema = z.object({
  patientControlNumber: z.string().min(1).max(38),
  /** CLP02: 1 processed as primary, 2 secondary, 3 tertiary, 4 denied, 19–23 forwarded/reversal. */
  statusCode: z.string().regex(/^\d{1,2}$/),
  chargeCents: centsSchema,
  paidCents: centsSchema,
  patientResponsibilityCents: centsSchema,
  allowedCents: centsSchema.nullable(),
  payerClaimControlNumber: z.string().max(50).nullable(),
  adjustments: z.array(adjustmentSchema),
  remarks: z.array(z.string()),
  lines: z.array(lineAdjudicationSchema),
  /** Internal claim id once matched; null means it waits for a person to match it. */
  matchedClaimId: idSchema.nullable(),
});
export type ClaimPayment = z.infer<typeof claimPaymentSchema>;

/** PLB: a provider-level adjustment (interest, recoupment, …); positive reduces the payment. */
export const providerAdjustmentSchema = z.object({
  reason: z.string().regex(/^[A-Z0-9]{2}$/),
  reference: z.string().max(50).nullable(),
  amountCents: centsSchema,
});
export type ProviderAdjustment = z.infer<typeof providerAdjustmentSchema>;

/** An 835 remittance as received: check/EFT, claim payments, provider-level adjustments. */
export const remittanceSchema = z.object({
  id: idSchema,
  practiceId: idSchema,
  payerId: idSchema.nullable(),
  payerName: z.string(),
  traceNumber: z.string().min(1).max(50),
  paymentMethod: z.string().max(3),
  paymentDate: isoDateSchema,
  totalPaidCents: centsSchema,
  claimPayments: z.array(claimPaymentSchema),
  providerAdjustments: z.array(providerAdjustmentSchema),
  /** Content hash of the source file in the server's archive. */
  sourceFileHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Remittance = z.infer<typeof remittanceSchema>;
