// What the cache keeps of one layer: its file index (what cross-layer rules and the size analysis
// need) and what each file-reading rule learned from its contents. Never file contents, never a
// raw secret: secrets are stored as the masked form a report would show.
import { ENTRY_TYPES, LayerEntries } from '../layers/layer-entries.js';
import type { LayerIndex } from '../layers/layer-index.js';

/**
 * Format 3: JSON lines, written and read a line at a time. Format 2 was one JSON document: reading
 * the 3 GB bench image's largest layer meant its whole inflated text, that text as a string and
 * the parsed columns at once, and a warm check peaked at 166 MB, above a cold one. Format 1 had an
 * array per entry.
 *
 *   {"format":3,"diffId":…,"blobDigest":…,"blobBytes":…,"tarBytes":…,"fileBytes":…,"compression":…,"entries":N}
 *   {"paths":[…],"types":[…],"numbers":[…],"links":[[n,target],…]}   one line per batch of entries
 *   {"whiteouts":[…],"opaqueDirs":[…],"memos":{…}}
 *
 * In a batch: type codes index ENTRY_TYPES; size, mode, uid, gid are four numbers per entry; a
 * link names its entry by number within the layer.
 */
export const RECORD_FORMAT = 3;

export interface LayerRecord {
  index: LayerIndex;
  /** Per rule id: the rule's own JSON memo for this layer (see RuleHandlers.memo). */
  memos: Record<string, unknown>;
}

/** Entries per batch line: tens of KB, young-generation garbage on both sides (over 128 KB a
 * string is allocated in the old generation and waits there for a full GC). */
const BATCH_ENTRIES = 512;

/** The record as one text (tests and tools); the cache writes `recordPieces` as a stream. */
export function encodeRecord(record: LayerRecord): string {
  return [...recordPieces(record)].join('');
}

/** The record's lines, each ending in a newline. */
export function* recordPieces(record: LayerRecord): Generator<string> {
  const { index } = record;
  const slots = [...index.entries.slots()];
  const head = {
    format: RECORD_FORMAT,
    diffId: index.diffId,
    blobDigest: index.blobDigest,
    blobBytes: index.blobBytes,
    tarBytes: index.tarBytes,
    fileBytes: index.fileBytes,
    compression: index.compression,
    entries: slots.length,
  };
  yield `${JSON.stringify(head)}\n`;
  for (let start = 0; start < slots.length; start += BATCH_ENTRIES) {
    const batch = { paths: [] as string[], types: [] as number[], numbers: [] as number[], links: [] as [number, string][] };
    for (let n = start; n < Math.min(start + BATCH_ENTRIES, slots.length); n++) {
      const entry = index.entries.at(slots[n]!);
      batch.paths.push(entry.path);
      batch.types.push(ENTRY_TYPES.indexOf(entry.type));
      batch.numbers.push(entry.size, entry.mode, entry.uid, entry.gid);
      if (entry.linkname !== undefined) batch.links.push([n, entry.linkname]);
    }
    yield `${JSON.stringify(batch)}\n`;
  }
  yield `${JSON.stringify({ whiteouts: index.whiteouts, opaqueDirs: index.opaqueDirs, memos: record.memos })}\n`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record line longer than this is damage (the longest real ones, memos, are a few MB). */
const MAX_RECORD_LINE = 64 * 1024 * 1024;

/**
 * Rebuilds a record from its bytes as they arrive, a line at a time, so reading the largest
 * layer's record costs a line's worth of text, not the whole record's. Anything that is not
 * exactly a record of this format for `diffId` ends as undefined: a damaged or foreign cache file
 * is a miss (the layer is read again), never trusted.
 */
export class RecordDecoder {
  /** Pieces of the line still waiting for its newline. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private head: Omit<LayerIndex, 'entries' | 'whiteouts' | 'opaqueDirs'> | undefined;
  private expected = 0;
  private readonly entries = new LayerEntries();
  private count = 0;
  private tail: { whiteouts: string[]; opaqueDirs: string[]; memos: Record<string, unknown> } | undefined;
  private broken = false;

  constructor(private readonly diffId: string) {}

  /** Feeds the next bytes of the record; false once it is known to be bad. */
  bytes(chunk: Buffer): boolean {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      const line = this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.pendingBytes = 0;
      if (!this.line(line.toString('utf8'))) return false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_RECORD_LINE) return this.fail();
    }
    return !this.broken;
  }

  /** One line (without its newline). */
  private line(text: string): boolean {
    if (this.broken) return false;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.fail();
    }
    if (!isObject(raw) || this.tail) return this.fail();
    if (!this.head) return this.readHead(raw);
    if (this.count < this.expected) return this.readBatch(raw);
    return this.readTail(raw);
  }

  /** The record, or undefined when it was bad or incomplete (every line ends in a newline; a cut record does not). */
  finish(): LayerRecord | undefined {
    if (this.broken || this.pendingBytes > 0 || !this.head || !this.tail || this.count !== this.expected) return undefined;
    this.entries.seal();
    const { whiteouts, opaqueDirs, memos } = this.tail;
    return { index: { ...this.head, entries: this.entries, whiteouts, opaqueDirs }, memos };
  }

  private readHead(raw: Record<string, unknown>): boolean {
    const { format, diffId, blobDigest, blobBytes, tarBytes, fileBytes, compression, entries } = raw;
    if (format !== RECORD_FORMAT || diffId !== this.diffId || !isString(blobDigest)) return this.fail();
    if (![blobBytes, tarBytes, fileBytes, entries].every(isCount)) return this.fail();
    if (compression !== 'none' && compression !== 'gzip' && compression !== 'zstd') return this.fail();
    this.head = { diffId, blobDigest, blobBytes: blobBytes as number, tarBytes: tarBytes as number, fileBytes: fileBytes as number, compression };
    this.expected = entries as number;
    return true;
  }

  private readBatch(raw: Record<string, unknown>): boolean {
    const { paths, types, numbers, links } = raw;
    if (!Array.isArray(paths) || !Array.isArray(types) || !Array.isArray(numbers) || !Array.isArray(links)) return this.fail();
    const size = paths.length;
    const first = this.count;
    const values = numbers as number[];
    if (size === 0 || first + size > this.expected || types.length !== size || numbers.length !== size * 4 || !numbers.every(isCount))
      return this.fail();
    const linkOf = new Map<number, string>();
    for (const link of links) {
      if (!Array.isArray(link) || link.length !== 2 || !isCount(link[0]) || link[0] < first || link[0] >= first + size || !isString(link[1]))
        return this.fail();
      linkOf.set(link[0], link[1]);
    }
    for (let i = 0; i < size; i++) {
      const path: unknown = paths[i];
      const code: unknown = types[i];
      const type = typeof code === 'number' ? ENTRY_TYPES[code] : undefined;
      if (!isString(path) || !path.startsWith('/') || type === undefined) return this.fail();
      this.entries.add(path, type, values[4 * i]!, values[4 * i + 1]!, values[4 * i + 2]!, values[4 * i + 3]!, linkOf.get(first + i));
    }
    this.count += size;
    return true;
  }

  private readTail(raw: Record<string, unknown>): boolean {
    const { whiteouts, opaqueDirs, memos } = raw;
    if (!Array.isArray(whiteouts) || !whiteouts.every(isString) || !Array.isArray(opaqueDirs) || !opaqueDirs.every(isString) || !isObject(memos))
      return this.fail();
    this.tail = { whiteouts, opaqueDirs, memos };
    return true;
  }

  private fail(): false {
    this.broken = true;
    return false;
  }
}

/** Decodes a whole record text (tests and tools; the cache feeds RecordDecoder as the file inflates). */
export function decodeRecord(text: string, diffId: string): LayerRecord | undefined {
  const decoder = new RecordDecoder(diffId);
  return decoder.bytes(Buffer.from(text, 'utf8')) ? decoder.finish() : undefined;
}
