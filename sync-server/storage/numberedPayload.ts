/**
 * A synthetic update of `size` bytes (≥ 4) that carries `n` in its first four bytes and a pattern
 * derived from `n` in the rest, so a reader can tell a whole row from a torn or misplaced one.
 * For durability tests and the latency probe; the storage never looks inside updates.
 */
export function numberedPayload(n: number, size = 200): Uint8Array {
  const bytes = new Uint8Array(size);
  new DataView(bytes.buffer).setUint32(0, n);
  for (let k = 4; k < size; k++) bytes[k] = (n + k) & 0xff;
  return bytes;
}

/** The number a numberedPayload carries, or null when the bytes are not an intact payload. */
export function payloadNumber(bytes: Uint8Array): number | null {
  if (bytes.length < 4) return null;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  for (let k = 4; k < bytes.length; k++) if (bytes[k] !== ((n + k) & 0xff)) return null;
  return n;
}
