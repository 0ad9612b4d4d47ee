// Streams one file's bytes through the text scanner: binary detection, latin1 decoding, no buffering.
import type { ContentDigests } from '../packages/package-content.js';
import type { ScannedFile } from './scan-protocol.js';
import { ContentDigester } from './content-digests.js';
import { lineParserFor } from './files/index.js';
import { isInterestingPath } from './paths.js';
import { TextScanner } from './text-scanner.js';
import type { SecretMatch } from './types.js';

export interface FileScanner {
  /** Feed the next chunk; returns false once the scanner needs no more data (e.g. binary detected) so the caller can drain the rest cheaply. */
  write(chunk: Buffer): boolean;
  /** All matches, in order of appearance, de-duplicated. */
  end(): SecretMatch[];
  /** After `end`: the content's digests when the file had matches (to tell package content apart). */
  digests(): ContentDigests | undefined;
}

export interface FileScannerOptions {
  /** Compute content digests for files with matches (default true). */
  digests?: boolean;
}

/** Same heuristic as git and grep: a NUL byte early in the file means binary. */
const BINARY_SNIFF_BYTES = 8000;

/** Watches the first bytes of a file for a NUL; used here and by the scan pool before it ships bytes to a worker. */
export class BinarySniffer {
  private sniffed = 0;
  binary = false;

  /** False once the file is known to be binary. */
  accept(chunk: Buffer): boolean {
    if (this.binary) return false;
    if (this.sniffed < BINARY_SNIFF_BYTES) {
      const sniff = Math.min(chunk.length, BINARY_SNIFF_BYTES - this.sniffed);
      this.sniffed += sniff;
      if (chunk.subarray(0, sniff).includes(0)) this.binary = true;
    }
    return !this.binary;
  }
}

class StreamingFileScanner implements FileScanner {
  private readonly text: TextScanner;
  private readonly sniffer = new BinarySniffer();
  private readonly digester: ContentDigester | undefined;
  private found: ContentDigests | undefined;

  constructor(path: string, size: number, options: FileScannerOptions) {
    this.text = new TextScanner({ lineParser: lineParserFor(path), latin1: true });
    if (options.digests ?? true) this.digester = new ContentDigester(size);
  }

  write(chunk: Buffer): boolean {
    if (!this.sniffer.accept(chunk)) return false;
    // latin1 maps each byte to one char: fast, lossless, and offsets equal byte offsets.
    const text = chunk.toString('latin1');
    this.text.push(text);
    this.digester?.add(chunk, text);
    return true;
  }

  end(): SecretMatch[] {
    if (this.sniffer.binary) return [];
    const matches = this.text.finish();
    if (matches.length > 0) this.found = this.digester?.finish();
    return matches;
  }

  digests(): ContentDigests | undefined {
    return this.found;
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
