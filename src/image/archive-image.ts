// Puts a walked `docker save` archive in order: finds the image's manifest and config, orders and verifies layers.
import { createHash } from 'node:crypto';
import { statedBlobDigest } from '../layers/blob-names.js';
import { ArchiveFormatError, DigestMismatchError } from '../layers/errors.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { SavedArchive } from '../layers/save-archive.js';
import { normalizeTarPath } from '../layers/tar-path.js';
import { parseImageConfig, type ImageConfig } from './image-config.js';
import { selectImage, type ImageSelector, type SelectedImage } from './select-image.js';

export interface ArchiveImage {
  imageId: string;
  config: ImageConfig;
  /** Layer indexes in rootfs order, verified against the config's diff_ids. */
  layers: LayerIndex[];
  /** Archive path of each layer, in the same order. */
  layerPaths: string[];
  selected: SelectedImage;
}

/**
 * The config must hash to the digest its manifest names, and to the engine's image ID when the
 * selector carries one, so a swapped or corrupted config never passes as the image asked for.
 */
export async function assembleArchiveImage(archive: SavedArchive, where: string, selector: ImageSelector): Promise<ArchiveImage> {
  const selected = await selectImage((path) => archive.documents.get(path), selector, where);
  const { configPath, layerPaths } = selected;
  const rawConfig = archive.documents.get(archivePath(configPath));
  if (!rawConfig) throw new ArchiveFormatError(`${where}: the archive has no image config at ${configPath}`);
  const imageId = `sha256:${createHash('sha256').update(rawConfig).digest('hex')}`;
  // containerd image store: the engine's ID is the index or manifest the chain was verified from
  if (selector.imageId && imageId !== selector.imageId && selected.chainRoot !== selector.imageId) {
    throw new DigestMismatchError(`${where}: the exported config hashes to ${imageId}, but the engine reported image ${selector.imageId}`);
  }
  if (selected.configDigest && imageId !== selected.configDigest) {
    throw new DigestMismatchError(
      `${where}: the config ${configPath} hashes to ${imageId}, not ${selected.configDigest}; it is corrupt or was altered`,
    );
  }
  const config = parseImageConfig(rawConfig, `${where}: ${configPath}`);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== layerPaths.length) {
    throw new ArchiveFormatError(`${where}: the manifest lists ${layerPaths.length} layers but the config has ${diffIds.length} diff_ids`);
  }
  const layers = layerPaths.map((path, i) => {
    const layer = archive.layers.get(resolveLink(archive, archivePath(path)));
    if (!layer) throw new ArchiveFormatError(`${where}: the manifest lists layer ${path}, which the archive does not contain`);
    verifyLayer(layer, path, diffIds[i]!, i, where, selected.layerSources?.[diffIds[i]!]);
    return layer;
  });
  return { imageId, config, layers, layerPaths, selected };
}

/**
 * Where the archive states a layer's blob digest — by its name (blob-names.ts) or a LayerSources
 * descriptor — the blob as read must hash to it.
 */
function verifyLayer(layer: LayerIndex, path: string, diffId: string, index: number, where: string, sourceDigest?: string): void {
  const named = statedBlobDigest(path);
  if (named && layer.blobDigest !== named) {
    throw new DigestMismatchError(`${where}: layer ${index} blob ${path} hashes to ${layer.blobDigest}; the blob is corrupt or was altered`);
  }
  if (sourceDigest && layer.blobDigest !== sourceDigest) {
    throw new DigestMismatchError(
      `${where}: layer ${index} blob ${path} hashes to ${layer.blobDigest}, but manifest.json's LayerSources names ${sourceDigest}; the blob is corrupt or was altered`,
    );
  }
  if (layer.diffId !== diffId) {
    throw new DigestMismatchError(`${where}: layer ${index} (${path}) has uncompressed digest ${layer.diffId}, but the config expects ${diffId}`);
  }
}

/** The key the archive reader files an entry under: "./a" and "a" are one entry. */
function archivePath(path: string): string {
  return normalizeTarPath(path).slice(1);
}

function resolveLink(archive: SavedArchive, path: string): string {
  let current = path;
  for (let hop = 0; hop < 8 && archive.links.has(current); hop++) current = archive.links.get(current)!;
  return current;
}
