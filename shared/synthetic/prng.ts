import { hash64 } from '../util/hash.ts';

const TWO_POW_32 = 4294967296;

/**
 * A seeded pseudo-random generator (sfc32: small, fast, passes PractRand to 2^64 bytes). Pure: the same
 * seed and stream give the same sequence on every machine, which is what makes the synthetic practice
 * reproducible. Not for anything security-related.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from four 32-bit words; prefer `createPrng`. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    // Discard the first outputs: sfc32 mixes weak seeds poorly at first.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** The next unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in [min, max] (inclusive); spans up to 2^21 are exact. `int(1, 6)` is a die. */
  int(min: number, max: number): number {
    return min + Math.floor((this.nextU32() / TWO_POW_32) * (max - min + 1));
  }

  /** True with probability `basisPoints` / 10000 (integer odds, e.g. 3000 = 30 %). */
  chance(basisPoints: number): boolean {
    return this.int(0, 9999) < basisPoints;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** One element of a weighted table (see `weightedTable`). */
  pickWeighted<T>(table: WeightedTable<T>): T {
    const r = this.int(0, table.total - 1);
    const { cumulative, items } = table;
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return items[i]!;
    return items[items.length - 1]!;
  }
}

/** Items with integer weights, prepared once for repeated weighted picks. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Prepare `[item, weight]` pairs (positive integer weights) for `Prng.pickWeighted`. */
export function weightedTable<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of pairs) {
    if (!Number.isInteger(weight) || weight <= 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (total === 0) throw new RangeError('a weighted table needs at least one positive weight');
  return { items, cumulative, total };
}

/**
 * An independent generator for one part of the synthetic practice (`stream` names the part), so that
 * e.g. the payers stay the same when only the number of claims changes.
 * @example createPrng(42, 'clients').int(1, 6)
 */
export function createPrng(seed: number, stream: string): Prng {
  const [a, b] = hash64(`${seed}/${stream}`);
  const [c, d] = hash64(`${stream}#${seed}`);
  return new Prng(a, b, c, d);
}
