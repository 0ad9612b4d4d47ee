// Which encoding a file's text is in, from its first bytes, and a streaming transcoder to the
// latin1-of-UTF-8 strings the text scanner reads. UTF-16 is what PowerShell and many Windows editors
// write by default; without this, its NUL bytes made every such file look binary.
import { StringDecoder } from 'node:string_decoder';

export type TextEncoding = 'bytes' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** Enough bytes to see a BOM or the NUL pattern of UTF-16 ASCII text. */
export const ENCODING_SNIFF_BYTES = 64;

/** Whether `head` already settles the question: no NUL in the first bytes means no BOM-less UTF-16. */
export function encodingSettled(head: Buffer): boolean {
  return head.length >= ENCODING_SNIFF_BYTES || (head.length >= 3 && head[0] !== 0 && head[1] !== 0);
}

/** Decides from a file's first bytes (a short file: all of them). */
export function sniffEncoding(head: Buffer): TextEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom';
  // Without a BOM: ASCII text in UTF-16 has a NUL in every other byte and (almost) none in the others.
  const pairs = Math.floor(Math.min(head.length, ENCODING_SNIFF_BYTES) / 2);
  if (pairs < 2) return 'bytes';
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  // The first character must be ASCII too: then a head without NUL in its first bytes settles early.
  if (head[1] === 0 && oddZeros >= pairs * 0.75 && evenZeros === 0) return 'utf16le';
  if (head[0] === 0 && evenZeros >= pairs * 0.75 && oddZeros === 0) return 'utf16be';
  return 'bytes';
}

/** Bytes of a file in `encoding` → latin1 strings of its UTF-8 bytes, so offsets and lines work as for any file. */
export class Transcoder {
  private readonly decoder: StringDecoder | undefined;
  private odd: Buffer | undefined;
  private bomPending: boolean;

  constructor(private readonly encoding: TextEncoding) {
    this.decoder = encoding === 'utf16le' || encoding === 'utf16be' ? new StringDecoder('utf16le') : undefined;
    this.bomPending = encoding !== 'bytes';
  }

  decode(chunk: Buffer): string {
    if (!this.decoder) {
      const text = chunk.toString('latin1');
      return this.stripBom(text, '\u00ef\u00bb\u00bf');
    }
    let bytes = chunk;
    if (this.encoding === 'utf16be') {
      // Big-endian: swap each pair; an odd byte waits for its partner in the next chunk.
      if (this.odd) bytes = Buffer.concat([this.odd, bytes]);
      const even = bytes.length & ~1;
      this.odd = even < bytes.length ? Buffer.from(bytes.subarray(even)) : undefined;
      bytes = Buffer.from(bytes.subarray(0, even)).swap16();
    }
    return this.utf8(this.stripBom(this.decoder.write(bytes), '\ufeff'));
  }

  end(): string {
    return this.decoder ? this.utf8(this.decoder.end()) : '';
  }

  private stripBom(text: string, bom: string): string {
    if (!this.bomPending || text.length === 0) return text;
    this.bomPending = false;
    return text.startsWith(bom) ? text.slice(bom.length) : text;
  }

  private utf8(text: string): string {
    return text.length === 0 ? '' : Buffer.from(text, 'utf8').toString('latin1');
  }
}
