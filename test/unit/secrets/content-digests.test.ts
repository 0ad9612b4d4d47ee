// Content digests of scanned files: only for files with matches, equal to MD5/SHA-1 of every byte however it was chunked.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestKey } from '../../../src/packages/record-key.js';
import { HOLD_LIMIT } from '../../../src/secrets/content-digests.js';
import { createFileScanner } from '../../../src/secrets/index.js';
import { fake } from './fixtures.js';

function scan(content: Buffer, chunk: number, options = {}) {
  const scanner = createFileScanner('/app/notes.txt', content.length, options)!;
  for (let at = 0; at < content.length; at += chunk) scanner.write(content.subarray(at, at + chunk));
  return { matches: scanner.end(), digests: scanner.digests() };
}

const expected = (content: Buffer) => ({
  md5: digestKey(createHash('md5').update(content).digest()),
  sha1: digestKey(createHash('sha1').update(content).digest()),
  sha256: digestKey(createHash('sha256').update(content).digest()),
});

describe('content digests of scanned files', () => {
  const small = Buffer.from(`café = 1\ntoken=${fake.github()}\n\u00ff\u0100 bytes beyond ASCII\n`);

  it.each([1, 5, 4096])('are those of the raw bytes for a file with matches (%i-byte chunks)', (chunk) => {
    const { matches, digests } = scan(small, chunk);
    expect(matches).toHaveLength(1);
    expect(digests).toEqual(expected(small));
  });

  it('are not computed for a file without matches, nor when not asked for', () => {
    expect(scan(Buffer.from('nothing to see\n'), 4).digests).toBeUndefined();
    expect(scan(small, 7, { digests: false }).digests).toBeUndefined();
  });

  it('cover a file larger than what is held, whose match comes last', () => {
    const filler = Buffer.alloc(HOLD_LIMIT + 12345, 'lorem ipsum\n');
    const big = Buffer.concat([filler, Buffer.from(`NPM_TOKEN=${fake.npm()}\n`)]);
    const { matches, digests } = scan(big, 65536);
    expect(matches).toHaveLength(1);
    expect(digests).toEqual(expected(big));
  });
});
