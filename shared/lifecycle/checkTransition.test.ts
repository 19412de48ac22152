import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.ts';
import type { Claim } from '../domain/claim.ts';
import { type ClaimStatus, claimStatuses } from '../domain/claimStatus.ts';
import { checkTransition } from './checkTransition.ts';
import type { RefusalCode } from './refusals.ts';
import type { StatusIntent, TransitionVia } from './statusIntent.ts';
import { adjudication, allActors, biller, makeClaim, makeContext, server } from './testClaim.ts';
import { transition } from './transition.ts';

const paidInFull = [adjudication('a1', 9000, [{ group: 'CO', reason: '45', amountCents: 6000 }])];
const partlyPaid = [adjudication('a1', 9000, [])];
const sentClaim = (status: ClaimStatus): Claim =>
  makeClaim({
    status,
    firstSubmittedAt: '2026-02-22T10:00:00Z',
    lastSubmittedAt: '2026-02-22T10:00:00Z',
    postings: paidInFull,
  });

type Expected = 'ok' | RefusalCode;
const order = ['Ready', 'Submitted', 'Paid', 'Denied', 'Held', 'Voided', 'Settled'] as const;

// Hand-written from SPEC §3 for a biller making an ordinary status change (with a reason and a void claim).
const forBiller: Record<ClaimStatus, readonly Expected[]> = {
  //         Ready        Submitted      Paid           Denied         Held         Voided       Settled
  Ready: ['no_change', 'server_only', 'not_allowed', 'not_allowed', 'ok', 'ok', 'ok'],
  Submitted: [
    'locked_after_submission',
    'no_change',
    'server_only',
    'server_only',
    'locked_after_submission',
    'locked_after_submission',
    'ok',
  ],
  Paid: [
    'locked_after_submission',
    'not_allowed',
    'no_change',
    'server_only',
    'locked_after_submission',
    'locked_after_submission',
    'ok',
  ],
  Denied: ['ok', 'not_allowed', 'server_only', 'no_change', 'not_allowed', 'ok', 'ok'],
  Held: ['ok', 'not_allowed', 'not_allowed', 'not_allowed', 'no_change', 'ok', 'ok'],
  Voided: ['final', 'final', 'final', 'final', 'final', 'no_change', 'final'],
  Settled: [
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'no_change',
  ],
};

// The server, naming the source a fact of that kind would come from.
const serverVia: Record<ClaimStatus, TransitionVia> = {
  Ready: 'remittance',
  Submitted: 'submission',
  Paid: 'remittance',
  Denied: 'acknowledgment',
  Held: 'remittance',
  Voided: 'remittance',
  Settled: 'remittance',
};
const forServer: Record<ClaimStatus, readonly Expected[]> = {
  Ready: ['no_change', 'ok', 'not_allowed', 'not_allowed', 'user_only', 'user_only', 'user_only'],
  Submitted: ['not_allowed', 'no_change', 'ok', 'ok', 'not_allowed', 'not_allowed', 'user_only'],
  // A paid claim is reversed only by a remittance, not an acknowledgment.
  Paid: [
    'not_allowed',
    'not_allowed',
    'no_change',
    'wrong_source',
    'not_allowed',
    'not_allowed',
    'user_only',
  ],
  Denied: ['user_only', 'not_allowed', 'ok', 'no_change', 'not_allowed', 'user_only', 'user_only'],
  Held: ['user_only', 'not_allowed', 'not_allowed', 'not_allowed', 'no_change', 'user_only', 'user_only'],
  Voided: ['final', 'final', 'final', 'final', 'final', 'no_change', 'final'],
  Settled: [
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'not_allowed',
    'no_change',
  ],
};

const answer = (r: ReturnType<typeof checkTransition>): Expected => (r === null ? 'ok' : r.code);

describe('checkTransition: the table, status × status', () => {
  it('matches the hand-written matrix for a biller', () => {
    for (const from of order) {
      order.forEach((to, i) => {
        const intent: StatusIntent = { toStatus: to, reason: 'Verify payer ID', voidClaimId: 'V1' };
        expect([from, to, answer(checkTransition(sentClaim(from), intent, biller))]).toEqual([
          from,
          to,
          forBiller[from][i],
        ]);
      });
    }
  });

  it('matches the hand-written matrix for the server', () => {
    for (const from of order) {
      order.forEach((to, i) => {
        const intent: StatusIntent = { toStatus: to, via: serverVia[to], denialCodes: ['CO-16'] };
        expect([from, to, answer(checkTransition(sentClaim(from), intent, server))]).toEqual([
          from,
          to,
          forServer[from][i],
        ]);
      });
    }
  });
});

describe('checkTransition agrees with transition', () => {
  it('for every status × status × role × source × reason × void claim × submission × balance', () => {
    const vias = [undefined, 'user', 'submission', 'acknowledgment', 'remittance', 'manual_payment'] as const;
    const reasons = [undefined, '', 'Duplicate', 'x'.repeat(501)];
    let compared = 0;
    let allowed = 0;
    for (const from of claimStatuses) {
      for (const firstSubmittedAt of [null, '2026-02-22T10:00:00Z']) {
        for (const postings of [paidInFull, partlyPaid]) {
          const claim = makeClaim({ status: from, firstSubmittedAt, postings });
          for (const to of claimStatuses) {
            for (const actor of allActors as Actor[]) {
              for (const via of vias) {
                for (const reason of reasons) {
                  for (const voidClaimId of [undefined, 'V1']) {
                    const intent: StatusIntent = { toStatus: to, via, reason, voidClaimId };
                    const check = checkTransition(claim, intent, actor);
                    const result = transition(claim, intent, makeContext(actor));
                    if (result.ok) {
                      expect(check).toBeNull();
                      allowed++;
                    } else {
                      expect(check).toEqual(result.refusal);
                    }
                    compared++;
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBe(7 * 2 * 2 * 7 * 4 * 6 * 4 * 2);
    // Some of the space is allowed, most is refused: guards against a check that always says yes or no.
    expect(allowed).toBeGreaterThan(500);
    expect(allowed).toBeLessThan(compared / 4);
  });
});
