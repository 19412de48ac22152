// Test fixtures for the posting engine's tests (synthetic values only). Not exported from index.ts.
import type { Claim } from '../domain/claim.ts';
import type { Adjustment, LineAdjudication, Posting } from '../domain/posting.ts';
import { submitted } from '../lifecycle/testClaim.ts';
import type { RemittanceEntry } from './entryProblems.ts';
import { planRemittancePosting, type RemittancePlan } from './planRemittancePosting.ts';

export const AT = '2026-03-10T14:00:00Z';
/** A remittance id as the server makes it: the file's SHA-256, 64 hex digits. */
export const HASH = 'c0ffee'.padEnd(64, '7');
export const OLD_HASH = 'beef01'.padEnd(64, '3');
/** The posting id of entry `i` of the HASH file. */
export const idOf = (i: number, hash = HASH): string => `rem:${hash.slice(0, 48)}:${i}`;

export const co = (reason: string, amountCents: number): Adjustment => ({ group: 'CO', reason, amountCents });
export const pr = (reason: string, amountCents: number): Adjustment => ({ group: 'PR', reason, amountCents });
export const oa = (reason: string, amountCents: number): Adjustment => ({ group: 'OA', reason, amountCents });

/** A CLP for CLM000001: processed as primary, 15000 billed, 11000 paid, 4000 CO-45, ICN 26001000001. */
export function entry(over: Partial<RemittanceEntry> = {}): RemittanceEntry {
  return {
    patientControlNumber: 'CLM000001',
    statusCode: '1',
    chargeCents: 15000,
    paidCents: 11000,
    patientResponsibilityCents: 0,
    allowedCents: null,
    payerClaimControlNumber: '26001000001',
    adjustments: [co('45', 4000)],
    remarks: [],
    lines: [],
    ...over,
  };
}

/** The CLP02 22 that exactly undoes `e` (every amount negated). */
export function reversalOf(e: RemittanceEntry): RemittanceEntry {
  const neg = (a: Adjustment): Adjustment => ({ ...a, amountCents: -a.amountCents });
  return {
    ...e,
    statusCode: '22',
    chargeCents: -e.chargeCents,
    paidCents: -e.paidCents,
    patientResponsibilityCents: -e.patientResponsibilityCents,
    allowedCents: e.allowedCents === null ? null : -e.allowedCents,
    adjustments: e.adjustments.map(neg),
    lines: e.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map(neg),
    })),
  };
}

export function line(
  lineNo: number,
  serviceCode: string,
  chargeCents: number,
  paidCents: number,
  adjustments: Adjustment[],
): LineAdjudication {
  return { lineNo, serviceCode, chargeCents, paidCents, units: 1, adjustments };
}

/** An adjudication already on a claim, as an earlier remittance (OLD_HASH, entry `i`) posted it. */
export function earlierAdjudication(
  i: number,
  paidCents: number,
  adjustments: Adjustment[],
  icn = '26001000001',
  payerId = 'payer-1',
): Posting {
  return {
    id: idOf(i, OLD_HASH),
    at: '2026-03-01T12:00:00Z',
    kind: 'adjudication',
    payerId,
    allowedCents:
      paidCents + adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amountCents, 0),
    paidCents,
    adjustments,
    remarks: [],
    lines: [],
    payerClaimControlNumber: icn,
    source: { kind: 'remittance', remittanceId: OLD_HASH },
  };
}

/** A Submitted claim (15000 billed, payer-1) with `over` laid over it. */
export const claim = (over: Partial<Claim> = {}): Claim => submitted(over);

/** A second line for two-line claims: 2 units × 2500 of 97155. */
export const secondLine: Claim['lines'][number] = {
  lineNo: 2,
  serviceCode: '97155',
  modifiers: [],
  units: 2,
  minutes: 30,
  rateCents: 2500,
  chargeCents: 5000,
  diagnosisPointers: [1],
  dateOfService: '2026-02-20',
  authorizationId: null,
};

/** Plan `entries` of a payer-1 file against `claims` (matched by id), at AT. */
export function plan(
  entries: RemittanceEntry[],
  claims: Claim[],
  payerId: string | null = 'payer-1',
  remittanceId = HASH,
): RemittancePlan {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return planRemittancePosting({
    remittanceId,
    payerId,
    claimPayments: entries,
    findClaim: (pcn) => byId.get(pcn),
    at: AT,
  });
}

/** The postable plan, or a thrown error naming the problems. */
export function postable(p: RemittancePlan): Extract<RemittancePlan, { postable: true }> {
  if (!p.postable)
    throw new Error(`expected a postable plan, got ${p.problems.map((x) => x.code).join(', ')}`);
  return p;
}
