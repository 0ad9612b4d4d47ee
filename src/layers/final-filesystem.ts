// Applies layers in order (whiteouts, opaque directories, replacements) to know what the container will see.
import type { LayerEntry, LayerIndex } from './layer-index.js';
import { normalizeTarPath } from './tar-path.js';

interface Node {
  entry?: LayerEntry;
  layer: number;
  /** Created on the first child: most nodes are files, and a Map each costs more than the entry. */
  children?: Map<string, Node>;
}

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
  private readonly root: Node = { layer: -1 };

  static fromLayers(layers: readonly LayerIndex[]): FinalFilesystem {
    const fs = new FinalFilesystem();
    layers.forEach((layer, index) => fs.apply(layer, index));
    return fs;
  }

  /** Whiteouts and opaque markers hide lower layers only, so they are applied before the layer's own entries. */
  apply(layer: LayerIndex, index: number): void {
    for (const dir of layer.opaqueDirs) {
      const node = this.find(dir);
      if (node) delete node.children;
    }
    for (const path of layer.whiteouts) this.remove(path);
    for (const entry of layer.entries.values()) this.add(entry, index);
  }

  get(path: string): VisibleEntry | undefined {
    const node = this.find(path);
    return node?.entry ? { entry: node.entry, layer: node.layer } : undefined;
  }

  /** True when this layer's copy of the path is the one the container sees. */
  isVisible(path: string, layer: number): boolean {
    return this.get(path)?.layer === layer;
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

  *walk(): Generator<VisibleEntry> {
    const stack: Node[] = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.entry) yield { entry: node.entry, layer: node.layer };
      if (node.children) for (const child of node.children.values()) stack.push(child);
    }
  }

  private add(entry: LayerEntry, layer: number): void {
    if (entry.path === '/') return;
    const parts = entry.path.split('/').slice(1);
    let node = this.root;
    for (const part of parts.slice(0, -1)) {
      let child = node.children?.get(part);
      if (!child) {
        child = { layer };
        (node.children ??= new Map()).set(part, child);
      }
      node = child;
    }
    const name = parts[parts.length - 1]!;
    const existing = node.children?.get(name);
    // A non-directory replacing a directory hides everything below it.
    if (existing && entry.type === 'directory' && existing.entry?.type !== 'symlink') {
      existing.entry = entry;
      existing.layer = layer;
    } else {
      (node.children ??= new Map()).set(name, { entry, layer });
    }
  }

  private remove(path: string): void {
    const slash = path.lastIndexOf('/');
    const parent = this.find(path.slice(0, slash) || '/');
    parent?.children?.delete(path.slice(slash + 1));
  }

  private find(path: string): Node | undefined {
    if (path === '/') return this.root;
    let node: Node | undefined = this.root;
    for (const part of path.split('/').slice(1)) {
      node = node.children?.get(part);
      if (!node) return undefined;
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
