// --shard i/n: every image in exactly one shard, whatever the order or length of the list, the same on every worker.
import { describe, expect, it } from 'vitest';
import { selectImages, type ListedImage } from '../../../src/audit/select.js';
import { inShard, parseShard, shardOf } from '../../../src/audit/shard.js';
import type { CheckTarget } from '../../../src/sources/targets.js';
import { prng } from '../support/prng.js';

/** A seeded generator: the same lists on every run, many different ones in a run. */
const random = prng;

function references(next: () => number, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const team = ['team', 'platform', 'data', 'edge'][Math.floor(next() * 4)]!;
    names.add(`registry.example.com/${team}/app-${Math.floor(next() * 1e6)}:${Math.floor(next() * 50)}.${Math.floor(next() * 10)}`);
  }
  return [...names];
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const listed = (reference: string): ListedImage => ({
  target: { raw: reference, normalized: reference, candidates: [reference], source: {} as CheckTarget['source'], locator: reference },
  names: [reference],
});

describe('parseShard', () => {
  it('takes i/n with 1 ≤ i ≤ n', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(parseShard(' 8/8 ')).toEqual({ index: 8, count: 8 });
  });

  it.each(['0/4', '5/4', '1/0', '0/0', '1', '1/', '/4', 'a/b', '-1/4', '1.5/4', '1/4/2', '2 / 4', '', '1/10001'])(
    'refuses "%s" with a usage error that shows the form',
    (value) => {
      expect(() => parseShard(value)).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('--shard takes i/n') }));
    },
  );
});

describe('shardOf', () => {
  it('is the first 8 bytes of SHA-256 of the normalized reference, mod n, plus 1 — pinned, because workers of different releases must agree', () => {
    // sha256("docker.io/library/nginx:latest") begins 86cee2c10898a48f; sha256("registry.example.com/team/app:1.4.2") begins 538da402e0720019.
    expect([2, 3, 4, 7, 16].map((n) => shardOf('docker.io/library/nginx:latest', n))).toEqual([2, 3, 4, 5, 16]);
    expect([2, 3, 4, 7, 16].map((n) => shardOf('registry.example.com/team/app:1.4.2', n))).toEqual([2, 1, 2, 6, 10]);
    expect(shardOf('docker.io/library/nginx:latest', 1)).toBe(1);
  });

  it('is always within 1..n', () => {
    const next = random(7);
    for (const reference of references(next, 500)) {
      for (const n of [1, 2, 3, 5, 16, 97]) {
        const shard = shardOf(reference, n);
        expect(shard).toBeGreaterThanOrEqual(1);
        expect(shard).toBeLessThanOrEqual(n);
      }
    }
  });
});

describe('shards of a listed fleet', () => {
  it('cover every image exactly once, the same whatever the order of the list (200 random lists, n = 1..12)', () => {
    const next = random(42);
    for (let round = 0; round < 200; round++) {
      const fleet = references(next, 1 + Math.floor(next() * 60));
      const n = 1 + Math.floor(next() * 12);
      const taken = new Map<string, number>();
      const byShard: string[][] = [];
      for (let i = 1; i <= n; i++) {
        const mine = selectImages(fleet.map(listed), [], { index: i, count: n }).selected.map((image) => image.target.raw);
        byShard.push(mine);
        for (const reference of mine) taken.set(reference, (taken.get(reference) ?? 0) + 1);
        // Listed in another order, the worker takes the same images.
        const again = selectImages(shuffled(fleet, next).map(listed), [], { index: i, count: n }).selected.map((image) => image.target.raw);
        expect(again).toEqual(mine);
        // A worker that sees a longer list (the fleet grew) still takes what it took before.
        const grown = selectImages([...fleet, ...references(next, 5)].map(listed), [], { index: i, count: n }).selected.map(
          (image) => image.target.raw,
        );
        expect(grown.filter((reference) => fleet.includes(reference))).toEqual(mine);
      }
      expect([...taken.keys()].sort()).toEqual([...fleet].sort());
      expect([...taken.values()].every((count) => count === 1)).toBe(true);
      expect(byShard.flat()).toHaveLength(fleet.length);
    }
  });

  it('spreads a fleet roughly evenly', () => {
    const fleet = references(random(3), 4000);
    const sizes = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => fleet.filter((reference) => inShard(reference, { index: i, count: 8 })).length);
    for (const size of sizes) expect(size).toBeGreaterThan(400); // 500 expected each
  });
});
