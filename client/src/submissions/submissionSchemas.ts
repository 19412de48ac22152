import { z } from 'zod';

/**
 * The submission API's answers (sync-server/http/submissionRoutes.ts), parsed once at the edge so the
 * screens never see a half-filled object. Unknown extra fields are dropped; a missing or mistyped one
 * makes the whole answer unreadable (the caller reports `bad_response`).
 */

const cents = z.number().int();
const count = z.number().int().min(0);

export const findingSchema = z.object({
  code: z.string(),
  severity: z.string(),
  message: z.string(),
  lineNo: z.number().int().optional(),
  field: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const claimFindingsSchema = z.object({
  claimId: z.string(),
  findings: z.array(findingSchema),
});
export type ClaimFindings = z.infer<typeof claimFindingsSchema>;

export const plannedClaimSchema = z.object({
  claimId: z.string(),
  payerId: z.string(),
  dateOfService: z.string(),
  chargeCents: cents,
  units: z.number(),
});
export type PlannedClaim = z.infer<typeof plannedClaimSchema>;

/** What "New submission" lists: claims that pass the scrubber and those that fail, with why. */
export const submissionPlanSchema = z.object({
  payer: z.string(),
  ready: z.array(z.string()),
  claims: z.array(plannedClaimSchema),
  totalChargeCents: cents,
  warnings: z.array(claimFindingsSchema),
  failing: z.array(claimFindingsSchema),
});
export type SubmissionPlan = z.infer<typeof submissionPlanSchema>;

export const batchStates = ['generated', 'uploading', 'uploaded', 'failed', 'marked_uploaded'] as const;
export type BatchState = (typeof batchStates)[number];

export const batchSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** 'all' or the internal payer id the batch was made for. */
  payer: z.string(),
  claimCount: count,
  totalChargeCents: cents,
  fileName: z.string(),
  state: z.enum(batchStates),
  attempts: count,
  lastError: z.string().nullable(),
  interchangeControlNumber: z.number().int(),
  groupControlNumber: z.number().int(),
  uploadedAt: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  factsRecordedAt: z.string().nullable(),
  /** The clearinghouse's 999 verdict; null until one arrives (absent from servers before 999s were read). */
  ackState: z.enum(['accepted', 'partially_accepted', 'rejected']).nullable().optional(),
  acknowledgedAt: z.string().nullable().optional(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const batchDetailSchema = batchSummarySchema.extend({
  claimIds: z.array(z.string()),
  claims: z.array(
    z.object({ claimId: z.string(), payerId: z.string(), chargeCents: cents, units: z.number() }),
  ),
  totalsByPayer: z.array(z.object({ payerId: z.string(), claimCount: count, totalChargeCents: cents })),
  factsSkipped: z.array(z.object({ claimId: z.string(), code: z.string(), message: z.string() })),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

/** A claim left out of a batch, or blocking one, and why. */
export const claimProblemSchema = z.object({
  claimId: z.string(),
  code: z.string(),
  message: z.string(),
  findings: z.array(findingSchema).optional(),
});
export type ClaimProblem = z.infer<typeof claimProblemSchema>;

export const generateResultSchema = z.object({
  batch: batchDetailSchema,
  refused: z.array(claimProblemSchema),
  warnings: z.array(claimFindingsSchema),
  remaining: count,
});
export type GenerateResult = z.infer<typeof generateResultSchema>;

export const batchListSchema = z.object({ batches: z.array(batchSummarySchema) });
export const batchEnvelopeSchema = z.object({ batch: batchDetailSchema });

/** What a refusal may carry beside its `error`: the claims concerned and, for a failed upload, the batch. */
const refusalExtrasSchema = z.object({
  claims: z.array(claimProblemSchema).optional(),
  batch: batchDetailSchema.optional(),
});

/** The claims a refusal names (left out, changed since the file was made, in another upload); [] if none. */
export function refusedClaimsOf(body: unknown): ClaimProblem[] {
  const parsed = refusalExtrasSchema.safeParse(body);
  return parsed.success ? (parsed.data.claims ?? []) : [];
}

/** The batch a failed upload answers with (state 'failed' and its message), or null. */
export function failedBatchOf(body: unknown): BatchDetail | null {
  const parsed = refusalExtrasSchema.safeParse(body);
  return parsed.success ? (parsed.data.batch ?? null) : null;
}

/** The clearinghouse connection as the server checked it just now (never a secret). */
export const connectionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connected'), host: z.string(), port: z.number(), hostKeySha256: z.string() }),
  z.object({
    state: z.enum(['not_configured', 'unreadable', 'failing']),
    message: z.string(),
    host: z.string().optional(),
    port: z.number().optional(),
  }),
]);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
