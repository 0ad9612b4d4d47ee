// Puts a walked `docker save` archive in order: finds the image's manifest and config, orders and verifies layers.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArchiveFormatError, DigestMismatchError } from '../layers/errors.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { SavedArchive } from '../layers/save-archive.js';
import { parseImageConfig, type ImageConfig } from './image-config.js';

const saveManifestSchema = z.array(z.looseObject({
  Config: z.string(),
  RepoTags: z.array(z.string()).nullable().optional(),
  Layers: z.array(z.string()),
}));

const ociIndexSchema = z.looseObject({
  manifests: z.array(z.looseObject({ mediaType: z.string().optional(), digest: z.string() })),
});

const ociManifestSchema = z.looseObject({
  config: z.looseObject({ digest: z.string() }),
  layers: z.array(z.looseObject({ digest: z.string(), size: z.number().optional() })),
});

export interface ArchiveImage {
  imageId: string;
  config: ImageConfig;
  /** Layer indexes in rootfs order, verified against the config's diff_ids. */
  layers: LayerIndex[];
  /** Archive path of each layer, in the same order. */
  layerPaths: string[];
}

/**
 * `expectedImageId` comes from the engine's inspect; when given, the config must hash to it,
 * so a swapped or corrupted config can never pass as the image that was asked for.
 */
export function assembleArchiveImage(archive: SavedArchive, where: string, expectedImageId?: string): ArchiveImage {
  const { configPath, layerPaths } = locateImage(archive, where, expectedImageId);
  const rawConfig = archive.documents.get(configPath);
  if (!rawConfig) throw new ArchiveFormatError(`${where}: the archive has no image config at ${configPath}`);
  const imageId = `sha256:${createHash('sha256').update(rawConfig).digest('hex')}`;
  if (expectedImageId && imageId !== expectedImageId) {
    throw new DigestMismatchError(`${where}: the exported config hashes to ${imageId}, but the engine reported image ${expectedImageId}`);
  }
  const config = parseImageConfig(rawConfig, `${where}: ${configPath}`);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== layerPaths.length) {
    throw new ArchiveFormatError(`${where}: the manifest lists ${layerPaths.length} layers but the config has ${diffIds.length} diff_ids`);
  }
  const layers = layerPaths.map((path, i) => {
    const layer = archive.layers.get(resolveLink(archive, path));
    if (!layer) throw new ArchiveFormatError(`${where}: the manifest lists layer ${path}, which the archive does not contain`);
    verifyLayer(layer, path, diffIds[i]!, i, where);
    return layer;
  });
  return { imageId, config, layers, layerPaths };
}

function verifyLayer(layer: LayerIndex, path: string, diffId: string, index: number, where: string): void {
  const named = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
  if (named && layer.blobDigest !== `sha256:${named[1]}`) {
    throw new DigestMismatchError(`${where}: layer ${index} blob ${path} hashes to ${layer.blobDigest}; the blob is corrupt or was altered`);
  }
  if (layer.diffId !== diffId) {
    throw new DigestMismatchError(`${where}: layer ${index} (${path}) has uncompressed digest ${layer.diffId}, but the config expects ${diffId}`);
  }
}

function locateImage(archive: SavedArchive, where: string, expectedImageId?: string): { configPath: string; layerPaths: string[] } {
  const manifestJson = archive.documents.get('manifest.json');
  if (manifestJson) {
    const manifest = parseJson(saveManifestSchema, manifestJson, `${where}: manifest.json`);
    const wanted = expectedImageId?.replace(/^sha256:/, '');
    const entry = (wanted ? manifest.find((m) => m.Config.includes(wanted)) : undefined) ?? (manifest.length === 1 ? manifest[0] : undefined);
    if (!entry) throw new ArchiveFormatError(`${where}: manifest.json has ${manifest.length} images and none matches ${expectedImageId ?? 'the request'}`);
    return { configPath: entry.Config, layerPaths: entry.Layers };
  }
  const indexJson = archive.documents.get('index.json');
  if (!indexJson) throw new ArchiveFormatError(`${where}: the archive has neither manifest.json nor index.json; it is not a docker save or OCI archive`);
  const index = parseJson(ociIndexSchema, indexJson, `${where}: index.json`);
  if (index.manifests.length !== 1) throw new ArchiveFormatError(`${where}: index.json lists ${index.manifests.length} manifests; expected one image`);
  const manifestPath = blobPath(index.manifests[0]!.digest);
  const manifestBlob = archive.documents.get(manifestPath);
  if (!manifestBlob) throw new ArchiveFormatError(`${where}: index.json points at ${manifestPath}, which the archive does not contain`);
  const manifest = parseJson(ociManifestSchema, manifestBlob, `${where}: ${manifestPath}`);
  return { configPath: blobPath(manifest.config.digest), layerPaths: manifest.layers.map((layer) => blobPath(layer.digest)) };
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

function resolveLink(archive: SavedArchive, path: string): string {
  let current = path;
  for (let hop = 0; hop < 8 && archive.links.has(current); hop++) current = archive.links.get(current)!;
  return current;
}

function parseJson<T>(schema: z.ZodType<T>, raw: Buffer, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ArchiveFormatError(`${where} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ArchiveFormatError(`${where} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}
