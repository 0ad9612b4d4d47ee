// Text encodings before scanning: UTF-16 LE/BE with or without BOM, UTF-8 BOM; any chunking gives
// the same matches and line numbers; binary files are still skipped.
import { describe, expect, it } from 'vitest';
import { sniffEncoding } from '../../../src/secrets/text-encoding.js';
import { createFileScanner, type SecretMatch } from '../../../src/secrets/index.js';
import { fake } from './fixtures.js';

const text = `# deploy\r\n\r\n$token = "${fake.github()}"\r\nWrite-Host "caf\u00e9 \u2713"\r\n$npm = "${fake.npm()}"\r\n`;
const encodings: Record<string, Buffer> = {
  'utf16le+bom': Buffer.from(`\ufeff${text}`, 'utf16le'),
  utf16le: Buffer.from(text, 'utf16le'),
  'utf16be+bom': Buffer.from(`\ufeff${text}`, 'utf16le').swap16(),
  utf16be: Buffer.from(text, 'utf16le').swap16(),
  'utf8+bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
};

function scan(bytes: Buffer, chunk: number): string[] {
  const scanner = createFileScanner('/opt/deploy.ps1', bytes.length)!;
  for (let at = 0; at < bytes.length; at += chunk) if (!scanner.write(bytes.subarray(at, at + chunk))) break;
  return scanner.end().map((m: SecretMatch) => `${m.kind}@${m.line}:${m.secret}`);
}

describe('text encodings', () => {
  const expected = [`github-token@3:${fake.github()}`, `npm-token@5:${fake.npm()}`];
  it.each(Object.keys(encodings))('%s: same matches and lines with any chunking', (name) => {
    for (const chunk of [1, 3, 64, 1 << 20]) expect(scan(encodings[name]!, chunk), `${name} chunk ${chunk}`).toEqual(expected);
  });

  it('sniffs encodings, and leaves binary alone', () => {
    expect(sniffEncoding(encodings.utf16le!)).toBe('utf16le');
    expect(sniffEncoding(encodings.utf16be!)).toBe('utf16be');
    expect(sniffEncoding(Buffer.from('plain text'))).toBe('bytes');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from(`x=${fake.github()}`)]);
    expect(sniffEncoding(elf)).toBe('bytes');
    expect(scan(elf, 4096)).toEqual([]);
  });
});
