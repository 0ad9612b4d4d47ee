// Property tests: random layer stacks (files, directories, symlinks, whiteouts, opaque markers,
// duplicates) are written as real tars, walked, and applied; what the gate believes the container
// sees must equal a deliberately naive reference model of overlay semantics.
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FinalFilesystem } from '../../../src/layers/final-filesystem.js';
import type { LayerIndex } from '../../../src/layers/layer-index.js';
import { walkLayer } from '../../../src/layers/layer-walk.js';
import { tarBuffer } from '../support/image-builder.js';

type Op =
  | { kind: 'file' | 'directory'; path: string }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'whiteout'; path: string }
  | { kind: 'opaque'; dir: string };

// Names that extend another by a character sorting before "/" ("a-", "a.b"): in plain string order
// they fall between a directory and its children, which the overlay's merge must see through.
const segment = fc.constantFrom('a', 'b', 'c', 'a-', 'a.b', '!');
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('file' as const, 'directory' as const), path }),
  fc.record({ kind: fc.constant('symlink' as const), path, target: path }),
  fc.record({ kind: fc.constant('whiteout' as const), path }),
  fc.record({ kind: fc.constant('opaque' as const), dir: path }),
);
const stack = fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 4 });

const under = (p: string, dir: string): boolean => p.startsWith(`${dir}/`);

/** Overlay semantics, written as plainly as possible over a flat map of path → (type, layer). */
function referenceModel(layers: Op[][]): Map<string, { type: string; layer: number }> {
  const seen = new Map<string, { type: string; layer: number }>();
  const removeBelow = (dir: string): void => {
    for (const key of [...seen.keys()]) if (under(key, dir)) seen.delete(key);
  };
  layers.forEach((ops, layer) => {
    for (const o of ops) if (o.kind === 'opaque') removeBelow(o.dir);
    for (const o of ops) {
      if (o.kind !== 'whiteout') continue;
      seen.delete(o.path);
      removeBelow(o.path);
    }
    // Within one tar the last entry for a path is what gets extracted, at the position it appears.
    const last = new Map<string, Op>();
    for (const o of ops) {
      if (o.kind === 'whiteout' || o.kind === 'opaque') continue;
      last.delete(o.path);
      last.set(o.path, o);
    }
    for (const o of last.values()) {
      if (o.kind === 'whiteout' || o.kind === 'opaque') continue;
      const existing = seen.get(o.path);
      if (o.kind !== 'directory' || existing?.type === 'symlink') removeBelow(o.path);
      seen.set(o.path, { type: o.kind, layer });
    }
  });
  return seen;
}

async function walkStack(layers: Op[][]): Promise<LayerIndex[]> {
  const walked: LayerIndex[] = [];
  for (const ops of layers) {
    const entries = ops.map((o) => {
      switch (o.kind) {
        case 'file':
          return { name: o.path.slice(1), content: Buffer.from(o.path) };
        case 'directory':
          return { name: o.path.slice(1), type: 'directory' as const };
        case 'symlink':
          return { name: o.path.slice(1), type: 'symlink' as const, linkname: o.target };
        case 'whiteout': {
          const slash = o.path.lastIndexOf('/');
          return { name: `${o.path.slice(1, slash + 1)}.wh.${o.path.slice(slash + 1)}`, content: Buffer.alloc(0) };
        }
        case 'opaque':
          return { name: `${o.dir.slice(1)}/.wh..wh..opq`, content: Buffer.alloc(0) };
      }
    });
    walked.push(await walkLayer(Readable.from([await tarBuffer(entries)]), 'layer', () => []));
  }
  return walked;
}

describe('final filesystem against a reference model', () => {
  it('agrees on every path for random layer stacks', async () => {
    await fc.assert(
      fc.asyncProperty(stack, async (layers) => {
        const walked = await walkStack(layers);
        const fs = FinalFilesystem.fromLayers(walked);
        const expected = referenceModel(layers);
        const actual = new Map([...fs.walk()].map((v) => [v.entry.path, { type: v.entry.type, layer: v.layer }]));
        expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
        for (const [p, want] of expected) {
          const got = fs.get(p);
          expect({ type: got?.entry.type, layer: got?.layer }).toEqual(want);
        }
        // visibleSlots (the size analysis's one pass) answers what isVisible answers per entry
        const visible = fs.visibleSlots();
        walked.forEach((layer, index) => {
          for (const slot of layer.entries.slots()) {
            expect(visible[index]![slot] === 1).toBe(fs.isVisible(layer.entries.pathAt(slot), index));
          }
        });
      }),
      { numRuns: 600 },
    );
  });

  it('never resolves a symlink outside the image and reports loops', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            path,
            target: fc.oneof(
              path,
              path.map((p) => `../../..${p}`),
              fc.constant('/'),
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (links) => {
          const fs = FinalFilesystem.fromLayers(await walkStack([links.map((l) => ({ kind: 'symlink' as const, path: l.path, target: l.target }))]));
          for (const l of links) {
            try {
              const found = fs.resolve(l.path);
              if (found) expect(found.entry.path.startsWith('/')).toBe(true);
            } catch (error) {
              expect((error as Error).message).toMatch(/too many levels of symbolic links/);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
