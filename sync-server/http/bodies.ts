import { z } from 'zod';
import { roleSchema } from '../../shared/domain/actor.ts';

// Every field carries its own message, so a refusal reads as an instruction, not a schema error.
// Password fields only check they are text: the policy (length) is the auth service's, with its own codes.

const emailField = z.email({ error: 'Enter an email address like name@practice.com' }).max(320, {
  error: 'That email address is too long',
});

export const loginBody = z.object(
  {
    email: z
      .string({ error: 'Enter your email address' })
      .trim()
      .min(1, { error: 'Enter your email address' })
      .max(320, { error: 'That email address is too long' }),
    password: z
      .string({ error: 'Enter your password' })
      .min(1, { error: 'Enter your password' })
      .max(1024, { error: 'That password is too long' }),
  },
  { error: 'Send a JSON object with "email" and "password"' },
);
export type LoginBody = z.infer<typeof loginBody>;

export const newUserBody = z.object(
  {
    email: emailField,
    displayName: z
      .string({ error: 'Enter the person’s name as "displayName"' })
      .trim()
      .min(1, { error: 'Enter the person’s name as "displayName"' })
      .max(120, { error: 'Keep the name to 120 characters or fewer' }),
    password: z.string({ error: 'Enter a password for the new user' }).max(1024, {
      error: 'That password is too long',
    }),
    isSystemAdmin: z.boolean({ error: '"isSystemAdmin" must be true or false' }).optional(),
  },
  { error: 'Send a JSON object with "email", "displayName" and "password"' },
);
export type NewUserBody = z.infer<typeof newUserBody>;

export const newPracticeBody = z.object(
  {
    name: z
      .string({ error: 'Enter the practice’s name' })
      .trim()
      .min(1, { error: 'Enter the practice’s name' })
      .max(120, { error: 'Keep the practice name to 120 characters or fewer' }),
  },
  { error: 'Send a JSON object with "name"' },
);

export const newMemberBody = z.object(
  {
    email: emailField,
    role: z.enum(roleSchema.options, { error: 'Role must be admin, biller or viewer' }),
  },
  { error: 'Send a JSON object with "email" and "role"' },
);
