import { describe, expect, it } from 'vitest';
import { groupDigits, plural } from '../../../src/core/plural.js';

describe('plural', () => {
  it('groups digits exactly as en-US formatting does', () => {
    for (const n of [0, 1, 7, 12, 999, 1000, 1001, 9999, 12345, 123456, 1234567, 36507, 144493, -1, -1234, -1234567, 2 ** 53 - 1, 1.5, 1e21, NaN]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('reads as English', () => {
    expect(plural(1, 'layer')).toBe('1 layer');
    expect(plural(0, 'image')).toBe('0 images');
    expect(plural(42889, 'file')).toBe('42,889 files');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
