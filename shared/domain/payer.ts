import { z } from 'zod';
import { idSchema } from './primitives.ts';

/** Claim filing indicator (837P SBR09): CI commercial, MC Medicaid, MB Medicare Part B, BL Blue Cross, … */
export const claimFilingIndicatorSchema = z.enum([
  'CI',
  'MC',
  'MB',
  'BL',
  'HM',
  'CH',
  'VA',
  'WC',
  'ZZ',
  '11',
]);
export type ClaimFilingIndicator = z.infer<typeof claimFilingIndicatorSchema>;

export const payerSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(60),
  /** The payer's EDI identifier at the clearinghouse (837P 2010BB NM109). */
  payerId: z.string().regex(/^[A-Z0-9]{2,15}$/, 'payer ID is 2–15 letters or digits'),
  submission: z.enum(['electronic', 'paper']),
  claimFilingIndicator: claimFilingIndicatorSchema,
  /** Days after the date of service within which the payer accepts a claim. */
  timelyFilingDays: z.number().int().min(1).max(3650),
  /** Whether claims to this payer need a prior authorization on file. */
  requiresAuthorization: z.boolean(),
});
export type Payer = z.infer<typeof payerSchema>;
