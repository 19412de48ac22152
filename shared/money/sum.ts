import { assertCents, type Cents } from './cents.ts';

/** Sum of integer cents; throws if any value is not integer cents or the total overflows. `sumCents([150, 250])` → 400. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) {
    assertCents(v);
    total += v;
  }
  assertCents(total, 'total');
  return total;
}
