// What the cache keeps of one layer: its file index (what cross-layer rules and the size analysis
// need) and what each file-reading rule learned from its contents. Never file contents, never a
// raw secret: secrets are stored as the masked form a report would show.
import { LayerEntries } from '../layers/layer-entries.js';
import type { LayerEntry, LayerIndex } from '../layers/layer-index.js';

export const RECORD_FORMAT = 1;

export interface LayerRecord {
  index: LayerIndex;
  /** Per rule id: the rule's own JSON memo for this layer (see RuleHandlers.memo). */
  memos: Record<string, unknown>;
}

/** Entries as arrays (path, type, size, mode, uid, gid, linkname?): a third of the size of objects. */
type PackedEntry = [string, LayerEntry['type'], number, number, number, number, string?];

interface PackedRecord {
  format: typeof RECORD_FORMAT;
  diffId: string;
  blobDigest: string;
  blobBytes: number;
  tarBytes: number;
  fileBytes: number;
  compression: LayerIndex['compression'];
  entries: PackedEntry[];
  whiteouts: string[];
  opaqueDirs: string[];
  memos: Record<string, unknown>;
}

export function encodeRecord(record: LayerRecord): string {
  const { index } = record;
  const packed: PackedRecord = {
    format: RECORD_FORMAT,
    diffId: index.diffId,
    blobDigest: index.blobDigest,
    blobBytes: index.blobBytes,
    tarBytes: index.tarBytes,
    fileBytes: index.fileBytes,
    compression: index.compression,
    entries: [...index.entries.values()].map((e) => (e.linkname === undefined ? [e.path, e.type, e.size, e.mode, e.uid, e.gid] : [e.path, e.type, e.size, e.mode, e.uid, e.gid, e.linkname])),
    whiteouts: index.whiteouts,
    opaqueDirs: index.opaqueDirs,
    memos: record.memos,
  };
  return JSON.stringify(packed);
}

const TYPES = new Set(['file', 'directory', 'symlink', 'hardlink', 'other']);
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
  if (raw.format !== RECORD_FORMAT || raw.diffId !== diffId || !isString(raw.blobDigest) || !Array.isArray(raw.entries)) return undefined;
  if (![raw.blobBytes, raw.tarBytes, raw.fileBytes].every(isCount)) return undefined;
  if (!['none', 'gzip', 'zstd'].includes(raw.compression as string)) return undefined;
  if (!Array.isArray(raw.whiteouts) || !raw.whiteouts.every(isString) || !Array.isArray(raw.opaqueDirs) || !raw.opaqueDirs.every(isString)) return undefined;
  if (typeof raw.memos !== 'object' || raw.memos === null) return undefined;
  const entries = new LayerEntries();
  for (const packed of raw.entries) {
    if (!Array.isArray(packed) || packed.length < 6) return undefined;
    const [path, type, size, mode, uid, gid, linkname] = packed;
    if (!isString(path) || !path.startsWith('/') || !TYPES.has(type) || ![size, mode, uid, gid].every(isCount)) return undefined;
    entries.add(path, type, size, mode, uid, gid, isString(linkname) ? linkname : undefined);
  }
  entries.seal();
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
