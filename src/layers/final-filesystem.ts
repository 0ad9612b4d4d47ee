// Applies layers in order (whiteouts, opaque directories, replacements) to know what the container will see.
import type { LayerEntry } from './layer-entries.js';
import type { LayerIndex } from './layer-index.js';
import { normalizeTarPath } from './tar-path.js';

/**
 * A path the container sees. The entry stays in its layer's columns (`slot` there; -1 for a
 * directory only implied by paths below it): copying it into the tree cost an object per file.
 */
class Node {
  /** Created on the first child: most nodes are files, and a Map each costs more than the entry. */
  children: Map<string, Child> | undefined = undefined;
  constructor(
    public layer: number,
    public slot: number,
  ) {}
}

/**
 * A node without children (most are files) is stored as one small integer, layer and slot packed,
 * which a Map holds without allocating anything: a Node object each was 48 bytes per file. It
 * becomes a Node when something is put below it; layers or slots too many to pack stay Nodes.
 */
type Child = Node | number;
const SLOT_BITS = 22;
const PACKED_LAYERS = 1 << 8;

function leaf(layer: number, slot: number): Child {
  return layer < PACKED_LAYERS && slot < 1 << SLOT_BITS ? (layer << SLOT_BITS) | slot : new Node(layer, slot);
}

const layerOf = (child: Child): number => (typeof child === 'number' ? child >>> SLOT_BITS : child.layer);
const slotOf = (child: Child): number => (typeof child === 'number' ? child & ((1 << SLOT_BITS) - 1) : child.slot);
const childrenOf = (child: Child): Map<string, Child> | undefined => (typeof child === 'number' ? undefined : child.children);

export interface VisibleEntry {
  entry: LayerEntry;
  /** Index of the layer that supplied the visible copy. */
  layer: number;
}

const MAX_SYMLINK_HOPS = 40; // the same bound the Linux kernel uses (ELOOP)

/**
 * A tree keyed by path component, so deleting a directory's subtree (a whiteout) is one map delete
 * rather than a scan over every path in the image.
 */
export class FinalFilesystem {
  private readonly root = new Node(-1, -1);
  private readonly layers: LayerIndex[] = [];

  static fromLayers(layers: readonly LayerIndex[]): FinalFilesystem {
    const fs = new FinalFilesystem();
    layers.forEach((layer, index) => fs.apply(layer, index));
    return fs;
  }

  /** Whiteouts and opaque markers hide lower layers only, so they are applied before the layer's own entries. */
  apply(layer: LayerIndex, index: number): void {
    this.layers[index] = layer;
    for (const dir of layer.opaqueDirs) {
      const node = this.find(dir);
      if (node !== undefined && typeof node !== 'number') node.children = undefined;
    }
    for (const path of layer.whiteouts) this.remove(path);
    for (const slot of layer.entries.slots()) this.add(layer, slot, index);
  }

  get(path: string): VisibleEntry | undefined {
    const node = this.find(path);
    return node === undefined ? undefined : this.visible(node);
  }

  /** True when this layer's copy of the path is the one the container sees. */
  isVisible(path: string, layer: number): boolean {
    const node = this.find(path);
    return node !== undefined && slotOf(node) >= 0 && layerOf(node) === layer;
  }

  /**
   * Follows symlinks inside the image root (never the host). Returns undefined for a dangling link
   * and throws on a loop, so callers can say precisely why a file could not be read.
   */
  resolve(path: string): VisibleEntry | undefined {
    let current = path;
    for (let hop = 0; hop <= MAX_SYMLINK_HOPS; hop++) {
      const found = this.get(current);
      if (!found || found.entry.type !== 'symlink' || found.entry.linkname === undefined) return found;
      const target = found.entry.linkname;
      const base = current.slice(0, current.lastIndexOf('/')) || '/';
      current = normalizeTarPath(target.startsWith('/') ? target : `${base}/${target}`);
    }
    throw new SymlinkLoopError(path);
  }

  /**
   * Per layer, 1 at each slot whose copy is the one the container sees: what `isVisible` answers for
   * every entry at once, from one pass over the tree instead of a path lookup per entry.
   */
  visibleSlots(): Uint8Array[] {
    // A byte per slot, not a Set: a Set's entries were most of what a large image's size analysis
    // allocated, and they outlived young-generation collections.
    const visible = this.layers.map((layer) => new Uint8Array(layer.entries.slotCount));
    this.visitSlots((layer, slot) => {
      const bits = visible[layer];
      if (bits) bits[slot] = 1;
    });
    return visible;
  }

  /**
   * What `walk` visits, in the same order, as (layer, slot) pairs: no object per entry, for a
   * caller that reads only a few columns of every entry (the size analysis).
   */
  visitSlots(visit: (layer: number, slot: number) => void): void {
    const stack: Child[] = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const slot = slotOf(node);
      if (slot >= 0) visit(layerOf(node), slot);
      const children = childrenOf(node);
      if (children) for (const child of children.values()) stack.push(child);
    }
  }

  /** The layer whose copy of a visited path the container sees (see `visitSlots`). */
  layer(index: number): LayerIndex {
    return this.layers[index]!;
  }

  *walk(): Generator<VisibleEntry> {
    const stack: Child[] = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const visible = this.visible(node);
      if (visible) yield visible;
      const children = childrenOf(node);
      if (children) for (const child of children.values()) stack.push(child);
    }
  }

  private visible(node: Child): VisibleEntry | undefined {
    const slot = slotOf(node);
    const layer = layerOf(node);
    return slot < 0 ? undefined : { entry: this.layers[layer]!.entries.at(slot), layer };
  }

  private typeOf(node: Child): string | undefined {
    const slot = slotOf(node);
    return slot < 0 ? undefined : this.layers[layerOf(node)]!.entries.typeAt(slot);
  }

  private add(from: LayerIndex, slot: number, layer: number): void {
    const path = from.entries.pathAt(slot);
    if (path === '/') return;
    // Components by index, not split(): no array per entry (a whole image's entries pass here).
    const last = path.lastIndexOf('/');
    let node = this.root;
    for (let start = 1; start <= last;) {
      const end = path.indexOf('/', start);
      const part = path.slice(start, end);
      start = end + 1;
      const children = (node.children ??= new Map<string, Child>());
      let child = children.get(part);
      if (child === undefined) {
        child = new Node(layer, -1);
        children.set(part, child);
      } else if (typeof child === 'number') {
        // Something goes below a leaf: it needs room for children (same place in the map).
        child = new Node(layerOf(child), slotOf(child));
        children.set(part, child);
      }
      node = child;
    }
    const name = path.slice(last + 1);
    const children = (node.children ??= new Map<string, Child>());
    const existing = children.get(name);
    // A non-directory replacing a directory hides everything below it.
    if (existing !== undefined && from.entries.typeAt(slot) === 'directory' && this.typeOf(existing) !== 'symlink') {
      if (typeof existing === 'number') children.set(name, leaf(layer, slot));
      else {
        existing.layer = layer;
        existing.slot = slot;
      }
    } else {
      children.set(name, leaf(layer, slot));
    }
  }

  private remove(path: string): void {
    const slash = path.lastIndexOf('/');
    const parent = this.find(path.slice(0, slash) || '/');
    if (parent !== undefined) childrenOf(parent)?.delete(path.slice(slash + 1));
  }

  private find(path: string): Child | undefined {
    if (path === '/') return this.root;
    let node: Child | undefined = this.root;
    for (const part of path.split('/').slice(1)) {
      node = childrenOf(node)?.get(part);
      if (node === undefined) return undefined;
    }
    return node;
  }
}

export class SymlinkLoopError extends Error {
  constructor(readonly path: string) {
    super(`too many levels of symbolic links while resolving ${path}`);
    this.name = 'SymlinkLoopError';
  }
}
