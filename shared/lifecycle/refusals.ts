import { type ClaimStatus, claimStatuses } from '../domain/claimStatus.ts';
import { formatCents } from '../money/format.ts';
import type { TransitionVia } from './statusIntent.ts';
import { edgesBetween, statusIndex, transitionTable } from './transitionTable.ts';

/** Why a status change was refused. Match on this, never on the message. */
export type RefusalCode =
  /** The actor is a viewer. */
  | 'read_only'
  /** The claim already has the requested status. */
  | 'no_change'
  /** The claim is Voided. */
  | 'final'
  /** The table has no such change. */
  | 'not_allowed'
  /** A person asked for a change only a server fact (batch, acknowledgment, remittance) may make. */
  | 'server_only'
  /** The server asked for a change only a person may decide. */
  | 'user_only'
  /** The actor may make this change, but not from the source the intent names. */
  | 'wrong_source'
  /** A person asked to hold, reopen or void a claim the payer already has. */
  | 'locked_after_submission'
  | 'reason_required'
  | 'reason_too_long'
  | 'void_claim_required'
  /** Paid needs the insurance balance to be zero (or less). */
  | 'balance_outstanding';

/** A typed refusal with a message a biller can act on. */
export interface TransitionRefusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/** Longest hold or history reason the claim schema stores. */
export const MAX_REASON_LENGTH = 500;

export const readOnlyRefusal: TransitionRefusal = {
  code: 'read_only',
  message: "Viewers can't change claims",
};
export const finalRefusal: TransitionRefusal = { code: 'final', message: 'Voided claims are final' };
export const reasonRequiredRefusal: TransitionRefusal = {
  code: 'reason_required',
  message: 'Hold needs a reason',
};
export const reasonTooLongRefusal: TransitionRefusal = {
  code: 'reason_too_long',
  message: `Keep the reason to ${MAX_REASON_LENGTH} characters or fewer`,
};
export const voidClaimRequiredRefusal: TransitionRefusal = {
  code: 'void_claim_required',
  message: 'This claim was sent to the payer: voiding it needs a void claim (frequency 8)',
};

const STATUS_COUNT = claimStatuses.length;
const pairSlot = (from: ClaimStatus, to: ClaimStatus): number =>
  statusIndex[from] * STATUS_COUNT + statusIndex[to];

const noChangeByStatus: readonly TransitionRefusal[] = claimStatuses.map((s) => ({
  code: 'no_change',
  message: `This claim is already ${s}`,
}));

/** Refusal for asking a claim to become the status it already has. */
export function noChangeRefusal(status: ClaimStatus): TransitionRefusal {
  return noChangeByStatus[statusIndex[status]]!;
}

// What a person can do from each status, named as the buttons they know; used to say what to do instead.
function userActionsFrom(from: ClaimStatus): string {
  const actions: string[] = [];
  for (const e of transitionTable) {
    if (e.from !== from || e.by !== 'user') continue;
    const label = e.action === e.to ? e.action : `${e.action} (${e.to})`;
    if (!actions.includes(label)) actions.push(label);
  }
  return actions.length === 0 ? '' : ` From ${from} you can: ${actions.join(', ')}.`;
}

const lockedMessage: Partial<Record<ClaimStatus, string>> = {
  Submitted: 'Submitted claims can only be changed by a corrected claim',
  Paid: 'Paid claims can only be changed by a corrected claim',
};

function notInTableMessage(from: ClaimStatus, to: ClaimStatus): string {
  if (from === 'Settled') return 'Settled claims are closed';
  if (from === 'Held' && to === 'Submitted')
    return 'Held claims stay out of submission batches; clear the hold first';
  if (to === 'Ready' || to === 'Held' || to === 'Voided') {
    const locked = lockedMessage[from];
    if (locked !== undefined) return locked;
  }
  return `A ${from} claim can't become ${to}.${userActionsFrom(from)}`;
}

const notInTableForUser: TransitionRefusal[] = [];
const notInTableForServer: TransitionRefusal[] = [];
for (const from of claimStatuses) {
  for (const to of claimStatuses) {
    const message = notInTableMessage(from, to);
    const locked = lockedMessage[from] !== undefined && (to === 'Ready' || to === 'Held' || to === 'Voided');
    notInTableForUser.push({ code: locked ? 'locked_after_submission' : 'not_allowed', message });
    notInTableForServer.push({ code: 'not_allowed', message });
  }
}

/** Refusal for a (from, to) pair the table doesn't have; people get a hint of what they can do instead. */
export function notInTableRefusal(
  from: ClaimStatus,
  to: ClaimStatus,
  actorKind: 'user' | 'server',
): TransitionRefusal {
  return (actorKind === 'user' ? notInTableForUser : notInTableForServer)[pairSlot(from, to)]!;
}

const serverOnlyMessages: Partial<Record<ClaimStatus, Partial<Record<ClaimStatus, string>>>> = {
  Ready: { Submitted: 'Claims become Submitted only when a submission batch goes out' },
  Submitted: {
    Denied:
      'Claims become Denied when the clearinghouse or the payer rejects or denies them, or when you use Record Payment for a denial on paper',
    Paid: 'Claims become Paid when a remittance is posted or when you use Record Payment',
  },
  Denied: {
    Paid: 'A denied claim becomes Paid when the payer reprocesses it on a remittance, or when you use Record Payment',
  },
  Paid: { Denied: 'A paid claim becomes Denied only when the payer reverses the payment on a remittance' },
};

const serverOnlyByPair: TransitionRefusal[] = [];
const userOnlyByPair: TransitionRefusal[] = [];
for (const from of claimStatuses) {
  for (const to of claimStatuses) {
    serverOnlyByPair.push({
      code: 'server_only',
      message:
        serverOnlyMessages[from]?.[to] ??
        'Only the server records submissions, acknowledgments and remittances',
    });
    userOnlyByPair.push({
      code: 'user_only',
      message: `Moving a claim from ${from} to ${to} is a billing decision a person makes`,
    });
  }
}

/** Refusal for a person asking for a change only a server fact may make. */
export function serverOnlyRefusal(from: ClaimStatus, to: ClaimStatus): TransitionRefusal {
  return serverOnlyByPair[pairSlot(from, to)]!;
}

/** Refusal for the server asking for a change only a person may decide. */
export function userOnlyRefusal(from: ClaimStatus, to: ClaimStatus): TransitionRefusal {
  return userOnlyByPair[pairSlot(from, to)]!;
}

const viaLabels: Record<TransitionVia, string> = {
  user: 'a manual status change',
  submission: 'a submission batch',
  acknowledgment: 'an acknowledgment (999/277CA)',
  remittance: 'a remittance (835)',
  manual_payment: 'Record Payment',
};
const VIAS = Object.keys(viaLabels) as TransitionVia[];
const ACTOR_KINDS = ['user', 'server'] as const;

// What the actor's own rows for a pair accept: a person is told the button, the server the fact it needs.
function wrongSourceMessage(
  from: ClaimStatus,
  to: ClaimStatus,
  by: 'user' | 'server',
  via: TransitionVia,
): string {
  const accepted: string[] = [];
  for (const e of edgesBetween(from, to)) {
    if (e.by !== by) continue;
    if (by === 'user') accepted.push(e.action);
    else for (const v of e.via) accepted.push(viaLabels[v]);
  }
  if (accepted.length === 0) return `A ${from} claim can't become ${to} through ${viaLabels[via]}`;
  return by === 'user'
    ? `${from} → ${to} is done with ${accepted.join(' or ')}, not ${viaLabels[via]}`
    : `${from} → ${to} comes only from ${accepted.join(' or ')}, not ${viaLabels[via]}`;
}

const wrongSourceTable: TransitionRefusal[] = [];
for (const by of ACTOR_KINDS) {
  for (const from of claimStatuses) {
    for (const to of claimStatuses) {
      for (const via of VIAS) {
        wrongSourceTable.push({ code: 'wrong_source', message: wrongSourceMessage(from, to, by, via) });
      }
    }
  }
}

/** Refusal for an allowed change asked for through the wrong source (e.g. Record Payment to hold a claim). */
export function wrongSourceRefusal(
  from: ClaimStatus,
  to: ClaimStatus,
  actorKind: 'user' | 'server',
  via: TransitionVia,
): TransitionRefusal {
  const slot = (actorKind === 'user' ? 0 : STATUS_COUNT * STATUS_COUNT) + pairSlot(from, to);
  return wrongSourceTable[slot * VIAS.length + VIAS.indexOf(via)] ?? wrongSourceTable[slot * VIAS.length]!;
}

/** Refusal for Paid while the payer still owes; names the amount so the biller can find the missing posting. */
export function balanceOutstandingRefusal(insuranceBalanceCents: number): TransitionRefusal {
  return {
    code: 'balance_outstanding',
    message: `This claim still has an insurance balance of ${formatCents(insuranceBalanceCents)}; post the rest of the payment, or Settle it`,
  };
}
