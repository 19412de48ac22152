import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The fingerprint of an SSH public key blob (the wire-format key the server presents), in the form
 * `ssh-keygen -l` and `ssh-keyscan HOST | ssh-keygen -lf -` print: `SHA256:` + unpadded base64. Pinning
 * this form lets an administrator compare it with what the clearinghouse publishes.
 */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The 32 digest bytes of a pinned fingerprint written as `SHA256:…` or bare base64 (padding optional),
 * or null when it is not a SHA-256 fingerprint.
 */
export function parseFingerprint(text: string): Buffer | null {
  const body = text.trim().replace(/^SHA256:/i, '');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(body)) return null;
  const digest = Buffer.from(body, 'base64');
  return digest.length === 32 ? digest : null;
}

/** Whether a presented key blob matches the pinned fingerprint (which must parse). */
export function hostKeyMatches(keyBlob: Buffer, pinned: Buffer): boolean {
  return timingSafeEqual(createHash('sha256').update(keyBlob).digest(), pinned);
}
