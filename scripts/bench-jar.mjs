// Builds the bench's fat jar: a Spring Boot-shaped jar of about 100 MB (application classes and
// config, and lib jars stored inside it, each with classes and a few text files), deterministic
// so a cached image stays valid. Used by bench.mjs; written in plain JS like it.
import * as zlib from 'node:zlib';

const { deflateRawSync } = zlib;
const zlibCrc32 = zlib.crc32; // Node >= 20.15

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data) {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(data);
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A small xorshift PRNG: the same jar on every machine. */
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** Bytes that compress about as well as class files do (roughly 2:1). */
function classBytes(random, size) {
  const out = Buffer.alloc(size);
  out.writeUInt32BE(0xcafebabe, 0);
  for (let i = 4; i < size; i++)
    out[i] = random() < 0.5 ? Math.floor(random() * 256) : 'abcdefghijklmnopqrstuvwxyz/;()L'.charCodeAt(Math.floor(random() * 30));
  return out;
}

function textBytes(random, size) {
  const words = [
    'spring',
    'boot',
    'config',
    'property',
    'value',
    'server',
    'port',
    'logging',
    'level',
    'info',
    'name',
    'version',
    'true',
    'false',
    'datasource',
    'url',
  ];
  const lines = [];
  let length = 0;
  while (length < size) {
    const line = `${words[Math.floor(random() * words.length)]}.${words[Math.floor(random() * words.length)]}=${words[Math.floor(random() * words.length)]}-${Math.floor(random() * 1000)}`;
    lines.push(line);
    length += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** A member's compressed body and CRC, computed once for pooled class bodies. */
function pack(content, stored = false) {
  return { content, body: stored ? content : deflateRawSync(content), crc: crc32(content) };
}

function zip(members) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const member of members) {
    const { name, stored } = member;
    const packed = member.packed ?? pack(member.content, stored);
    const { content, body, crc } = packed;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    parts.push(local, nameBytes, body);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The fat jar, about `targetMB` MB; `secretLine` goes into its application.properties. */
export function fatJar(targetMB = 100, secretLine = '') {
  const random = prng(20261206);
  // Class bodies are drawn from a pool: generating 200 MB byte by byte would dominate the bench's set-up.
  const pool = Array.from({ length: 256 }, () => pack(classBytes(random, 4000 + Math.floor(random() * 4000))));
  const libs = [];
  let total = 0;
  for (let lib = 0; total < targetMB * 1e6 - 2e6; lib++) {
    const members = [
      { name: 'META-INF/MANIFEST.MF', content: Buffer.from(`Manifest-Version: 1.0\nImplementation-Title: lib-${lib}\n`) },
      { name: `META-INF/maven/com.example/lib-${lib}/pom.properties`, content: textBytes(random, 300) },
      { name: `META-INF/maven/com.example/lib-${lib}/pom.xml`, content: textBytes(random, 6000) },
    ];
    for (let c = 0; c < 250; c++) members.push({ name: `com/example/lib${lib}/C${c}.class`, packed: pool[Math.floor(random() * pool.length)] });
    const jar = zip(members);
    libs.push({ name: `BOOT-INF/lib/lib-${lib}.jar`, content: jar, stored: true });
    total += jar.length;
  }
  const classes = Array.from({ length: 300 }, (_, c) => ({ name: `BOOT-INF/classes/com/example/app/A${c}.class`, packed: pool[c % pool.length] }));
  const config = [
    { name: 'META-INF/MANIFEST.MF', content: Buffer.from('Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n') },
    { name: 'BOOT-INF/classes/application.properties', content: Buffer.concat([textBytes(random, 2000), Buffer.from(secretLine)]) },
    { name: 'BOOT-INF/classes/logback.xml', content: textBytes(random, 3000) },
  ];
  return zip([...config, ...classes, ...libs]);
}

/**
 * The same application unpacked: the fat jar's classes and text as loose files (about `targetMB`
 * MB, no archive anywhere), for the bench to show that opening archives costs an image without
 * any nothing. Returns [path, content] pairs.
 */
export function unpackedTree(targetMB = 100) {
  const random = prng(20261206);
  const pool = Array.from({ length: 256 }, () => classBytes(random, 4000 + Math.floor(random() * 4000)));
  const files = [];
  let total = 0;
  for (let lib = 0; total < targetMB * 1e6 - 2e6; lib++) {
    files.push([`lib/lib-${lib}/META-INF/MANIFEST.MF`, Buffer.from(`Manifest-Version: 1.0\nImplementation-Title: lib-${lib}\n`)]);
    files.push([`lib/lib-${lib}/META-INF/maven/pom.xml`, textBytes(random, 6000)]);
    for (let c = 0; c < 250; c++) {
      const body = pool[Math.floor(random() * pool.length)];
      files.push([`lib/lib-${lib}/com/example/lib${lib}/C${c}.class`, body]);
      total += body.length;
    }
  }
  files.push(['classes/application.properties', textBytes(random, 2000)], ['classes/logback.xml', textBytes(random, 3000)]);
  return files;
}
