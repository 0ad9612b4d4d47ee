// Glue between one image's check and the layer cache: replays cached layers into the rules, builds
// the whole image from the cache when an engine export can be skipped, and records what was read.
import type { LayerCache, RecordRead } from '../cache/layer-cache.js';
import type { LayerRecord } from '../cache/layer-record.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { CachedLayerLookup, SavedArchive } from '../layers/save-archive.js';
import { cachedLayerLookup } from '../cache/export-reuse.js';
import { statedBlobDigest } from '../layers/blob-names.js';
import { assembleArchiveImage, type ArchiveImage } from '../image/archive-image.js';
import { formatPlatform, type Platform } from '../image/platform.js';
import type { ImageSelector } from '../image/select-image.js';
import type { LayerReuse } from '../sources/source.js';
import type { RuleRunner } from './rule-runner.js';

export class LayerReuser {
  /** Archive paths of the layers that came from the cache (not read, so not written back). */
  readonly reused = new Set<string>();

  /** Records read ahead (`prefetch`), each taken once by the layer's lookup. */
  private readonly ahead = new Map<string, Promise<RecordRead>>();

  constructor(
    private readonly cache: LayerCache,
    private readonly runner: RuleRunner,
  ) {}

  /**
   * Starts reading the records of these layers, one after another so that only one record's
   * transient copies are alive at a time. An engine stages its whole export before sending the
   * first byte; a record read in that wait is not read in the middle of the stream, where the
   * export stalls behind it. A layer without a record costs a failed open.
   */
  prefetch(diffIds: readonly string[]): void {
    let previous: Promise<unknown> = Promise.resolve();
    for (const diffId of new Set(diffIds)) {
      const read = previous.then(() => this.cache.readAhead(diffId));
      this.ahead.set(diffId, read);
      previous = read;
    }
  }

  private record(diffId: string): Promise<LayerRecord | undefined> {
    const ahead = this.ahead.get(diffId);
    this.ahead.delete(diffId);
    return this.cache.getLayer(diffId, ahead);
  }

  /** For sources that fetch layer by layer (registries, OCI layouts). */
  readonly reuse: LayerReuse = async (layerPath, diffId) => {
    const record = await this.record(diffId);
    if (!record || !this.restore(layerPath, record)) return undefined;
    return underPath(layerPath, record.index);
  };

  /** Whether the cache holds any of these layers: a stream of this image will then be partly hashed, not walked. */
  holdsAny(diffIds: readonly string[] | undefined): Promise<boolean> {
    return diffIds ? this.cache.hasAnyLayer(diffIds) : Promise.resolve(false);
  }

  /** For export and archive streams: cached layers are hashed and skipped, not walked (src/cache/export-reuse.ts). */
  exportLookup(diffIds?: readonly string[]): CachedLayerLookup {
    return cachedLayerLookup(
      this.cache,
      diffIds,
      (layerPath, record) => this.restore(layerPath, record),
      (diffId) => this.record(diffId),
    );
  }

  /**
   * The whole image from the cache, as if exported, when the config and every layer are there: the
   * engine's export (its slowest step) is then never requested. Undefined means "export as usual".
   */
  async wholeImage(known: { imageId: string; diffIds: string[] }, selector: ImageSelector): Promise<SavedArchive | undefined> {
    const kept = await this.keptExport(known, selector);
    if (!kept) return undefined;
    const records = await this.records(kept.diffIds);
    if (!records) return undefined;
    const archive: SavedArchive = { documents: kept.documents, layers: layerMap(kept.paths, records), links: new Map() };
    if (kept.verify) {
      try {
        await assembleArchiveImage(archive, 'the layer cache', selector);
      } catch {
        return undefined;
      }
    }
    return this.restored(archive, kept.paths, records);
  }

  /**
   * What stands in for the export's documents when every layer is cached. Where the engine's ID is
   * the config digest, the cached config and a manifest naming the layers in order. On the
   * containerd store the engine's ID names a manifest or index, and the cache keeps that export's
   * documents by it: they are assembled from the engine's ID down, every digest verified as for a
   * read export, before any record is replayed (`verify`), so a damaged entry means "export as usual".
   */
  private async keptExport(
    known: { imageId: string; diffIds: string[] },
    selector: ImageSelector,
  ): Promise<{ documents: Map<string, Buffer>; paths: string[]; diffIds: string[]; verify: boolean } | undefined> {
    if (await this.cache.hasLayers(known.diffIds)) {
      const config = await this.cache.getConfig(known.imageId);
      if (config) {
        const paths = known.diffIds.map((_, i) => `cached/${i}/layer.tar`);
        const configPath = `${known.imageId.slice('sha256:'.length)}.json`;
        const manifest = Buffer.from(JSON.stringify([{ Config: configPath, RepoTags: [], Layers: paths }]));
        const documents = new Map([
          [configPath, config],
          ['manifest.json', manifest],
        ]);
        return { documents, paths, diffIds: known.diffIds, verify: false };
      }
    }
    const stored = await this.cache.getImageDocuments(known.imageId, platformKey(selector.platform));
    if (!stored) return undefined;
    const diffIds = stored.layers.map(([, diffId]) => diffId);
    if (!(await this.cache.hasLayers(diffIds))) return undefined;
    return { documents: stored.documents, paths: stored.layers.map(([path]) => path), diffIds, verify: true };
  }

  /**
   * The records of these layers, or undefined if one is missing. One at a time: each is inflated and
   * parsed whole (raw text, parsed arrays and the index alive at once), so reading them together
   * stacked every layer's transient copies — a warm check peaked higher than a cold one.
   */
  private async records(diffIds: readonly string[]): Promise<LayerRecord[] | undefined> {
    const records: LayerRecord[] = [];
    for (const diffId of diffIds) {
      const record = await this.cache.getLayer(diffId);
      if (!record) return undefined;
      records.push(record);
    }
    return records;
  }

  /**
   * Replays each layer's record into the rules under its archive path (once per path: an image may
   * list the same blob twice); the archive, or undefined.
   */
  private restored(archive: SavedArchive, paths: readonly string[], records: readonly LayerRecord[]): SavedArchive | undefined {
    for (const [i, path] of paths.entries()) {
      if (!this.reused.has(path) && !this.restore(path, records[i]!)) return undefined;
    }
    return archive;
  }

  /** Replays a record into the rules under `layerPath`, which is then not recorded again; false if the rules refuse it. */
  private restore(layerPath: string, record: LayerRecord): boolean {
    if (!this.runner.restoreLayer(layerPath, record.memos)) return false;
    this.reused.add(layerPath);
    return true;
  }

  /**
   * After a successful check: records for every layer that was read, and the config; for an engine
   * whose image ID is not the config digest (the containerd store), the export's documents under
   * that ID and `platform`, so the next check of it can skip the export (`wholeImage`).
   */
  async store(ordered: ArchiveImage, archive: SavedArchive, engine?: { imageId: string; platform: Platform | undefined }): Promise<void> {
    const config = archive.documents.get(ordered.selected.configPath);
    if (config) await this.cache.putConfig(ordered.imageId, config);
    if (engine && engine.imageId !== ordered.imageId) {
      const layers = ordered.layerPaths.map((path, i): [string, string] => [path, ordered.layers[i]!.diffId]);
      await this.cache.putImageDocuments(engine.imageId, platformKey(engine.platform), { documents: archive.documents, layers });
    }
    for (const [i, path] of ordered.layerPaths.entries()) {
      if (this.reused.has(path)) continue;
      await this.cache.putLayer({ index: ordered.layers[i]!, memos: this.runner.layerMemos(path) });
    }
  }
}

/** Archive path → cached index, each as `underPath` gives it. */
function layerMap(paths: readonly string[], records: readonly LayerRecord[]): Map<string, LayerIndex> {
  return new Map(paths.map((path, i) => [path, underPath(path, records[i]!.index)]));
}

/**
 * A cached index standing in for the layer at `path`. The config (verified against its digest)
 * names the record's diffID for the layer, and the record was made from content that hashed to it.
 * A path that names its blob's digest (blob-names.ts) states what the assembled image checks the layer against; the blob
 * may be compressed differently from the one the record was made from, so that digest is the
 * path's.
 */
function underPath(path: string, index: LayerIndex): LayerIndex {
  const stated = statedBlobDigest(path);
  return stated ? { ...index, blobDigest: stated } : index;
}

/** The platform selection as a cache key: formatted, '' for the default (the host's). */
function platformKey(platform: Platform | undefined): string {
  return platform ? formatPlatform(platform) : '';
}
