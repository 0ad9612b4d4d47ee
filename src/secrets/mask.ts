// Turns a raw secret into the only form that may appear in reports, logs or waivers.
import { createHash } from 'node:crypto';
import type { MaskedSecret } from '../core/finding.js';

/** Longest prefix ever shown; short secrets show proportionally less so little of them leaks. */
const MAX_PREVIEW = 4;
/** Public first lines of key blocks: the PEM armour, or PuTTY's header naming the key type. */
const PEM_ARMOUR = /^(?:-----BEGIN [A-Z0-9 ]{1,40}-----|PuTTY-User-Key-File-[1-3]: [A-Za-z0-9@.-]{3,40})/;

/**
 * Mask a secret: a short prefix (at most min(4, floor(length / 4)) characters, so a 7-character
 * password shows one character and a 3-character one shows none), its length, and a truncated
 * SHA-256 fingerprint that is stable across runs so a waiver can name the exact secret.
 */
export function maskSecret(kind: string, secret: string): MaskedSecret {
  const chars = Array.from(secret); // count code points, never split a surrogate pair
  const shown = Math.min(MAX_PREVIEW, Math.floor(chars.length / 4));
  // A PEM block's armour line ("-----BEGIN RSA PRIVATE KEY-----") is public and says
  // what the key is; "----…" would say nothing. The body stays hidden.
  const armour = PEM_ARMOUR.exec(secret)?.[0];
  return {
    kind,
    preview: (armour ?? chars.slice(0, shown).join('')) + '…',
    length: chars.length,
    fingerprint: createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12),
  };
}
