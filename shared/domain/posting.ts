import { z } from 'zod';
import { centsSchema, idSchema, instantSchema } from './primitives.ts';

/** Claim adjustment group codes (X12 CAS01): contractual, patient responsibility, other, payer initiated, correction. */
export const adjustmentGroupSchema = z.enum(['CO', 'PR', 'OA', 'PI', 'CR']);
export type AdjustmentGroup = z.infer<typeof adjustmentGroupSchema>;

/** One adjustment: group + Claim Adjustment Reason Code (CARC) + amount (negative amounts are allowed, as in X12). */
export const adjustmentSchema = z.object({
  group: adjustmentGroupSchema,
  reason: z.string().regex(/^[A-Z0-9]{1,5}$/, 'CARC is 1–5 letters or digits'),
  amountCents: centsSchema,
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

/** A payer's adjudication of one service line (835 SVC/CAS, 837P 2430 SVD). */
export const lineAdjudicationSchema = z.object({
  lineNo: z.number().int().min(1),
  serviceCode: z.string(),
  chargeCents: centsSchema,
  paidCents: centsSchema,
  units: z.number().int(),
  adjustments: z.array(adjustmentSchema),
});
export type LineAdjudication = z.infer<typeof lineAdjudicationSchema>;

const postingBase = {
  id: idSchema,
  at: instantSchema,
};

/**
 * The claim's money ledger. Balances are never stored; they are derived from these entries
 * (see `shared/balances`). Postings are server facts, except a user's write-off on Settle.
 */
export const postingSchema = z.discriminatedUnion('kind', [
  /** A payer's adjudication: from an 835 CLP or a manual Record Payment. */
  z.object({
    ...postingBase,
    kind: z.literal('adjudication'),
    /** Internal payer id of the adjudicating payer. */
    payerId: idSchema,
    allowedCents: centsSchema,
    paidCents: centsSchema,
    adjustments: z.array(adjustmentSchema),
    /** Remittance Advice Remark Codes (RARC), e.g. `N130`, `MA130`. */
    remarks: z.array(z.string().regex(/^[A-Z0-9]{1,7}$/)),
    lines: z.array(lineAdjudicationSchema),
    payerClaimControlNumber: z.string().max(50).optional(),
    source: z.object({ kind: z.enum(['remittance', 'manual']), remittanceId: idSchema.optional() }),
  }),
  /** Undoes an earlier posting (835 CLP02 = 22, or a correction of a manual posting). */
  z.object({ ...postingBase, kind: z.literal('reversal'), reverses: idSchema }),
  z.object({ ...postingBase, kind: z.literal('patient_payment'), amountCents: centsSchema }),
  z.object({
    ...postingBase,
    kind: z.literal('write_off'),
    bucket: z.enum(['insurance', 'patient']),
    amountCents: centsSchema,
    reason: z.string().min(1).max(200),
  }),
  /** Patient responsibility handed on to a secondary claim (it is billed there, not to the patient). */
  z.object({
    ...postingBase,
    kind: z.literal('transfer_to_secondary'),
    amountCents: centsSchema,
    secondaryClaimId: idSchema,
  }),
]);
export type Posting = z.infer<typeof postingSchema>;
export type AdjudicationPosting = Extract<Posting, { kind: 'adjudication' }>;
