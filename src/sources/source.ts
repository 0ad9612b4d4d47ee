// What the engine needs from any place images live: how to find the image, then its bytes, streamed.
import type { Readable } from 'node:stream';
import type { ImageSelector } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import type { FileDispatcher } from '../layers/layer-walk.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { SavedArchive } from '../layers/save-archive.js';

export interface SourceImage {
  /** How to find the image in what the source delivers (the platform is added by the caller). */
  selector: Omit<ImageSelector, 'platform'>;
  /** Registry digests the source knows for the image (engine: RepoDigests). */
  repoDigests: string[];
  /**
   * The image's bytes as one docker-save or OCI-layout tar stream (engine export, archive file),
   * or, for sources that are not one stream (an OCI layout directory), `readLayout` instead.
   */
  openArchive?(): Promise<Readable>;
  /**
   * `observe` sees the byte count of every blob chunk read (for progress). `reuse` is asked for each
   * layer once the config names its diffID: a layer it returns is not fetched or read at all.
   */
  readLayout?(dispatchFor: (layerPath: string) => FileDispatcher, selector: ImageSelector, observe?: (bytes: number) => void, reuse?: LayerReuse): Promise<SavedArchive>;
  /** What the engine's inspect says the image is: enough to skip its export when a cache holds it all. */
  known?: { imageId: string; diffIds: string[] };
  /** The diffIDs, where a source can read them cheaply before the layers (an archive file): lets a partial check skip cached layers. */
  diffIdsAhead?(): Promise<string[] | undefined>;
}

/** A cached layer for this diffID, already replayed into the rules, or undefined to read the layer. */
export type LayerReuse = (layerPath: string, diffId: string) => Promise<LayerIndex | undefined>;

/** The config's diff_ids by layer position, or undefined when the config is unreadable (the normal path then says why). */
export function diffIdsOf(config: Buffer | undefined): string[] | undefined {
  if (!config) return undefined;
  try {
    const ids = (JSON.parse(config.toString('utf8')) as { rootfs?: { diff_ids?: unknown } }).rootfs?.diff_ids;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
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
}
