import { z } from 'zod';

/** The queue's tabs (SPEC §3). */
export const claimStatuses = ['Ready', 'Submitted', 'Paid', 'Denied', 'Held', 'Voided', 'Settled'] as const;
export const claimStatusSchema = z.enum(claimStatuses);
export type ClaimStatus = z.infer<typeof claimStatusSchema>;

/**
 * Electronic status (seed 002): where the claim is in the clearinghouse/payer pipeline.
 * Colour at a glance: rejected red; sent/in process blue; accepted green.
 */
export const ediStatuses = [
  'not_sent',
  'sent',
  'accepted_clearinghouse',
  'accepted_payer',
  'rejected_clearinghouse',
  'rejected_payer',
] as const;
export const ediStatusSchema = z.enum(ediStatuses);
export type EdiStatus = z.infer<typeof ediStatusSchema>;

/** Claim frequency code (837P CLM05-3): 1 original, 7 replacement (corrected), 8 void. */
export const claimFrequencySchema = z.enum(['1', '7', '8']);
export type ClaimFrequency = z.infer<typeof claimFrequencySchema>;
