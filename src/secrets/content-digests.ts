// A scanned file's MD5 and SHA-1 (what dpkg and apk record) and SHA-256 (what pip's RECORD holds),
// computed only for the rare file that has findings.
import { createHash, type Hash } from 'node:crypto';
import { digestKey } from '../packages/record-key.js';
import type { ContentDigests } from '../packages/package-content.js';

/**
 * Up to this size a file's text is held (the latin1 strings the scanner made anyway, no copy) and
 * hashed at its end only if it had matches: hashing every file would add a large share to the scan's
 * time (docs/benchmarks.md, "Measurements behind code choices"). Larger files (few in a distro
 * image's text) are hashed as they stream, since their start is gone by the time a match shows.
 */
export const HOLD_LIMIT = 1 << 20;

export class ContentDigester {
  private held: (string | Buffer)[] = [];
  private heldBytes = 0;
  private md5: Hash | undefined;
  private sha1: Hash | undefined;
  private sha256: Hash | undefined;

  constructor(size: number) {
    if (size > HOLD_LIMIT) this.start();
  }

  /** The next chunk, as bytes and as the latin1 string the scanner decoded from them (or only as bytes, which are then held as they are). */
  add(chunk: Buffer, text?: string): void {
    if (this.md5) {
      this.md5.update(chunk);
      this.sha1!.update(chunk);
      this.sha256!.update(chunk);
      return;
    }
    this.held.push(text ?? chunk);
    this.heldBytes += chunk.length;
    // A file may run past the size its header announced only in a broken tar; stay bounded anyway.
    if (this.heldBytes > HOLD_LIMIT) this.start();
  }

  /** Copies the chunks held as bytes (see FileScanner.keepHeld); held strings are the digester's own. */
  keepHeld(): void {
    this.held = this.held.map((part) => (typeof part === 'string' ? part : Buffer.from(part)));
  }

  /** The digests' keys; call once, after the last chunk. */
  finish(): ContentDigests {
    if (!this.md5) this.start();
    return { md5: digestKey(this.md5!.digest()), sha1: digestKey(this.sha1!.digest()), sha256: digestKey(this.sha256!.digest()) };
  }

  private start(): void {
    this.md5 = createHash('md5');
    this.sha1 = createHash('sha1');
    this.sha256 = createHash('sha256');
    for (const text of this.held) {
      if (typeof text === 'string') {
        this.md5.update(text, 'latin1');
        this.sha1.update(text, 'latin1');
        this.sha256.update(text, 'latin1');
      } else {
        this.md5.update(text);
        this.sha1.update(text);
        this.sha256.update(text);
      }
    }
    this.held = [];
    this.heldBytes = 0;
  }
}
