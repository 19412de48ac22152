import { type ClaimStatus, claimStatuses } from '../domain/claimStatus.ts';
import type { TransitionVia } from './statusIntent.ts';

/** What an edge demands before it may be taken. */
export type TransitionRequirement =
  /** The intent carries a non-blank reason (a hold). */
  | 'reason'
  /** The derived insurance balance is ≤ 0: the payment is already posted on the claim. */
  | 'zero_insurance_balance'
  /** A claim ever sent to the payer is voided only with a void claim (frequency 8). */
  | 'void_claim_if_sent';

/** One allowed status change: who may take it, from which source, and what it demands. */
export interface TransitionEdge {
  readonly from: ClaimStatus;
  readonly to: ClaimStatus;
  readonly by: 'user' | 'server';
  readonly via: readonly TransitionVia[];
  readonly requires: TransitionRequirement | null;
  /** The button or event a biller knows this change by. */
  readonly action: string;
}

const USER: readonly TransitionVia[] = ['user'];

/**
 * SPEC §3 as data. A pair (from, to) may have several rows when different actors reach it
 * differently (Submitted → Paid: an 835 on the server, or Record Payment by a person).
 * What each target status does to the claim's fields lives in `transition.ts`.
 */
export const transitionTable: readonly TransitionEdge[] = [
  { from: 'Ready', to: 'Held', by: 'user', via: USER, requires: 'reason', action: 'Hold' },
  { from: 'Held', to: 'Ready', by: 'user', via: USER, requires: null, action: 'Clear hold' },
  {
    from: 'Ready',
    to: 'Submitted',
    by: 'server',
    via: ['submission'],
    requires: null,
    action: 'Submission batch sent',
  },
  {
    from: 'Submitted',
    to: 'Denied',
    by: 'server',
    via: ['acknowledgment', 'remittance'],
    requires: null,
    action: 'Rejected or denied',
  },
  {
    from: 'Submitted',
    to: 'Paid',
    by: 'server',
    via: ['remittance'],
    requires: 'zero_insurance_balance',
    action: 'Remittance posted',
  },
  {
    from: 'Submitted',
    to: 'Paid',
    by: 'user',
    via: ['manual_payment'],
    requires: 'zero_insurance_balance',
    action: 'Record Payment',
  },
  {
    from: 'Denied',
    to: 'Paid',
    by: 'server',
    via: ['remittance'],
    requires: 'zero_insurance_balance',
    action: 'Reprocessed and paid',
  },
  // A paper EOB: a payment after an appeal, or a denial, recorded by a person (Record Payment).
  {
    from: 'Denied',
    to: 'Paid',
    by: 'user',
    via: ['manual_payment'],
    requires: 'zero_insurance_balance',
    action: 'Record Payment',
  },
  {
    from: 'Submitted',
    to: 'Denied',
    by: 'user',
    via: ['manual_payment'],
    requires: null,
    action: 'Record Payment (denied)',
  },
  {
    from: 'Paid',
    to: 'Denied',
    by: 'server',
    via: ['remittance'],
    requires: null,
    action: 'Payment reversed',
  },
  { from: 'Denied', to: 'Ready', by: 'user', via: USER, requires: null, action: 'Resubmit' },
  { from: 'Ready', to: 'Voided', by: 'user', via: USER, requires: 'void_claim_if_sent', action: 'Void' },
  { from: 'Held', to: 'Voided', by: 'user', via: USER, requires: 'void_claim_if_sent', action: 'Void' },
  { from: 'Denied', to: 'Voided', by: 'user', via: USER, requires: 'void_claim_if_sent', action: 'Void' },
  { from: 'Ready', to: 'Settled', by: 'user', via: USER, requires: null, action: 'Settle' },
  { from: 'Held', to: 'Settled', by: 'user', via: USER, requires: null, action: 'Settle' },
  { from: 'Submitted', to: 'Settled', by: 'user', via: USER, requires: null, action: 'Settle' },
  { from: 'Paid', to: 'Settled', by: 'user', via: USER, requires: null, action: 'Settle' },
  { from: 'Denied', to: 'Settled', by: 'user', via: USER, requires: null, action: 'Settle' },
];

const STATUS_COUNT = claimStatuses.length;

/** Position of each status in `claimStatuses`; lets lookups index flat arrays instead of building keys. */
export const statusIndex: Readonly<Record<ClaimStatus, number>> = Object.fromEntries(
  claimStatuses.map((s, i) => [s, i]),
) as Record<ClaimStatus, number>;

const NO_EDGES: readonly TransitionEdge[] = [];

// Built once: edges by (from, to) in a flat array of STATUS_COUNT² slots.
const edgesByPair: (readonly TransitionEdge[])[] = (() => {
  const slots: TransitionEdge[][] = [];
  for (let i = 0; i < STATUS_COUNT * STATUS_COUNT; i++) slots.push([]);
  for (const edge of transitionTable) {
    slots[statusIndex[edge.from] * STATUS_COUNT + statusIndex[edge.to]]!.push(edge);
  }
  return slots.map((s) => (s.length === 0 ? NO_EDGES : s));
})();

/** The table's rows for one (from, to) pair; empty when the table has no such change. */
export function edgesBetween(from: ClaimStatus, to: ClaimStatus): readonly TransitionEdge[] {
  return edgesByPair[statusIndex[from] * STATUS_COUNT + statusIndex[to]] ?? NO_EDGES;
}
