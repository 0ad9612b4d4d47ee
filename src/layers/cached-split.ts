// Takes the cached layers out of an export or archive stream before the tar parser sees them.
//
// Why: a cached layer's bytes only need SHA-256 (fail closed), yet through the tar parser every
// chunk of them also became a chunk of an entry stream, with its queueing and events — for the
// usual CI image most of the export is such bytes (docs/benchmarks.md, "A new layer on a cached
// base"). This stage frames the outer tar itself (512-byte headers, data, padding), asks the
// lookup at each layer's header (before its bytes), hashes a hit's bytes as they pass, and hands
// the parser that entry with size 0 once they are hashed; readSaveArchive then checks the digest.
// Everything it does not fully understand — a PAX or GNU long-name entry and the one after it, a
// base-256 size, a bad checksum — goes to the parser untouched from there on, which reads it as
// before; so this stage can only make reading cheaper, never read differently.
import { Transform, type TransformCallback } from 'node:stream';
import { createStreamDigest, type StreamDigest } from './digest-thread.js';
import { checksumMatches, isExtendedType, isZeroBlock, TAR_BLOCK as BLOCK, tarName, tarSize, tarType } from './tar-header.js';
import { normalizeTarPath } from './tar-path.js';

/** The small documents a lookup may consult (a classic export's `<v1-id>/json`) are kept up to this size. */
const MAX_KEPT_DOCUMENT = 1024 * 1024;

/** A layer hashed here: what its bytes hash to, how many there were, and their first bytes (compression magic). */
export interface SplitLayer {
  digest: string;
  bytes: number;
  head: Buffer;
}

/** Asked at a layer's header; true means "hash it here, do not parse it". */
export type SplitDecision = (key: string, documents: ReadonlyMap<string, Buffer>) => Promise<boolean>;

export class CachedLayerSplitter extends Transform {
  /** Layers hashed here, by archive key, until readSaveArchive takes them. */
  readonly hashed = new Map<string, SplitLayer>();
  /** Layers the lookup was asked about here (hit or miss): readSaveArchive must not ask again. */
  readonly asked = new Set<string>();
  /** Small JSON-ish entries seen so far (what a lookup may need), by archive key. */
  readonly documents = new Map<string, Buffer>();
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Data bytes of the current entry still to come, and the padding after them. */
  private left = 0;
  private padding = 0;
  /** The current entry's bytes are hashed (a cached layer) rather than passed on. */
  private hashing: { key: string; hash: StreamDigest; bytes: number; head: Buffer; original: Buffer; rewritten: Buffer } | undefined;
  /** The current entry is a small document being kept. */
  private keeping: { key: string; parts: Buffer[] } | undefined;
  /** An extended header (PAX, GNU long name) came first: the next header is the parser's alone. */
  private extended = false;
  /** Framing lost (or never understood): everything goes to the parser as it is. */
  private passThrough = false;

  constructor(
    private readonly decide: SplitDecision,
    private readonly isLayer: (key: string) => boolean,
  ) {
    // A chunk in flight is hashed or passed on at once; a 16 KiB bound paused the source per chunk.
    super({ writableHighWaterMark: 1024 * 1024 });
  }

  /**
   * Takes bytes of a cached layer's data straight from the source, synchronously (see BodyAbsorber
   * in raw-export.ts): only while a layer is being hashed here on this thread and no chunk is queued
   * or being worked on, so bytes are hashed in order. The layer's last byte always takes the
   * stream path, which ends the entry.
   */
  absorb(piece: Buffer): number {
    const hashing = this.hashing;
    if (hashing === undefined || !hashing.hash.inline || this.left <= 1 || this.writableLength > 0 || this.destroyed) return 0;
    const take = Math.min(piece.length, this.left - 1);
    void hashPiece(hashing, take === piece.length ? piece : piece.subarray(0, take)); // inline: always true, nothing to wait for
    this.left -= take;
    return take;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // Synchronous unless a layer's header waits for the lookup: a chunk answered at once keeps the
    // stream flowing, where an answer a microtask later paused and resumed it on every chunk.
    let waiting: Promise<void> | undefined;
    try {
      waiting = this.consume(chunk, 0);
    } catch (error) {
      return done(error as Error);
    }
    if (waiting) waiting.then(() => done(), done);
    else done();
  }

  /** Undefined once the chunk is used up; a promise when it waits for a lookup (then goes on from there). */
  private consume(chunk: Buffer, from: number): Promise<void> | undefined {
    let at = from;
    while (at < chunk.length) {
      if (this.passThrough) {
        this.push(at === 0 ? chunk : chunk.subarray(at));
        return;
      }
      if (this.left > 0) {
        const take = Math.min(this.left, chunk.length - at);
        const piece = chunk.subarray(at, at + take);
        let wait: Promise<unknown> | undefined;
        if (this.hashing) {
          const room = hashPiece(this.hashing, piece); // a promise while the hashing thread has too many batches
          if (room !== true) wait = room;
        } else {
          this.keeping?.parts.push(piece);
          this.push(piece);
        }
        this.left -= take;
        at += take;
        if (this.left === 0) wait = wait ? wait.then(() => this.endOfData()) : this.endOfData();
        if (wait) {
          const next = at;
          return wait.then(() => this.consume(chunk, next));
        }
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, chunk.length - at);
        if (!this.hashing) this.push(chunk.subarray(at, at + take));
        this.padding -= take;
        at += take;
        const wait = this.padding === 0 ? this.endOfEntry() : undefined;
        if (wait) {
          const next = at;
          return wait.then(() => this.consume(chunk, next));
        }
        continue;
      }
      const take = Math.min(BLOCK - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + take);
      this.headerFill += take;
      at += take;
      if (this.headerFill < BLOCK) continue;
      this.headerFill = 0;
      const waiting = this.onHeader();
      if (waiting) {
        const next = at;
        return waiting.then(() => this.consume(chunk, next));
      }
    }
    return undefined;
  }

  private onHeader(): Promise<void> | undefined {
    const block = Buffer.from(this.header); // pushed or kept: the scratch block is reused
    const parsed = parseHeader(block);
    if (parsed === 'zero') {
      this.push(block); // end-of-archive blocks
      return undefined;
    }
    if (parsed === undefined) {
      this.passThrough = true; // not a header this stage understands: the parser decides
      this.push(block);
      return undefined;
    }
    const { key, type, size } = parsed;
    const extendedBefore = this.extended;
    this.extended = isExtendedType(type);
    this.left = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    const regular = type === '0' || type === '\0' || type === '7';
    if (regular && !extendedBefore && size > 0 && this.isLayer(key)) {
      return this.ask(key).then((hit) => {
        if (hit) this.hashing = { key, hash: createStreamDigest(), bytes: 0, head: Buffer.alloc(4), original: block, rewritten: withSize0(block) };
        else this.push(block);
      });
    }
    if (regular && !extendedBefore && size <= MAX_KEPT_DOCUMENT && /(?:^|[/.])json$/.test(key)) this.keeping = { key, parts: [] };
    this.push(block);
    if (size === 0) return this.endOfData();
    return undefined;
  }

  private async ask(key: string): Promise<boolean> {
    this.asked.add(key);
    return this.decide(key, this.documents).catch(() => false);
  }

  /** A promise while a hashed layer's digest is still being computed (on the hashing thread). */
  private endOfData(): Promise<void> | undefined {
    if (this.keeping) {
      this.documents.set(this.keeping.key, Buffer.concat(this.keeping.parts));
      this.keeping = undefined;
    }
    return this.padding === 0 ? this.endOfEntry() : undefined;
  }

  private endOfEntry(): Promise<void> | undefined {
    const hashing = this.hashing;
    if (!hashing) return undefined;
    this.hashing = undefined;
    return hashing.hash.digest().then((hex) => {
      this.hashed.set(hashing.key, { digest: `sha256:${hex}`, bytes: hashing.bytes, head: hashing.head });
      // Only now does the parser see the entry (empty): its bytes have all been hashed.
      this.push(hashing.rewritten);
    });
  }

  override _flush(done: TransformCallback): void {
    // A stream that ends inside a hashed layer: the parser gets the layer's own header, so it sees
    // the truncated entry and refuses the archive, as it would have without this stage.
    if (this.hashing) this.push(this.hashing.original);
    if (this.headerFill > 0) this.push(this.header.subarray(0, this.headerFill));
    done();
  }
}

/** Hashes the next piece of a cached layer, keeping its first bytes (the compression magic). */
function hashPiece(hashing: { hash: StreamDigest; bytes: number; head: Buffer }, piece: Buffer): true | Promise<true> {
  if (hashing.bytes < hashing.head.length) piece.copy(hashing.head, hashing.bytes, 0, Math.min(piece.length, hashing.head.length - hashing.bytes));
  hashing.bytes += piece.length;
  return hashing.hash.update(piece);
}

/** The fields this stage needs, 'zero' for an all-zero block, undefined for anything it does not trust. */
function parseHeader(block: Buffer): { key: string; type: string; size: number } | 'zero' | undefined {
  if (isZeroBlock(block)) return 'zero';
  if (!checksumMatches(block)) return undefined;
  if ((block[124]! & 0x80) !== 0) return undefined; // base-256 size (over 8 GB): the parser's job
  const size = tarSize(block);
  if (size === undefined) return undefined;
  return { key: normalizeTarPath(tarName(block)).slice(1), type: tarType(block), size };
}

/** The header with its size set to 0 and its checksum redone. */
function withSize0(block: Buffer): Buffer {
  const copy = Buffer.from(block);
  copy.write('00000000000\0', 124, 12, 'latin1');
  copy.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += copy[i]!;
  copy.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return copy;
}
