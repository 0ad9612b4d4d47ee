// unbzip2-stream's block decoder and bit reader, used directly (src/archives/decoders.ts says why);
// the package ships no types for them.
declare module 'unbzip2-stream/lib/bzip2.js' {
  interface BitReader {
    (bits: number | null): number;
    bytesRead: number;
  }
  const bzip2: {
    /** Reads the stream header "BZh1".."BZh9"; returns the level (block size in 100 000s). */
    header(bits: BitReader): number;
    /** Decodes one block, writing each byte to `write`; returns the running CRC, or null at the end of the stream. */
    decompress(bits: BitReader, write: (byte: number) => void, buffer: Int32Array, size: number, streamCrc: number | null): number | null;
  };
  export default bzip2;
}

declare module 'unbzip2-stream/lib/bit_iterator.js' {
  import type { Buffer } from 'node:buffer';
  function bitIterator(next: () => Buffer): { (bits: number | null): number; bytesRead: number };
  export default bitIterator;
}
