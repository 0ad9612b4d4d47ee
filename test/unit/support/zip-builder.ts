// Writes zip files in memory for tests (jar, war, nupkg are zips too): stored or deflated members,
// optionally with data descriptors (sizes after the data, as Java's ZipOutputStream writes them).
import { deflateRawSync } from 'node:zlib';

export interface ZipMember {
  name: string;
  content: Buffer | string;
  method?: 'stored' | 'deflate';
  /** Write sizes and CRC after the data instead of in the local header. */
  descriptor?: boolean;
  /** Reuse this compressed body instead of compressing `content` (bomb tests: one body, many members). */
  raw?: { compressed: Buffer; size: number; crc: number };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function zipBuffer(members: ZipMember[], options: { prefix?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (buffer: Buffer): void => {
    parts.push(buffer);
    offset += buffer.length;
  };
  if (options.prefix) push(Buffer.from(options.prefix));
  const base = offset;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const content = Buffer.from(member.content);
    const deflate = (member.method ?? 'deflate') === 'deflate';
    const body = member.raw?.compressed ?? (deflate ? deflateRawSync(content) : content);
    const size = member.raw?.size ?? content.length;
    const crc = member.raw?.crc ?? crc32(content);
    const flags = 0x800 | (member.descriptor ? 8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(member.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(member.descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(member.descriptor ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    const headerOffset = offset - base;
    push(local);
    push(name);
    push(body);
    if (member.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(size, 12);
      push(descriptor);
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(deflate ? 8 : 0, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(headerOffset, 42);
    central.push(entry, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset - base, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** `count` members of `memberBytes` zeros each, sharing one compressed body: a few MB that expand to count × memberBytes. */
export function zipBomb(count: number, memberBytes: number): Buffer {
  const zeros = Buffer.alloc(memberBytes);
  const raw = { compressed: deflateRawSync(zeros, { level: 9 }), size: memberBytes, crc: crc32(zeros) };
  return zipBuffer(Array.from({ length: count }, (_, i) => ({ name: `data/zeros-${i}.txt`, content: '', raw })));
}
