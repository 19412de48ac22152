import { z } from 'zod';
import { idSchema, isoDateSchema, personNameSchema, postalAddressSchema } from './primitives.ts';

/** Individual relationship code (837P SBR02 / PAT01): 18 self, 01 spouse, 19 child, G8 other. */
export const relationshipSchema = z.enum(['18', '01', '19', '20', '21', '39', '40', '53', 'G8']);
export type Relationship = z.infer<typeof relationshipSchema>;

export const sexSchema = z.enum(['F', 'M', 'U']);

export const subscriberSchema = z.object({
  name: personNameSchema,
  dateOfBirth: isoDateSchema,
  sex: sexSchema,
  address: postalAddressSchema,
});
export type Subscriber = z.infer<typeof subscriberSchema>;

/** Order of an insurance policy: 1 primary, 2 secondary, 3 tertiary. */
export const policyRankSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type PolicyRank = z.infer<typeof policyRankSchema>;

export const insurancePolicySchema = z.object({
  rank: policyRankSchema,
  payerId: idSchema,
  memberId: z.string().max(80),
  groupNumber: z.string().max(50).optional(),
  /** Relationship of the patient to the subscriber; 18 = self (then `subscriber` is absent). */
  relationship: relationshipSchema,
  subscriber: subscriberSchema.optional(),
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.optional(),
});
export type InsurancePolicy = z.infer<typeof insurancePolicySchema>;

/** The patient ("client" in behavioral-health billing). Policies are kept in rank order. */
export const clientSchema = z
  .object({
    id: idSchema,
    name: personNameSchema,
    dateOfBirth: isoDateSchema,
    sex: sexSchema,
    address: postalAddressSchema,
    policies: z.array(insurancePolicySchema).max(3),
  })
  .refine((c) => c.policies.every((p, i) => p.rank === i + 1), 'policies must be ranked 1, 2, 3 in order')
  .refine(
    (c) => c.policies.every((p) => (p.relationship === '18') === (p.subscriber === undefined)),
    'a subscriber is given exactly when the patient is not the subscriber',
  );
export type Client = z.infer<typeof clientSchema>;
