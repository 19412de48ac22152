/**
 * The form of an email address used for uniqueness and lookup, so `Ann@Example.com` and
 * `ann@example.com` are one account. Full Unicode lower-casing (not SQL's ASCII-only NOCASE), so
 * every Storage implementation agrees on which addresses collide.
 */
export function emailKey(email: string): string {
  return email.normalize('NFC').toLowerCase();
}
