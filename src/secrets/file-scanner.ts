// Streams one file's bytes through the text scanner: binary detection, text encodings, no buffering.
import type { ContentDigests } from '../packages/package-content.js';
import type { ScannedFile } from './scan-protocol.js';
import { ContentDigester } from './content-digests.js';
import { BINARY_MAGIC_BYTES, type BinaryScanner, type CredentialFile } from './files/credential-file.js';
import { adjustingFileOf, binaryCredentialFileOf, lineParserFor } from './files/index.js';
import { isInterestingPath } from './paths.js';
import { TextScanner } from './text-scanner.js';
import { encodingSettled, ENCODING_SNIFF_BYTES, sniffEncoding, Transcoder, type TextEncoding } from './text-encoding.js';
import type { SecretMatch } from './types.js';

export interface FileScanner {
  /** Feed the next chunk; returns false once the scanner needs no more data (e.g. binary detected) so the caller can drain the rest cheaply. */
  write(chunk: Buffer): boolean;
  /** All matches, in order of appearance, de-duplicated. */
  end(): SecretMatch[];
  /**
   * The memory of the chunks written so far is about to be reused (the scan thread hands its batch
   * buffer back): copy whatever is still held of them. Chunks are otherwise held by reference.
   */
  keepHeld(): void;
  /** After `end`: the content's digests when the file had matches (to tell package content apart). */
  digests(): ContentDigests | undefined;
}

export interface FileScannerOptions {
  /** Compute content digests for files with matches (default true). */
  digests?: boolean;
}

/** Same heuristic as git and grep: a NUL byte early in the file means binary (UTF-16 text aside). */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Watches the first bytes of a file: its text encoding (a BOM or UTF-16's NUL pattern), then NULs
 * that mark it binary — unless its first bytes are a binary credential format's magic (a
 * keystore), which is then read by that format instead. Used here and by the scan pool before it
 * ships bytes to a worker; both see the same bytes in the same order, so both reach the same verdict.
 */
export class BinarySniffer {
  private sniffed = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  /** The first BINARY_MAGIC_BYTES of the file, checked against the binary credential formats once they arrived. */
  private magic: Buffer[] = [];
  private magicBytes = 0;
  private magicChecked = false;
  /** A NUL seen before the magic check: binary, unless the magic names a credential format. */
  private nulBeforeMagic = false;
  binary = false;
  /** Set when the file is a binary credential format (read by it, never as text). */
  credential: CredentialFile | undefined;
  /** Undefined until ENCODING_SNIFF_BYTES arrived (or `settle` was called at the end of a short file). */
  encoding: TextEncoding | undefined;

  /** False once the file is known to be binary (and no credential format). */
  accept(chunk: Buffer): boolean {
    if (this.binary) return false;
    if (this.credential !== undefined) return true;
    if (!this.magicChecked) {
      const part = chunk.subarray(0, BINARY_MAGIC_BYTES - this.magicBytes);
      this.magic.push(Buffer.from(part)); // a few bytes: copied, so no caller's buffer is held
      this.magicBytes += part.length;
      if (this.magicBytes >= BINARY_MAGIC_BYTES) this.checkMagic();
      if (this.credential !== undefined) return true;
    }
    if (this.encoding === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= ENCODING_SNIFF_BYTES || encodingSettled(this.head.length === 1 ? chunk : Buffer.concat(this.head))) this.settle(false);
      return !this.binary;
    }
    this.checkNul(chunk);
    return !this.binary;
  }

  /** Copies the chunks held for the encoding sniff (see FileScanner.keepHeld). */
  keepHeld(): void {
    this.head = this.head.map((chunk) => Buffer.from(chunk));
  }

  /** True until the first BINARY_MAGIC_BYTES arrived: whether the file is text is not known before. */
  get pending(): boolean {
    return !this.magicChecked;
  }

  /** Decides the encoding from what arrived so far (`atEnd`: the file ended, shorter than the sniff). */
  settle(atEnd = true): void {
    if (atEnd && !this.magicChecked) this.checkMagic();
    if (this.encoding !== undefined || this.credential !== undefined) return;
    const head = this.head.length === 1 ? this.head[0]! : Buffer.concat(this.head);
    this.encoding = sniffEncoding(head);
    const pending = this.head;
    this.head = [];
    for (const chunk of pending) this.checkNul(chunk);
  }

  private checkNul(chunk: Buffer): void {
    if (this.encoding === 'utf16le' || this.encoding === 'utf16be' || this.sniffed >= BINARY_SNIFF_BYTES) return;
    const sniff = Math.min(chunk.length, BINARY_SNIFF_BYTES - this.sniffed);
    this.sniffed += sniff;
    if (!chunk.subarray(0, sniff).includes(0)) return;
    if (this.magicChecked) this.binary = true;
    else this.nulBeforeMagic = true;
  }

  private checkMagic(): void {
    this.magicChecked = true;
    this.credential = binaryCredentialFileOf(this.magic.length === 1 ? this.magic[0]! : Buffer.concat(this.magic));
    this.magic = [];
    if (this.credential === undefined && this.nulBeforeMagic) this.binary = true;
  }
}

class StreamingFileScanner implements FileScanner {
  private readonly text: TextScanner;
  private readonly sniffer = new BinarySniffer();
  private readonly digester: ContentDigester | undefined;
  private found: ContentDigests | undefined;
  /** Chunks held until the encoding is known (at most ENCODING_SNIFF_BYTES and one chunk). */
  private held: Buffer[] = [];
  private transcoder: Transcoder | undefined;
  /** Set once the file turned out to be a binary credential format (a keystore). */
  private binary: BinaryScanner | undefined;
  private binaryDone = false;
  /** The credential file this path names, whose `adjust` may rewrite the matches (SSH host keys). */
  private readonly named: CredentialFile | undefined;

  constructor(path: string, size: number, options: FileScannerOptions) {
    this.text = new TextScanner({ lineParser: lineParserFor(path), latin1: true });
    if (options.digests ?? true) this.digester = new ContentDigester(size);
    this.named = adjustingFileOf(path);
  }

  write(chunk: Buffer): boolean {
    if (!this.sniffer.accept(chunk)) return false;
    if (this.sniffer.credential === undefined && (this.sniffer.encoding === undefined || this.sniffer.pending)) {
      this.held.push(chunk);
      return true;
    }
    this.release();
    this.feed(chunk);
    return !this.binaryDone || this.digester !== undefined;
  }

  end(): SecretMatch[] {
    this.sniffer.settle();
    if (this.sniffer.binary) return [];
    this.release();
    let matches: SecretMatch[];
    if (this.binary !== undefined || this.sniffer.credential !== undefined) {
      matches = (this.binary ??= this.sniffer.credential!.binary!.scanner()).end();
    } else {
      const tail = this.transcoder?.end();
      if (tail) this.text.push(tail);
      matches = this.text.finish();
    }
    if (matches.length > 0) this.found = this.digester?.finish();
    const named = this.named;
    return named?.adjust ? matches.map((m) => named.adjust!(m)) : matches;
  }

  digests(): ContentDigests | undefined {
    return this.found;
  }

  keepHeld(): void {
    this.held = this.held.map((chunk) => Buffer.from(chunk));
    this.sniffer.keepHeld();
    this.digester?.keepHeld();
  }

  private release(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    for (const chunk of held) this.feed(chunk);
  }

  private feed(chunk: Buffer): void {
    const credential = this.sniffer.credential;
    if (credential !== undefined) {
      // A keystore: its own reader, and the digests (package content) as for any file.
      this.binary ??= credential.binary!.scanner();
      if (!this.binaryDone) this.binaryDone = !this.binary.write(chunk);
      this.digester?.add(chunk);
      return;
    }
    if (this.sniffer.encoding === 'bytes') {
      // latin1 maps each byte to one char: fast, lossless, and offsets equal byte offsets.
      const text = chunk.toString('latin1');
      this.text.push(text);
      this.digester?.add(chunk, text);
      return;
    }
    this.transcoder ??= new Transcoder(this.sniffer.encoding!);
    this.text.push(this.transcoder.decode(chunk));
    // Package records hash the file as shipped, not as decoded.
    this.digester?.add(chunk, chunk.toString('latin1'));
  }
}

/** Ends the scan: its matches, and its digests when it has some (what the pool hands back, inline or from a thread). */
export function finishScan(scanner: FileScanner): ScannedFile {
  const matches = scanner.end();
  const digests = scanner.digests();
  return digests ? { matches, digests } : { matches };
}

/** A scanner for the file at `path`, or undefined when such a file is never worth scanning. */
export function createFileScanner(path: string, size: number, options: FileScannerOptions = {}): FileScanner | undefined {
  if (size <= 0 || !isInterestingPath(path)) return undefined;
  return new StreamingFileScanner(path, size, options);
}
