import { z } from 'zod';
import { idSchema, isoDateSchema, serviceCodeSchema } from './primitives.ts';

/** A payer's prior authorization for a client: which codes, which dates, how many units. */
export const authorizationSchema = z
  .object({
    id: idSchema,
    clientId: idSchema,
    payerId: idSchema,
    number: z.string().min(1).max(50),
    serviceCodes: z.array(serviceCodeSchema).min(1),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    unitsAuthorized: z.number().int().min(0),
    /** Units drawn by submitted claims; ticks up on submission, down on void or downward correction. */
    unitsUsed: z.number().int().min(0),
  })
  .refine((a) => a.startDate <= a.endDate, 'authorization ends before it starts');
export type Authorization = z.infer<typeof authorizationSchema>;

/** Units still available on an authorization (may be negative when over-used). */
export function remainingUnits(auth: Pick<Authorization, 'unitsAuthorized' | 'unitsUsed'>): number {
  return auth.unitsAuthorized - auth.unitsUsed;
}
