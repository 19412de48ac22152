import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import type { Actor } from '../domain/actor.ts';
import { type Claim, claimSchema } from '../domain/claim.ts';
import { claimStatuses } from '../domain/claimStatus.ts';
import { historyEventSchema } from '../domain/history.ts';
import type { Posting } from '../domain/posting.ts';
import type { SettleWriteOff } from '../domain/practice.ts';
import { checkTransition } from './checkTransition.ts';
import type { StatusIntent } from './statusIntent.ts';
import { adjudication, allActors, makeClaim, makeContext, patientPayment } from './testClaim.ts';
import { type TransitionResult, transition } from './transition.ts';
import { edgesBetween, transitionTable } from './transitionTable.ts';

const SENT_AT = '2026-02-22T10:00:00Z';

// Ledgers around the 15000 billed: none, paid in full, and arbitrary mixes (some over, some short).
const postingsArb: fc.Arbitrary<Posting[]> = fc.oneof(
  fc.constant<Posting[]>([]),
  fc.constant<Posting[]>([adjudication('a1', 11000, [{ group: 'CO', reason: '45', amountCents: 4000 }])]),
  fc
    .record({
      paid: fc.integer({ min: 0, max: 16000 }),
      co: fc.integer({ min: 0, max: 6000 }),
      pr: fc.integer({ min: 0, max: 5000 }),
      patientPaid: fc.integer({ min: 0, max: 3000 }),
    })
    .map(({ paid, co, pr, patientPaid }): Posting[] => [
      adjudication('a1', paid, [
        { group: 'CO', reason: '45', amountCents: co },
        { group: 'PR', reason: '2', amountCents: pr },
      ]),
      patientPayment('pp1', patientPaid),
    ]),
);

const claimArb: fc.Arbitrary<Claim> = fc
  .record({
    status: fc.constantFrom(...claimStatuses),
    sent: fc.boolean(),
    postings: postingsArb,
  })
  .map(({ status, sent, postings }) =>
    makeClaim({
      status,
      holdReason: status === 'Held' ? 'Wrong auth' : null,
      denialCodes: status === 'Denied' ? ['CO-16'] : [],
      firstSubmittedAt: sent || status === 'Submitted' || status === 'Paid' ? SENT_AT : null,
      lastSubmittedAt: sent || status === 'Submitted' || status === 'Paid' ? SENT_AT : null,
      ediStatus: sent ? 'sent' : 'not_sent',
      postings,
    }),
  );

const actorArb = fc.constantFrom(...(allActors as Actor[]));
const viaArb = fc.constantFrom(
  'user',
  'submission',
  'acknowledgment',
  'remittance',
  'manual_payment' as const,
);

const anyIntentArb: fc.Arbitrary<StatusIntent> = fc.record({
  toStatus: fc.constantFrom(...claimStatuses),
  reason: fc.option(fc.oneof(fc.constant('  '), fc.string({ maxLength: 20 }), fc.constant('x'.repeat(501))), {
    nil: undefined,
  }),
  via: fc.option(viaArb, { nil: undefined }),
  denialCodes: fc.option(fc.subarray(['CO-197', 'N54', 'PR-1', 'CO-16']), { nil: undefined }),
  voidClaimId: fc.option(fc.constantFrom('V1', 'V2'), { nil: undefined }),
});

// Mostly-valid requests: a table row taken by the actor it names, so properties see many accepted changes.
const edgeIntentArb: fc.Arbitrary<[StatusIntent, Actor]> = fc
  .record({
    edge: fc.constantFrom(...transitionTable),
    user: fc.constantFrom(...(allActors.filter((a) => a.kind === 'user') as Actor[])),
    pick: fc.nat(),
  })
  .map(({ edge, user, pick }) => [
    {
      toStatus: edge.to,
      via: edge.via[pick % edge.via.length],
      reason: 'Verify payer ID',
      voidClaimId: 'V1',
      denialCodes: ['CO-197', 'N54'],
    },
    edge.by === 'server' ? { kind: 'server' } : user,
  ]);

const requestArb: fc.Arbitrary<[StatusIntent, Actor]> = fc.oneof(
  fc.tuple(anyIntentArb, actorArb),
  edgeIntentArb,
);
const settingArb: fc.Arbitrary<SettleWriteOff> = fc.record({
  insurance: fc.boolean(),
  patient: fc.boolean(),
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// The fields a status change may touch; everything else must come back as the very same value.
const touched = new Set([
  'status',
  'holdReason',
  'denialCodes',
  'postings',
  'ediStatus',
  'firstSubmittedAt',
  'lastSubmittedAt',
]);

describe('transition properties', () => {
  it('(1) either refuses, or takes a table row the actor may take, and never mutates its input', () => {
    fc.assert(
      fc.property(claimArb, requestArb, settingArb, (claim, [intent, actor], setting) => {
        const before = structuredClone(claim);
        deepFreeze(claim);
        const r = transition(claim, intent, makeContext(actor, setting));
        expect(claim).toEqual(before);
        if (!r.ok) return;
        const via = intent.via ?? 'user';
        const rows = edgesBetween(claim.status, r.claim.status);
        expect(rows.some((e) => e.by === actor.kind && e.via.includes(via))).toBe(true);
        expect(r.claim.status).toBe(intent.toStatus);
        expect(r.event).toMatchObject({
          kind: 'status_changed',
          fromStatus: claim.status,
          toStatus: intent.toStatus,
        });
        for (const key of Object.keys(claim) as (keyof Claim)[]) {
          if (!touched.has(key)) expect(r.claim[key]).toBe(claim[key]);
        }
        claimSchema.parse(r.claim);
        historyEventSchema.parse(r.event);
      }),
      { numRuns: 500 },
    );
  });

  it('(2) intents on different claims commute: any interleaving that keeps each claim’s order ends the same', () => {
    type Op = { claimIndex: number; intent: StatusIntent; actor: Actor; n: number };
    const apply = (claims: readonly Claim[], ops: readonly Op[], setting: SettleWriteOff) => {
      const state = claims.slice();
      const outcomes: unknown[][] = claims.map(() => []);
      for (const op of ops) {
        const r: TransitionResult = transition(
          state[op.claimIndex]!,
          op.intent,
          makeContext(op.actor, setting, op.n),
        );
        if (r.ok) state[op.claimIndex] = r.claim;
        outcomes[op.claimIndex]!.push(r.ok ? r.event : r.refusal.code);
      }
      return { state, outcomes };
    };
    fc.assert(
      fc.property(
        fc.array(claimArb, { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), requestArb), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        settingArb,
        (rawClaims, rawOps, schedule, setting) => {
          const claims = rawClaims.map((c, i) => ({ ...c, id: `CLM${i}` }));
          const ops: Op[] = rawOps.map(([k, [intent, actor]], n) => ({
            claimIndex: k % claims.length,
            intent,
            actor,
            n,
          }));
          // Another interleaving: pop from per-claim queues in the schedule's order, then drain backwards.
          const queues = claims.map((_, i) => ops.filter((op) => op.claimIndex === i));
          const other: Op[] = [];
          for (const s of schedule) {
            const next = queues[s % claims.length]!.shift();
            if (next) other.push(next);
          }
          for (let i = queues.length - 1; i >= 0; i--) other.push(...queues[i]!);
          expect(other).toHaveLength(ops.length);
          expect(apply(claims, other, setting)).toEqual(apply(claims, ops, setting));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(3) an accepted intent delivered again is refused as no_change and changes nothing', () => {
    fc.assert(
      fc.property(claimArb, requestArb, settingArb, (claim, [intent, actor], setting) => {
        const first = transition(claim, intent, makeContext(actor, setting, 1));
        fc.pre(first.ok);
        if (!first.ok) return;
        const again = transition(first.claim, intent, makeContext(actor, setting, 2));
        expect(again.ok ? again.claim.status : again.refusal.code).toBe('no_change');
      }),
      { numRuns: 300 },
    );
  });

  it('(4) checkTransition gives the same answer as transition', () => {
    fc.assert(
      fc.property(claimArb, requestArb, (claim, [intent, actor]) => {
        const check = checkTransition(claim, intent, actor);
        const r = transition(claim, intent, makeContext(actor));
        expect(check).toEqual(r.ok ? null : r.refusal);
      }),
      { numRuns: 1000 },
    );
  });

  it('(5) Settled zeroes exactly the balances the practice writes off', () => {
    fc.assert(
      fc.property(claimArb, settingArb, (claim, setting) => {
        fc.pre(claim.status !== 'Voided' && claim.status !== 'Settled');
        const before = deriveBalances(claim);
        const r = transition(claim, { toStatus: 'Settled' }, makeContext(allActors[1]!, setting));
        if (!r.ok) throw new Error(r.refusal.message);
        const after = deriveBalances(r.claim);
        expect(after.insuranceBalanceCents).toBe(setting.insurance ? 0 : before.insuranceBalanceCents);
        expect(after.patientBalanceCents).toBe(setting.patient ? 0 : before.patientBalanceCents);
        const added = r.claim.postings.length - claim.postings.length;
        const expectedAdded =
          (setting.insurance && before.insuranceBalanceCents !== 0 ? 1 : 0) +
          (setting.patient && before.patientBalanceCents !== 0 ? 1 : 0);
        expect(added).toBe(expectedAdded);
      }),
      { numRuns: 300 },
    );
  });
});
