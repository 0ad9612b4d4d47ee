// Deterministic builders for secret-shaped test strings. Nothing credential-like is written in the
// repository: every token is a documented prefix joined at runtime to a pseudo-random body drawn
// from a seeded generator, so secret scanners see only short prefixes and code.

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

export const alphabet = {
  alnum: UPPER + LOWER + DIGITS,
  letters: UPPER + LOWER,
  upperAlnum: UPPER + DIGITS,
  lowerAlnum: LOWER + DIGITS,
  hex: '0123456789abcdef',
  digits: DIGITS,
  urlSafe: UPPER + LOWER + DIGITS + '_-',
  base64: UPPER + LOWER + DIGITS + '+/',
  bech32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
} as const;

function hash(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0 || 1;
}

/**
 * `length` characters of `chars`, pseudo-random but fixed for a given seed. No character repeats
 * its neighbour, so filler checks (xxxxxxxx) never fire, and long bodies mix every class.
 */
export function body(chars: string, length: number, seed: string): string {
  let x = hash(`${seed}:${length}:${chars.length}`);
  let out = '';
  while (out.length < length) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const c = chars[x % chars.length] ?? '';
    if (out.endsWith(c)) continue;
    out += c;
  }
  return out;
}

/** A UUID-shaped string (lower-case hex). */
export function uuid(seed: string): string {
  const h = body(alphabet.hex, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Pseudo-random bytes (seeded), with runs of zero bytes as real binary data has. */
export function bytes(length: number, seed: string): Buffer {
  const out = Buffer.alloc(length);
  let x = hash(seed);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = i % 97 < 12 ? 0 : x & 0xff;
  }
  return out;
}

/** Wrap base64 text at `width` like PEM/PGP armour. */
export const wrap = (text: string, width = 64): string => text.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? '';
