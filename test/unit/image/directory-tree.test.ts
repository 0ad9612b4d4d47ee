// The directory tree the HTML report draws stays small whatever the image: a 200,000-file tree
// becomes a few hundred nodes, sizes still add up, and the page built from it stays small.
import { describe, expect, it } from 'vitest';
import { DirectoryCounter, directoryTree, TREE_BOUNDS, type DirectoryNode } from '../../../src/image/directory-tree.js';
import { summarize } from '../../../src/engine/run-checks.js';
import type { ImageReport } from '../../../src/engine/report.js';
import { formatHtml } from '../../../src/reporters/html/index.js';
import { prng } from '../support/prng.js';

function* manyFiles(count: number): Generator<{ path: string; size: number }> {
  const random = prng(7);
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(random() * 8);
    const parts = Array.from({ length: depth }, (_, d) => `d${d}-${Math.floor(random() * (d < 2 ? 6 : 40))}`);
    yield { path: `/${parts.join('/')}/f${i}`, size: 1 + Math.floor(random() * 100_000) };
  }
}

const nodes = (node: DirectoryNode): number => 1 + (node.children ?? []).reduce((sum, child) => sum + nodes(child), 0);
const depthOf = (node: DirectoryNode): number => 1 + Math.max(0, ...(node.children ?? []).map(depthOf));

describe('directory tree', () => {
  it('counts a path read in place exactly as its split components', () => {
    const paths = ['/f', '/a/f', '/a/b/c/d/e/f/g/h/f', '/a/b/c/d/e/f', '/a/b/c/d/f', '/x//y/f', '/a/b/'];
    const files = [...paths.map((path, i) => ({ path, size: 10 + i })), ...manyFiles(5000)];
    const inPlace = new DirectoryCounter();
    const split = new DirectoryCounter();
    for (const { path, size } of files) {
      inPlace.addFile(path, size);
      split.add(path.split('/').slice(1, -1), size);
    }
    expect(inPlace.tree()).toEqual(split.tree());
  });

  it('counts runs of files in one directory (tar order) as it counts them one by one', () => {
    const files = [...manyFiles(5000)];
    // sorted: a directory's files arrive one after another, the case the counter shortcuts
    const runs = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
    const inRuns = new DirectoryCounter();
    const split = new DirectoryCounter();
    for (const { path, size } of runs) inRuns.addFile(path, size);
    for (const { path, size } of files) split.add(path.split('/').slice(1, -1), size);
    expect(inRuns.tree()).toEqual(split.tree());
  });

  it('names the largest directories down to a depth, as summing every file into its prefixes does', () => {
    const files = [...manyFiles(3000), { path: '/f', size: 5 }, { path: '/only/child/f', size: 1_000_000 }];
    const counter = new DirectoryCounter();
    const prefixes = new Map<string, number>();
    for (const { path, size } of files) {
      counter.addFile(path, size);
      const parts = path.split('/').slice(1, -1);
      for (let depth = 1; depth <= Math.min(3, parts.length); depth++) {
        const dir = `/${parts.slice(0, depth).join('/')}`;
        prefixes.set(dir, (prefixes.get(dir) ?? 0) + size);
      }
    }
    const expected = [...prefixes].map(([path, sizeBytes]) => ({ path, sizeBytes })).sort((a, b) => b.sizeBytes - a.sizeBytes);
    const got = counter.largest(3, 10);
    expect(got.map((d) => d.sizeBytes)).toEqual(expected.slice(0, 10).map((d) => d.sizeBytes));
    for (const dir of got) expect(prefixes.get(dir.path)).toBe(dir.sizeBytes);
    // a parent and its only child hold the same bytes: the parent comes first
    const only = counter.largest(3, 1000).filter((d) => d.path.startsWith('/only'));
    expect(only.map((d) => d.path)).toEqual(['/only', '/only/child']);
  });

  it('bounds a 200,000-file image to a few hundred nodes whose sizes add up', () => {
    const files = [...manyFiles(200_000)];
    const tree = directoryTree(files);
    expect(tree.sizeBytes).toBe(files.reduce((sum, file) => sum + file.size, 0));
    expect(depthOf(tree)).toBeLessThanOrEqual(TREE_BOUNDS.maxDepth + 1);
    expect(nodes(tree)).toBeLessThan(1000);
    const check = (node: DirectoryNode): void => {
      if (!node.children) return;
      expect(node.children.filter((child) => !child.name.startsWith('(')).length).toBeLessThanOrEqual(TREE_BOUNDS.maxChildren);
      expect(node.children.reduce((sum, child) => sum + child.sizeBytes, 0)).toBe(node.sizeBytes);
      node.children.forEach(check);
    };
    check(tree);

    const image: ImageReport = {
      reference: 'big:1',
      digest: `sha256:${'a'.repeat(64)}`,
      passed: true,
      findings: [],
      sizeBytes: tree.sizeBytes,
      size: {
        totalBytes: tree.sizeBytes,
        layers: [{ index: 0, diffId: 'sha256:x', sizeBytes: tree.sizeBytes }],
        wastedBytes: 0,
        efficiency: 1,
        wasted: [],
        largest: [],
        largestDirectories: [],
        tree,
      },
    };
    const page = formatHtml({
      version: 1,
      tool: { name: 'imagegate', version: '0' },
      rules: [],
      images: [image],
      summary: summarize([image], 'error'),
    });
    expect(page.length).toBeLessThan(400_000);
  }, 60_000);
});
