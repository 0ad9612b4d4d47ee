// Counts in messages read as English: "1 layer", "2 layers", "1,234 files", "0 images".

/** "1 layer", "3 layers"; `many` for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${groupDigits(count)} ${count === 1 ? one : many}`;
}

/**
 * "12,345": what `toLocaleString('en-US')` gives for a whole number, without it. The first call of
 * that maps ICU's number formatting and locale data into memory, megabytes of every check's peak
 * for a comma (docs/benchmarks.md, "Measurements behind code choices").
 */
export function groupDigits(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en-US');
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
