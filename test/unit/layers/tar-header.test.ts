import { describe, expect, it } from 'vitest';
import { checksumMatches, tarName, tarSize } from '../../../src/layers/tar-header.js';

/** A header block with the given fields and a correct checksum. */
function header(fields: { name: string; prefix?: string; magic?: string; size?: Buffer | string }): Buffer {
  const block = Buffer.alloc(512);
  block.write(fields.name, 0, 'utf8');
  block.write(fields.magic ?? 'ustar\u000000', 257, 'latin1');
  if (fields.prefix) block.write(fields.prefix, 345, 'utf8');
  if (typeof fields.size === 'string') block.write(fields.size, 124, 'latin1');
  else if (fields.size) fields.size.copy(block, 124);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

describe('tar header fields', () => {
  it('joins a POSIX ustar prefix to the name, but not the bytes a GNU header keeps there', () => {
    expect(tarName(header({ name: 'layer.tar', prefix: 'abc' }))).toBe('abc/layer.tar');
    expect(tarName(header({ name: 'layer.tar', prefix: 'abc', magic: 'ustar  \0' }))).toBe('layer.tar');
  });

  it('reads octal and base-256 sizes, and refuses a size that is neither', () => {
    expect(tarSize(header({ name: 'a', size: '00000001750\0' }))).toBe(1000);
    const base256 = Buffer.alloc(12);
    base256[0] = 0x80;
    base256.writeUIntBE(9 * 1024 ** 3, 6, 6);
    expect(tarSize(header({ name: 'a', size: base256 }))).toBe(9 * 1024 ** 3);
    expect(tarSize(header({ name: 'a', size: '12x4\0' }))).toBeUndefined();
  });

  it('checks the checksum', () => {
    const block = header({ name: 'manifest.json', size: '00000000010\0' });
    expect(checksumMatches(block)).toBe(true);
    block[0] = 'n'.charCodeAt(0);
    expect(checksumMatches(block)).toBe(false);
  });
});
