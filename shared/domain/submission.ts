import { z } from 'zod';
import { actorSchema } from './actor.ts';
import { idSchema, instantSchema } from './primitives.ts';

export const submissionStatusSchema = z.enum([
  'Generated',
  'Submitted',
  'Accepted',
  'PartiallyAccepted',
  'Rejected',
]);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** A submission batch: the claims of one 837P file and what became of it. */
export const submissionBatchSchema = z.object({
  id: idSchema,
  practiceId: idSchema,
  /** Internal payer id, or null for "all EDI payers". */
  payerId: idSchema.nullable(),
  claimIds: z.array(idSchema).min(1).max(5000),
  interchangeControlNumber: z.string().regex(/^\d{9}$/),
  groupControlNumber: z.string().regex(/^\d{1,9}$/),
  fileName: z.string().min(1).max(200),
  status: submissionStatusSchema,
  createdAt: instantSchema,
  createdBy: actorSchema,
  submittedAt: instantSchema.nullable(),
  submittedBy: actorSchema.nullable(),
  acknowledgmentIds: z.array(idSchema),
});
export type SubmissionBatch = z.infer<typeof submissionBatchSchema>;
