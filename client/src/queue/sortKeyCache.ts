import { collationRanks } from './fastCollation.ts';
import { compareText, type SortKey } from './sortRows.ts';

/** How a column sorts (see `Column.sortBy`). */
export type SortBy<Row> =
  | { type: 'text'; value: (row: Row) => string }
  | { type: 'number'; value: (row: Row) => number | null };

interface Entry<Row> {
  rows: readonly Row[];
  key: SortKey;
  /** Text columns: the distinct values in collation order, one per rank (binary-searched). */
  ranked?: string[];
}

/** Past this share of changed rows a key is rebuilt rather than patched. */
const PATCH_LIMIT = 0.25;

/**
 * Sort keys per column that survive row changes: live updates replace a few rows of a new rows array
 * (a colleague's edit, a decided batch), so the key is patched at the changed indices instead of
 * rebuilt over 100k rows (a text key means a collation sort). A text value never seen before can't
 * take a rank between existing ones, so it makes a rebuild.
 */
export class SortKeyCache<Row> {
  readonly #entries = new Map<string, Entry<Row>>();

  keyFor(columnId: string, rows: readonly Row[], sortBy: SortBy<Row>): SortKey {
    const entry = this.#entries.get(columnId);
    if (entry?.rows === rows) return entry.key;
    const next = (entry && patch(entry, rows, sortBy)) ?? build(rows, sortBy);
    this.#entries.set(columnId, next);
    return next.key;
  }
}

function build<Row>(rows: readonly Row[], sortBy: SortBy<Row>): Entry<Row> {
  const key = new Float64Array(rows.length);
  if (sortBy.type === 'number') {
    numberKeys(rows, sortBy.value, key);
    return { rows, key };
  }
  // Text that is (nearly) all distinct, like claim ids, is ranked row by row: a map of 100k distinct
  // values alone takes ~25 ms. Most text (letters, digits) ranks without collator calls.
  const texts = nearlyDistinct(rows, sortBy.value) ? textsOf(rows, sortBy.value) : null;
  const rankOfRow = texts && collationRanks(texts);
  if (texts && rankOfRow) {
    // '' ranks first when there is one: a blank, not a rank.
    const blanks = texts.includes('') ? 1 : 0;
    rowRanks(rankOfRow, blanks, key);
    return { rows, key, ranked: rankedBy(texts, rankOfRow, blanks) };
  }
  // Collate the distinct values only: a practice has thousands of claims per patient name or payer.
  const distinct: string[] = [];
  textIds(rows, sortBy.value, key, distinct);
  // Texts but no ranks: some text needs the collator, so the distinct values do too.
  const fast = texts ? null : collationRanks(distinct);
  const { rankOfId, ranked } = fast
    ? { rankOfId: fast, ranked: rankedBy(distinct, fast, 0) }
    : collate(distinct);
  idsToRanks(key, rankOfId);
  return { rows, key, ranked };
}

/** Whether hardly any text repeats among up to 1024 rows spread over the column. */
function nearlyDistinct<Row>(rows: readonly Row[], value: (row: Row) => string): boolean {
  const sample = Math.min(rows.length, 1024);
  const step = rows.length / sample;
  const seen = new Set<string>();
  for (let k = 0; k < sample; k++) seen.add(value(rows[Math.floor(k * step)]!));
  // Names that repeat a few times each still fall below this: their map mostly looks up.
  return seen.size >= sample * 0.98;
}

function textsOf<Row>(rows: readonly Row[], value: (row: Row) => string): string[] {
  const texts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) texts[i] = value(rows[i]!);
  return texts;
}

/** Each row's key: its text's rank less the `blanks` ranks below every text, NaN for a blank. */
function rowRanks(rankOfRow: Float64Array, blanks: number, key: SortKey): void {
  for (let i = 0; i < rankOfRow.length; i++) {
    const rank = rankOfRow[i]! - blanks;
    key[i] = rank < 0 ? Number.NaN : rank;
  }
}

/**
 * One value per rank, in rank order (any of those that collate equal: `findRank` can't tell them
 * apart), ranks shifted down by `blanks` and those below 0 left out.
 */
function rankedBy(values: readonly string[], rankOf: Float64Array, blanks: number): string[] {
  const ranked = new Array<string>(values.length).fill('');
  ranked.length = fillRanked(values, rankOf, blanks, ranked);
  return ranked;
}

/** Fills `ranked`; returns how many ranks there are. */
function fillRanked(
  values: readonly string[],
  rankOf: Float64Array,
  blanks: number,
  ranked: string[],
): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const rank = rankOf[i]! - blanks;
    if (rank < 0) continue;
    ranked[rank] = values[i]!;
    count = rank >= count ? rank + 1 : count;
  }
  return count;
}

/** Each distinct value's rank by the collator, and one value per rank (exported: tests compare to it). */
export function collate(distinct: readonly string[]): { rankOfId: Float64Array; ranked: string[] } {
  const byText = Array.from(distinct.keys()).sort((a, b) => compareText(distinct[a]!, distinct[b]!));
  // Values that collate equal ("smith" and "Smith") share a rank.
  const ranked: string[] = [];
  const rankOfId = new Float64Array(distinct.length);
  for (const id of byText) {
    const text = distinct[id]!;
    if (ranked.length === 0 || compareText(ranked[ranked.length - 1]!, text) !== 0) ranked.push(text);
    rankOfId[id] = ranked.length - 1;
  }
  return { rankOfId, ranked };
}

// Each loop over every row is a function that ends with its loop. The engine optimizes a long loop
// while it runs; when that code then reaches an operation never run before (all of them, on a
// column's first build), the engine throws the code away and interprets the rest of the function.

function numberKeys<Row>(rows: readonly Row[], value: (row: Row) => number | null, key: SortKey): void {
  for (let i = 0; i < rows.length; i++) key[i] = value(rows[i]!) ?? Number.NaN;
}

/** Each row's key: its value's first-seen id (one map lookup per row), NaN for ''; `distinct` by id. */
function textIds<Row>(
  rows: readonly Row[],
  value: (row: Row) => string,
  key: SortKey,
  distinct: string[],
): void {
  const idOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const text = value(rows[i]!);
    if (text === '') {
      key[i] = Number.NaN;
      continue;
    }
    let id = idOf.get(text);
    if (id === undefined) {
      id = distinct.length;
      idOf.set(text, id);
      distinct.push(text);
    }
    key[i] = id;
  }
}

/** Each row's first-seen id in `key` replaced by that value's rank. */
function idsToRanks(key: SortKey, rankOfId: Float64Array): void {
  for (let i = 0; i < key.length; i++) {
    const id = key[i]!;
    if (!Number.isNaN(id)) key[i] = rankOfId[id]!;
  }
}

function patch<Row>(entry: Entry<Row>, rows: readonly Row[], sortBy: SortBy<Row>): Entry<Row> | null {
  const old = entry.rows;
  if (rows.length < old.length) return null; // a claim left: indices moved
  const key = new Float64Array(rows.length);
  key.set(entry.key);
  let changed = 0;
  const limit = rows.length * PATCH_LIMIT;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (i < old.length && row === old[i]) continue;
    if (++changed > limit) return null;
    if (sortBy.type === 'number') {
      key[i] = sortBy.value(row) ?? Number.NaN;
      continue;
    }
    const text = sortBy.value(row);
    if (text === '') {
      key[i] = Number.NaN;
      continue;
    }
    const rank = findRank(entry.ranked!, text);
    if (rank < 0) return null;
    key[i] = rank;
  }
  return { rows, key, ranked: entry.ranked };
}

/** The rank of a value among the ranked distinct values, or -1 when it collates with none of them. */
function findRank(ranked: readonly string[], text: string): number {
  let lo = 0;
  let hi = ranked.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareText(ranked[mid]!, text);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
