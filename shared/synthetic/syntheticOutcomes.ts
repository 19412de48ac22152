import type { Claim, FollowUpNote } from '../domain/claim.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import type { SettleWriteOff } from '../domain/practice.ts';
import { appendSettleWriteOffs, settleWriteOffAmounts } from '../lifecycle/settleWriteOffs.ts';
import type { EventClock } from './eventClock.ts';
import { type Prng, weightedTable } from './prng.ts';
import {
  type DenialReason,
  deniedAdjudication,
  paidAdjudication,
  syntheticIcn,
} from './syntheticPostings.ts';
import type { SyntheticPayer } from './syntheticReference.ts';

/** What placing a claim in its lifecycle needs besides the claim. */
export interface OutcomeContext {
  prng: Prng;
  /** Days before as-of and times on them; events happen on days k ≥ 1, never on or after as-of. */
  clock: EventClock;
  payer: SyntheticPayer;
  settleWriteOff: SettleWriteOff;
}

/** Author id of the synthetic follow-up notes. */
export const SYNTHETIC_BILLER_ID = 'usr-demo-biller';

/** Parts that a status weight table adds up to at every age. */
export const STATUS_WEIGHT_TOTAL = 30_000;

// Status odds (parts of 30,000) by age band: most new claims are still Ready or out at the payer; by 91–180
// days most are paid, and few are still unbilled (those are what timely filing warns about). Weighting the
// bands by their share of ages spread evenly over 1–180 (1/6, 1/6, 1/6, 1/2) gives exactly the target mix:
// Ready 25 %, Submitted 20 %, Paid 30 %, Denied 10 %, Held 7 %, Voided 3 %, Settled 5 %.
const statusBands: readonly { readonly upToAge: number; readonly weights: Record<ClaimStatus, number> }[] = [
  {
    upToAge: 30,
    weights: { Ready: 18900, Submitted: 8400, Paid: 600, Denied: 300, Held: 1200, Voided: 600, Settled: 0 },
  },
  {
    upToAge: 60,
    weights: {
      Ready: 12000,
      Submitted: 9000,
      Paid: 3000,
      Denied: 2400,
      Held: 2400,
      Voided: 900,
      Settled: 300,
    },
  },
  {
    upToAge: 90,
    weights: {
      Ready: 7500,
      Submitted: 6600,
      Paid: 7800,
      Denied: 3600,
      Held: 2400,
      Voided: 900,
      Settled: 1200,
    },
  },
  {
    upToAge: Number.POSITIVE_INFINITY,
    weights: {
      Ready: 2200,
      Submitted: 4000,
      Paid: 14200,
      Denied: 3900,
      Held: 2200,
      Voided: 1000,
      Settled: 2500,
    },
  },
];

/** The odds of each status for a claim `age` days past its date of service, in parts of 30,000. */
export function statusWeights(age: number): Readonly<Record<ClaimStatus, number>> {
  for (const band of statusBands) if (age <= band.upToAge) return band.weights;
  return statusBands[statusBands.length - 1]!.weights;
}

const STATUS_ORDER: readonly ClaimStatus[] = [
  'Ready',
  'Submitted',
  'Paid',
  'Denied',
  'Held',
  'Voided',
  'Settled',
];

// `statusWeights` as cumulative sums for every age 0–180, built once: picking a status allocates nothing.
const cumulativeByAge: readonly (readonly number[])[] = Array.from({ length: 181 }, (_, age) => {
  const w = statusWeights(age);
  let total = 0;
  return STATUS_ORDER.map((s) => (total += w[s]));
});

function pickStatus(prng: Prng, age: number): ClaimStatus {
  const cumulative = cumulativeByAge[Math.max(0, Math.min(180, age))]!;
  const r = prng.int(0, STATUS_WEIGHT_TOTAL - 1);
  for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return STATUS_ORDER[i]!;
  return 'Ready';
}

const holdReasons = weightedTable([
  ['Waiting on updated authorization', 30],
  ['Provider signature missing on session note', 25],
  ['Verify member ID with payer', 15],
  ['Diagnosis code needs provider review', 10],
  ['Rendering provider credentialing pending with payer', 10],
  ['Confirm place of service with provider', 10],
]);

const denialReasons = weightedTable<DenialReason>([
  [{ group: 'CO', carc: '197', remarks: ['N54'] }, 20],
  [{ group: 'CO', carc: '16', remarks: ['M51'] }, 8],
  [{ group: 'CO', carc: '16', remarks: ['N290'] }, 6],
  [{ group: 'CO', carc: '4', remarks: [] }, 8],
  [{ group: 'CO', carc: '29', remarks: [] }, 6],
  [{ group: 'CO', carc: '50', remarks: [] }, 10],
  [{ group: 'PR', carc: '27', remarks: [] }, 8],
  [{ group: 'CO', carc: '18', remarks: [] }, 10],
  [{ group: 'CO', carc: '96', remarks: ['N130'] }, 9],
]);
const PRECERT_ABSENT: DenialReason = { group: 'CO', carc: '197', remarks: ['N54'] };
const MISSING_INFO: DenialReason = { group: 'CO', carc: '16', remarks: ['M51'] };

// 277CA rejections (STC category A7 "rejected for invalid information"): 21 missing/invalid information,
// 164 entity's contract/member number.
const clearinghouseRejections = ['A7:21', 'A7:164'];

const submittedNotes = [
  'Called payer: claim received and in process.',
  'Payer portal shows the claim pending review.',
  'Re-verified eligibility; waiting on adjudication.',
];
const deniedNotes = [
  'Requested an updated authorization from the payer.',
  'Corrected claim to follow after provider review.',
  'Appeal drafted; waiting on session records.',
];

/** True when a line has no rate or no units: the scrubber stops such a claim, so it never went out. */
function unbillable(claim: Claim): boolean {
  for (const l of claim.lines) if (l.rateCents === null || l.units <= 0 || l.chargeCents <= 0) return true;
  return false;
}

function missingRequiredAuthorization(claim: Claim, payer: SyntheticPayer): boolean {
  if (!payer.payer.requiresAuthorization) return false;
  for (const l of claim.lines) if (l.authorizationId === null) return true;
  return false;
}

// The day `lag` days after day k, held to day 1 at the latest (nothing happens on or after as-of).
function after(k: number, lag: number): number {
  return Math.max(1, k - lag);
}

function note(prng: Prng, clock: EventClock, k: number, texts: readonly string[]): FollowUpNote {
  return { at: clock.instant(prng, k, 15, 21), author: SYNTHETIC_BILLER_ID, text: prng.pick(texts) };
}

/**
 * Move a freshly generated Ready claim to a status typical of its age, with data consistent with it
 * (mutates and returns the claim, which the generator owns). `kDos`/`kCreated`: days before as-of of
 * the date of service and of the claim's creation. Submitted, Paid, Denied and Settled claims were
 * submitted on or after creation; payers answer on a later day; payments and write-offs come after that.
 * Claims that could not have gone out (no rate, no units) stay Ready; a claim missing a required
 * authorization is held for it or, once sent, denied CO-197.
 */
export function applySyntheticOutcome(
  claim: Claim,
  kDos: number,
  kCreated: number,
  ctx: OutcomeContext,
): Claim {
  const { prng, clock, payer } = ctx;
  let status = pickStatus(prng, kDos);
  const sent = status === 'Submitted' || status === 'Paid' || status === 'Denied' || status === 'Settled';
  if (sent && unbillable(claim)) status = 'Ready';
  const noAuth = missingRequiredAuthorization(claim, payer);
  if (noAuth && (status === 'Paid' || status === 'Settled')) status = 'Denied';
  // A payer answers at least a day after the claim goes out, and everything happens before as-of.
  if ((status === 'Paid' || status === 'Denied' || status === 'Settled') && kCreated < 2)
    status = 'Submitted';

  switch (status) {
    case 'Ready':
    case 'Voided':
      claim.status = status;
      return claim;
    case 'Held':
      claim.status = 'Held';
      claim.holdReason = noAuth ? 'Waiting on updated authorization' : prng.pickWeighted(holdReasons);
      return claim;
    default:
      break;
  }

  // Submission: usually within a week of the note, sometimes weeks late. Answered claims leave room for the answer.
  const needsAnswer = status !== 'Submitted';
  const earliestDay = needsAnswer ? 2 : 1;
  const lag = prng.chance(800) ? prng.int(8, 40) : prng.int(0, 7);
  let kFirst = Math.max(earliestDay, kCreated - lag);
  let denial: DenialReason | null = null;
  if (status === 'Denied' && !noAuth && !prng.chance(2000)) {
    denial = prng.pickWeighted(denialReasons);
    if (denial.carc === '197' && !payer.payer.requiresAuthorization) denial = MISSING_INFO;
    if (denial.carc === '29') {
      // Timely filing: only when the claim really went out after the payer's limit.
      const kLate = kDos - payer.payer.timelyFilingDays - prng.int(1, 10);
      if (kLate >= 2) kFirst = kLate;
      else denial = MISSING_INFO;
    }
  } else if (status === 'Denied' && noAuth) {
    denial = PRECERT_ABSENT;
  }
  let kLast = kFirst;
  if (kFirst > 3 && prng.chance(800)) kLast = prng.int(earliestDay, kFirst - 1);
  claim.firstSubmittedAt = clock.instant(prng, kFirst, kFirst === kCreated ? 18 : 14, 21);
  claim.lastSubmittedAt = kLast === kFirst ? claim.firstSubmittedAt : clock.instant(prng, kLast, 14, 21);
  const kAnswer = after(kLast, prng.int(7, 30));

  switch (status) {
    case 'Submitted': {
      claim.status = 'Submitted';
      if (kLast <= 1) claim.ediStatus = prng.chance(5000) ? 'sent' : 'accepted_clearinghouse';
      else if (kLast <= 3 || prng.chance(2500)) claim.ediStatus = 'accepted_clearinghouse';
      else claim.ediStatus = 'accepted_payer';
      if (claim.ediStatus === 'accepted_payer') claim.payerClaimControlNumber = syntheticIcn(claim.id);
      if (kLast > 30 && prng.chance(3500))
        claim.followUpNotes.push(note(prng, clock, after(kLast, 21), submittedNotes));
      return claim;
    }
    case 'Denied': {
      claim.status = 'Denied';
      if (denial === null) {
        claim.ediStatus = 'rejected_clearinghouse';
        claim.denialCodes = [prng.pick(clearinghouseRejections)];
        return claim;
      }
      claim.ediStatus = 'accepted_payer';
      claim.payerClaimControlNumber = syntheticIcn(claim.id);
      claim.postings.push(
        deniedAdjudication(claim, denial, clock.instant(prng, kAnswer, 13, 17), `${claim.id}:adj1`),
      );
      claim.denialCodes = [`${denial.group}-${denial.carc}`, ...denial.remarks];
      if (kAnswer > 1 && prng.chance(3000))
        claim.followUpNotes.push(note(prng, clock, after(kAnswer, 1), deniedNotes));
      return claim;
    }
    case 'Paid':
      claim.status = 'Paid';
      postPayment(claim, ctx, kAnswer, false, 1);
      return claim;
    case 'Settled':
      settle(claim, ctx, kLast, kAnswer);
      return claim;
  }
}

// Adjudicates as paid on day kAnswer, the patient paying some of their share later but not after day
// `lastDay`; returns the day of the last posting.
function postPayment(
  claim: Claim,
  ctx: OutcomeContext,
  kAnswer: number,
  forcePatientShare: boolean,
  lastDay: number,
): number {
  const { prng, clock, payer } = ctx;
  claim.ediStatus = 'accepted_payer';
  claim.payerClaimControlNumber = syntheticIcn(claim.id);
  const adjudication = paidAdjudication(
    claim,
    payer,
    prng,
    clock.instant(prng, kAnswer, 13, 17),
    `${claim.id}:adj1`,
    forcePatientShare,
  );
  claim.postings.push(adjudication);
  let share = 0;
  for (const a of adjudication.adjustments) if (a.group === 'PR') share += a.amountCents;
  if (share === 0 || kAnswer <= lastDay) return kAnswer;
  const r = prng.int(0, 99);
  if (r >= 75) return kAnswer;
  // Whole share, or part of it (integer basis points, floored, at least a cent). A claim about to be
  // settled keeps some balance, or there would be nothing to write off.
  const amount =
    r < 55 && !forcePatientShare ? share : Math.max(1, Math.floor((share * prng.int(2000, 8000)) / 10000));
  if (amount >= share && forcePatientShare) return kAnswer;
  const kPaid = Math.max(lastDay, after(kAnswer, prng.int(3, 30)));
  claim.postings.push({
    id: `${claim.id}:pat1`,
    at: clock.instant(prng, kPaid, 15, 22),
    kind: 'patient_payment',
    amountCents: amount,
  });
  return kPaid;
}

// Settled: either an unanswered claim whose insurance balance is written off, or a paid claim whose
// patient balance is; the write-offs come from the lifecycle's own Settle rule.
function settle(claim: Claim, ctx: OutcomeContext, kLast: number, kAnswer: number): void {
  const { prng, clock, payer } = ctx;
  claim.status = 'Settled';
  let kLastEvent: number;
  if (payer.payer.claimFilingIndicator === 'MC' || prng.chance(5000) || kAnswer < 3) {
    claim.ediStatus = 'accepted_payer';
    claim.payerClaimControlNumber = syntheticIcn(claim.id);
    kLastEvent = kLast;
  } else {
    // kAnswer ≥ 3 here, so the patient's payment (if any) lands by day 2 and Settle still has a later day.
    kLastEvent = postPayment(claim, ctx, kAnswer, true, 2);
  }
  const kSettle = after(kLastEvent, prng.int(1, Math.min(kLastEvent - 1, 90)));
  const amounts = settleWriteOffAmounts(claim, ctx.settleWriteOff);
  const at = clock.instant(prng, kSettle, 15, 22);
  claim.postings = appendSettleWriteOffs(claim.postings, amounts, at, `${claim.id}:settle`);
}
