/**
 * `compareText` ranks without calling the collator: sorting 100k distinct claim ids with
 * `Intl.Collator.compare` takes ~200 ms, and any comparison sort of that many strings in JS ~100 ms.
 * For text whose collation is simple (ASCII letters, digits, space, '-'), each value's first few
 * collation symbols are packed into a 64-bit integer next to its index and the integers are sorted
 * natively (no comparator calls); only values whose packed symbols tie are compared in JS.
 *
 * At `sensitivity: 'base'` the collator compares primary weights only, so a value collates as a
 * sequence of symbols: space < '-' < a number (a digit run, by value, leading zeros ignored) <
 * letters (case ignored), a shorter prefix first. sortKeyCache.ts collates other text.
 */

// Symbol codes, 6 bits each. 0 pads a value that ended, below every symbol. A number is
// NUMBER + its count of significant digits, then those digits as 1..10: more digits is larger, and
// equally long numbers compare digit by digit. Digit codes only ever meet digit codes of a number
// of the same length, so they may share codes with other symbols, but not the padding's 0.
const BITS = 6;
const SPACE = 1;
const HYPHEN = 2;
const NUMBER = 3;
/** Numbers of this many digits or more share one code; packing stops after it (a tie, compared). */
const LONG = 34;
const LETTER = NUMBER + LONG + 1; // 'a'..'z' = 38..63
/** A char code's class in TABLE besides symbol codes: a digit starts a number. */
const DIGIT = 255;
/** A char outside the supported subset (a native regex checks 100k values faster than a JS loop). */
const OTHER = /[^A-Za-z0-9 -]/;
/**
 * Longer digit runs are left to the collator: ICU compares runs of more than 254 significant digits
 * in pieces, not by value (counted with leading zeros here, which only makes it cautious).
 */
const MAX_RUN = 254;
/** Values past this leave too few bits for symbols next to the index. */
const MAX_VALUES = 1 << 24;
/** Which 32-bit half of a 64-bit integer comes first in memory on this platform. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

const TABLE = new Uint8Array(128);
TABLE[32] = SPACE;
TABLE[45] = HYPHEN;
for (let c = 48; c <= 57; c++) TABLE[c] = DIGIT;
for (let c = 0; c < 26; c++) {
  TABLE[65 + c] = LETTER + c;
  TABLE[97 + c] = LETTER + c;
}

/**
 * The dense rank of each value in `compareText` order (values that collate equal share a rank, and
 * values may repeat), or null when some value holds a character outside the supported subset (the
 * caller then collates). Empty strings are allowed and rank first.
 */
export function collationRanks(values: readonly string[]): Float64Array | null {
  const n = values.length;
  const common = n > MAX_VALUES ? -1 : scan(values);
  if (common < 0) return null;
  const layout = new Layout(n);
  const packed = new BigUint64Array(n);
  const words = new Uint32Array(packed.buffer);
  pack(values, wholeSymbols(values[0] ?? '', common), layout, words);
  // Plain integers: the engine sorts them natively, without a comparator.
  packed.sort();
  const order = new Uint32Array(n);
  const same = new Uint8Array(n);
  const ties = new Uint32Array(n);
  const tied = unpack(words, layout, order, same, ties);
  if (tied > 0) sortTies(values, order, same, ties, tied);
  const rank = new Float64Array(n);
  ranks(order, same, rank);
  return rank;
}

/**
 * A packed 64-bit integer: the high word holds `high` symbols; the low word `low` symbols, then a bit
 * set when the value goes on past them (so values that pack alike and both end are equal, with no
 * comparison), then the value's index (`indexBits` bits), which recovers the value after sorting.
 */
class Layout {
  readonly indexBits: number;
  readonly high = Math.floor(32 / BITS);
  readonly low: number;
  constructor(n: number) {
    this.indexBits = Math.max(1, Math.ceil(Math.log2(n)));
    // At most 8 symbols in all: `pack` adds them up in a double, exact to 53 bits.
    this.low = Math.min(3, Math.floor((31 - this.indexBits) / BITS));
  }
}

// Each loop over every value is a function that ends with its loop (see sortKeyCache.ts: code that
// reaches an operation never run before is thrown away mid-loop on a column's first build).

/**
 * How many leading chars all values share (case folded), or -1 when some value has a char outside
 * the supported subset or too long a digit run. Those shared chars decide nothing.
 */
function scan(values: readonly string[]): number {
  const first = values[0] ?? '';
  let common = first.length;
  for (let v = 0; v < values.length; v++) {
    const s = values[v]!;
    // Only a long value can hold a long run: short ones skip counting runs.
    if (OTHER.test(s) || (s.length > MAX_RUN && longestRun(s) > MAX_RUN)) return -1;
    const most = s.length < common ? s.length : common;
    let k = 0;
    // Among supported chars, setting bit 5 folds case and keeps any other char (each digit) as is.
    while (k < most && (s.charCodeAt(k) | 32) === (first.charCodeAt(k) | 32)) k++;
    common = k;
  }
  return common;
}

function longestRun(s: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = isDigit(s.charCodeAt(i)) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A shared prefix short of a digit run it ends in: a number's first symbol counts all its digits. */
function wholeSymbols(first: string, common: number): number {
  let end = common;
  while (end > 0 && TABLE[first.charCodeAt(end - 1)] === DIGIT) end--;
  return end;
}

/** Powers of 64: what pads an integer that ran out of symbols with 0 codes. */
const PAD = Array.from({ length: 9 }, (_, k) => 2 ** (BITS * k));

/**
 * Each value's first symbols from char `from` on, and its index, into `words` (two per value, as the
 * platform orders a 64-bit integer). Assumes `scan` accepted the values.
 */
function pack(values: readonly string[], from: number, layout: Layout, words: Uint32Array): void {
  const { indexBits, high, low } = layout;
  const symbols = high + low;
  const lowSpan = PAD[low]!;
  for (let v = 0; v < values.length; v++) {
    const s = values[v]!;
    const len = s.length;
    let acc = 0;
    let k = 0;
    let i = from;
    while (k < symbols && i < len) {
      const code = TABLE[s.charCodeAt(i)]!;
      if (code !== DIGIT) {
        acc = acc * 64 + code;
        k++;
        i++;
        continue;
      }
      // Leading zeros don't count ('a01' collates as 'a1'); all zeros is the number 0, no digits.
      while (i < len && s.charCodeAt(i) === 48) i++;
      let end = i;
      while (end < len && isDigit(s.charCodeAt(end))) end++;
      const digits = end - i;
      acc = acc * 64 + NUMBER + (digits < LONG ? digits : LONG);
      k++;
      // A long number's digits don't line up with another long one's: stop here, a tie to compare.
      if (digits >= LONG) break;
      for (; i < end && k < symbols; i++, k++) acc = acc * 64 + s.charCodeAt(i) - 47;
    }
    acc *= PAD[symbols - k]!;
    const hi = Math.floor(acc / lowSpan);
    const more = i < len ? 1 : 0;
    words[2 * v + HIGH] = hi;
    words[2 * v + LOW] = ((((acc - hi * lowSpan) << 1) | more) << indexBits) | v;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The sorted indices into `order`; `same[i]` is 1 when value `order[i]` packed like the one before
 * it. Both ended within the packed symbols then, so they are equal, or else both go on (a tie, maybe
 * equal): `ties` lists those positions. Returns how many.
 */
function unpack(
  words: Uint32Array,
  layout: Layout,
  order: Uint32Array,
  same: Uint8Array,
  ties: Uint32Array,
): number {
  const { indexBits } = layout;
  const mask = 2 ** indexBits - 1;
  let tied = 0;
  let hi = -1;
  let lo = -1;
  for (let i = 0; i < order.length; i++) {
    const w = words[2 * i + LOW]!;
    const nextHi = words[2 * i + HIGH]!;
    const nextLo = w >>> indexBits;
    // Branch-free: a branch first taken at a rare tie would throw the loop's optimized code away.
    const tie = +(nextHi === hi && nextLo === lo);
    same[i] = tie;
    ties[tied] = i;
    tied += tie & nextLo;
    hi = nextHi;
    lo = nextLo;
    order[i] = w & mask;
  }
  return tied;
}

/** Each run of tied values sorted by `compareSupported`, and `same` set for the ones really equal. */
function sortTies(
  values: readonly string[],
  order: Uint32Array,
  same: Uint8Array,
  ties: Uint32Array,
  tied: number,
): void {
  const compare = (a: number, b: number) => compareSupported(values[a]!, values[b]!);
  let t = 0;
  while (t < tied) {
    // A run: the position before the first tie, up to the last tie in a row.
    const lo = ties[t]! - 1;
    let hi = ties[t]! + 1;
    while (++t < tied && ties[t] === hi) hi++;
    const ids = Array.from(order.subarray(lo, hi)).sort(compare);
    order.set(ids, lo);
    for (let i = lo + 1; i < hi; i++) same[i] = +(compare(order[i - 1]!, order[i]!) === 0);
  }
}

/** Dense ranks in sorted order: a value equal to the one before it takes its rank. */
function ranks(order: Uint32Array, same: Uint8Array, rank: Float64Array): void {
  let r = -1;
  for (let i = 0; i < order.length; i++) {
    r += 1 - same[i]!;
    rank[order[i]!] = r;
  }
}

/** `compareText`'s order (sign only) for two supported values. */
export function compareSupported(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = TABLE[a.charCodeAt(i)]!;
    const cb = TABLE[b.charCodeAt(j)]!;
    if (ca !== DIGIT || cb !== DIGIT) {
      // A number against anything else: numbers go between '-' and letters.
      const d = (ca === DIGIT ? NUMBER : ca) - (cb === DIGIT ? NUMBER : cb);
      if (d !== 0) return d;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    let endA = i;
    while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
    let endB = j;
    while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
    if (endA - i !== endB - j) return endA - i - (endB - j);
    for (; i < endA; i++, j++) {
      const d = a.charCodeAt(i) - b.charCodeAt(j);
      if (d !== 0) return d;
    }
  }
  return a.length - i - (b.length - j);
}
