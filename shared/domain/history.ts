import { z } from 'zod';
import { actorSchema } from './actor.ts';
import { claimStatusSchema } from './claimStatus.ts';
import { idSchema, instantSchema } from './primitives.ts';

/** Append-only record of one change to a claim: what, who, when (SPEC §2 History). */
export const historyEventSchema = z.object({
  id: idSchema,
  claimId: idSchema,
  at: instantSchema,
  actor: actorSchema,
  kind: z.enum([
    'created',
    'status_changed',
    'field_edited',
    'posting_recorded',
    'edi_status_changed',
    'note_added',
    'conflict',
  ]),
  fromStatus: claimStatusSchema.optional(),
  toStatus: claimStatusSchema.optional(),
  reason: z.string().max(500).optional(),
  /** Short machine-readable detail, e.g. the field edited or the posting id; never patient data. */
  detail: z.string().max(500).optional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;
