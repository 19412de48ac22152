import { deriveBalances } from '../../shared/balances/deriveBalances.ts';
import { secondaryClaimId } from '../../shared/claims/claimId.ts';
import type { Actor, Role } from '../../shared/domain/actor.ts';
import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { Posting } from '../../shared/domain/posting.ts';
import {
  correctedClaimFrom,
  type DerivedClaimResult,
  nextPolicy,
  secondaryClaimFrom,
  voidClaimFrom,
} from '../../shared/lifecycle/derivedClaims.ts';
import { transition } from '../../shared/lifecycle/transition.ts';
import {
  applyManualPayment,
  type ManualPaymentInput,
  planManualPayment,
} from '../../shared/posting/index.ts';
import { partitionOf } from '../../shared/sync/docNames.ts';
import type { ClaimFact } from '../authority/claimFacts.ts';
import { insertClaims } from '../authority/insertClaims.ts';
import { referenceData } from '../authority/referenceData.ts';
import type { Logger } from '../log.ts';
import { type DocsAccess, partitionDocs, refDoc } from '../submissions/practiceDocs.ts';
import { type LocatedClaims, locateClaims, recordPracticeFacts } from './practiceClaims.ts';

/** A refused claim action: `code` for the client, `message` for the biller. */
export class ClaimActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 404 | 409 = 409,
  ) {
    super(message);
    this.name = 'ClaimActionError';
  }
}

export interface ClaimActionUser {
  id: string;
  role: Role;
}

export interface RecordPaymentResult {
  claim: Claim;
  offers: { secondaryClaim: boolean; patientInvoice: boolean };
}

/**
 * What a biller does to one claim on the server because it needs the server's view or makes new claims
 * (SPEC §3, §6): Record Payment, Generate secondary claim, Submit corrected claim, Void with a void claim.
 * Each is decided by the shared rules (shared/posting, shared/lifecycle) on the claim as the server has it
 * now and recorded as facts, with history; a repeated request finds what the first one made.
 */
export function createClaimActions(options: DocsAccess & { log: Logger; now?: () => Date }) {
  const now = options.now ?? (() => new Date());

  const find = (practiceId: string, claimId: string) => {
    const located = locateClaims(options, practiceId, [claimId]);
    const { partitions, claims } = located;
    const claim = claims.get(claimId);
    const partition = partitions.get(claimId);
    if (!claim || partition === undefined) {
      throw new ClaimActionError('claim_not_found', 'There is no such claim in this practice.', 404);
    }
    return { claim, partition, located };
  };
  const actorOf = (user: ClaimActionUser): Actor => ({ kind: 'user', userId: user.id, role: user.role });
  // With the readers `find` used, so the claim is not read again.
  const record = (practiceId: string, facts: ClaimFact[], located: LocatedClaims) => {
    const outcome = recordPracticeFacts(options, practiceId, facts, located);
    const refused = outcome.refused[0];
    if (refused) throw new ClaimActionError(refused.code, refused.message);
    return outcome.changed;
  };
  const derived = (result: DerivedClaimResult): Claim => {
    if (!result.ok) throw new ClaimActionError(result.refusal.code, result.refusal.message);
    return result.claim;
  };
  const noteEvent = (claim: Claim, at: string, actor: Actor, id: string, reason: string): HistoryEvent => ({
    id: `${id}:${claim.id}`.slice(0, 64),
    claimId: claim.id,
    at,
    actor,
    kind: 'note_added',
    reason: reason.slice(0, 500),
  });
  const insert = (practiceId: string, made: Claim, at: string, actor: Actor, detail: string) =>
    insertClaims(partitionDocs(options, practiceId, partitionOf(made.dateOfService)), [made], {
      at,
      actor,
      detail: () => detail,
    }).length > 0;
  const client = (practiceId: string, claim: Claim) => {
    const found = referenceData(refDoc(options, practiceId)).clientsById.get(claim.clientId);
    if (!found)
      throw new ClaimActionError('client_not_found', 'This claim’s client is no longer in the practice.');
    return found;
  };

  return {
    /** Record Payment: a payer's adjudication from a paper EOB, with the posting engine's rules. */
    recordPayment(
      practiceId: string,
      claimId: string,
      user: ClaimActionUser,
      input: Omit<ManualPaymentInput, 'secondaryPolicyOnFile'>,
    ): RecordPaymentResult {
      const at = now().toISOString();
      const { claim, located } = find(practiceId, claimId);
      const secondaryPolicyOnFile = nextPolicy(claim, client(practiceId, claim)) !== null;
      const postingId = `manual:${claimId}:${at}`.slice(0, 64);
      const planned = planManualPayment(claim, { ...input, secondaryPolicyOnFile }, { at, postingId });
      if (!planned.ok) throw new ClaimActionError(planned.refusal.code, planned.refusal.message, 400);
      const plan = planned.plan;
      const actor = actorOf(user);
      const [changed] = record(
        practiceId,
        [
          {
            claimId,
            decide(current) {
              const applied = applyManualPayment(current, plan, {
                at,
                eventId: `pay:${claimId}:${at}`.slice(0, 64),
                actor,
              });
              if (!applied.ok)
                return { ok: false, code: applied.refusal.code, message: applied.refusal.message };
              const events: HistoryEvent[] = [
                {
                  id: `${postingId}:rec`.slice(0, 64),
                  claimId,
                  at,
                  actor,
                  kind: 'posting_recorded',
                  detail: `posting=${postingId} source=manual`,
                },
              ];
              if (applied.event) events.push(applied.event);
              return { ok: true, claim: applied.claim, events };
            },
          },
        ],
        located,
      );
      options.log.info('claim_payment_recorded', { practiceId, claimId, byUserId: user.id });
      return { claim: changed ?? claim, offers: plan.offers };
    },

    /**
     * Generate secondary claim: a new Ready claim for the next policy's payer; the primary's patient
     * balance is handed on to it (a transfer posting), since the secondary is billed for it.
     */
    generateSecondary(practiceId: string, claimId: string, user: ClaimActionUser): Claim {
      const at = now().toISOString();
      const { claim, located } = find(practiceId, claimId);
      // Asked again (a second click, a retry): the claim made the first time.
      const existing = locateClaims(options, practiceId, [secondaryClaimId(claimId)]).claims.get(
        secondaryClaimId(claimId),
      );
      if (existing) return existing;
      const ref = referenceData(refDoc(options, practiceId));
      const secondary = derived(
        secondaryClaimFrom(
          claim,
          client(practiceId, claim),
          at,
          ref.authorizationsByClient.get(claim.clientId) ?? [],
        ),
      );
      const actor = actorOf(user);
      if (!insert(practiceId, secondary, at, actor, `secondary of ${claimId}`)) return secondary;
      const patientBalance = deriveBalances(claim).patientBalanceCents;
      record(
        practiceId,
        [
          {
            claimId,
            decide(current) {
              const transfer: Posting[] =
                patientBalance > 0
                  ? [
                      {
                        id: `xfer:${secondary.id}`,
                        at,
                        kind: 'transfer_to_secondary',
                        amountCents: patientBalance,
                        secondaryClaimId: secondary.id,
                      },
                    ]
                  : [];
              if (current.postings.some((p) => p.id === `xfer:${secondary.id}`))
                return { ok: true, unchanged: true };
              return {
                ok: true,
                claim: { ...current, postings: [...current.postings, ...transfer] },
                events: [
                  noteEvent(current, at, actor, 'secondary', `Secondary claim ${secondary.id} generated`),
                ],
              };
            },
          },
        ],
        located,
      );
      options.log.info('claim_secondary_generated', {
        practiceId,
        claimId,
        secondaryId: secondary.id,
        byUserId: user.id,
      });
      return secondary;
    },

    /** Submit corrected claim: a new Ready claim, frequency 7, naming the original's payer claim number. */
    createCorrected(practiceId: string, claimId: string, user: ClaimActionUser): Claim {
      const at = now().toISOString();
      const { claim, located } = find(practiceId, claimId);
      // The next free correction number; a correction not yet sent is the one to fix (a second click
      // must not make another).
      let n = 1;
      let made = derived(correctedClaimFrom(claim, n, at));
      for (;;) {
        const earlier = locateClaims(options, practiceId, [made.id]).claims.get(made.id);
        if (!earlier) break;
        if (earlier.status === 'Ready' || earlier.status === 'Held') return earlier;
        if (++n > 20)
          throw new ClaimActionError(
            'too_many_corrections',
            'This claim has been corrected 20 times already.',
          );
        made = derived(correctedClaimFrom(claim, n, at));
      }
      const actor = actorOf(user);
      insert(practiceId, made, at, actor, `corrects ${claimId}`);
      record(
        practiceId,
        [
          {
            claimId,
            decide: (current) => ({
              ok: true,
              claim: current,
              events: [
                noteEvent(
                  current,
                  at,
                  actor,
                  `corrected${n}`,
                  `Corrected claim ${made.id} created to replace this one`,
                ),
              ],
            }),
          },
        ],
        located,
      );
      options.log.info('claim_corrected', { practiceId, claimId, correctedId: made.id, byUserId: user.id });
      return made;
    },

    /**
     * Void: a claim never sent is simply Voided; one the payer has gets a void claim (frequency 8) to
     * send, and is Voided naming it.
     */
    voidClaim(
      practiceId: string,
      claimId: string,
      user: ClaimActionUser,
      reason: string,
    ): { claim: Claim; voidClaim: Claim | null } {
      const at = now().toISOString();
      const { claim, located } = find(practiceId, claimId);
      const actor = actorOf(user);
      let voidClaim: Claim | null = null;
      if (claim.firstSubmittedAt !== null) {
        voidClaim = derived(voidClaimFrom(claim, at));
        insert(practiceId, voidClaim, at, actor, `voids ${claimId}`);
      }
      const voidId = voidClaim?.id;
      const [changed] = record(
        practiceId,
        [
          {
            claimId,
            decide(current) {
              const eventId = `void:${claimId}:${at}`.slice(0, 64);
              const result = transition(
                current,
                { toStatus: 'Voided', reason, ...(voidId ? { voidClaimId: voidId } : {}) },
                {
                  actor,
                  at,
                  eventId,
                  postingIdPrefix: eventId,
                  settings: { settleWriteOff: { insurance: false, patient: false } },
                },
              );
              if (!result.ok)
                return { ok: false, code: result.refusal.code, message: result.refusal.message };
              return { ok: true, claim: result.claim, events: [result.event] };
            },
          },
        ],
        located,
      );
      options.log.info('claim_voided', {
        practiceId,
        claimId,
        withVoidClaim: voidClaim !== null,
        byUserId: user.id,
      });
      return { claim: changed ?? claim, voidClaim };
    },
  };
}

export type ClaimActions = ReturnType<typeof createClaimActions>;
