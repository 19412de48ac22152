import { z } from 'zod';
import { claimStatusSchema } from '../domain/claimStatus.ts';
import { idSchema } from '../domain/primitives.ts';

/** Schema of the via values, for validating intents where they enter (WebSocket message, HTTP body). */
export const transitionViaSchema = z.enum([
  'user',
  'submission',
  'acknowledgment',
  'remittance',
  'manual_payment',
]);

/**
 * Where a status change comes from: a person's action (`user`), Record Payment (`manual_payment`),
 * or a fact only the server records (a batch going out, a 999/277CA, an 835).
 */
export type TransitionVia = z.infer<typeof transitionViaSchema>;

/**
 * A request to move one claim to a status. Validate with this schema once at the edge; `transition`
 * itself trusts the type. Reason length is left to `transition`, which refuses with a typed code.
 */
export const statusIntentSchema = z.object({
  toStatus: claimStatusSchema,
  /** Hold reason (required for Held); for other changes, shown in the claim's history. */
  reason: z.string().optional(),
  /** Defaults to 'user'. */
  via: transitionViaSchema.optional(),
  /** CARC/RARC codes of a denial, e.g. `CO-197`, `N54`; stored on the claim when it becomes Denied. */
  denialCodes: z.array(z.string().min(1).max(12)).max(50).optional(),
  /** The frequency-8 claim that tells the payer this one is void; needed once a claim was ever sent. */
  voidClaimId: idSchema.optional(),
});
export type StatusIntent = z.infer<typeof statusIntentSchema>;
