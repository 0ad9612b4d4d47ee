// The checksum GitHub (and npm, with the same scheme) puts in its tokens: the last six characters
// are the CRC32 of the 30 random characters before them, in base62 (0-9A-Za-z), zero-padded.
// Reference: GitHub blog, "Behind GitHub's new authentication token formats" (2021: "a 32-bit
// checksum in the last 6 characters") and GitHub changelog "npm has a new access token format".

import { crc32 } from './crc32.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base62, left-padded with "0" to `width` characters. */
export function base62(value: number, width: number): string {
  let out = '';
  for (let v = value; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

/** True when the 36 characters after a 4-character prefix (ghp_, npm_) end in their CRC32. */
export function hasCrc32Checksum(token: string, prefixLength = 4): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
