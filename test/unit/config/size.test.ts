// Size parsing and formatting: every unit, decimals, and the errors users see for bad input.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { formatSize, parseSize } from '../../../src/config/size.js';

describe('parseSize', () => {
  it.each([
    [0, 0],
    [1234, 1234],
    ['1234', 1234],
    ['12B', 12],
    ['1KB', 1000],
    ['1MB', 1_000_000],
    ['1GB', 1_000_000_000],
    ['1TB', 1_000_000_000_000],
    ['1KiB', 1024],
    ['1MiB', 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1TiB', 1024 ** 4],
    ['600mb', 600_000_000],
    ['600 MB', 600_000_000],
    ['1.5GB', 1_500_000_000],
    ['1.5 gib', 1.5 * 1024 ** 3],
    ['.5KB', 500],
    ['1.1KiB', 1126],
    ['  20MB ', 20_000_000],
  ] as const)('%j → %d bytes', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it.each(['', 'MB', '600 megs', '1.5.GB', '-5MB', '1e3', '1,5GB', '5 M B', '1.5', '1.5B', 'ten'])('rejects %j', (input) => {
    expect(() => parseSize(input)).toThrow(UsageError);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %d', (input) => {
    expect(() => parseSize(input)).toThrow(UsageError);
  });

  it('explains the expected format and echoes the input', () => {
    expect(() => parseSize('600 megs')).toThrow('expected a size like "600MB" or "1.5GiB", got "600 megs"');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [312, '312 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1500, '1.5 KB'],
    [612_400_000, '612.4 MB'],
    [600_000_000, '600 MB'],
    [1_050_000_000, '1.05 GB'],
    [12_345_678, '12.3 MB'],
    [999_960, '1 MB'],
    [2_500_000_000_000, '2.5 TB'],
    [-1_500_000, '-1.5 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('round-trips through parseSize for round numbers', () => {
    for (const text of ['20MB', '2100MB', '1.05GB']) {
      expect(parseSize(formatSize(parseSize(text)))).toBe(parseSize(text));
    }
  });
});
