// The scan thread writes views of its batch buffer and hands that buffer back (detaching it here)
// once the batch is done; a file can continue in the next batch. Whatever a scanner still holds of
// the earlier chunks (the encoding sniff, a keystore's magic and fields, the bytes kept for the
// package digests) must survive that: keepHeld() copies it. Each case here detaches every chunk's
// memory right after its write, which is what the thread does at a batch's end, at worst after
// every chunk.
import { describe, expect, it } from 'vitest';
import { createFileScanner } from '../../../src/secrets/file-scanner.js';
import { javaKeystore, pkcs12 } from './corpus/places-round-four.js';
import { scanFile } from './fixtures.js';

/** Scans `content` in pieces of `size` bytes, each in memory of its own that is detached after the write. */
function scanDetached(path: string, content: Buffer, size: number): { kinds: string[]; digests: unknown } {
  const scanner = createFileScanner(path, content.length)!;
  for (let at = 0; at < content.length; at += size) {
    const piece = new Uint8Array(new ArrayBuffer(Math.min(size, content.length - at)));
    piece.set(content.subarray(at, at + size));
    const chunk = Buffer.from(piece.buffer, 0, piece.length);
    const more = scanner.write(chunk);
    scanner.keepHeld();
    structuredClone(piece.buffer, { transfer: [piece.buffer] }); // detached, as a transferred batch is
    if (!more) break;
  }
  const matches = scanner.end();
  return { kinds: matches.map((m) => `${m.kind}:${m.secret}`), digests: scanner.digests() };
}

const secretLine = 'aws_secret_access_key = Zk8pQ2xR7vN4mT9wL3hJ6cF1bY5dG0sK2eA8uW4q\n';
const cases: [string, string, Buffer][] = [
  ['a text file', '/app/deploy.env', Buffer.from(`# deploy\n${secretLine}`)],
  ['a UTF-16 text file with a BOM', '/app/settings.ini', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`[aws]\n${secretLine}`, 'utf16le')])],
  ['a PKCS#12 keystore', '/app/keystore.p12', pkcs12('shrouded', 'reuse-a')],
  ['a JKS keystore', '/app/server.jks', javaKeystore([{ tag: 1, alias: 'tomcat', seed: 'reuse-b' }])],
];

describe('chunks whose memory is reused after each write (the scan thread)', () => {
  it.each(cases)('%s: the same findings and digests as from chunks that stay', (_name, path, content) => {
    const expected = scanFile(path, content).map((m) => `${m.kind}:${m.secret}`);
    expect(expected.length).toBeGreaterThan(0);
    for (const size of [1, 3, 7, 31, 33, 500]) {
      const { kinds, digests } = scanDetached(path, content, size);
      expect(kinds, `pieces of ${size} bytes`).toEqual(expected);
      expect(digests).toBeDefined();
    }
  });
});
