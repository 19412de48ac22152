import { isValidNpi } from '../../shared/domain/npi.ts';
import type { Adjustment, AdjustmentGroup } from '../../shared/domain/posting.ts';
import type { ClaimStatusCode } from '../../shared/x12/ack/write277ca.ts';
import type { ClaimStatus835 } from '../../shared/x12/ack/write835.ts';
import type { SimClaim, SimLine } from './parse837p.ts';

/** Why a claim does not get into adjudication: the 277CA statuses and a message a biller can act on. */
export interface ClaimRejection {
  statuses: ClaimStatusCode[];
  /** STC12: no patient data (it is logged and shown). */
  message: string;
}

/** Why a line is not paid: the adjustment group and CARC for its whole charge, and RARC remarks. */
export interface LineDenial {
  group: Exclude<AdjustmentGroup, 'CR'>;
  reason: string;
  remarks?: string[];
}

/** A check before adjudication (the clearinghouse or the payer's front end): null passes. */
export type ClaimRule = (claim: SimClaim) => ClaimRejection | null;
/** A check on one line during adjudication: null pays the line. */
export type LineRule = (line: SimLine, claim: SimClaim) => LineDenial | null;

/** How one payer treats claims. */
export interface PayerRules {
  /** In order; the first rejection rejects the claim in the 277CA (no 835 for it). */
  rejections: readonly ClaimRule[];
  /** In order per line; the first denial denies the line's whole charge. */
  denials: readonly LineRule[];
  /** Whole percent (0–100) of a payable line's charge that is paid; the rest is the patient's. */
  paidPercent: number;
  /** CARC of the patient's share, group PR: 2 coinsurance, 1 deductible, 3 copayment. */
  patientShareReason: string;
}

/** The rules of every payer, with overrides by payer ID (2010BB NM109). */
export interface SimulatorRules extends PayerRules {
  byPayer?: Readonly<Record<string, Partial<PayerRules>>>;
}

/** Rejects a claim whose billing or rendering NPI (claim or line level) fails the check digit: 277CA A7:562. */
export function rejectInvalidNpi(): ClaimRule {
  return (claim) => {
    if (!isValidNpi(claim.billingProvider.npi)) {
      return {
        statuses: [{ category: 'A7', code: '562', entity: '85' }],
        message: 'Billing provider NPI is invalid (check digit)',
      };
    }
    const rendering = [claim.renderingNpi, ...claim.lines.map((l) => l.renderingNpi)];
    if (rendering.some((npi) => npi !== null && !isValidNpi(npi))) {
      return {
        statuses: [{ category: 'A7', code: '562', entity: '82' }],
        message: 'Rendering provider NPI is invalid (check digit)',
      };
    }
    return null;
  };
}

/**
 * Rejects a claim whose charge is not the sum of its lines' charges (or that has no line): 277CA A3:400.
 * Always applied first by `adjudicate`: an unbalanced claim cannot be paid line by line to the cent.
 */
export function rejectOutOfBalance(): ClaimRule {
  return (claim) => {
    let lines = 0;
    for (const l of claim.lines) lines += l.chargeCents;
    if (claim.lines.length > 0 && lines === claim.chargeCents) return null;
    return {
      statuses: [{ category: 'A3', code: '400' }],
      message: 'Claim charge does not equal the sum of its service lines',
    };
  };
}

const outOfBalance = rejectOutOfBalance();

/** Denies a procedure billed without any modifier, e.g. 97155 with CARC 4 (modifier missing). */
export function denyWithoutModifier(procedure: string, reason = '4'): LineRule {
  return (line) =>
    line.procedure === procedure && line.modifiers.length === 0 ? { group: 'CO', reason } : null;
}

/**
 * The default payer: rejects invalid NPIs (277CA A7/562), denies 97155 without a modifier (CO-4), and
 * pays 80 % of the rest with 20 % patient coinsurance (PR-2).
 */
export function defaultRules(): SimulatorRules {
  return {
    rejections: [rejectInvalidNpi()],
    denials: [denyWithoutModifier('97155', '4')],
    paidPercent: 80,
    patientShareReason: '2',
  };
}

/** The rules that apply to one payer. */
export function rulesFor(rules: SimulatorRules, payerId: string): PayerRules {
  const o = rules.byPayer?.[payerId] ?? {};
  const r: PayerRules = {
    rejections: o.rejections ?? rules.rejections,
    denials: o.denials ?? rules.denials,
    paidPercent: o.paidPercent ?? rules.paidPercent,
    patientShareReason: o.patientShareReason ?? rules.patientShareReason,
  };
  if (!Number.isInteger(r.paidPercent) || r.paidPercent < 0 || r.paidPercent > 100) {
    throw new RangeError('paidPercent must be a whole number from 0 to 100');
  }
  return r;
}

/** One line's adjudication. */
export interface LineOutcome {
  line: SimLine;
  paidCents: number;
  /** charge − paid, to the cent. */
  adjustments: Adjustment[];
  /** Paid + patient share; null for a denied line. */
  allowedCents: number | null;
  remarks: string[];
}

export type ClaimDecision =
  | { outcome: 'rejected'; rejection: ClaimRejection }
  | {
      outcome: 'adjudicated';
      /** CLP02: 1/2/3 paid as primary/secondary/tertiary, 4 denied (no line paid). */
      status: ClaimStatus835;
      paidCents: number;
      lines: LineOutcome[];
    };

const STATUS_BY_RESPONSIBILITY: Record<string, ClaimStatus835> = { P: '1', S: '2', T: '3' };

/**
 * Applies a payer's rules to one claim: the first rejection rule that fires (after the built-in balance
 * check, `rejectOutOfBalance`) rejects it; otherwise each
 * line is denied by the first denial rule that fires (its whole charge adjusted with that group and
 * CARC) or paid `paidPercent` of its charge, rounded down to the cent, the remainder to PR (so paid +
 * adjustments = charge exactly). A claim with no paid line is denied (CLP02 4).
 */
export function adjudicate(claim: SimClaim, rules: SimulatorRules): ClaimDecision {
  const r = rulesFor(rules, claim.payer.id);
  for (const rule of [outOfBalance, ...r.rejections]) {
    const rejection = rule(claim);
    if (rejection !== null) return { outcome: 'rejected', rejection };
  }
  const lines = claim.lines.map((line): LineOutcome => {
    for (const rule of r.denials) {
      const denial = rule(line, claim);
      if (denial === null) continue;
      return {
        line,
        paidCents: 0,
        adjustments:
          line.chargeCents === 0
            ? []
            : [{ group: denial.group, reason: denial.reason, amountCents: line.chargeCents }],
        allowedCents: null,
        remarks: denial.remarks ?? [],
      };
    }
    const paid = Math.floor((line.chargeCents * r.paidPercent) / 100);
    const patient = line.chargeCents - paid;
    return {
      line,
      paidCents: paid,
      adjustments: patient === 0 ? [] : [{ group: 'PR', reason: r.patientShareReason, amountCents: patient }],
      allowedCents: line.chargeCents,
      remarks: [],
    };
  });
  let paidCents = 0;
  for (const l of lines) paidCents += l.paidCents;
  const anyPaid = lines.some((l) => l.allowedCents !== null);
  const status = anyPaid ? (STATUS_BY_RESPONSIBILITY[claim.responsibility] ?? '1') : '4';
  return { outcome: 'adjudicated', status, paidCents, lines };
}
