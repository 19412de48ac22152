/**
 * A fast, deterministic 64-bit string hash (two independent 32-bit lanes, cyrb53-style mixing),
 * returned as two unsigned 32-bit halves. Not cryptographic: for stable ids and partition keys.
 */
export function hash64(input: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` Crockford base-32 characters (5 bits each, ≤ 12) of `hash64(input)`. */
export function hashBase32(input: string, length: number): string {
  const [hi, lo] = hash64(input);
  let bits = (BigInt(hi) << 32n) | BigInt(lo);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += CROCKFORD[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out;
}
