// Human-friendly byte sizes: parsing budget limits ("600MB", "1.5GiB") and printing measured sizes.
import { UsageError } from '../core/errors.js';

/** Multipliers by lower-cased unit; '' is a bare number, which means bytes. */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

// Digits with an optional fraction, optional whitespace, then letters; the unit is checked against UNITS
// afterwards so "600 megs" gets the same readable error as any other typo.
const SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;

function invalid(text: string | number): UsageError {
  const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
  return new UsageError(`expected a size like "600MB" or "1.5GiB", got ${shown}`);
}

/**
 * Parses a size to a whole number of bytes. Numbers and unit-less strings are bytes; KB/MB/GB/TB are
 * decimal (1000^n, what registries and `docker images` show), KiB/MiB/GiB/TiB binary. Case-insensitive.
 */
export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    // A fractional byte count is certainly a mistake (probably a missing unit), so do not round it away.
    if (!Number.isSafeInteger(text) || text < 0) throw invalid(text);
    return text;
  }
  const match = SIZE_PATTERN.exec(text.trim());
  const multiplier = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || multiplier === undefined) throw invalid(text);
  const value = Number(match[1]);
  if (multiplier === 1 && !Number.isInteger(value)) throw invalid(text);
  const bytes = Math.round(value * multiplier);
  if (!Number.isSafeInteger(bytes)) throw invalid(text);
  return bytes;
}

const DISPLAY_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Formats bytes with decimal units: "312 B", "612.4 MB", "1.05 GB". Two decimals below 10 and one
 * above keep roughly three significant digits, enough to compare an image against its budget.
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  // Deltas ("grew by …") can be negative; format the magnitude and put the sign back.
  if (bytes < 0) return `-${formatSize(-bytes)}`;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (unit < DISPLAY_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
    const digits = value < 10 ? 2 : 1;
    const rounded = Number(value.toFixed(digits));
    // 999,960 bytes would round to "1000.0 KB"; move on to the next unit instead.
    if (rounded < 1000 || unit === DISPLAY_UNITS.length - 1) {
      return `${trimZeros(rounded.toFixed(digits))} ${DISPLAY_UNITS[unit]}`;
    }
  }
  return `${bytes} B`;
}

/** "600.0" → "600", "1.50" → "1.5": budgets written as round numbers read back as round numbers. */
function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
