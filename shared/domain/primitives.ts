import { z } from 'zod';

/** Integer cents. Every amount of money in ClaimGrid is one of these; never a float. */
export const centsSchema = z.number().int().refine(Number.isSafeInteger, 'amount out of range');
export type Cents = number;

/** Non-negative integer cents (a charge, a rate). */
export const nonNegativeCentsSchema = centsSchema.refine((n) => n >= 0, 'amount must not be negative');

const isoDatePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar date with no time zone, `YYYY-MM-DD` (dates of service, policy dates). */
export const isoDateSchema = z
  .string()
  .regex(isoDatePattern, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'no such calendar date');
export type IsoDate = string;

/** A UTC instant as an ISO-8601 string (event times). */
export const instantSchema = z.iso.datetime({ offset: false });
export type Instant = string;

/** Opaque identifiers: non-empty, printable, bounded. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits and . _ : - only');
export type Id = string;

/** A 10-digit National Provider Identifier (the check digit is verified by the scrubber, not here). */
export const npiSchema = z.string().regex(/^\d{10}$/, 'NPI must be 10 digits');

/** Two-character HCPCS/CPT modifier, e.g. `HN`, `59`, `GP`. */
export const modifierSchema = z.string().regex(/^[A-Z0-9]{2}$/, 'modifier must be 2 letters or digits');

/** CPT/HCPCS procedure code, e.g. `97153`, `H2019`, `0362T`. */
export const serviceCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{5}$/, 'service code must be 5 letters or digits');

export const postalAddressSchema = z.object({
  line1: z.string().min(1).max(55),
  line2: z.string().max(55).optional(),
  city: z.string().min(1).max(30),
  state: z.string().regex(/^[A-Z]{2}$/),
  zip: z.string().regex(/^\d{5}(\d{4})?$/, 'ZIP must be 5 or 9 digits'),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

export const personNameSchema = z.object({
  last: z.string().min(1).max(60),
  first: z.string().max(35),
  middle: z.string().max(25).optional(),
});
export type PersonName = z.infer<typeof personNameSchema>;
