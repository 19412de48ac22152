import { z } from 'zod';
import { roleSchema } from '../domain/actor.ts';
import { claimStatusSchema } from '../domain/claimStatus.ts';
import { idSchema, instantSchema } from '../domain/primitives.ts';

/**
 * A person's request to change the status of some claims, written by a client into a work document's
 * `intents` map under its op id. The server decides it claim by claim and records an outcome; the
 * actor is the authenticated user of the connection that delivered it, never a field of the payload.
 */
export const intentRecordSchema = z.object({
  opId: idSchema,
  claimIds: z.array(idSchema).min(1).max(20_000),
  toStatus: claimStatusSchema,
  reason: z.string().max(500).optional(),
  voidClaimId: idSchema.optional(),
  /** Status each claim had on the requester's screen: shown beside a conflict ("you saw Ready"). */
  basedOn: z.record(z.string(), claimStatusSchema).optional(),
  /** The requester's clock when they asked; informational only. */
  requestedAt: instantSchema,
});
export type IntentRecord = z.infer<typeof intentRecordSchema>;

/**
 * What the server decided for one claim of an intent, with the status the claim had (`from`). The
 * claim's history shows these decisions from the outcome itself (see `outcomeHistory.ts`), so a 10k
 * batch stores one outcome, not 10k copies of who, when and why.
 */
export const claimOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), seq: z.number().int().positive(), from: claimStatusSchema }),
  z.object({
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
    from: claimStatusSchema.optional(),
    /** The status the requester saw when asking (from the intent's `basedOn`). */
    saw: claimStatusSchema.optional(),
  }),
]);
export type ClaimOutcome = z.infer<typeof claimOutcomeSchema>;

/** The server's answer to one intent: per claim, accepted with a sequence number or refused with why. */
export const intentOutcomeSchema = z.object({
  opId: idSchema,
  userId: idSchema,
  /** The requester's role when it was decided (absent for intents that could not be read). */
  role: roleSchema.optional(),
  decidedAt: instantSchema,
  toStatus: claimStatusSchema,
  reason: z.string().optional(),
  results: z.record(z.string(), claimOutcomeSchema),
});
export type IntentOutcome = z.infer<typeof intentOutcomeSchema>;
