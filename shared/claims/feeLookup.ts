import type { FeeScheduleEntry } from '../domain/feeSchedule.ts';
import type { IsoDate } from '../domain/primitives.ts';

/** What a rate is looked up by: payer × code × modifiers, on a date of service. */
export interface FeeQuery {
  payerId: string;
  serviceCode: string;
  modifiers: readonly string[];
  dateOfService: IsoDate;
}

type ByModifiers = Map<string, FeeScheduleEntry[]>;

/** Entries grouped by payer, then code, then modifier set, newest first; built once, read per line. */
export interface FeeIndex {
  readonly byPayer: ReadonlyMap<
    string,
    ReadonlyMap<string, ReadonlyMap<string, readonly FeeScheduleEntry[]>>
  >;
}

/** Modifiers as a set: de-duplicated and ordered, so `['GP','59']` and `['59','GP']` match the same rates. */
export function modifierSetKey(modifiers: readonly string[]): string {
  if (modifiers.length === 0) return '';
  if (modifiers.length === 1) return modifiers[0]!;
  return Array.from(new Set(modifiers)).sort().join(',');
}

// Latest effectiveFrom first; equal starts fall back to the id so every replica picks the same entry.
function newestFirst(a: FeeScheduleEntry, b: FeeScheduleEntry): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Index a fee schedule for fast lookups: nested maps, so pricing a line builds no key strings. */
export function createFeeIndex(entries: readonly FeeScheduleEntry[]): FeeIndex {
  const byPayer = new Map<string, Map<string, ByModifiers>>();
  for (const e of entries) {
    let byCode = byPayer.get(e.payerId);
    if (byCode === undefined) {
      byCode = new Map();
      byPayer.set(e.payerId, byCode);
    }
    let byModifiers = byCode.get(e.serviceCode);
    if (byModifiers === undefined) {
      byModifiers = new Map();
      byCode.set(e.serviceCode, byModifiers);
    }
    const modKey = modifierSetKey(e.modifiers);
    const list = byModifiers.get(modKey);
    if (list === undefined) byModifiers.set(modKey, [e]);
    else list.push(e);
  }
  for (const byCode of byPayer.values()) {
    for (const byModifiers of byCode.values())
      for (const list of byModifiers.values()) list.sort(newestFirst);
  }
  return { byPayer };
}

function effectiveOn(list: readonly FeeScheduleEntry[] | undefined, date: IsoDate): FeeScheduleEntry | null {
  if (list === undefined) return null;
  for (const e of list) {
    if (e.effectiveFrom <= date && (e.effectiveTo === undefined || date <= e.effectiveTo)) return e;
  }
  return null;
}

/**
 * The fee schedule entry that prices a line: the rate for exactly these modifiers (as a set) in effect on
 * the date of service; when there is none in effect, the payer's rate for the code with no modifiers;
 * among candidates, the latest `effectiveFrom` on or before the date whose `effectiveTo` (inclusive) has
 * not passed. Null when nothing matches.
 */
export function lookupFeeEntry(index: FeeIndex, query: FeeQuery): FeeScheduleEntry | null {
  const byModifiers = index.byPayer.get(query.payerId)?.get(query.serviceCode);
  if (byModifiers === undefined) return null;
  const modKey = modifierSetKey(query.modifiers);
  const exact = effectiveOn(byModifiers.get(modKey), query.dateOfService);
  if (exact !== null || modKey === '') return exact;
  return effectiveOn(byModifiers.get(''), query.dateOfService);
}

/**
 * Rate per unit in cents for a line, or null when the payer has no rate for it on that date.
 * @example lookupRateCents(createFeeIndex(schedule), { payerId: 'py-1', serviceCode: '97153', modifiers: ['HN'], dateOfService: '2026-05-04' }) // → 1650
 */
export function lookupRateCents(index: FeeIndex, query: FeeQuery): number | null {
  return lookupFeeEntry(index, query)?.rateCents ?? null;
}
