// Which copy of each path the container sees, worked out from every layer's entries in path order:
// one byte per entry slot, no tree.
//
// Why not a tree of the final filesystem: a Map per directory and a key string per path cost more
// than the entries themselves, and on a large image that tree was most of the heap the check grew
// while finishing (docs/benchmarks.md, "Measurements behind code choices"). The layers already keep
// their paths sorted, so one merge over them visits every path once, a parent before its children.
//
// Overlay semantics, as an event history per path (a time orders events across the stack: a
// layer's whiteouts and opaque markers come before its own entries, its entries in tar order):
// - an entry replaces the copy below it; unless it is a directory over something other than a
//   symlink, it also removes everything below its path;
// - a whiteout removes its path and everything below it; an opaque marker, everything below it;
// - a copy is visible when nothing removed it after it was added.
import type { LayerIndex } from './layer-index.js';

/** A layer's whiteouts and opaque markers happen at `layer * LAYER_SPAN`, its entry in slot s at `+ s + 1`. */
const LAYER_SPAN = 2 ** 32;
const SLASH = 0x2f;
const NONE: readonly number[] = [];

/** Per layer, 1 at each slot whose copy of its path is the one the container sees. */
export function overlay(layers: readonly LayerIndex[]): Uint8Array[] {
  const visible = layers.map((layer) => new Uint8Array(layer.entries.slotCount));
  const marks = markers(layers);
  const open = new OpenDirectories(marks);
  const copies = new Copies();
  for (const merged = new PathMerge(layers); merged.next(copies);) {
    const path = copies.path;
    if (path === '/') continue; // the root itself is never replaced or hidden
    const above = open.removalsAbove(path);
    const own = marks.get(path);
    const removed = own ? union(above, own.removed) : above;
    // Removals of everything below this path that happen here: merged into `removed` only if a
    // path below it turns up (most paths are files, with nothing below them).
    const below = open.enter(path, removed);
    if (own) below.push(...own.emptied);
    // Replay the path's history, removals and copies in time order. The last copy is the one
    // visible, unless something removed it after it was added.
    let symlink = false;
    let next = 0;
    for (let i = 0; i < copies.count; i++) {
      const layer = copies.layers[i]!;
      const slot = copies.slots[i]!;
      const time = layer * LAYER_SPAN + slot + 1;
      while (next < removed.length && removed[next]! < time) {
        next++;
        symlink = false;
      }
      const type = layers[layer]!.entries.typeAt(slot);
      if (type !== 'directory' || symlink) below.push(time);
      symlink = type === 'symlink';
    }
    const last = copies.count - 1;
    if (next === removed.length) visible[copies.layers[last]!]![copies.slots[last]!] = 1;
  }
  return visible;
}

interface Marks {
  /** Times of whiteouts of the path: it and everything below it go. */
  removed: number[];
  /** Times of opaque markers in the path: everything below it goes. */
  emptied: number[];
}

function markers(layers: readonly LayerIndex[]): Map<string, Marks> {
  const marks = new Map<string, Marks>();
  const at = (path: string): Marks => {
    let found = marks.get(path);
    if (!found) marks.set(path, (found = { removed: [], emptied: [] }));
    return found;
  };
  layers.forEach((layer, index) => {
    const time = index * LAYER_SPAN;
    for (const dir of layer.opaqueDirs) at(dir).emptied.push(time);
    // A whiteout of the root names nothing a parent directory could drop.
    for (const path of layer.whiteouts) if (path !== '/') at(path).removed.push(time);
  });
  return marks;
}

/**
 * The directories the merge is inside, each with the times at which everything below it was
 * removed. Paths arrive in plain string order, so a directory's children need not follow it at
 * once ("/a", "/a-b", "/a/c"): an entry stays while the current path extends it by a character
 * that sorts at or before "/", and the stack is always a chain of prefixes of the current path.
 */
class OpenDirectories {
  private readonly paths: string[] = [''];
  private readonly below: (readonly number[])[];
  /** Per level, removals below it not yet merged into `below` (one array per level, reused). */
  private readonly pending: number[][] = [[]];
  /**
   * Per level, the level of its nearest ancestor: levels between may be prefixes that are not
   * directories of it ("/a/b", "/a/b-" under "/a"), and a hostile layer can stack thousands.
   */
  private readonly parents: number[] = [0];
  private depth = 1;
  /** The level of the nearest ancestor of the path `removalsAbove` was last asked about. */
  private parent = 0;

  constructor(private readonly marks: Map<string, Marks>) {
    this.below = [marks.get('/')?.emptied ?? NONE];
  }

  /** Removals that reach `path` from its ancestors; opens any ancestor no layer lists (an implied directory). */
  removalsAbove(path: string): readonly number[] {
    while (!extendsBy(path, this.paths[this.depth - 1]!)) this.depth--;
    const top = this.depth - 1;
    // The path's ancestors shorter than the top entry are the top entry's too.
    this.parent = isBelow(path, this.paths[top]!) ? top : this.parents[top]!;
    let removed = this.settled(this.parent);
    // Implied directories between the nearest open ancestor and the path's parent.
    for (let cut = path.indexOf('/', this.paths[this.parent]!.length + 1); cut !== -1; cut = path.indexOf('/', cut + 1)) {
      const dir = path.slice(0, cut);
      const marks = this.marks.get(dir);
      if (marks) removed = union(removed, marks.removed, marks.emptied);
      this.enter(dir, removed);
    }
    return removed;
  }

  /**
   * Opens `path` (the path last asked about, or an implied directory above it) as the innermost
   * level, with the removals that reach below it from above; returns the level's list for removals
   * of its own, which are merged in once a path below asks for them.
   */
  enter(path: string, below: readonly number[]): number[] {
    this.paths[this.depth] = path;
    this.below[this.depth] = below;
    this.parents[this.depth] = this.parent;
    const pending = (this.pending[this.depth] ??= []);
    pending.length = 0;
    this.parent = this.depth;
    this.depth++;
    return pending;
  }

  private settled(level: number): readonly number[] {
    const pending = this.pending[level]!;
    if (pending.length > 0) {
      this.below[level] = union(this.below[level]!, pending);
      pending.length = 0;
    }
    return this.below[level]!;
  }
}

/** True when `path` is `prefix` followed by a character sorting at or before "/" (or is below it). */
function extendsBy(path: string, prefix: string): boolean {
  return path.length > prefix.length && path.startsWith(prefix) && path.charCodeAt(prefix.length) <= SLASH;
}

function isBelow(path: string, dir: string): boolean {
  return path.length > dir.length && path.charCodeAt(dir.length) === SLASH && path.startsWith(dir);
}

/** Sorted union of sorted lists; returns the first list itself when the others are empty. */
function union(first: readonly number[], ...others: readonly (readonly number[])[]): readonly number[] {
  if (others.every((list) => list.length === 0)) return first;
  return [...first, ...others.flat()].sort((a, b) => a - b);
}

/** One path's copies, in layer order (at most one per layer: a layer keeps the tar's last word on a path). */
class Copies {
  path = '';
  count = 0;
  readonly layers: number[] = [];
  readonly slots: number[] = [];
}

/** Every layer's sorted paths merged into one sorted sequence, copies of a path grouped. */
class PathMerge {
  private readonly sorted: Uint32Array[];
  private readonly at: number[];
  /** A binary heap of layer indexes, ordered by each layer's next path, then by layer. */
  private readonly heap: number[] = [];

  constructor(private readonly layers: readonly LayerIndex[]) {
    this.sorted = layers.map((layer) => layer.entries.sortedSlots());
    this.at = layers.map(() => 0);
    layers.forEach((_, index) => {
      if (this.sorted[index]!.length > 0) this.insert(index);
    });
  }

  next(into: Copies): boolean {
    if (this.heap.length === 0) return false;
    into.path = this.head(this.heap[0]!);
    into.count = 0;
    while (this.heap.length > 0 && this.head(this.heap[0]!) === into.path) {
      const layer = this.heap[0]!;
      into.layers[into.count] = layer;
      into.slots[into.count] = this.sorted[layer]![this.at[layer]!]!;
      into.count++;
      this.at[layer]!++;
      if (this.at[layer]! < this.sorted[layer]!.length) this.siftDown(0);
      else {
        const last = this.heap.pop()!;
        if (this.heap.length > 0) {
          this.heap[0] = last;
          this.siftDown(0);
        }
      }
    }
    return true;
  }

  private head(layer: number): string {
    return this.layers[layer]!.entries.pathAt(this.sorted[layer]![this.at[layer]!]!);
  }

  private before(a: number, b: number): boolean {
    const pa = this.head(a);
    const pb = this.head(b);
    return pa < pb || (pa === pb && a < b);
  }

  private insert(layer: number): void {
    const heap = this.heap;
    let i = heap.push(layer) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && this.before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && this.before(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
