import { z } from 'zod';
import { idSchema, npiSchema, postalAddressSchema } from './primitives.ts';

/** How minutes become billing units (SPEC §2, practice setting). */
export const unitsRoundingSchema = z.enum(['round_down', 'round_half_up', 'cms_8_minute']);
export type UnitsRounding = z.infer<typeof unitsRoundingSchema>;

/** Which balances a Settled claim writes off (SPEC §3). */
export const settleWriteOffSchema = z.object({ insurance: z.boolean(), patient: z.boolean() });
export type SettleWriteOff = z.infer<typeof settleWriteOffSchema>;

export const practiceSettingsSchema = z.object({
  unitsRounding: unitsRoundingSchema,
  /** Minutes in one timed unit; 15 for CPT timed codes. */
  unitMinutes: z.number().int().min(1).max(240),
  settleWriteOff: settleWriteOffSchema,
});
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

export const defaultPracticeSettings: PracticeSettings = {
  unitsRounding: 'round_down',
  unitMinutes: 15,
  settleWriteOff: { insurance: true, patient: true },
};

/** The billing provider: the organization that is paid (837P loop 2010AA). */
export const billingProviderSchema = z.object({
  organizationName: z.string().min(1).max(60),
  npi: npiSchema,
  taxId: z.string().regex(/^\d{9}$/, 'tax ID (EIN) must be 9 digits'),
  taxonomy: z.string().regex(/^[0-9A-Z]{9}X$/, 'taxonomy code is 10 characters ending in X'),
  address: postalAddressSchema,
});
export type BillingProvider = z.infer<typeof billingProviderSchema>;

/** Clearinghouse connection, as far as the domain knows it; secrets stay on the server. */
export const clearinghouseSettingsSchema = z.object({
  name: z.string().min(1),
  receiverId: z.string().min(1).max(15),
  submitterId: z.string().min(1).max(15),
  testMode: z.boolean(),
});
export type ClearinghouseSettings = z.infer<typeof clearinghouseSettingsSchema>;

/** The tenant: one medical practice and its billing setup. */
export const practiceSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  billingProvider: billingProviderSchema,
  clearinghouse: clearinghouseSettingsSchema,
  settings: practiceSettingsSchema,
});
export type Practice = z.infer<typeof practiceSchema>;
