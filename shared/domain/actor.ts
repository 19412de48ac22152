import { z } from 'zod';
import { idSchema } from './primitives.ts';

export const roleSchema = z.enum(['admin', 'biller', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** Who did something: an authenticated user in a role, or the server itself (facts). */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: idSchema, role: roleSchema }),
  z.object({ kind: z.literal('server') }),
]);
export type Actor = z.infer<typeof actorSchema>;
