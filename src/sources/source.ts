// What the engine needs from any place images live: how to find the image, then its bytes, streamed.
import type { Readable } from 'node:stream';
import type { ImageSelector } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import type { FileDispatcher } from '../layers/layer-walk.js';
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
  /** `observe` sees the byte count of every blob chunk read (for progress). */
  readLayout?(dispatchFor: (layerPath: string) => FileDispatcher, selector: ImageSelector, observe?: (bytes: number) => void): Promise<SavedArchive>;
}

export interface ImageSource {
  /** Names the place for messages, e.g. "Docker Engine at unix:///var/run/docker.sock". */
  readonly description: string;
  resolve(locator: string): Promise<SourceImage>;
  /** Platforms a multi-platform image offers ([] for a single image); sources that cannot tell cheaply omit it. */
  listPlatforms?(locator: string): Promise<Platform[]>;
}
