// Test fixtures for the lifecycle tests (synthetic values only). Not exported from index.ts.
import type { Actor } from '../domain/actor.ts';
import { type Claim, freshClaimState } from '../domain/claim.ts';
import type { Adjustment, Posting } from '../domain/posting.ts';
import type { SettleWriteOff } from '../domain/practice.ts';
import type { RefusalCode } from './refusals.ts';
import type { StatusIntent } from './statusIntent.ts';
import { type TransitionContext, type TransitionResult, transition } from './transition.ts';

export const AT = '2026-03-02T15:04:05Z';

export const biller: Actor = { kind: 'user', userId: 'u-biller', role: 'biller' };
export const admin: Actor = { kind: 'user', userId: 'u-admin', role: 'admin' };
export const viewer: Actor = { kind: 'user', userId: 'u-viewer', role: 'viewer' };
export const server: Actor = { kind: 'server' };
export const allActors: readonly Actor[] = [admin, biller, viewer, server];

/** A valid Ready claim billed at 15000 cents (one line: 4 units × 3750), with `overrides` laid over it. */
export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: 'CLM000001',
    practiceId: 'prac-1',
    sessionId: 'sess-1',
    clientId: 'client-1',
    payerId: 'payer-1',
    policyRank: 1,
    renderingProviderId: 'prov-1',
    placeOfService: '11',
    diagnosisCodes: ['F840'],
    lines: [
      {
        lineNo: 1,
        serviceCode: '97153',
        modifiers: [],
        units: 4,
        minutes: 60,
        rateCents: 3750,
        chargeCents: 15000,
        diagnosisPointers: [1],
        dateOfService: '2026-02-20',
        authorizationId: null,
      },
    ],
    dateOfService: '2026-02-20',
    authorizationId: null,
    createdAt: '2026-02-21T09:00:00Z',
    ...freshClaimState(),
    ...overrides,
  };
}

/** A payer adjudication posting with the given paid amount and adjustments. */
export function adjudication(id: string, paidCents: number, adjustments: Adjustment[]): Posting {
  return {
    id,
    at: '2026-03-01T12:00:00Z',
    kind: 'adjudication',
    payerId: 'payer-1',
    allowedCents: paidCents,
    paidCents,
    adjustments,
    remarks: [],
    lines: [],
    source: { kind: 'remittance' },
  };
}

/** A patient payment posting. */
export function patientPayment(id: string, amountCents: number): Posting {
  return { id, at: '2026-03-01T12:00:00Z', kind: 'patient_payment', amountCents };
}

/** A context for `actor` with fixed ids and the given write-off setting. */
export function makeContext(
  actor: Actor,
  settleWriteOff: SettleWriteOff = { insurance: true, patient: true },
  n = 1,
): TransitionContext {
  return { actor, at: AT, eventId: `ev-${n}`, postingIdPrefix: `wo-${n}`, settings: { settleWriteOff } };
}

/** `transition` with a test context for `actor`. */
export function run(
  claim: Claim,
  intent: StatusIntent,
  actor: Actor,
  setting?: SettleWriteOff,
): TransitionResult {
  return transition(claim, intent, makeContext(actor, setting));
}

/** The accepted result, or a thrown error naming the refusal. */
export function accepted(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the change to be accepted, got ${result.refusal.code}`);
  return result;
}

/** The refusal code, or a thrown error naming the status reached. */
export function refusedWith(result: TransitionResult): RefusalCode {
  if (result.ok) throw new Error(`expected a refusal, got ${result.claim.status}`);
  return result.refusal.code;
}

/** 15000 billed = 9000 paid + 6000 CO-45: no insurance balance. */
export const paidInFull: Posting[] = [
  adjudication('a1', 9000, [{ group: 'CO', reason: '45', amountCents: 6000 }]),
];
/** 15000 billed − 9000 paid − 2000 CO-45: 4000 still owed by insurance. */
export const partlyPaid: Posting[] = [
  adjudication('a1', 9000, [{ group: 'CO', reason: '45', amountCents: 2000 }]),
];

/** A claim sent on 2026-02-22 and now Submitted (or `over.status`). */
export function submitted(over: Partial<Claim> = {}): Claim {
  return makeClaim({
    status: 'Submitted',
    ediStatus: 'sent',
    firstSubmittedAt: '2026-02-22T10:00:00Z',
    lastSubmittedAt: '2026-02-22T10:00:00Z',
    ...over,
  });
}
