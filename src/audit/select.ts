// From everything a source listed to what this worker checks: --filter globs, then --shard.
import { matchGlob } from '../config/glob.js';
import type { CheckTarget } from '../sources/targets.js';
import { inShard, type Shard } from './shard.js';
import { compareText } from '../core/compare-text.js';

/** One image a source listed, ready to check. */
export interface ListedImage {
  target: CheckTarget;
  /** Every spelling --filter globs are matched against (all of an engine image's tags, normalized forms, its ID…). */
  names: string[];
}

export interface Selection {
  listed: number;
  /** Images left after --filter (all of them without filters). */
  filtered: number;
  /** What this worker checks, sorted by reference so reports of the same fleet compare line by line. */
  selected: ListedImage[];
}

export function matchesFilters(image: ListedImage, filters: readonly string[]): boolean {
  return filters.length === 0 || image.names.some((name) => filters.some((glob) => matchGlob(glob, name)));
}

export function selectImages(listed: readonly ListedImage[], filters: readonly string[], shard?: Shard): Selection {
  const filtered = listed.filter((image) => matchesFilters(image, filters));
  const selected = (shard ? filtered.filter((image) => inShard(image.target.normalized, shard)) : filtered).sort((a, b) =>
    compareText(a.target.raw, b.target.raw),
  );
  return { listed: listed.length, filtered: filtered.length, selected };
}
