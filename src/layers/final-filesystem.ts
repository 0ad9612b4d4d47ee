// Applies layers in order (whiteouts, opaque directories, replacements) to know what the container will see.
import type { LayerEntry } from './layer-entries.js';
import type { LayerIndex } from './layer-index.js';
import { overlay } from './overlay.js';
import { normalizeTarPath } from './tar-path.js';

export interface VisibleEntry {
  entry: LayerEntry;
  /** Index of the layer that supplied the visible copy. */
  layer: number;
}

const MAX_SYMLINK_HOPS = 40; // the same bound the Linux kernel uses (ELOOP)

/**
 * What the container sees: per layer, which of its entries' copies is the visible one (`overlay.ts`
 * works that out). A path is looked up in the layers from the top down: the highest layer that
 * lists it holds its latest copy, which is visible unless something removed it since.
 */
export class FinalFilesystem {
  private constructor(
    private readonly layers: readonly LayerIndex[],
    private readonly visible: readonly Uint8Array[],
  ) {}

  static fromLayers(layers: readonly LayerIndex[]): FinalFilesystem {
    return new FinalFilesystem([...layers], overlay(layers));
  }

  get(path: string): VisibleEntry | undefined {
    for (let layer = this.layers.length - 1; layer >= 0; layer--) {
      const slot = this.layers[layer]!.entries.slotOf(path);
      if (slot !== undefined) return this.visible[layer]![slot] === 1 ? { entry: this.layers[layer]!.entries.at(slot), layer } : undefined;
    }
    return undefined;
  }

  /** True when this layer's copy of the path is the one the container sees. */
  isVisible(path: string, layer: number): boolean {
    const slot = this.layers[layer]?.entries.slotOf(path);
    return slot !== undefined && this.visible[layer]![slot] === 1;
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

  /** Per layer, 1 at each slot whose copy the container sees (read-only: the filesystem keeps it). */
  visibleSlots(): readonly Uint8Array[] {
    return this.visible;
  }

  /**
   * What `walk` visits, in the same order (layer by layer, each in tar order), as (layer, slot)
   * pairs: no object per entry, for a caller that reads only a few columns of every entry.
   */
  visitSlots(visit: (layer: number, slot: number) => void): void {
    this.visible.forEach((bits, layer) => {
      for (let slot = 0; slot < bits.length; slot++) if (bits[slot] === 1) visit(layer, slot);
    });
  }

  /** The layer whose copy of a visited path the container sees (see `visitSlots`). */
  layer(index: number): LayerIndex {
    return this.layers[index]!;
  }

  *walk(): Generator<VisibleEntry> {
    for (let layer = 0; layer < this.visible.length; layer++) {
      const bits = this.visible[layer]!;
      const { entries } = this.layers[layer]!;
      for (let slot = 0; slot < bits.length; slot++) if (bits[slot] === 1) yield { entry: entries.at(slot), layer };
    }
  }
}

export class SymlinkLoopError extends Error {
  constructor(readonly path: string) {
    super(`too many levels of symbolic links while resolving ${path}`);
    this.name = 'SymlinkLoopError';
  }
}
