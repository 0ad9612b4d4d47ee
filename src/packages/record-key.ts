// Compact keys for "this path has this content": 53-bit numbers, so a package database of 100k files is a Float64Array, not a Map of strings.

/** 2^32, to split and join 53-bit integers (JS numbers hold them exactly). */
const TWO_32 = 0x1_0000_0000;
const HIGH_BITS = 0x1f_ffff; // 21 bits above the low 32

/** A digest as a key: 53 of its first 64 bits (a digest is uniformly random, so any 53 of its bits will do). */
export function digestKey(digest: Uint8Array): number {
  const high = ((digest[1]! & 0x1f) << 16) | (digest[2]! << 8) | digest[3]!;
  const low = ((digest[4]! << 24) | (digest[5]! << 16) | (digest[6]! << 8) | digest[7]!) >>> 0;
  return high * TWO_32 + low;
}

const HEX: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) table[0x61 + i] = table[0x41 + i] = 10 + i;
  return table;
})();

/** The key of a digest written in hex at `bytes[start..start+16)`; -1 if that is not hex. */
export function hexDigestKey(bytes: Uint8Array, start: number): number {
  const digest = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    const hi = HEX[bytes[start + 2 * i]!]!;
    const lo = HEX[bytes[start + 2 * i + 1]!]!;
    if (hi < 0 || lo < 0) return -1;
    digest[i] = (hi << 4) | lo;
  }
  return digestKey(digest);
}

/** True when `bytes[start..end)` is all hex digits. */
export function isHex(bytes: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (HEX[bytes[i]!]! < 0) return false;
  return true;
}

/**
 * A 53-bit hash of a path's UTF-8 bytes, fed in pieces so database lines need no string decoding:
 * two FNV-1a lanes with different bases and multipliers, each finished with murmur3's fmix32 so
 * paths that differ in their last byte still differ in every output bit.
 */
export class PathHash {
  private a = 0x811c9dc5;
  private b = 0x3b9ac9ff;

  update(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let { a, b } = this;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x5bd1e995);
    }
    this.a = a;
    this.b = b;
    return this;
  }

  /** Adds a "/" (database paths are stored without their leading slash). */
  slash(): this {
    this.a = Math.imul(this.a ^ 0x2f, 0x01000193);
    this.b = Math.imul(this.b ^ 0x2f, 0x5bd1e995);
    return this;
  }

  key(): number {
    return (fmix32(this.b) & HIGH_BITS) * TWO_32 + fmix32(this.a);
  }
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function pathKey(path: string): number {
  return new PathHash().update(Buffer.from(path, 'utf8')).key();
}

/** The record key of a path with a content digest: both keys mixed bit by bit (XOR keeps 53 random bits). */
export function recordKey(path: number, digest: number): number {
  const high = (Math.floor(path / TWO_32) ^ Math.floor(digest / TWO_32)) & HIGH_BITS;
  const low = ((path >>> 0) ^ (digest >>> 0)) >>> 0;
  return high * TWO_32 + low;
}
