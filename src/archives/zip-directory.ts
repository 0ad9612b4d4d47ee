// Reads a zip's central directory from a spooled file: the member list with sizes, methods and
// where each member's data starts. Zip64 and a prefix before the zip (an executable jar's launch
// script) are handled; nothing is trusted beyond the file's own size.
import type { Spool } from './spool.js';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  /** Offset of the local file header (prefix already added). */
  headerOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A central directory larger than this is not read (50 000 members take about 4 MB). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

export async function readZipDirectory(spool: Spool): Promise<{ entries: ZipEntry[]; total: number }> {
  const tailLength = Math.min(spool.size, 22 + 0xffff);
  const tail = await spool.read(spool.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end of central directory record (truncated or not a zip)');
  const eocdOffset = spool.size - tailLength + at;
  let total = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  let recordOffset = eocdOffset;
  if (total === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = await spool.read(eocdOffset - 20, 20);
    if (locator.length === 20 && locator.readUInt32LE(0) === EOCD64_LOCATOR) {
      const offset = Number(locator.readBigUInt64LE(8));
      const record = await spool.read(offset, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== EOCD64) throw new ZipFormatError('broken zip64 end record');
      total = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
      recordOffset = eocdOffset - 20 - 56;
    }
  }
  // Bytes before the zip proper (a launch script) shift every offset the zip states.
  const prefix = recordOffset - (directoryOffset + directorySize);
  if (prefix < 0 || directorySize > MAX_DIRECTORY_BYTES) throw new ZipFormatError('the central directory does not fit the file');
  const directory = await spool.read(directoryOffset + prefix, directorySize);
  return { entries: parseDirectory(directory, prefix, spool.size), total };
}

function parseDirectory(directory: Buffer, prefix: number, fileSize: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL) {
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: directory.readUInt16LE(at + 10),
      encrypted: (flags & 1) !== 0,
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      headerOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entry.headerOffset += prefix;
    if (entry.headerOffset + 30 + entry.compressedSize > fileSize)
      throw new ZipFormatError(`member ${JSON.stringify(entry.name.slice(0, 200))} lies beyond the end of the file`);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, only when maxed out. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  if (entry.size !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.headerOffset !== 0xffffffff) return;
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        const value = field + 8 <= at + 4 + length && field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : 0xffffffff;
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      return;
    }
    at += 4 + length;
  }
}

/** Where a member's data starts: after its local header, whose name and extra lengths may differ from the directory's. */
export async function dataOffset(spool: Spool, entry: ZipEntry): Promise<number> {
  const header = await spool.read(entry.headerOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
    throw new ZipFormatError(`member ${JSON.stringify(entry.name.slice(0, 200))} has no local header where the directory says`);
  return entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}
