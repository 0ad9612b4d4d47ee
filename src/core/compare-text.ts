// One order for text in reports, caches and digests: by UTF-16 code unit, the same on every machine.
// String#localeCompare follows the process's locale (LANG), so two CI runners could order the same
// findings differently, and its first call loads ICU's collation data, which cost every check about
// 15 ms before anything was read (docs/benchmarks.md, "Measurements behind code choices").

/** Negative, zero or positive, as a sort comparator wants. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
