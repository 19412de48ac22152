import type { Claim } from '../../shared/domain/claim.ts';
import type { SyntheticPractice } from '../../shared/synthetic/generateSyntheticPractice.ts';
import { type Remit835Claim, type Remit835Payment, write835 } from '../../shared/x12/ack/write835.ts';

export interface RemittanceOptions {
  /** CLP01 for a claim (default its id; a test can cut it short, as payers sometimes do). */
  patientControlNumber?: (claim: Claim) => string;
  /** What the payer pays of a line, in cents (default all); the rest is PR-2 coinsurance. */
  paid?: (chargeCents: number) => number;
  /** CLP07 for a claim (default `ICN` + its id). */
  payerClaimControlNumber?: (claim: Claim) => string;
  trace?: string;
}

/**
 * A synthetic 835 from the practice's payers paying `claims`, one payment per payer, written by the
 * project's own writer (for tests and benchmarks): each line paid as `paid` says, the rest PR-2.
 */
export function remittanceFor(
  practice: Pick<SyntheticPractice, 'payers' | 'practice'>,
  claims: readonly Claim[],
  options: RemittanceOptions = {},
): string {
  const payers = new Map(practice.payers.map((p) => [p.id, p]));
  const paidOf = options.paid ?? ((charge: number) => charge);
  const byPayer = new Map<string, Remit835Claim[]>();
  for (const c of claims) {
    const lines = c.lines.map((l) => {
      const paid = paidOf(l.chargeCents);
      return {
        procedure: l.serviceCode,
        modifiers: l.modifiers,
        chargeCents: l.chargeCents,
        paidCents: paid,
        units: l.units,
        serviceDate: l.dateOfService,
        adjustments:
          l.chargeCents > paid
            ? [{ group: 'PR' as const, reason: '2', amountCents: l.chargeCents - paid }]
            : [],
      };
    });
    const list = byPayer.get(c.payerId) ?? [];
    list.push({
      patientControlNumber: options.patientControlNumber?.(c) ?? c.id,
      status: '1',
      chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
      paidCents: lines.reduce((s, l) => s + l.paidCents, 0),
      filingIndicator: '12',
      payerClaimControlNumber: options.payerClaimControlNumber?.(c) ?? `ICN${c.id}`,
      placeOfService: c.placeOfService,
      frequency: '1',
      patient: { first: 'TEST', last: 'PATIENT', memberId: 'M0000001' },
      lines,
    });
    byPayer.set(c.payerId, list);
  }
  const payments: Remit835Payment[] = [...byPayer].map(([payerId, list], i) => ({
    payer: {
      name: payers.get(payerId)?.name ?? payerId,
      identifier: `1${String(100000000 + i)}`,
      address: { line1: 'PO Box 1', city: 'Austin', state: 'TX', zip: '78701' },
      contact: { name: 'EDI', phone: '5125550100' },
    },
    payee: { name: 'Practice', npi: practice.practice.billingProvider.npi },
    // X12: NON when nothing is paid.
    method: list.some((c) => c.paidCents > 0) ? 'CHK' : 'NON',
    traceNumber: `${options.trace ?? 'TEST'}${i + 1}`,
    paymentDate: '2026-11-30',
    claims: list,
  }));
  return write835({
    sender: { qualifier: '30', id: '330897513', gsCode: 'OA' },
    receiver: { qualifier: 'ZZ', id: 'PRACTICE' },
    interchangeControlNumber: 1,
    groupControlNumber: 1,
    usage: 'T',
    at: '2026-11-30T12:00:00Z',
    payments,
  }).text;
}
