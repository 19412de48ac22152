import type { Role } from '../../../shared/domain/actor.ts';
import type { Claim } from '../../../shared/domain/claim.ts';
import type { ClaimStatus } from '../../../shared/domain/claimStatus.ts';
import type { Client } from '../../../shared/domain/client.ts';
import type { Practice } from '../../../shared/domain/practice.ts';
import {
  correctedClaimFrom,
  nextPolicy,
  secondaryClaimFrom,
  voidClaimFrom,
} from '../../../shared/lifecycle/derivedClaims.ts';

/**
 * The claim actions that need the server (SPEC §3 "Denied / Paid → (new claim)", §6 Record Payment; seed
 * 000 "working denials"): which the claim detail offers, why one can't be used now, and what to say after.
 * Offered by the shared rules the server decides by (`shared/lifecycle/derivedClaims.ts`), so a button is
 * disabled with the server's own reason instead of failing when pressed. Pure.
 */

export type ServerActionKind = 'recordPayment' | 'corrected' | 'secondary' | 'void';

export interface ServerAction {
  kind: ServerActionKind;
  label: string;
  /** Why it can't be used now, in words; null when it can. */
  disabledReason: string | null;
  /** A secondary claim already made for this claim: open it instead of making one. */
  existingClaimId?: string;
}

export interface ServerActionContext {
  role: Role;
  /** Connected to the server: these actions are decided there, so offline they wait for the network. */
  online: boolean;
  /** The claim's client from this device's reference data (policies), or null when it isn't here. */
  client: Client | null;
}

export const VIEWER_REASON = 'Viewers can look at claims but not change them.';
export const OFFLINE_REASON = 'Needs the server: you are offline. Try again once connected.';

const LABELS: Record<ServerActionKind, string> = {
  recordPayment: 'Record Payment',
  corrected: 'Submit corrected claim',
  secondary: 'Generate secondary claim',
  void: 'Void (send a void claim)',
};

// A time for the shared rules' new claim, which is thrown away: only their refusal is read.
const PROBE_AT = '1970-01-01T00:00:00.000Z';

function is(status: ClaimStatus, ...statuses: ClaimStatus[]): boolean {
  return statuses.includes(status);
}

/**
 * The actions this claim offers now, in button order. Record Payment on a Submitted or Denied claim;
 * Submit corrected claim on a Denied or Paid one; Generate secondary claim on a Paid or Denied one whose
 * client has a next policy; Void with a void claim on one the payer has (a claim never sent is voided by
 * the status change instead).
 */
export function serverActions(claim: Claim, ctx: ServerActionContext): ServerAction[] {
  const common = ctx.role === 'viewer' ? VIEWER_REASON : ctx.online ? null : OFFLINE_REASON;
  const out: ServerAction[] = [];
  const add = (kind: ServerActionKind, ruleReason: string | null, extra: Partial<ServerAction> = {}) =>
    out.push({ kind, label: LABELS[kind], disabledReason: common ?? ruleReason, ...extra });

  if (is(claim.status, 'Submitted', 'Denied')) add('recordPayment', null);
  // A void claim (8) only cancels: it is never corrected, voided or billed onward itself.
  if (is(claim.status, 'Denied', 'Paid') && claim.frequency !== '8') {
    const r = correctedClaimFrom(claim, 1, PROBE_AT);
    add('corrected', r.ok ? null : r.refusal.message);
  }
  if (
    is(claim.status, 'Paid', 'Denied') &&
    claim.frequency !== '8' &&
    ctx.client !== null &&
    nextPolicy(claim, ctx.client) !== null
  ) {
    const made = claim.postings.find((p) => p.kind === 'transfer_to_secondary');
    if (made?.kind === 'transfer_to_secondary') {
      out.push({
        kind: 'secondary',
        label: `Open secondary claim ${made.secondaryClaimId}`,
        disabledReason: null,
        existingClaimId: made.secondaryClaimId,
      });
    } else {
      const r = secondaryClaimFrom(claim, ctx.client, PROBE_AT);
      add('secondary', r.ok ? null : r.refusal.message);
    }
  }
  if (is(claim.status, 'Ready', 'Held', 'Denied') && claim.firstSubmittedAt !== null) {
    const r = voidClaimFrom(claim, PROBE_AT);
    add('void', r.ok ? null : r.refusal.message);
  }
  return out;
}

/** A claim as the action routes answer it (no patient data). */
export interface ActionClaim {
  id: string;
  status: ClaimStatus;
  frequency: '1' | '7' | '8';
  originalReference: string | null;
}

export function secondaryCreatedText(made: Pick<ActionClaim, 'id' | 'status'>): string {
  return `Secondary claim ${made.id} created — ${made.status}; it goes out with the next submission`;
}

export function correctedCreatedText(made: ActionClaim): string {
  const replaces = made.originalReference ? `, replacing payer claim ${made.originalReference}` : '';
  return `Corrected claim ${made.id} created — ${made.status}${replaces}; make the fix on it, then it goes out with the next submission`;
}

/** What Void will do, said before the biller confirms. */
export function voidPreview(claim: Pick<Claim, 'firstSubmittedAt' | 'payerClaimControlNumber'>): string {
  if (claim.firstSubmittedAt === null) return 'The claim was never sent: it is simply voided.';
  return `The payer has this claim (payer claim ${claim.payerClaimControlNumber ?? 'unknown'}): a void claim (frequency 8) is made Ready and goes out with the next submission to cancel it.`;
}

export function voidResultText(answer: { claim: ActionClaim; voidClaim: ActionClaim | null }): string {
  if (answer.voidClaim === null) return `Claim ${answer.claim.id} is now ${answer.claim.status}.`;
  return `Claim ${answer.claim.id} is now ${answer.claim.status}. Void claim ${answer.voidClaim.id} is ${answer.voidClaim.status}; it will be sent to the payer with the next submission.`;
}

/** What the claim actions need beyond the detail view: the claim itself, who, online, reference data. */
export interface ClaimActionsContext {
  practiceId: string;
  role: Role;
  online: boolean;
  /** The claim as this device has it now. */
  claim: Claim;
  client: Client | null;
  practice: Pick<Practice, 'name' | 'billingProvider'> | null;
  /** Payer names by internal id. */
  payers: ReadonlyMap<string, string>;
  /** Whether a claim has reached this device yet (a new claim arrives by sync a moment after it is made). */
  isClaimHere: (claimId: string) => boolean;
  /** Opens another claim in the detail panel. */
  onOpenClaim: (claimId: string) => void;
}
