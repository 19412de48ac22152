import type { Actor } from '../shared/domain/actor.ts';
import type { Claim } from '../shared/domain/claim.ts';
import type { StatusIntent } from '../shared/lifecycle/statusIntent.ts';
import { type TransitionContext, transition } from '../shared/lifecycle/transition.ts';

const biller: Actor = { kind: 'user', userId: 'u-bench', role: 'biller' };
const server: Actor = { kind: 'server' };

// A mix like a busy day: holds and clears, batches going out, payments, settles; many are refused.
const intents: [StatusIntent, Actor][] = [
  [{ toStatus: 'Held', reason: 'Verify payer ID' }, biller],
  [{ toStatus: 'Ready' }, biller],
  [{ toStatus: 'Submitted', via: 'submission' }, server],
  [{ toStatus: 'Paid', via: 'remittance' }, server],
  [{ toStatus: 'Settled' }, biller],
  [{ toStatus: 'Denied', via: 'acknowledgment', denialCodes: ['A7:21'] }, server],
  [{ toStatus: 'Voided' }, biller],
];

/** Applies one intent of the mix to each claim; returns how many were accepted. */
export function runTransitionMix(claims: readonly Claim[]): number {
  let accepted = 0;
  for (let i = 0; i < claims.length; i++) {
    const [intent, actor] = intents[i % intents.length]!;
    const ctx: TransitionContext = {
      actor,
      at: '2026-11-22T15:04:05Z',
      eventId: `ev-${i}`,
      postingIdPrefix: `wo-${i}`,
      settings: { settleWriteOff: { insurance: true, patient: true } },
    };
    if (transition(claims[i]!, intent, ctx).ok) accepted++;
  }
  return accepted;
}
