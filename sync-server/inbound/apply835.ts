import type { Claim } from '../../shared/domain/claim.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import type { Payer } from '../../shared/domain/payer.ts';
import { formatCents } from '../../shared/money/format.ts';
import {
  applyPlanToClaim,
  type ClaimPostingPlan,
  checkRemittanceBalance,
  planRemittancePosting,
  type RemittanceEntry,
  remittanceEntry,
  type UnmatchedClaimPayment,
} from '../../shared/posting/index.ts';
import { type Parsed835Summary, Remit835Reader } from '../../shared/x12/ack/read835.ts';
import type { ClaimFact } from '../authority/claimFacts.ts';
import { referenceData } from '../authority/referenceData.ts';
import { locateClaims, recordPracticeFacts } from '../claims/practiceClaims.ts';
import { type DocsAccess, refDoc } from '../submissions/practiceDocs.ts';
import type { HandlerResult, InboundSourceRef } from './processInboundFile.ts';

/**
 * The practice's payer an 835 comes from: by the payer ID it carries (REF*2U or N1*PR N104), else by its
 * name when exactly one payer has that name. Null when neither finds one: its payments wait for a person.
 */
export function remittancePayer(
  payers: Iterable<Payer>,
  from: { name: string; id: string | null },
): Payer | null {
  const list = [...payers];
  if (from.id) {
    const byId = list.filter((p) => p.payerId === from.id);
    if (byId.length === 1) return byId[0]!;
  }
  const name = from.name.trim().toUpperCase();
  const byName = list.filter((p) => p.name.trim().toUpperCase() === name);
  return byName.length === 1 ? byName[0]! : null;
}

/** One payment of an 835 with its claim payments already in the posting engine's form. */
interface Payment835 extends Parsed835Summary {
  entries: RemittanceEntry[];
}

/**
 * The file's payments, read by the streaming reader: each claim is turned into the engine's entry as
 * its loop closes, so the reader's richer objects (names, dates, segment lines) are never all held.
 */
function readPayments(text: string): Payment835[] {
  const payments: Payment835[] = [];
  let entries: RemittanceEntry[] = [];
  const reader = new Remit835Reader({
    onClaim: (claim) => entries.push(remittanceEntry(claim)),
    onTransactionEnd: (summary) => {
      payments.push({ ...summary, entries });
      entries = [];
    },
  });
  reader.push(text);
  reader.end();
  return payments;
}

/** A remittance id per payment of the file: its hash and the payment's position (posting ids derive from it). */
const remittanceIdOf = (fileHash: string, index: number) => `${fileHash.slice(0, 44)}.${index}`;

/**
 * An 835: every payment must balance (claim payments − PLB = BPR02) and every claim payment must add up,
 * or the whole file is quarantined and nothing is posted. Then each payment is planned by the posting
 * engine (shared/posting) and the plans applied as server facts: postings, payer claim number, EDI
 * status, Paid / Denied. Payments already posted (the same file again) change nothing; those matching no
 * claim are listed for a person.
 */
export function apply835(access: DocsAccess, source: InboundSourceRef, text: string): HandlerResult {
  const parsed = readPayments(text);
  for (const t of parsed) {
    if (t.balanced) continue;
    const total = t.creditDebit === 'D' ? -t.payment.totalCents : t.payment.totalCents;
    const check = checkRemittanceBalance(t.entries, t.providerAdjustments, total);
    const why = check.ok
      ? `its claim payments minus provider adjustments (${formatCents(t.claimPaidCents - t.providerAdjustmentCents)}) are not the amount paid (${formatCents(total)}); nothing was posted`
      : check.problem.message;
    return {
      ok: false,
      problem: `The payment ${t.payment.trace} does not balance: ${why}. Ask the payer or clearinghouse for a corrected 835.`,
    };
  }

  const payers = referenceData(refDoc(access, source.practiceId)).payersById;
  const located = locateClaims(
    access,
    source.practiceId,
    parsed.flatMap((t) => t.entries.map((e) => e.patientControlNumber)),
  );
  const findClaim = (pcn: string): Claim | undefined => located.claims.get(pcn);

  // Plan every payment first: one that cannot be posted quarantines the whole file before anything is written.
  const planned: {
    t: Payment835;
    payer: Payer | null;
    plans: ClaimPostingPlan[];
    unmatched: UnmatchedClaimPayment[];
    alreadyPosted: number;
  }[] = [];
  for (const [index, t] of parsed.entries()) {
    const payer = remittancePayer(payers.values(), t.payer);
    const plan = planRemittancePosting({
      remittanceId: remittanceIdOf(source.fileHash, index),
      payerId: payer?.id ?? null,
      claimPayments: t.entries,
      findClaim,
      at: source.at,
    });
    if (!plan.postable) {
      const first = plan.problems[0];
      const more = plan.problems.length > 1 ? ` (and ${plan.problems.length - 1} more)` : '';
      return {
        ok: false,
        problem:
          `The payment ${t.payment.trace} has a claim payment that does not add up` +
          (first ? ` — claim ${first.patientControlNumber}: ${first.message}${more}` : '') +
          '. Nothing from this file was posted. Ask the payer or clearinghouse for a corrected 835.',
      };
    }
    planned.push({
      t,
      payer,
      plans: plan.claims,
      unmatched: plan.unmatched,
      alreadyPosted: plan.alreadyPosted.length,
    });
  }
  const facts: ClaimFact[] = planned.flatMap(({ plans }) => plans.map((plan) => postingFact(plan, source)));
  const result = recordPracticeFacts(access, source.practiceId, facts, located);
  const statusOf = new Map(result.changed.map((c) => [c.id, c.status]));

  return {
    ok: true,
    outcome: {
      kind: '835',
      payments: planned.map(({ t, payer, plans, unmatched, alreadyPosted }) => ({
        trace: t.payment.trace,
        method: t.payment.method,
        date: t.payment.date,
        totalCents: t.payment.totalCents,
        payerName: t.payer.name,
        payerId: payer?.id ?? null,
        claims: t.entries.length,
        posted: plans.length,
        alreadyPosted,
        paid: plans.filter((p) => statusOf.get(p.claimId) === 'Paid').length,
        denied: plans.filter((p) => statusOf.get(p.claimId) === 'Denied').length,
        providerAdjustments: t.providerAdjustments.map((a) => ({
          reason: a.reason,
          reference: a.reference,
          amountCents: a.amountCents,
        })),
        unmatched: unmatched.map((u) => ({
          index: u.index,
          patientControlNumber: u.patientControlNumber,
          paidCents: u.paidCents,
          code: u.code,
          reason: u.reason,
        })),
      })),
      refused: result.refused,
    },
  };
}

/** One claim's plan as a server fact: the postings, their history, and the status change if any. */
function postingFact(plan: ClaimPostingPlan, source: InboundSourceRef): ClaimFact {
  return {
    claimId: plan.claimId,
    decide(claim) {
      const eventId = `835:${source.fileHash.slice(0, 16)}:${plan.claimId}`;
      const applied = applyPlanToClaim(claim, plan, { at: source.at, eventId });
      if (!applied.ok) return { ok: false, code: applied.refusal.code, message: applied.refusal.message };
      const events: HistoryEvent[] = plan.postingsToAppend.map((p) => ({
        id: `${eventId}:${p.id}`.slice(0, 64),
        claimId: plan.claimId,
        at: source.at,
        actor: { kind: 'server' },
        kind: 'posting_recorded',
        detail: `posting=${p.id} source=835`,
      }));
      if (applied.event) events.push(applied.event);
      return { ok: true, claim: applied.claim, events };
    },
  };
}

/** Why a person's match of a claim payment to a claim was not posted; `message` is for the biller. */
export class PaymentMatchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentMatchError';
  }
}

/**
 * A person matches one claim payment of a processed 835 that matched no claim (a patient control number
 * the payer mangled, say) to a claim: it is planned and posted exactly as the file's other payments were,
 * with the same posting id, so matching twice posts once. Returns the claim as posted.
 */
export function matchRemittancePayment(
  access: DocsAccess,
  source: InboundSourceRef,
  text: string,
  payment: number,
  entry: number,
  claimId: string,
): Claim {
  const t = readPayments(text)[payment];
  const chosen = t?.entries[entry];
  if (!t || !chosen) throw new PaymentMatchError('no_such_payment', 'This file has no such claim payment.');
  const located = locateClaims(access, source.practiceId, [claimId]);
  const claim = located.claims.get(claimId);
  if (!claim) throw new PaymentMatchError('claim_not_found', 'There is no such claim in this practice.');
  const entries = [...t.entries];
  entries[entry] = { ...chosen, patientControlNumber: claimId };
  const payer = remittancePayer(
    referenceData(refDoc(access, source.practiceId)).payersById.values(),
    t.payer,
  );
  const plan = planRemittancePosting({
    remittanceId: remittanceIdOf(source.fileHash, payment),
    // The person vouches for the claim, so a file whose payer name ClaimGrid did not know posts as the claim's.
    payerId: payer?.id ?? claim.payerId,
    claimPayments: entries,
    findClaim: (pcn) => (pcn === claimId ? claim : undefined),
    at: source.at,
  });
  if (!plan.postable)
    throw new PaymentMatchError('not_postable', plan.problems[0]?.message ?? 'This payment does not add up.');
  if (plan.alreadyPosted.some((a) => a.index === entry)) {
    throw new PaymentMatchError('already_posted', 'This payment is already posted on that claim.');
  }
  const mine = plan.claims.find((c) => c.claimId === claimId && c.entryIndexes.includes(entry));
  if (!mine) {
    const why = plan.unmatched.find((u) => u.index === entry);
    throw new PaymentMatchError(
      why?.code ?? 'not_matched',
      `It cannot be posted on claim ${claimId}: ${why?.reason ?? 'the claim does not take it'}.`,
    );
  }
  const result = recordPracticeFacts(access, source.practiceId, [postingFact(mine, source)], located);
  const refused = result.refused[0];
  if (refused) throw new PaymentMatchError(refused.code, refused.message);
  return result.changed[0] ?? claim;
}
