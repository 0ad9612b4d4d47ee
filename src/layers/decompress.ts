// Streaming decompressors for layer blobs: gzip from zlib; zstd from zlib where Node has it
// (>= 22.15 / 23.8) and otherwise from fzstd, a pure-JS streaming decoder (no native build, which
// matters because npm 11 does not run install scripts by default).
import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';

export type Codec = 'gzip' | 'zstd';

/** Which zstd implementation this process uses, for the benchmark and --debug. */
export const ZSTD_IMPLEMENTATION: 'node:zlib' | 'fzstd' =
  typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function' ? 'node:zlib' : 'fzstd';

/** Output pieces of a layer's decompressor: few trips through the stream machinery for gigabytes. */
const LAYER_CHUNK = 128 * 1024;

/** `chunkSize`: the size of each output buffer (node:zlib allocates one per stream, and more as it fills them). */
export function createDecompressor(codec: Codec, chunkSize = LAYER_CHUNK): Transform {
  if (codec === 'gzip') return zlib.createGunzip({ chunkSize });
  if (ZSTD_IMPLEMENTATION === 'node:zlib') {
    return (zlib as unknown as { createZstdDecompress(options?: object): Transform }).createZstdDecompress({ chunkSize });
  }
  return new FzstdTransform();
}

/**
 * fzstd decodes synchronously inside push(); its output arrives through ondata. Output chunks
 * are copied because the decoder may reuse the window they point into.
 */
class FzstdTransform extends Transform {
  private readonly decoder: Decompress;
  private ended = false;

  constructor() {
    super({ readableHighWaterMark: 1 << 20 });
    this.decoder = new Decompress((data, final) => {
      if (data.length > 0) this.push(Buffer.from(data));
      if (final) this.ended = true;
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      done();
    } catch (error) {
      done(asError(error));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      if (!this.ended) throw new Error('the zstd stream ends in the middle of a frame');
      done();
    } catch (error) {
      done(asError(error));
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
