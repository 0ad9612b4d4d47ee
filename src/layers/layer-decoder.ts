// Sniffs a layer blob's compression from its magic bytes, decompresses it, and digests both forms on the way.
import { createHash, type Hash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Transform } from 'node:stream';
import { createDecompressor, type Codec } from './decompress.js';
import { ImagegateError } from '../core/errors.js';
import { DAMAGED, LayerFormatError, unreadableTar } from './errors.js';

export type Compression = 'none' | Codec;

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** The part of a writable stream the decoder uses; tar-stream's (streamx) extract satisfies it. */
export interface TarSink {
  write(chunk: Buffer): boolean;
  end(data?: unknown): unknown;
  once(event: 'drain' | 'finish', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(error?: Error): unknown;
  readonly destroyed: boolean;
}

export interface DecodedDigests {
  compression: Compression;
  blobDigest: string;
  blobBytes: number;
  diffId: string;
  tarBytes: number;
}

/**
 * A Writable that takes the raw blob and writes the uncompressed tar into `sink`, hashing as it goes.
 * Backpressure flows from the sink through the decompressor to the caller, so memory stays bounded whatever the
 * layer size. Media types are not trusted: the magic bytes decide, as the engine itself does.
 */
export class LayerDecoder extends Writable {
  private readonly blobHash: Hash = createHash('sha256');
  private readonly tarHash: Hash = createHash('sha256');
  private blobBytes = 0;
  private tarBytes = 0;
  private compression?: Compression;
  private decompressor?: Transform;
  private pending: Buffer[] = [];

  constructor(
    private readonly sink: TarSink,
    private readonly blobName: string,
  ) {
    super({ highWaterMark: 1 << 20 });
    // The sink is outside the caller's pipeline, so its failure (a corrupt tar header) must end ours.
    sink.on('error', (error) => this.destroy(error instanceof ImagegateError ? error : unreadableTar(blobName, error)));
  }

  digests(): DecodedDigests {
    const blobDigest = `sha256:${this.blobHash.digest('hex')}`;
    const diffId = this.compression === 'none' ? blobDigest : `sha256:${this.tarHash.digest('hex')}`;
    return { compression: this.compression ?? 'none', blobDigest, blobBytes: this.blobBytes, diffId, tarBytes: this.tarBytes };
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.blobHash.update(chunk);
    this.blobBytes += chunk.length;
    if (this.compression === undefined) {
      this.pending.push(chunk);
      const head = Buffer.concat(this.pending);
      if (head.length < ZSTD_MAGIC.length) return done();
      this.pending = [];
      try {
        this.compression = sniff(head, this.blobName);
      } catch (error) {
        return done(error as Error);
      }
      if (this.compression !== 'none') this.startDecompressor(this.compression);
      return this.forward(head, done);
    }
    this.forward(chunk, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    const finish = (): void => {
      this.sink.end();
      this.sink.once('finish', () => done());
    };
    if (this.compression === undefined) {
      // A blob shorter than any magic: forward as a (certainly truncated) tar and let the tar parser judge.
      const head = Buffer.concat(this.pending);
      this.compression = 'none';
      if (head.length > 0) this.forwardTar(head);
      return finish();
    }
    if (!this.decompressor) return finish();
    this.decompressor.once('end', finish);
    this.decompressor.end();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.decompressor?.destroy();
    if (!this.sink.destroyed) this.sink.destroy(error ?? undefined);
    done(error);
  }

  private startDecompressor(codec: Codec): void {
    const decompressor = createDecompressor(codec);
    decompressor.on('data', (data: Buffer) => {
      if (!this.forwardTar(data)) {
        decompressor.pause();
        this.sink.once('drain', () => decompressor.resume());
      }
    });
    decompressor.on('error', (error) =>
      this.destroy(
        new LayerFormatError(`${this.blobName}: the ${codec} stream is corrupt or truncated (${error.message}); ${DAMAGED}`, { cause: error }),
      ),
    );
    this.decompressor = decompressor;
  }

  private forward(chunk: Buffer, done: (error?: Error | null) => void): void {
    if (this.decompressor) {
      if (this.decompressor.write(chunk)) done();
      else this.decompressor.once('drain', () => done());
      return;
    }
    if (this.forwardTar(chunk)) done();
    else this.sink.once('drain', () => done());
  }

  private forwardTar(chunk: Buffer): boolean {
    if (this.compression !== 'none') this.tarHash.update(chunk);
    this.tarBytes += chunk.length;
    return this.sink.write(chunk);
  }
}

function sniff(head: Buffer, _blobName: string): Compression {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip';
  if (startsWith(head, ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

function startsWith(buffer: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => buffer[i] === byte);
}
