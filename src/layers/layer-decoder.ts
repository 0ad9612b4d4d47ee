// Sniffs a layer blob's compression from its magic bytes, decompresses it, and digests both forms on the way.
import { Writable } from 'node:stream';
import type { Transform } from 'node:stream';
import { createDecompressor, type Codec } from './decompress.js';
import { createStreamDigest, type StreamDigest } from './digest-thread.js';
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
  // Hashed on a helper thread where there is a second core (src/layers/digest-thread.ts).
  private readonly blobHash: StreamDigest = createStreamDigest();
  private tarHash?: StreamDigest;
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

  /** Once the blob has been written whole. */
  async digests(): Promise<DecodedDigests> {
    const [blobHex, tarHex] = await Promise.all([this.blobHash.digest(), this.tarHash?.digest()]);
    const blobDigest = `sha256:${blobHex}`;
    const diffId = this.compression === 'none' || tarHex === undefined ? blobDigest : `sha256:${tarHex}`;
    return { compression: this.compression ?? 'none', blobDigest, blobBytes: this.blobBytes, diffId, tarBytes: this.tarBytes };
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    let hashed: true | Promise<true>;
    try {
      hashed = this.blobHash.update(chunk);
    } catch (error) {
      return callback(error as Error);
    }
    // The hashing thread is behind: the next chunk waits for it, so memory stays bounded.
    const done = hashed === true ? callback : (error?: Error | null): void => void hashed.then(() => callback(error));
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
    const tarHash = (this.tarHash = createStreamDigest());
    decompressor.on('data', (data: Buffer) => {
      let hashed: true | Promise<true>;
      try {
        hashed = tarHash.update(data);
      } catch (error) {
        return void this.destroy(error as Error);
      }
      const written = this.forwardTar(data);
      if (hashed === true && written) return;
      decompressor.pause();
      const drained = written ? undefined : new Promise<void>((resolve) => this.sink.once('drain', () => resolve()));
      void Promise.all([hashed, drained]).then(() => decompressor.resume());
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
