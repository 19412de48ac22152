import { z } from 'zod';
import { idSchema, npiSchema, personNameSchema } from './primitives.ts';

/** A rendering or supervising provider (837P loop 2310B). */
export const providerSchema = z.object({
  id: idSchema,
  name: personNameSchema,
  npi: npiSchema,
  taxonomy: z.string().regex(/^[0-9A-Z]{9}X$/),
  credentials: z.string().max(20),
});
export type Provider = z.infer<typeof providerSchema>;
