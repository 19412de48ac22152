import { z } from 'zod';
import { idSchema, isoDateSchema, modifierSchema, serviceCodeSchema } from './primitives.ts';

/** One service delivered in a session: a code, its modifiers and the minutes spent on it. */
export const sessionServiceSchema = z.object({
  serviceCode: serviceCodeSchema,
  modifiers: z.array(modifierSchema).max(4),
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});
export type SessionService = z.infer<typeof sessionServiceSchema>;

export const noteStatusSchema = z.enum(['Draft', 'Finalized']);
export type NoteStatus = z.infer<typeof noteStatusSchema>;

/** A session note (encounter). Finalizing it generates exactly one claim. */
export const sessionSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  renderingProviderId: idSchema,
  dateOfService: isoDateSchema,
  placeOfService: z.string().regex(/^\d{2}$/, 'place of service is a 2-digit CMS code'),
  /** ICD-10-CM codes, with or without the dot; the first is the principal diagnosis. */
  diagnosisCodes: z.array(z.string().min(3).max(8)).max(12),
  services: z.array(sessionServiceSchema).min(1).max(50),
  authorizationId: idSchema.optional(),
  noteStatus: noteStatusSchema,
});
export type Session = z.infer<typeof sessionSchema>;
