/** Most service lines an 837P claim carries (loop 2400 repeats ≤ 50); more is reported, not walked. */
export const MAX_LINES = 50;

/** Most diagnoses an 837P claim carries (HI segments), and so the highest pointer a line may use. */
export const MAX_DIAGNOSES = 12;

/** Most diagnosis pointers one line carries (SV107 has four components). */
export const MAX_POINTERS = 4;

/** Most units one line may bill (the claim schema's bound). */
export const MAX_UNITS = 9999;

/** True for units a line can bill: a whole number from 1 to 9,999. */
export function isBillableUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_UNITS;
}
