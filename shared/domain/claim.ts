import { z } from 'zod';
import { claimFrequencySchema, claimStatusSchema, ediStatusSchema } from './claimStatus.ts';
import { policyRankSchema } from './client.ts';
import { postingSchema } from './posting.ts';
import {
  idSchema,
  instantSchema,
  isoDateSchema,
  modifierSchema,
  nonNegativeCentsSchema,
  serviceCodeSchema,
} from './primitives.ts';

/** One service line (837P loop 2400). `chargeCents` = units × rate; null rate means no fee schedule matched. */
export const claimLineSchema = z.object({
  lineNo: z.number().int().min(1).max(50),
  serviceCode: serviceCodeSchema,
  modifiers: z.array(modifierSchema).max(4),
  units: z.number().int().min(0).max(9999),
  minutes: z.number().int().min(0),
  rateCents: nonNegativeCentsSchema.nullable(),
  chargeCents: nonNegativeCentsSchema,
  /** 1-based pointers into the claim's diagnosis codes (SV107), at most 4. */
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
  dateOfService: isoDateSchema,
  authorizationId: idSchema.nullable(),
});
export type ClaimLine = z.infer<typeof claimLineSchema>;

export const followUpNoteSchema = z.object({
  at: instantSchema,
  author: idSchema,
  text: z.string().min(1).max(2000),
});
export type FollowUpNote = z.infer<typeof followUpNoteSchema>;

/**
 * A claim. Its status changes only through the transition function (`shared/lifecycle`);
 * its balances are derived from `postings` (`shared/balances`), never stored.
 */
export const claimSchema = z.object({
  /** Deterministic from the session; also the X12 patient control number (CLM01, ≤ 20 chars). */
  id: idSchema.refine((s) => s.length <= 20, 'claim ID is at most 20 characters'),
  practiceId: idSchema,
  sessionId: idSchema.nullable(),
  clientId: idSchema,
  /** Internal payer id and which of the client's policies this claim bills. */
  payerId: idSchema,
  policyRank: policyRankSchema,
  renderingProviderId: idSchema,
  placeOfService: z.string().regex(/^\d{2}$/),
  /** ICD-10-CM codes stored without the dot, principal first. */
  diagnosisCodes: z.array(z.string().regex(/^[A-Z][0-9][0-9A-Z]{1,5}$/)).max(12),
  lines: z.array(claimLineSchema).min(1).max(50),
  dateOfService: isoDateSchema,
  authorizationId: idSchema.nullable(),
  frequency: claimFrequencySchema,
  /** For corrected (7) and void (8) claims: the payer's claim control number (ICN) of the original. */
  originalReference: z.string().max(50).nullable(),
  /** The claim this one corrects, voids or follows as secondary. */
  relatedClaimId: idSchema.nullable(),
  status: claimStatusSchema,
  ediStatus: ediStatusSchema,
  holdReason: z.string().max(500).nullable(),
  /** CARC/RARC codes of the latest denial, e.g. `CO-197`, `N54`. */
  denialCodes: z.array(z.string().max(12)),
  payerClaimControlNumber: z.string().max(50).nullable(),
  createdAt: instantSchema,
  firstSubmittedAt: instantSchema.nullable(),
  lastSubmittedAt: instantSchema.nullable(),
  postings: z.array(postingSchema),
  followUpNotes: z.array(followUpNoteSchema),
});
export type Claim = z.infer<typeof claimSchema>;

/** Total charge of a claim: the sum of its lines, integer cents. */
export function claimChargeCents(claim: Pick<Claim, 'lines'>): number {
  let total = 0;
  for (const line of claim.lines) total += line.chargeCents;
  return total;
}

/** The part of a claim that every newly generated original claim starts with. */
export type FreshClaimState = Pick<
  Claim,
  | 'frequency'
  | 'originalReference'
  | 'relatedClaimId'
  | 'status'
  | 'ediStatus'
  | 'holdReason'
  | 'denialCodes'
  | 'payerClaimControlNumber'
  | 'firstSubmittedAt'
  | 'lastSubmittedAt'
  | 'postings'
  | 'followUpNotes'
>;

/** A new original claim's state: Ready, not sent, nothing posted, no notes (fresh arrays each call). */
export function freshClaimState(): FreshClaimState {
  return {
    frequency: '1',
    originalReference: null,
    relatedClaimId: null,
    status: 'Ready',
    ediStatus: 'not_sent',
    holdReason: null,
    denialCodes: [],
    payerClaimControlNumber: null,
    firstSubmittedAt: null,
    lastSubmittedAt: null,
    postings: [],
    followUpNotes: [],
  };
}
