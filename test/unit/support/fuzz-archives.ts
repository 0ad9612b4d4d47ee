// Mutated archives for the fuzz suite: valid seeds and deterministic mutations of them (bit flips,
// truncations, tar header field mutations, spliced and blanked blocks). A case is replayable from
// its seed name and number.
import { gzipSync } from 'node:zlib';
import { fake, pemKey } from '../secrets/fixtures.js';
import { prng } from './prng.js';
import { classicSaveArchive, layerTar, ociSaveArchive, tarBuffer, type BuiltImage } from './image-builder.js';

export async function fuzzSeeds(): Promise<{ name: string; image: BuiltImage }[]> {
  const base = await layerTar([
    { path: '/etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n' },
    { path: '/bin', type: 'directory' },
    { path: '/bin/sh', content: 'not really a shell' },
    { path: '/usr/lib/libfoo.so', type: 'symlink', linkname: 'libfoo.so.1' },
  ]);
  const app = await layerTar([
    { path: '/app/.env', content: `GITHUB_TOKEN=${fake.github()}\nDEBUG=1\n` },
    { path: '/app/key.pem', content: pemKey() },
    { path: '/app/main.js', content: 'console.log("hello");\n'.repeat(200) },
    { path: '/app/data.bin', content: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)) },
  ]);
  const cleanup = await tarBuffer([
    { name: 'app/.wh.key.pem', content: Buffer.alloc(0) },
    { name: 'app/cache/.wh..wh..opq', content: Buffer.alloc(0) },
    { name: 'app/hardlink', type: 'link', linkname: 'app/main.js' },
  ]);
  const spec = {
    user: 'app',
    env: ['PATH=/bin', `AWS_ACCESS_KEY_ID=${fake.awsKeyId()}`],
    history: [{ created_by: 'ADD base' }, { created_by: 'COPY app' }, { created_by: 'RUN rm key.pem' }],
  };
  return [
    { name: 'classic', image: await classicSaveArchive([base, app, cleanup], spec) },
    { name: 'classic-gzip', image: await classicSaveArchive([base, app, cleanup], spec, { gzipLayers: true }) },
    { name: 'oci-gzip', image: await ociSaveArchive([base, app, cleanup], spec, { gzipLayers: true }) },
    { name: 'oci-only', image: await ociSaveArchive([base, app, cleanup], spec, { withManifestJson: false }) },
    { name: 'single-layer', image: await classicSaveArchive([Buffer.concat([gzipSync(Buffer.alloc(0)).subarray(0, 0), app])], { user: '0:0' }) },
  ];
}

type Mutation = (data: Buffer, random: () => number) => { data: Buffer; what: string };

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const offsetIn = (random: () => number, length: number): number => Math.floor(random() * length);

/** Offsets of 512-byte blocks that look like ustar headers, in the archive and in plain layers inside it. */
function headerOffsets(data: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at + 512 <= data.length; at += 512) {
    if (data.toString('latin1', at + 257, at + 262) === 'ustar') offsets.push(at);
  }
  return offsets;
}

function writeChecksum(block: Buffer, at: number): void {
  block.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += block[i]!;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', at + 148, 'latin1');
}

const HEADER_FIELDS: { name: string; offset: number; length: number; values: (random: () => number) => Buffer }[] = [
  {
    name: 'size',
    offset: 124,
    length: 12,
    values: (r) =>
      Buffer.from(
        pick(r, [
          '77777777777\0',
          '00000000000\0',
          '-0000000001\0',
          'zzzzzzzzzzz\0',
          String(Math.floor(r() * 1e6).toString(8)).padStart(11, '0') + '\0',
        ]),
      ),
  },
  { name: 'size (base-256)', offset: 124, length: 12, values: () => Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff]) },
  {
    name: 'type',
    offset: 156,
    length: 1,
    values: (r) => Buffer.from(pick(r, ['0', '1', '2', '3', '5', '6', '7', 'x', 'g', 'L', 'K', 'S', 'V', '\0', 'Z'])),
  },
  {
    name: 'name',
    offset: 0,
    length: 100,
    values: (r) => Buffer.from(pick(r, ['../../../../escape', '/', '', 'a/'.repeat(49), 'etc/passwd', '.wh..wh..opq', 'app/.wh..', '\u00ff\u00fe'])),
  },
  {
    name: 'linkname',
    offset: 157,
    length: 100,
    values: (r) => Buffer.from(pick(r, ['../../../etc/shadow', '/etc/passwd', '', 'self', 'app/main.js'])),
  },
  { name: 'mode', offset: 100, length: 8, values: (r) => Buffer.from(pick(r, ['7777777\0', 'garbage\0', '\0\0\0\0\0\0\0\0'])) },
];

export const MUTATIONS: Mutation[] = [
  (data, random) => {
    const copy = Buffer.from(data);
    const flips = 1 + Math.floor(random() * 16);
    for (let i = 0; i < flips; i++) {
      const at = offsetIn(random, copy.length);
      copy[at] = copy[at]! ^ (1 << Math.floor(random() * 8));
    }
    return { data: copy, what: `${flips} bit flips` };
  },
  (data, random) => {
    const at = offsetIn(random, data.length);
    return { data: data.subarray(0, at), what: `truncated at ${at}` };
  },
  (data, random) => {
    const copy = Buffer.from(data);
    const headers = headerOffsets(copy);
    const at = pick(random, headers);
    const field = pick(random, HEADER_FIELDS);
    copy.fill(0, at + field.offset, at + field.offset + field.length);
    field.values(random).copy(copy, at + field.offset, 0, field.length);
    const fixSum = random() < 0.7;
    if (fixSum) writeChecksum(copy, at);
    return { data: copy, what: `header at ${at}: ${field.name}${fixSum ? ' (checksum fixed)' : ''}` };
  },
  (data, random) => {
    const copy = Buffer.from(data);
    const blocks = Math.floor(copy.length / 512);
    const from = Math.floor(random() * blocks) * 512;
    const to = Math.floor(random() * blocks) * 512;
    copy.copy(copy, to, from, from + 512);
    return { data: copy, what: `block ${from} copied over ${to}` };
  },
  (data, random) => {
    const copy = Buffer.from(data);
    const at = offsetIn(random, copy.length);
    const length = 1 + Math.floor(random() * 4096);
    copy.fill(random() < 0.5 ? 0 : 0xff, at, Math.min(copy.length, at + length));
    return { data: copy, what: `${length} bytes blanked at ${at}` };
  },
];

/** The mutated archive for case `n` of seed number `s`. */
export function mutate(seed: BuiltImage, s: number, n: number): { data: Buffer; what: string } {
  const random = prng(s * 100_003 + n);
  return MUTATIONS[n % MUTATIONS.length]!(seed.archive, random);
}
