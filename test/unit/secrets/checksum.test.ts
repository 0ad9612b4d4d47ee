// GitHub's and npm's token checksum: CRC32 of the random part, base62, in the last 6 characters.
import { describe, expect, it } from 'vitest';
import { base62, hasCrc32Checksum } from '../../../src/secrets/formats/checksum.js';
import { crc32 } from '../../../src/secrets/formats/crc32.js';
import { scanValue } from '../../../src/secrets/index.js';
import { alphabet, body } from './corpus/gen.js';

/** A token with a valid checksum around the given 30-character random part. */
const minted = (prefix: string, random: string): string => prefix + random + base62(crc32(random), 6);

describe('CRC32 token checksum', () => {
  it('computes CRC-32 as zlib does', () => {
    expect(crc32('hello')).toBe(907060870);
    expect(crc32('')).toBe(0);
    expect(base62(61, 3)).toBe('00z');
  });

  it('verifies a minted token and rejects a changed one', () => {
    const token = minted('ghp_', body(alphabet.alnum, 30, 'crc'));
    expect(hasCrc32Checksum(token)).toBe(true);
    expect(hasCrc32Checksum(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBe(false);
  });

  it('reports a checksum-valid token even when its body looks like typed filler', () => {
    const typed = 'abc123xyz'.repeat(4).slice(0, 30);
    for (const prefix of ['ghs_', 'npm_']) {
      const token = minted(prefix, typed);
      expect(scanValue(`TOKEN_VALUE ${token}`).map((m) => m.secret)).toEqual([token]);
      expect(scanValue(`TOKEN_VALUE ${prefix}${typed}zzzzzz`)).toEqual([]);
    }
  });
});
