// What the cache keeps of one layer: its file index (what cross-layer rules and the size analysis
// need) and what each file-reading rule learned from its contents. Never file contents, never a
// raw secret: secrets are stored as the masked form a report would show.
import { ENTRY_TYPES, LayerEntries } from '../layers/layer-entries.js';
import type { LayerIndex } from '../layers/layer-index.js';

export const RECORD_FORMAT = 2;

export interface LayerRecord {
  index: LayerIndex;
  /** Per rule id: the rule's own JSON memo for this layer (see RuleHandlers.memo). */
  memos: Record<string, unknown>;
}

/**
 * Entries as columns: paths, type codes, and size, mode, uid, gid four numbers per entry, link
 * targets by entry number. An array per entry (format 1) made parsing a 145,000-entry record
 * allocate that many arrays at once, and a warm check peaked above a cold one.
 */
interface PackedEntries {
  paths: string[];
  types: number[];
  numbers: number[];
  links: [number, string][];
}

interface PackedRecord {
  format: typeof RECORD_FORMAT;
  diffId: string;
  blobDigest: string;
  blobBytes: number;
  tarBytes: number;
  fileBytes: number;
  compression: LayerIndex['compression'];
  entries: PackedEntries;
  whiteouts: string[];
  opaqueDirs: string[];
  memos: Record<string, unknown>;
}

/** The record as one JSON text (tests and small records); the cache writes `recordPieces` instead. */
export function encodeRecord(record: LayerRecord): string {
  return [...recordPieces(record)].join('');
}

/** Entries per piece of JSON text: tens of KB, young-generation garbage (a piece over 128 KB would be
 * allocated in the old generation and wait there for a full GC). */
const PIECE_ENTRIES = 512;

/**
 * The record's JSON text in pieces, the same text `JSON.stringify` of the packed record would give.
 * A 60,000-entry layer made a JSON string of several MB plus its packed columns, all alive at once
 * while it was gzipped; in pieces a cold check of the 3 GB bench image writes its records without
 * that peak.
 */
export function* recordPieces(record: LayerRecord): Generator<string> {
  const { index } = record;
  const head: Omit<PackedRecord, 'entries' | 'whiteouts' | 'opaqueDirs' | 'memos'> = {
    format: RECORD_FORMAT,
    diffId: index.diffId,
    blobDigest: index.blobDigest,
    blobBytes: index.blobBytes,
    tarBytes: index.tarBytes,
    fileBytes: index.fileBytes,
    compression: index.compression,
  };
  yield `${JSON.stringify(head).slice(0, -1)},"entries":{`;
  const entries = index.entries;
  const slots = [...entries.slots()];
  const columns: [keyof PackedEntries, (slot: number, number: number, out: unknown[]) => void][] = [
    ['paths', (slot, _, out) => out.push(entries.at(slot).path)],
    ['types', (slot, _, out) => out.push(ENTRY_TYPES.indexOf(entries.at(slot).type))],
    ['numbers', (slot, _, out) => {
      const entry = entries.at(slot);
      out.push(entry.size, entry.mode, entry.uid, entry.gid);
    }],
    ['links', (slot, number, out) => {
      const linkname = entries.at(slot).linkname;
      if (linkname !== undefined) out.push([number, linkname]);
    }],
  ];
  for (const [c, [name, add]] of columns.entries()) {
    yield `${c === 0 ? '' : ','}"${name}":[`;
    let first = true;
    for (let start = 0; start < slots.length; start += PIECE_ENTRIES) {
      const batch: unknown[] = [];
      for (let n = start; n < Math.min(start + PIECE_ENTRIES, slots.length); n++) add(slots[n]!, n, batch);
      if (batch.length === 0) continue;
      yield `${first ? '' : ','}${JSON.stringify(batch).slice(1, -1)}`;
      first = false;
    }
    yield ']';
  }
  yield `},"whiteouts":${JSON.stringify(index.whiteouts)},"opaqueDirs":${JSON.stringify(index.opaqueDirs)},"memos":${JSON.stringify(record.memos)}}`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Returns undefined for anything that is not exactly a record of this format for `diffId`: a
 * damaged or foreign cache file is a miss (the layer is read again), never trusted.
 */
export function decodeRecord(text: string, diffId: string): LayerRecord | undefined {
  let raw: Partial<PackedRecord>;
  try {
    raw = JSON.parse(text) as Partial<PackedRecord>;
  } catch {
    return undefined;
  }
  if (raw.format !== RECORD_FORMAT || raw.diffId !== diffId || !isString(raw.blobDigest)) return undefined;
  if (![raw.blobBytes, raw.tarBytes, raw.fileBytes].every(isCount)) return undefined;
  if (!['none', 'gzip', 'zstd'].includes(raw.compression as string)) return undefined;
  if (!Array.isArray(raw.whiteouts) || !raw.whiteouts.every(isString) || !Array.isArray(raw.opaqueDirs) || !raw.opaqueDirs.every(isString)) return undefined;
  if (typeof raw.memos !== 'object' || raw.memos === null) return undefined;
  const entries = unpackEntries(raw.entries);
  if (!entries) return undefined;
  return {
    index: {
      diffId,
      blobDigest: raw.blobDigest,
      blobBytes: raw.blobBytes!,
      tarBytes: raw.tarBytes!,
      fileBytes: raw.fileBytes!,
      compression: raw.compression!,
      entries,
      whiteouts: raw.whiteouts,
      opaqueDirs: raw.opaqueDirs,
    },
    memos: raw.memos,
  };
}

function unpackEntries(raw: unknown): LayerEntries | undefined {
  const packed = raw as Partial<PackedEntries> | null;
  if (typeof packed !== 'object' || packed === null) return undefined;
  const { paths, types, numbers, links } = packed;
  if (!Array.isArray(paths) || !Array.isArray(types) || !Array.isArray(numbers) || !Array.isArray(links)) return undefined;
  const count = paths.length;
  if (types.length !== count || numbers.length !== count * 4 || !numbers.every(isCount)) return undefined;
  const linkOf = new Map<number, string>();
  for (const link of links) {
    if (!Array.isArray(link) || link.length !== 2 || !isCount(link[0]) || link[0] >= count || !isString(link[1])) return undefined;
    linkOf.set(link[0], link[1]);
  }
  const entries = new LayerEntries();
  for (let i = 0; i < count; i++) {
    const path: unknown = paths[i];
    const code: unknown = types[i];
    const type = typeof code === 'number' ? ENTRY_TYPES[code] : undefined;
    if (!isString(path) || !path.startsWith('/') || type === undefined) return undefined;
    entries.add(path, type, numbers[4 * i]!, numbers[4 * i + 1]!, numbers[4 * i + 2]!, numbers[4 * i + 3]!, linkOf.get(i));
  }
  entries.seal();
  return entries;
}
