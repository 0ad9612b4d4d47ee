// Where an image's bytes go: per-layer sizes with their Dockerfile steps, the largest files and
// directories the container sees, and wasted bytes — file copies a layer ships that the final
// filesystem does not show (deleted, hidden by an opaque directory, or overwritten later).
import type { FinalFilesystem } from '../layers/final-filesystem.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { ImageLayer } from './image-layer.js';
import { DirectoryCounter, type DirectoryNode } from './directory-tree.js';

export interface WastedFile {
  path: string;
  sizeBytes: number;
  /** Layer that shipped this copy. */
  layer: number;
  /** First later layer that deleted, hid or overwrote it. */
  removedIn?: number;
  how?: 'deleted' | 'overwritten' | 'hidden';
}

export interface SizeAnalysis {
  totalBytes: number;
  compressedBytes?: number;
  layers: { index: number; diffId: string; sizeBytes: number; createdBy?: string; compressedSizeBytes?: number; wastedBytes?: number }[];
  /** Every shipped copy that is not the visible one, each counted once. */
  wastedBytes: number;
  /** 1 − wasted / total file bytes shipped (1 when nothing is wasted). */
  efficiency: number;
  /** The biggest wasted copies, largest first. */
  wasted: WastedFile[];
  /** Largest regular files in the final filesystem. */
  largest: { path: string; sizeBytes: number; layer: number }[];
  /** Largest directories (up to three levels deep) in the final filesystem. */
  largestDirectories: { path: string; sizeBytes: number }[];
  /** The final filesystem's directories by bytes, bounded (see TREE_BOUNDS): the HTML report draws it. */
  tree?: DirectoryNode;
}

const TOP = 10;
const DIRECTORY_DEPTH = 3;

export function analyzeSize(layerIndexes: readonly LayerIndex[], layers: readonly ImageLayer[], fs: FinalFilesystem): SizeAnalysis {
  let wastedBytes = 0;
  let shipped = 0;
  const wasted: WastedFile[] = [];
  const wastedByLayer = layerIndexes.map(() => 0);
  const visible = fs.visibleSlots();
  // Columns read by slot, not an entry object per file: these loops see every entry of the image.
  layerIndexes.forEach((layer, index) => {
    const { entries } = layer;
    for (const slot of entries.slots()) {
      if (entries.typeAt(slot) !== 'file') continue;
      const size = entries.sizeAt(slot);
      if (size === 0) continue;
      shipped += size;
      if (visible[index]?.[slot] === 1) continue;
      wastedBytes += size;
      wastedByLayer[index]! += size;
      if (makesTop(wasted, size, 50)) keepTop(wasted, { path: entries.pathAt(slot), sizeBytes: size, layer: index }, 50);
    }
  });
  for (const item of wasted.slice(0, TOP)) Object.assign(item, removal(layerIndexes, item.path, item.layer));

  const largest: SizeAnalysis['largest'] = [];
  const tree = new DirectoryCounter();
  fs.visitSlots((layer, slot) => {
    const { entries } = fs.layer(layer);
    if (entries.typeAt(slot) !== 'file') return;
    const size = entries.sizeAt(slot);
    if (size === 0) return;
    const path = entries.pathAt(slot);
    if (makesTop(largest, size, TOP)) keepTop(largest, { path, sizeBytes: size, layer }, TOP);
    tree.addFile(path, size);
  });
  const largestDirectories = tree.largest(DIRECTORY_DEPTH, TOP);
  const totalBytes = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
  const compressed =
    layers.every((layer) => layer.compressedSizeBytes !== undefined) && layers.length > 0
      ? layers.reduce((sum, layer) => sum + layer.compressedSizeBytes!, 0)
      : undefined;
  return {
    totalBytes,
    ...(compressed !== undefined ? { compressedBytes: compressed } : {}),
    layers: layers.map(({ index, diffId, sizeBytes, createdBy, compressedSizeBytes }) => ({
      index,
      diffId,
      sizeBytes,
      ...(createdBy !== undefined ? { createdBy } : {}),
      ...(compressedSizeBytes !== undefined ? { compressedSizeBytes } : {}),
      ...(wastedByLayer[index] ? { wastedBytes: wastedByLayer[index] } : {}),
    })),
    wastedBytes,
    efficiency: shipped === 0 ? 1 : 1 - wastedBytes / shipped,
    wasted: wasted.slice(0, TOP),
    largest,
    largestDirectories,
    tree: tree.tree(),
  };
}

/** Whether an item of this size would enter `list` (what `keepTop` decides first). */
function makesTop(list: readonly { sizeBytes: number }[], size: number, limit: number): boolean {
  return list.length < limit || list[list.length - 1]!.sizeBytes < size;
}

/** Keeps `list` sorted by size, largest first, at most `limit` long. */
function keepTop<T extends { sizeBytes: number }>(list: T[], item: T, limit: number): void {
  if (!makesTop(list, item.sizeBytes, limit)) return;
  let i = list.length;
  while (i > 0 && list[i - 1]!.sizeBytes < item.sizeBytes) i--;
  list.splice(i, 0, item);
  if (list.length > limit) list.pop();
}

/** The first later layer that overwrote, deleted or hid `path` (or a directory above it). */
function removal(layers: readonly LayerIndex[], path: string, from: number): Pick<WastedFile, 'removedIn' | 'how'> {
  const ancestors: string[] = [];
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) ancestors.push(path.slice(0, slash));
  for (let index = from + 1; index < layers.length; index++) {
    const layer = layers[index]!;
    if (layer.whiteouts.includes(path) || ancestors.some((dir) => layer.whiteouts.includes(dir))) return { removedIn: index, how: 'deleted' };
    if (layer.opaqueDirs.some((dir) => ancestors.includes(dir) || dir === '/')) return { removedIn: index, how: 'hidden' };
    if (
      layer.entries.has(path) ||
      ancestors.some((dir) => layer.entries.get(dir)?.type !== undefined && layer.entries.get(dir)?.type !== 'directory')
    ) {
      return { removedIn: index, how: 'overwritten' };
    }
  }
  return {};
}
