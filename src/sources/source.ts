// What the engine needs from any place images live: how to find the image, then one way to read it.
import type { Readable } from 'node:stream';
import type { ImageSelector } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import type { FileDispatcher } from '../layers/layer-walk.js';
import type { LayerIndex } from '../layers/layer-index.js';
import { readSaveArchive, type CachedLayerLookup, type SavedArchive } from '../layers/save-archive.js';

/** What a reading hands the walk: where each layer's files go, and what the caller watches or already holds. */
export interface ReadContext {
  /** The rules' file dispatcher for a layer, by its path in the archive or layout. */
  dispatchFor: (layerPath: string) => FileDispatcher;
  /** Which image to read when the source holds several (the caller adds the platform). */
  selector: ImageSelector;
  /** Sees the byte count of every chunk read (progress, the first byte's timing). */
  observe?: (bytes: number) => void;
  /**
   * Asked for each layer once the config names its diffID, by sources that fetch layer by layer: a
   * layer it returns is not fetched or read at all. Sources that deliver one stream cannot skip.
   */
  reuse?: LayerReuse;
  /** For sources that deliver one stream: which layers the cache holds, decided from their names before their bytes (hashed, not walked). */
  cached?: CachedLayerLookup;
  /** The cache holds some of the image's layers, so much of its stream will be hashed only (an engine export then reads differently, raw-export.ts). */
  someCached?: boolean;
}

export interface SourceImage {
  /** How to find the image in what the source delivers (the platform is added by the caller). */
  selector: Omit<ImageSelector, 'platform'>;
  /** Registry digests the source knows for the image (engine: RepoDigests). */
  repoDigests: string[];
  /** What the engine's inspect says the image is: enough to skip its export when a cache holds it all. */
  known?: { imageId: string; diffIds: string[] };
  /** Streams the image through the layer walk: every layer read (or reused), every JSON document kept. */
  read(context: ReadContext): Promise<SavedArchive>;
  /** The diffIDs, where a source can read them cheaply before the layers (an archive file): lets a partial check skip cached layers. */
  diffIdsAhead?(): Promise<string[] | undefined>;
}

/** A cached layer for this diffID, already replayed into the rules, or undefined to read the layer. */
export type LayerReuse = (layerPath: string, diffId: string) => Promise<LayerIndex | undefined>;

/** For sources whose image arrives as one docker-save or OCI-layout tar stream (engine export, archive file). */
export function readStream(
  open: (hints: { absorbing: boolean }) => Promise<Readable>,
): (context: Pick<ReadContext, 'dispatchFor' | 'observe' | 'cached' | 'someCached'>) => Promise<SavedArchive> {
  return async ({ dispatchFor, observe, cached, someCached }) => {
    // Cached layers are hashed straight off an engine export (raw-export.ts, absorbing); a first
    // check, with nothing cached yet, reads as without a cache.
    const stream = await open({ absorbing: cached !== undefined && someCached === true });
    if (observe) {
      stream.on('data', (chunk: Buffer) => observe(chunk.length));
      stream.on('absorbed', (bytes: number) => observe(bytes)); // taken before the queue (raw-export.ts)
    }
    return readSaveArchive(stream, dispatchFor, cached ? { cached } : {});
  };
}

/** The config's diff_ids by layer position, or undefined when the config is unreadable (the normal path then says why). */
export function diffIdsOf(config: Buffer | undefined): string[] | undefined {
  if (!config) return undefined;
  try {
    const ids = (JSON.parse(config.toString('utf8')) as { rootfs?: { diff_ids?: unknown } }).rootfs?.diff_ids;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
  } catch {
    return undefined;
  }
}

export interface ImageSource {
  /** Names the place for messages, e.g. "Docker Engine at unix:///var/run/docker.sock". */
  readonly description: string;
  resolve(locator: string): Promise<SourceImage>;
  /** Platforms a multi-platform image offers ([] for a single image); sources that cannot tell cheaply omit it. */
  listPlatforms?(locator: string): Promise<Platform[]>;
  /**
   * Several images this source resolved, in one reading (`docker save a b c`): a layer they share is
   * read once. Sources that cannot do better than one image at a time omit it.
   */
  readTogether?(images: readonly SourceImage[], context: Omit<ReadContext, 'selector' | 'reuse'>, what: string): Promise<SavedArchive>;
}
