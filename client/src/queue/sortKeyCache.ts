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
    for (let i = 0; i < rows.length; i++) key[i] = sortBy.value(rows[i]!) ?? Number.NaN;
    return { rows, key };
  }
  // Collate the distinct values only: a practice has thousands of claims per patient name or payer.
  const texts = new Array<string>(rows.length);
  const distinct = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const text = sortBy.value(rows[i]!);
    texts[i] = text;
    if (text !== '') distinct.add(text);
  }
  const sorted = [...distinct].sort(compareText);
  // Values that collate equal ("smith" and "Smith") share a rank.
  const ranked: string[] = [];
  const rankOf = new Map<string, number>();
  for (const text of sorted) {
    if (ranked.length === 0 || compareText(ranked[ranked.length - 1]!, text) !== 0) ranked.push(text);
    rankOf.set(text, ranked.length - 1);
  }
  for (let i = 0; i < rows.length; i++) key[i] = texts[i] === '' ? Number.NaN : rankOf.get(texts[i]!)!;
  return { rows, key, ranked };
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
