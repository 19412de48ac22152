import type { Actor } from '../shared/domain/actor.ts';
import type { Claim } from '../shared/domain/claim.ts';
import type { StatusIntent } from '../shared/lifecycle/statusIntent.ts';
import { adjudication, biller, makeClaim, server } from '../shared/lifecycle/testClaim.ts';
import { type TransitionContext, transition } from '../shared/lifecycle/transition.ts';

// A mix like a busy day: holds and clears, batches going out, payments, settles, and refusals.
const paid = [adjudication('a1', 11000, [{ group: 'CO', reason: '45', amountCents: 4000 }])];
const cases: [Claim, StatusIntent, Actor][] = [
  [makeClaim(), { toStatus: 'Held', reason: 'Verify payer ID' }, biller],
  [makeClaim({ status: 'Held', holdReason: 'x' }), { toStatus: 'Ready' }, biller],
  [makeClaim(), { toStatus: 'Submitted', via: 'submission' }, server],
  [makeClaim({ status: 'Submitted', postings: paid }), { toStatus: 'Paid', via: 'remittance' }, server],
  [makeClaim({ status: 'Paid', postings: paid }), { toStatus: 'Settled' }, biller],
  [makeClaim({ status: 'Submitted' }), { toStatus: 'Held', reason: 'x' }, biller],
  [makeClaim({ status: 'Voided' }), { toStatus: 'Ready' }, biller],
  [makeClaim({ status: 'Submitted' }), { toStatus: 'Denied', via: 'acknowledgment', denialCodes: ['CO-16'] }, server],
];
const contexts = cases.map(
  ([, , actor], i): TransitionContext => ({
    actor,
    at: '2026-03-02T15:04:05Z',
    eventId: `ev-${i}`,
    postingIdPrefix: `wo-${i}`,
    settings: { settleWriteOff: { insurance: true, patient: true } },
  }),
);

/** Runs `n` transitions over the mix (6 of the 8 are allowed); returns how many were accepted. */
export function runTransitionMix(n: number): number {
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const k = i % cases.length;
    const [claim, intent] = cases[k]!;
    if (transition(claim, intent, contexts[k]!).ok) accepted++;
  }
  return accepted;
}
