import { formatCents } from '../../../shared/money/format.ts';

/** A claim as far as totals go: its payer, billed amount (integer cents) and units. */
export interface TotalInput {
  payerId: string;
  chargeCents: number;
  units: number;
}

export interface PayerTotal {
  payerId: string;
  payerName: string;
  claimCount: number;
  units: number;
  totalCents: number;
  /** "$1,234.50" */
  total: string;
}

export interface Totals {
  claimCount: number;
  units: number;
  totalCents: number;
  total: string;
  /** One row a payer, by name. */
  byPayer: PayerTotal[];
}

/** The name a payer id shows as: its name from reference data, else the id (never blank). */
export function payerNameOf(payerNames: ReadonlyMap<string, string>, payerId: string): string {
  return payerNames.get(payerId) ?? payerId;
}

/** Claim count, units and billed total, overall and by payer (integer cents throughout). */
export function computeTotals(claims: Iterable<TotalInput>, payerNames: ReadonlyMap<string, string>): Totals {
  const byPayer = new Map<string, PayerTotal>();
  let claimCount = 0;
  let units = 0;
  let totalCents = 0;
  for (const c of claims) {
    claimCount += 1;
    units += c.units;
    totalCents += c.chargeCents;
    let p = byPayer.get(c.payerId);
    if (!p) {
      p = {
        payerId: c.payerId,
        payerName: payerNameOf(payerNames, c.payerId),
        claimCount: 0,
        units: 0,
        totalCents: 0,
        total: '',
      };
      byPayer.set(c.payerId, p);
    }
    p.claimCount += 1;
    p.units += c.units;
    p.totalCents += c.chargeCents;
  }
  const rows = [...byPayer.values()];
  for (const p of rows) p.total = formatCents(p.totalCents);
  rows.sort((a, b) => a.payerName.localeCompare(b.payerName) || a.payerId.localeCompare(b.payerId));
  return { claimCount, units, totalCents, total: formatCents(totalCents), byPayer: rows };
}

/** "1 claim" / "1,204 claims". */
export function claimsText(n: number): string {
  return `${n.toLocaleString('en-US')} claim${n === 1 ? '' : 's'}`;
}

/** "3 claims · $450.00": a batch or selection in one line. */
export function summaryText(claimCount: number, totalCents: number): string {
  return `${claimsText(claimCount)} · ${formatCents(totalCents)}`;
}
