/** True for a CPT/HCPCS code as claims store it: 5 upper-case letters or digits, e.g. `97153`, `H2019`. */
export function isServiceCode(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}
