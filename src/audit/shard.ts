// --shard i/n: which images one worker of n takes. The shard of an image depends only on its
// normalized reference, never on the order or the length of the list, so workers that list the same
// fleet split it without talking to each other, and no image is taken twice or left out.
import { createHash } from 'node:crypto';
import { UsageError } from '../core/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Ten thousand workers is far past any fleet audit; the cap keeps typos like 1/1e9 out. */
const MAX_SHARDS = 10_000;

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n, this worker's number i of n workers, with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (e.g. --shard 2/8); got "${value}"`);
  }
  return { index, count };
}

/** The shard (1..count) an image belongs to: the first 8 bytes of SHA-256 of its normalized reference, mod count, plus 1. */
export function shardOf(normalizedReference: string, count: number): number {
  const hash = createHash('sha256').update(normalizedReference, 'utf8').digest().readBigUInt64BE(0);
  return Number(hash % BigInt(count)) + 1;
}

export function inShard(normalizedReference: string, shard: Shard): boolean {
  return shardOf(normalizedReference, shard.count) === shard.index;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
