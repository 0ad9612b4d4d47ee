// Glue between one image's check and the layer cache: replays cached layers into the rules, builds
// the whole image from the cache when an engine export can be skipped, and records what was read.
import type { LayerCache, RecordRead } from '../cache/layer-cache.js';
import type { LayerRecord } from '../cache/layer-record.js';
import type { ArchiveImage } from '../image/archive-image.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { CachedLayerLookup, SavedArchive } from '../layers/save-archive.js';
import { cachedLayerLookup } from '../cache/export-reuse.js';
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
    if (!record || !this.runner.restoreLayer(layerPath, record.memos)) return undefined;
    this.reused.add(layerPath);
    // The config (verified against its digest) names this diffID for the layer; the record was made
    // from content that hashed to it. The manifest's blob may be compressed differently, so the
    // blob digest is the manifest's, which is what the blob-path check compares against.
    const blob = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(layerPath);
    return blob ? { ...record.index, blobDigest: `sha256:${blob[1]}` } : record.index;
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
      (layerPath, record) => {
        if (!this.runner.restoreLayer(layerPath, record.memos)) return false;
        this.reused.add(layerPath);
        return true;
      },
      (diffId) => this.record(diffId),
    );
  }

  /**
   * The whole image from the cache, as if exported, when the config and every layer are there: the
   * engine's export (its slowest step) is then never requested. Undefined means "export as usual".
   */
  async wholeImage(known: { imageId: string; diffIds: string[] }): Promise<SavedArchive | undefined> {
    if (!(await this.cache.hasLayers(known.diffIds))) return undefined;
    const config = await this.cache.getConfig(known.imageId);
    if (!config) return undefined;
    // One record at a time: each is inflated and parsed whole (raw text, parsed arrays and the
    // index alive at once), so reading them together stacked every layer's transient copies —
    // a warm check peaked higher than a cold one.
    const records: (LayerRecord | undefined)[] = [];
    for (const diffId of known.diffIds) records.push(await this.cache.getLayer(diffId));
    if (records.some((record) => !record)) return undefined;
    const paths = known.diffIds.map((_, i) => `cached/${i}/layer.tar`);
    const layers = new Map<string, LayerIndex>();
    for (const [i, record] of records.entries()) {
      if (!this.runner.restoreLayer(paths[i]!, record!.memos)) return undefined;
      layers.set(paths[i]!, record!.index);
      this.reused.add(paths[i]!);
    }
    const configPath = `${known.imageId.slice('sha256:'.length)}.json`;
    return {
      documents: new Map([
        [configPath, config],
        ['manifest.json', Buffer.from(JSON.stringify([{ Config: configPath, RepoTags: [], Layers: paths }]))],
      ]),
      layers,
      links: new Map(),
    };
  }

  /** After a successful check: records for every layer that was read, and the config. */
  async store(ordered: ArchiveImage, archive: SavedArchive): Promise<void> {
    const config = archive.documents.get(ordered.selected.configPath);
    if (config) await this.cache.putConfig(ordered.imageId, config);
    for (const [i, path] of ordered.layerPaths.entries()) {
      if (this.reused.has(path)) continue;
      await this.cache.putLayer({ index: ordered.layers[i]!, memos: this.runner.layerMemos(path) });
    }
  }
}
