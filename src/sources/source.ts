// What the engine needs from any place images live: identity up front, then one streamed archive.
import type { Readable } from 'node:stream';

export interface SourceImage {
  /** Config digest the archive's config must hash to, when the source knows it in advance. */
  imageId?: string;
  repoDigests: string[];
  /** A docker-save or OCI archive of exactly this image, streamed. */
  openArchive(): Promise<Readable>;
}

export interface ImageSource {
  /** Names the place for messages, e.g. "Docker Engine at unix:///var/run/docker.sock". */
  readonly description: string;
  resolve(reference: string): Promise<SourceImage>;
}
