// CRC-32 as zlib computes it, for checksummed tokens (Private Packagist).
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../src/secrets/formats/crc32.js';

describe('crc32', () => {
  it.each([
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('of %j is the IEEE check value', (text, expected) => {
    expect(crc32(text)).toBe(expected);
  });
});
