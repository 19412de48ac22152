import { serviceCatalogEntries } from '../claims/serviceCatalog.ts';
import type { FeeScheduleEntry } from '../domain/feeSchedule.ts';
import type { IsoDate } from '../domain/primitives.ts';
import { applyBasisPoints } from '../money/basisPoints.ts';
import { addDays } from '../util/dates.ts';
import type { SyntheticPayer } from './syntheticReference.ts';

/** The practice's base rate per unit (cents) for every catalog code, before each payer's level. */
export const baseRateCents: Readonly<Record<string, number>> = {
  '97151': 3000,
  '97152': 1500,
  '97153': 1500,
  '97154': 600,
  '97155': 2500,
  '97156': 2500,
  '97157': 800,
  '97158': 900,
  '0362T': 3000,
  '0373T': 3000,
  '97110': 3200,
  '97112': 3600,
  '97140': 3000,
  '97530': 3800,
  '92507': 9500,
  '97161': 10000,
  '97162': 11000,
  '97163': 12000,
  '90791': 18000,
  '90832': 7500,
  '90834': 11000,
  '90837': 16000,
  '90846': 10000,
  '90847': 11000,
  '98940': 3500,
  '98941': 4800,
  '98942': 6000,
  '99202': 7500,
  '99203': 11500,
  '99204': 17000,
  '99205': 22500,
  '99212': 6000,
  '99213': 9500,
  '99214': 13500,
  '99215': 19000,
};

// Medicaid pays ABA by the rendering level: HN bachelor's, HO master's, HP doctoral (basis points of base).
const abaLevelBasisPoints: readonly (readonly [string, number])[] = [
  ['HN', 8500],
  ['HO', 10000],
  ['HP', 11500],
];

const PT_CODES = new Set(['97110', '97112', '97140', '97530', '97161', '97162', '97163']);
// One commercial payer has no rate for the group codes: those claims show "rate missing" in the scrubber.
const UNPRICED: Readonly<Record<string, ReadonlySet<string>>> = { 'py-cigna': new Set(['97154', '97158']) };

/** The date each payer's rates changed: spread over the 180 days before `asOf`, one payer after another. */
export function rateChangeDate(asOf: IsoDate, payerIndex: number): IsoDate {
  return addDays(asOf, -(60 + 15 * payerIndex));
}

interface Variant {
  modifiers: string[];
  rateCents: number;
}

function variantsFor(p: SyntheticPayer, code: string, category: string): Variant[] {
  const rate = applyBasisPoints(baseRateCents[code] ?? 0, p.rateBasisPoints, 'floor');
  const indicator = p.payer.claimFilingIndicator;
  if (category === 'aba' && indicator === 'MC') {
    return [
      { modifiers: [], rateCents: rate },
      ...abaLevelBasisPoints.map(([m, bp]) => ({
        modifiers: [m],
        rateCents: applyBasisPoints(rate, bp, 'floor'),
      })),
    ];
  }
  // Medicare prices outpatient therapy only under the GP (physical therapy plan of care) modifier.
  if (indicator === 'MB' && PT_CODES.has(code)) return [{ modifiers: ['GP'], rateCents: rate }];
  return [{ modifiers: [], rateCents: rate }];
}

/**
 * Every payer × code (× modifier variant) rate, each in two effective-dated pieces: the old rate from
 * two years back until the payer's change date, and a raised rate (2.5–6 %, floored to the cent) since.
 * Medicare has no ABA rates (it doesn't cover ABA).
 */
export function syntheticFeeSchedule(payers: readonly SyntheticPayer[], asOf: IsoDate): FeeScheduleEntry[] {
  const longAgo = `${Number(asOf.slice(0, 4)) - 2}-01-01`;
  const entries: FeeScheduleEntry[] = [];
  payers.forEach((p, payerIndex) => {
    const change = rateChangeDate(asOf, payerIndex);
    const dayBefore = addDays(change, -1);
    const raiseBasisPoints = 10000 + 250 + 50 * payerIndex;
    const key = p.payer.id.replace(/^py-/, '');
    for (const { code, category } of serviceCatalogEntries) {
      if (category === 'aba' && p.payer.claimFilingIndicator === 'MB') continue;
      if (UNPRICED[p.payer.id]?.has(code)) continue;
      for (const v of variantsFor(p, code, category)) {
        const idBase = `fee-${key}-${code}${v.modifiers.length > 0 ? `-${v.modifiers.join('')}` : ''}`;
        entries.push({
          id: `${idBase}-1`,
          payerId: p.payer.id,
          serviceCode: code,
          modifiers: v.modifiers,
          rateCents: v.rateCents,
          effectiveFrom: longAgo,
          effectiveTo: dayBefore,
        });
        entries.push({
          id: `${idBase}-2`,
          payerId: p.payer.id,
          serviceCode: code,
          modifiers: v.modifiers.slice(),
          rateCents: applyBasisPoints(v.rateCents, raiseBasisPoints, 'floor'),
          effectiveFrom: change,
        });
      }
    }
  });
  return entries;
}
