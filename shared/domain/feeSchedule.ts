import { z } from 'zod';
import {
  idSchema,
  isoDateSchema,
  modifierSchema,
  nonNegativeCentsSchema,
  serviceCodeSchema,
} from './primitives.ts';

/**
 * One rate: payer × service code (+ modifiers) → cents per unit, effective from a date
 * (and, optionally, to a date, inclusive). Modifiers are matched as a set.
 */
export const feeScheduleEntrySchema = z
  .object({
    id: idSchema,
    payerId: idSchema,
    serviceCode: serviceCodeSchema,
    modifiers: z.array(modifierSchema).max(4),
    rateCents: nonNegativeCentsSchema,
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.optional(),
  })
  .refine(
    (e) => e.effectiveTo === undefined || e.effectiveFrom <= e.effectiveTo,
    'rate ends before it starts',
  );
export type FeeScheduleEntry = z.infer<typeof feeScheduleEntrySchema>;
