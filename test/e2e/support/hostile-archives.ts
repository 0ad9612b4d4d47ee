// Hostile `docker save` archives: what a compromised build, a truncated download or a malicious
// base image can hand the gate. Each builder writes one archive file and says which exit codes are
// acceptable (1: a real finding, 2: a clear refusal) and what the message must mention.
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { classicSaveArchive, imageConfig, layerTar, sha256, tarBuffer } from '../../unit/support/image-builder.js';

export interface HostileCase {
  name: string;
  /** Exit codes that count as handled: 1 for a real finding, 2 for a refusal. */
  exits: number[];
  /** Text the output must contain (stderr or the report), e.g. the layer or what was wrong. */
  mentions?: RegExp;
  /** Writes the archive into `dir` and returns its path. */
  build(dir: string): Promise<string>;
  /** Seconds the check may take (the issue allows 60 for the gzip bomb, 20 otherwise). */
  limitSeconds?: number;
}

const TAR_BLOCK = 512;

/** A raw ustar header, so tests can write what no well-behaved tar library would. */
export function rawHeader(fields: { name: string | Buffer; size: number; type?: string; linkname?: string; mode?: number }): Buffer {
  const block = Buffer.alloc(TAR_BLOCK, 0);
  const name = typeof fields.name === 'string' ? Buffer.from(fields.name) : fields.name;
  name.copy(block, 0, 0, Math.min(100, name.length));
  block.write((fields.mode ?? 0o644).toString(8).padStart(7, '0') + '\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(fields.size.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write(fields.type ?? '0', 156, 'ascii');
  if (fields.linkname) block.write(fields.linkname, 157, 'utf8');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return block;
}

const pad = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((TAR_BLOCK - (data.length % TAR_BLOCK)) % TAR_BLOCK)]);
const END = Buffer.alloc(2 * TAR_BLOCK);

/** A PAX extended header record: "<len> key=value\n", where len counts the whole record. */
function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';
const file = (name: string, content: string | Buffer) => ({ name, content: Buffer.from(content) });

async function write(dir: string, name: string, archive: Buffer): Promise<string> {
  const path = join(dir, `${name}.tar`);
  await writeFile(path, archive);
  return path;
}

/**
 * A classic archive of one layer blob (stored as aaaa/layer.tar) and a config given as raw bytes,
 * whatever they hold; the manifest may list more layers than the archive has.
 */
async function withConfig(layer: Buffer, config: Buffer, layers = ['aaaa/layer.tar']): Promise<Buffer> {
  const configName = `${sha256(config).slice(7)}.json`;
  return tarBuffer([
    { name: 'aaaa/layer.tar', content: layer },
    { name: configName, content: config },
    { name: 'manifest.json', content: Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['hostile:1'], Layers: layers }])) },
  ]);
}

/** An archive whose config matches its layers byte for byte, whatever the layers are. */
async function archiveOf(dir: string, name: string, layers: Buffer[], user = 'app'): Promise<string> {
  return write(dir, name, (await classicSaveArchive(layers, { user })).archive);
}

async function baseLayer(): Promise<Buffer> {
  return layerTar([
    { path: '/etc/passwd', content: passwd },
    { path: '/bin/app', content: 'binary' },
  ]);
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'corrupt tar header',
    exits: [2],
    mentions: /layer\.tar.*(tar|header)/i,
    async build(dir) {
      const layer = await layerTar([
        { path: '/etc/passwd', content: passwd },
        { path: '/app/a.txt', content: 'x'.repeat(2000) },
        { path: '/app/b.txt', content: 'y' },
      ]);
      // Scribble over the second entry's header (its checksum no longer matches).
      const second = TAR_BLOCK * 2;
      layer.fill(0x7a, second + 100, second + 160);
      return archiveOf(dir, 'corrupt-header', [layer]);
    },
  },
  {
    name: 'truncated tar layer',
    exits: [2],
    mentions: /layer\.tar/,
    async build(dir) {
      const layer = await layerTar([
        { path: '/etc/passwd', content: passwd },
        { path: '/app/big.bin', content: Buffer.alloc(100_000, 1) },
      ]);
      return archiveOf(dir, 'truncated-tar', [layer.subarray(0, 40_000)]);
    },
  },
  {
    name: 'truncated gzip layer',
    exits: [2],
    mentions: /layer\.tar.*gzip|gzip.*layer\.tar|unexpected end|truncated/i,
    async build(dir) {
      const layer = await layerTar([
        { path: '/etc/passwd', content: passwd },
        { path: '/app/data', content: Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251)) },
      ]);
      const gz = gzipSync(layer);
      const built = await classicSaveArchive([layer], { user: 'app' });
      // Same config (diffIds of the full layer), but the gzip stream stops halfway.
      return write(dir, 'truncated-gzip', await replaceLayer(built.archive, gz.subarray(0, gz.length >> 1)));
    },
  },
  {
    name: 'truncated zstd layer',
    exits: [2],
    mentions: /zstd|layer\.tar/i,
    async build(dir) {
      const layer = await layerTar([
        { path: '/etc/passwd', content: passwd },
        { path: '/app/data', content: Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251)) },
      ]);
      const zst = execFileSync('zstd', ['-q', '-c'], { input: layer, maxBuffer: 64 << 20 });
      const built = await classicSaveArchive([layer], { user: 'app' });
      return write(dir, 'truncated-zstd', await replaceLayer(built.archive, zst.subarray(0, zst.length >> 1)));
    },
  },
  {
    name: 'garbage instead of a layer',
    exits: [2],
    mentions: /layer\.tar/,
    async build(dir) {
      const garbage = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24));
      return archiveOf(dir, 'garbage-layer', [garbage]);
    },
  },
  {
    name: 'manifest pointing at a missing blob',
    exits: [2],
    mentions: /missing|not in the archive|no layer|not found/i,
    async build(dir) {
      const layer = await baseLayer();
      const diffIds = [sha256(layer), sha256('other')];
      const config = imageConfig(diffIds, { user: 'app' });
      return write(dir, 'missing-blob', await withConfig(layer, config, ['aaaa/layer.tar', 'bbbb/layer.tar']));
    },
  },
  {
    name: 'malformed config JSON',
    exits: [2],
    mentions: /config|JSON/i,
    async build(dir) {
      const layer = await baseLayer();
      const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["' + sha256(layer));
      return write(dir, 'malformed-config', await withConfig(layer, config));
    },
  },
  {
    name: 'huge config JSON',
    exits: [2],
    mentions: /config|JSON|larger/i,
    async build(dir) {
      const layer = await baseLayer();
      const base = JSON.parse(imageConfig([sha256(layer)], { user: 'app' }).toString()) as { config: { Labels: Record<string, string> | null } };
      base.config.Labels = { blob: 'A'.repeat(64 << 20) };
      const config = Buffer.from(JSON.stringify(base));
      return write(dir, 'huge-config', await withConfig(layer, config));
    },
  },
  {
    name: 'config nesting millions of arrays in a few MB',
    exits: [2],
    mentions: /nests deeper than/,
    async build(dir) {
      const layer = await baseLayer();
      const depth = 3_000_000;
      const config = Buffer.from(
        imageConfig([sha256(layer)], { user: 'app' })
          .toString()
          .replace(/}$/, `,"junk":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      );
      return write(dir, 'nested-config', await withConfig(layer, config));
    },
  },
  {
    name: 'diff_ids that do not match the layer',
    exits: [2],
    mentions: /diff_?id|digest|does not match/i,
    async build(dir) {
      const layer = await baseLayer();
      const built = await classicSaveArchive([layer], { user: 'app' });
      const other = await layerTar([
        { path: '/etc/passwd', content: passwd },
        { path: '/bin/app', content: 'tampered' },
      ]);
      return write(dir, 'diffid-mismatch', await replaceLayer(built.archive, other));
    },
  },
  {
    name: 'path traversal names',
    exits: [2],
    mentions: /outside the image root/,
    async build(dir) {
      const layer = await tarBuffer([
        file('etc/passwd', passwd),
        file('../../../../imagegate-escaped-file', 'written outside?'),
        file('/abs/imagegate-absolute-file', 'absolute'),
        file('app/../../imagegate-sneaky', 'sneaky'),
      ]);
      return archiveOf(dir, 'traversal', [layer]);
    },
  },
  {
    name: 'symlink loop as /etc/passwd with a named USER',
    exits: [1, 2],
    mentions: /symbolic links|loop|passwd/i,
    async build(dir) {
      const layer = await tarBuffer([
        { name: 'etc/passwd', type: 'symlink', linkname: 'passwd2' },
        { name: 'etc/passwd2', type: 'symlink', linkname: '/etc/passwd' },
        { name: 'loop', type: 'symlink', linkname: 'loop' },
        file('bin/app', 'binary'),
      ]);
      return archiveOf(dir, 'symlink-loop', [layer]);
    },
  },
  {
    name: 'hardlink loop and hardlinked /etc/passwd',
    exits: [1, 2],
    async build(dir) {
      const layer = await tarBuffer([
        file('etc/passwd.real', 'root:x:0:0:root:/root:/bin/sh\napp:x:0:0::/:/bin/sh\n'),
        { name: 'etc/passwd', type: 'link', linkname: 'etc/passwd.real' },
        { name: 'a', type: 'link', linkname: 'b' },
        { name: 'b', type: 'link', linkname: 'a' },
        { name: 'self', type: 'link', linkname: 'self' },
      ]);
      return archiveOf(dir, 'hardlink-loop', [layer]);
    },
  },
  {
    name: 'links escaping the root',
    exits: [2],
    mentions: /hard link.*outside the image root/,
    async build(dir) {
      // If the gate resolved this against the host, it would read the runner's own /etc/passwd.
      const layer = await tarBuffer([
        { name: 'etc/passwd', type: 'symlink', linkname: '../../../../../../etc/passwd' },
        { name: 'escape', type: 'symlink', linkname: '/../../../../root' },
        { name: 'hl', type: 'link', linkname: '../../../etc/shadow' },
      ]);
      return write(dir, 'escaping-links', (await classicSaveArchive([layer], { user: 'daemon' })).archive);
    },
  },
  {
    name: 'gzip bomb (2 GiB of zeros)',
    exits: [1, 2],
    limitSeconds: 60,
    async build(dir) {
      const size = 2 * 1024 ** 3;
      const layerPath = join(dir, 'bomb-layer.tar.gz');
      const header = rawHeader({ name: 'app/zeros.bin', size });
      const zeros = Buffer.alloc(1 << 20);
      async function* tarBytes(): AsyncGenerator<Buffer> {
        yield rawHeader({ name: 'etc/passwd', size: passwd.length });
        yield pad(Buffer.from(passwd));
        yield header;
        for (let left = size; left > 0; left -= zeros.length) yield zeros;
        yield END;
      }
      // The layer's diffId is the hash of the uncompressed tar: compute it while compressing.
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256');
      const source = Readable.from(
        (async function* () {
          for await (const chunk of tarBytes()) {
            hash.update(chunk);
            yield chunk;
          }
        })(),
      );
      await pipeline(source, createGzip({ level: 9 }), createWriteStream(layerPath));
      const diffId = `sha256:${hash.digest('hex')}`;
      const { readFile } = await import('node:fs/promises');
      const gz = await readFile(layerPath);
      const config = imageConfig([diffId], { user: 'app' });
      return write(dir, 'gzip-bomb', await withConfig(gz, config));
    },
  },
  {
    name: '200,000 tiny files in one layer',
    exits: [1, 2],
    async build(dir) {
      const blocks: Buffer[] = [rawHeader({ name: 'etc/passwd', size: passwd.length }), pad(Buffer.from(passwd))];
      for (let i = 0; i < 200_000; i++) {
        const body = Buffer.from(`${i}\n`);
        blocks.push(rawHeader({ name: `many/d${i % 500}/f${i}`, size: body.length }), pad(body));
      }
      blocks.push(END);
      return archiveOf(dir, 'many-files', [Buffer.concat(blocks)]);
    },
  },
  {
    name: 'PAX headers with huge and non-UTF-8 values',
    exits: [2],
    mentions: /beyond the 4096 a Linux path may have/,
    async build(dir) {
      const huge = paxRecord('path', Buffer.from('deep/' + 'x'.repeat(3 << 20)));
      const notUtf8 = paxRecord('path', Buffer.from([0x61, 0x70, 0x70, 0x2f, 0xff, 0xfe, 0xc3, 0x28, 0x2e, 0x65, 0x6e, 0x76]));
      const comment = paxRecord('comment', Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]));
      const body = Buffer.from('AWS_SECRET_ACCESS_KEY=notarealkeyjustplaintext\n');
      const layer = Buffer.concat([
        rawHeader({ name: 'etc/passwd', size: passwd.length }),
        pad(Buffer.from(passwd)),
        rawHeader({ name: 'PaxHeader/huge', size: huge.length, type: 'x' }),
        pad(huge),
        rawHeader({ name: 'placeholder-huge', size: 1 }),
        pad(Buffer.from('1')),
        rawHeader({ name: 'PaxHeader/bad', size: notUtf8.length + comment.length, type: 'x' }),
        pad(Buffer.concat([notUtf8, comment])),
        rawHeader({ name: 'placeholder-bad', size: body.length }),
        pad(body),
        END,
      ]);
      return archiveOf(dir, 'pax-values', [layer]);
    },
  },
  {
    name: 'PAX headers with non-UTF-8 path and comment',
    exits: [1],
    async build(dir) {
      const notUtf8 = paxRecord('path', Buffer.from([0x61, 0x70, 0x70, 0x2f, 0xff, 0xfe, 0xc3, 0x28, 0x2e, 0x65, 0x6e, 0x76]));
      const comment = paxRecord('comment', Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]));
      const body = Buffer.from('hello\n');
      const layer = Buffer.concat([
        rawHeader({ name: 'etc/passwd', size: passwd.length }),
        pad(Buffer.from(passwd)),
        rawHeader({ name: 'PaxHeader/bad', size: notUtf8.length + comment.length, type: 'x' }),
        pad(Buffer.concat([notUtf8, comment])),
        rawHeader({ name: 'placeholder-bad', size: body.length }),
        pad(body),
        END,
      ]);
      return archiveOf(dir, 'pax-not-utf8', [layer]);
    },
  },
  {
    name: 'PAX header larger than any sane limit',
    exits: [2],
    mentions: /layer\.tar/,
    async build(dir) {
      const huge = paxRecord('path', Buffer.from('y'.repeat(6 << 20)));
      const layer = Buffer.concat([
        rawHeader({ name: 'PaxHeader/huge', size: huge.length, type: 'x' }),
        pad(huge),
        rawHeader({ name: 'placeholder', size: 1 }),
        pad(Buffer.from('1')),
        END,
      ]);
      return archiveOf(dir, 'pax-too-large', [layer]);
    },
  },
  {
    name: 'duplicate entries within and across layers',
    exits: [1],
    async build(dir) {
      const first = await tarBuffer([
        file('etc/passwd', passwd),
        file('etc/passwd', 'root:x:0:0::/:/bin/sh\napp:x:0:0::/:/bin/sh\n'),
        file('app/config', 'a'),
        file('app/config', 'b'),
      ]);
      const second = await tarBuffer([file('app/config', 'c'), file('etc/passwd', passwd.replace('1000:1000', '0:0'))]);
      return archiveOf(dir, 'duplicates', [first, second]);
    },
  },
];

/** Swaps the (single) layer of a classic archive for other bytes, keeping config and manifest. */
async function replaceLayer(archive: Buffer, layer: Buffer): Promise<Buffer> {
  const extract = tar.extract();
  const entries: { name: string; content: Buffer }[] = [];
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk) => void chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.push({ name: header.name, content: header.name.endsWith('/layer.tar') ? layer : Buffer.concat(chunks) });
      next();
    });
  });
  await pipeline(Readable.from([archive]), extract);
  return tarBuffer(entries);
}
