import { z } from 'zod';

/**
 * The inbound-file API's answers (sync-server/http/inboundRoutes.ts), parsed once at the edge. Each
 * file's `outcome` is what the server's apply999 / apply277ca / apply835 wrote (or an ignored file's
 * note); an outcome of a shape this app does not know becomes `{ kind: 'unreadable' }` so one odd file
 * never makes the whole list unreadable (the file itself is still listed and downloadable).
 */

const cents = z.number().int();
const count = z.number().int().min(0);

/** A claim change the server refused while applying a file (the claim moved on meanwhile, …). */
export const refusedClaimSchema = z.object({ claimId: z.string(), code: z.string(), message: z.string() });
export type RefusedClaim = z.infer<typeof refusedClaimSchema>;

export const ackStates = ['accepted', 'partially_accepted', 'rejected'] as const;
export type AckState = (typeof ackStates)[number];

export const outcome999Schema = z.object({
  kind: z.literal('999'),
  groups: z.array(
    z.object({
      groupControlNumber: z.string(),
      /** The batch that sent the group (by GS06); null when ClaimGrid never sent it. */
      batchId: z.string().nullable(),
      ackState: z.enum(ackStates),
      transactions: z.array(
        z.object({
          controlNumber: z.string(),
          /** IK501 / AK501: A accepted, E accepted with errors, R rejected (others kept as sent). */
          status: z.string(),
          /** How many segment errors the set has. */
          errors: count,
        }),
      ),
      claimsRejected: count,
      refused: z.array(refusedClaimSchema),
    }),
  ),
});
export type Outcome999 = z.infer<typeof outcome999Schema>;

export const outcome277Schema = z.object({
  kind: z.literal('277CA'),
  claims: count,
  accepted: count,
  rejected: count,
  changed: count,
  unchanged: count,
  /** Patient control numbers this practice has no claim for. */
  unknownClaims: z.array(z.string()),
  refused: z.array(refusedClaimSchema),
});
export type Outcome277 = z.infer<typeof outcome277Schema>;

export const providerAdjustmentSchema = z.object({
  /** PLB03-1: L6 interest, WO overpayment recovery, FB forwarding balance, … */
  reason: z.string(),
  reference: z.string().nullable(),
  /** Positive is taken from the payment (a recoupment), negative is added to it (interest). */
  amountCents: cents,
});
export type ProviderAdjustment = z.infer<typeof providerAdjustmentSchema>;

export const unmatchedPaymentSchema = z.object({
  /** The claim payment's place in the payment, 0-based. */
  index: count,
  patientControlNumber: z.string(),
  paidCents: cents,
  code: z.string(),
  /** Why it was not posted, in words, for the person who matches it. */
  reason: z.string(),
  /** Set once a person matched it to a claim and it was posted there. */
  matchedClaimId: z.string().optional(),
  matchedAt: z.string().optional(),
});
export type UnmatchedPayment = z.infer<typeof unmatchedPaymentSchema>;

export const paymentSchema = z.object({
  trace: z.string(),
  /** BPR04: CHK, ACH, BOP, FWT, NON. */
  method: z.string(),
  /** YYYY-MM-DD */
  date: z.string(),
  totalCents: cents,
  payerName: z.string(),
  /** The practice's payer this payment was matched to; null when none was found. */
  payerId: z.string().nullable(),
  claims: count,
  posted: count,
  alreadyPosted: count,
  paid: count,
  denied: count,
  providerAdjustments: z.array(providerAdjustmentSchema),
  unmatched: z.array(unmatchedPaymentSchema),
});
export type Payment835 = z.infer<typeof paymentSchema>;

export const outcome835Schema = z.object({
  kind: z.literal('835'),
  payments: z.array(paymentSchema),
  refused: z.array(refusedClaimSchema),
});
export type Outcome835 = z.infer<typeof outcome835Schema>;

/** An ignored file: why it was kept but not acted on. */
export const ignoredOutcomeSchema = z.object({ note: z.string() });

/** What an outcome of a shape this app does not know is read as. */
const unreadableOutcomeSchema = z.object({ kind: z.literal('unreadable') });
const UNREADABLE: z.infer<typeof unreadableOutcomeSchema> = { kind: 'unreadable' };

export const outcomeSchema = z
  .union([
    outcome999Schema,
    outcome277Schema,
    outcome835Schema,
    ignoredOutcomeSchema.transform((o) => ({ kind: 'note' as const, note: o.note })),
    unreadableOutcomeSchema,
  ])
  .nullable()
  .catch(UNREADABLE);
export type InboundOutcome = z.infer<typeof outcomeSchema>;

export const inboundFileSchema = z.object({
  /** SHA-256 of the bytes: the file's identity (the same file twice is one file). */
  hash: z.string(),
  name: z.string(),
  source: z.string(),
  size: count,
  receivedAt: z.string(),
  receivedBy: z.string().nullable(),
  /** '999', '277CA', '835', 'unknown' (not X12), or another X12 kind ('997', '837P', …). */
  kind: z.string(),
  /** 'processed' | 'quarantined' | 'ignored' | 'received' (not yet processed). */
  state: z.string(),
  problem: z.string().nullable(),
  processedAt: z.string().nullable(),
  outcome: outcomeSchema,
});
export type InboundFile = z.infer<typeof inboundFileSchema>;

export const overdueBatchSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  uploadedAt: z.string(),
  claimCount: count,
});
export type OverdueBatch = z.infer<typeof overdueBatchSchema>;

export const inboundListSchema = z.object({
  files: z.array(inboundFileSchema),
  overdue: z.array(overdueBatchSchema),
});
export type InboundList = z.infer<typeof inboundListSchema>;

export const pollAnswerSchema = z.object({
  files: z.array(inboundFileSchema),
  /** Remote files not taken, and why (too large, unreadable name, …). */
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type PollAnswer = z.infer<typeof pollAnswerSchema>;

export const uploadAnswerSchema = z.object({
  file: inboundFileSchema,
  /** The same bytes were received before: nothing was processed (or posted) again. */
  alreadyReceived: z.boolean(),
});
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

export const matchAnswerSchema = z.object({ file: inboundFileSchema });
