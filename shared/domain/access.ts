import { z } from 'zod';
import { roleSchema } from './actor.ts';

/** A user as anyone outside the server's auth code sees them: never the password hash. */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isSystemAdmin: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** A practice a user belongs to, with the user's role in it. */
export const practiceAccessSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });
export type PracticeAccess = z.infer<typeof practiceAccessSchema>;

/** Who is logged in and what they may open: the body of `GET /api/me` and of a successful login. */
export const sessionInfoSchema = z.object({
  user: sessionUserSchema,
  practices: z.array(practiceAccessSchema),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
