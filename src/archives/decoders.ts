// Single-stream decompressors for archives found in an image: gzip and zstd (the layer decoders),
// bzip2 and xz from two small dependencies, each driven so that output is pulled, never pushed:
// memory stays bounded however far a stream expands, and a reader that stops stops the decoder.
import { createDecompressor } from '../layers/decompress.js';
import { slices, through } from './byte-streams.js';

export type StreamKind = 'gzip' | 'zstd' | 'bzip2' | 'xz';

/**
 * Output buffers of zlib's own default size rather than a layer's: an image can hold thousands of
 * small compressed files, each opened with its own decompressor, and each such buffer lived until a
 * full garbage collection (docs/benchmarks.md, "Measurements behind code choices").
 */
const MEMBER_CHUNK = 16 * 1024;

/** The decompressed bytes of `source`; errors (corrupt or truncated input) end the iteration. */
export function decompressed(kind: StreamKind, source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  switch (kind) {
    case 'gzip':
      return through(source, createDecompressor('gzip', MEMBER_CHUNK));
    case 'zstd':
      // Small input slices keep a pure-JS decoder's output per call small.
      return through(slices(source, 256), createDecompressor('zstd', MEMBER_CHUNK));
    case 'bzip2':
      return bunzip2(source);
    case 'xz':
      return unxz(source);
  }
}

const OUTPUT_CHUNK = 64 * 1024;

/**
 * bzip2 through unbzip2-stream's block decoder. Its own stream wrapper is not used: it decodes
 * every block its input allows in one go and gathers the output byte by byte in an array, so a
 * bomb of a few KB would fill memory before anyone could stop it. Here one block is decoded at a
 * time, only once its compressed bytes are all there (a block is at most 100 000 × level bytes of
 * input), and its output (at most about 46 MB, bzip2's worst run-length expansion of a 900 KB
 * block) is handed on before the next block is read. Concatenated streams (pbzip2) are followed.
 */
async function* bunzip2(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const [{ default: bz2 }, { default: bitIterator }] = await Promise.all([
    import('unbzip2-stream/lib/bzip2.js'),
    import('unbzip2-stream/lib/bit_iterator.js'),
  ]);
  const input = source[Symbol.asyncIterator]();
  const buffers: Buffer[] = [];
  let received = 0;
  let ended = false;
  try {
    const fill = async (bytes: number, bits?: BitReader): Promise<void> => {
      while (!ended && received - (bits?.bytesRead ?? 0) < bytes) {
        const next = await input.next();
        if (next.done) ended = true;
        else if (next.value.length > 0) {
          buffers.push(next.value);
          received += next.value.length;
        }
      }
    };
    await fill(4);
    if (received === 0) throw new Error('the bzip2 stream is empty');
    const bits = bitIterator(() => {
      const next = buffers.shift();
      if (!next) throw new Error('the bzip2 stream is truncated');
      return next;
    });
    let level = 0;
    let blocks: Int32Array | undefined;
    let streamCrc: number | null = 0;
    for (;;) {
      if (level === 0) {
        await fill(4, bits);
        // A stream ended on a byte boundary; nothing after it means the file is done.
        if (ended && received - bits.bytesRead <= 0) return;
        level = bz2.header(bits);
        if (!blocks || blocks.length !== 100_000 * level) blocks = new Int32Array(100_000 * level);
        streamCrc = 0;
        continue;
      }
      await fill(25_000 + 100_000 * level, bits);
      const output = new ChunkedOutput();
      streamCrc = bz2.decompress(bits, output.byte, blocks!, blocks!.length, streamCrc);
      if (streamCrc === null) level = 0;
      yield* output.chunks();
    }
  } catch (error) {
    throw readable(error, 'bzip2');
  } finally {
    await input.return?.();
  }
}

/** Collects a block's bytes, written one at a time by the decoder, in 64 KiB buffers. */
class ChunkedOutput {
  private done: Buffer[] = [];
  private current = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private at = 0;

  readonly byte = (value: number): void => {
    this.current[this.at++] = value;
    if (this.at === OUTPUT_CHUNK) {
      this.done.push(this.current);
      this.current = Buffer.allocUnsafe(OUTPUT_CHUNK);
      this.at = 0;
    }
  };

  *chunks(): Generator<Buffer> {
    const done = this.done;
    this.done = [];
    while (done.length > 0) yield done.shift()!;
    if (this.at > 0) yield this.current.subarray(0, this.at);
  }
}

/**
 * xz through xz-decompress (XZ Embedded compiled to WebAssembly): a pull-based web stream that
 * decodes 64 KiB at a time and refuses dictionaries past its own limit, so a hostile header cannot
 * make it allocate gigabytes. It serialises its decoders process-wide (the second waits for the
 * first to finish), which is why archive-reader.ts never opens an xz inside an xz.
 */
async function* unxz(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const { XzReadableStream } = ((await import('xz-decompress')) as unknown as { default: typeof import('xz-decompress') }).default;
  const input = source[Symbol.asyncIterator]();
  // The global, not an import of node:stream/web: loading web streams took about 12 ms of every
  // run's start-up, and only an xz member inside an image needs them.
  const compressed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await input.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await input.return?.();
    },
  });
  const reader = new XzReadableStream(compressed).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.length > 0) yield Buffer.from(value.buffer, value.byteOffset, value.length);
    }
  } catch (error) {
    finished = true;
    throw readable(error, 'xz');
  } finally {
    // Cancelling frees the decoder for the next xz stream; a finished or failed one freed it already.
    if (!finished) await reader.cancel().catch(() => undefined);
    await input.return?.();
  }
}

/** XZ Embedded's return codes, as xz-decompress reports them ("… error code N"). */
const XZ_ERRORS: Record<string, string> = {
  '2': 'uses an integrity check the decoder does not support',
  '3': 'could not allocate the decoder',
  '4': 'needs a larger dictionary than the decoder allows',
  '5': 'is not an xz stream',
  '6': 'uses options the decoder does not support (it reads CRC32 and CRC64 checks, not SHA-256)',
  '7': 'is corrupt',
  '8': 'is truncated',
};

/** One readable line for a decoder's error (theirs are terse or internal). */
function readable(error: unknown, kind: 'bzip2' | 'xz'): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'xz') {
    const code = /error code (\d+)/.exec(message)?.[1];
    if (code !== undefined) return new Error(`the xz stream ${XZ_ERRORS[code] ?? `could not be decoded (code ${code})`}`);
    if (error instanceof TypeError) return new Error('the xz stream is truncated');
  }
  if (message.startsWith('the bzip2 stream')) return error as Error;
  if (kind === 'bzip2') return new Error(`the bzip2 stream is corrupt (${message.slice(0, 80)})`);
  return error instanceof Error ? error : new Error(message);
}

interface BitReader {
  (bits: number | null): number;
  bytesRead: number;
}
