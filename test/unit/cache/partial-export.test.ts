// A new layer on a cached base (issue 16): the cached layers of an export or archive stream are
// hashed and skipped, and the report is byte-identical to a cold check of the same image.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImages } from '../../../src/index.js';
import { LayerCache } from '../../../src/cache/layer-cache.js';
import { cachedLayerLookup } from '../../../src/cache/export-reuse.js';
import type { LayerRecord } from '../../../src/cache/layer-record.js';
import { readSaveArchive } from '../../../src/layers/save-archive.js';
import type { FileDispatcher } from '../../../src/layers/layer-walk.js';
import { chainIdsOf, layerOfV1Dir } from '../../../src/layers/v1-id.js';
import { peekArchiveDiffIds } from '../../../src/layers/archive-peek.js';
import { gzipSync } from 'node:zlib';
import { fake } from '../secrets/fixtures.js';
import {
  chunked,
  containerdSaveArchive,
  imageConfig,
  layerTar,
  loadTarballArchive,
  ociSaveArchive,
  sha256,
  tarBuffer,
  type BuiltImage,
} from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const baseLayer = () =>
  layerTar([
    { path: 'etc', type: 'directory' },
    { path: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n' },
    { path: 'srv/.env', content: `NPM_TOKEN=${fake.npm()}\n` },
    { path: 'srv/big.bin', content: Buffer.alloc(200_000, 7) },
  ]);
const libLayer = () =>
  layerTar([
    { path: 'usr/lib/tool.conf', content: `token = ${fake.github()}\n` },
    { path: 'srv/.env', content: 'NPM_TOKEN=\n' },
  ]);
const appLayer = () =>
  layerTar([
    { path: 'app/settings.py', content: `STRIPE = "${fake.stripeLive()}"\n` },
    { path: 'app/main.py', content: 'print(1)\n' },
  ]);

type Build = (layers: Buffer[]) => Promise<{ archive: Buffer; diffIds?: string[] }>;

/** Reports as text, so "identical" means byte-identical. */
async function reportOf(archive: Buffer, dir: string, cacheDir?: string): Promise<string> {
  const file = join(dir, 'image.tar'); // one name: the report quotes the reference
  await writeFile(file, archive);
  const report = await checkImages([`docker-archive:${file}`], { platform: 'linux/amd64', scanThreads: 0, ...(cacheDir ? { cacheDir } : {}) });
  return JSON.stringify(report.images);
}

describe.each<[string, Build]>([
  ['OCI layout export (Engine >= 25, uncompressed blobs)', (layers) => ociSaveArchive(layers)],
  ['OCI layout with gzip blobs (BuildKit docker-archive)', (layers) => ociSaveArchive(layers, {}, { gzipLayers: true })],
  ['containerd image store export', (layers) => containerdSaveArchive(layers)],
  ['classic export saved to a file (Engine 20.10 v1 names)', (layers) => classicEngineArchive(layers)],
  ['go-containerregistry and kaniko tarball (gzip layers named <hex>.tar.gz)', (layers) => loadTarballArchive(layers)],
  ['the same, manifest.json first', (layers) => loadTarballArchive(layers, {}, { manifestFirst: true })],
])('a new layer on a cached base: %s', (_name, build) => {
  it('reports exactly what a cold check reports', async () => {
    const [dir, cacheDir] = [await tempDir(), await tempDir()];
    const layers = [await baseLayer(), await libLayer()];
    const app = [...layers, await appLayer()];
    const cold = await reportOf((await build(app)).archive, dir);
    const [coldImage] = JSON.parse(cold) as { error?: unknown; findings: unknown[] }[];
    expect(coldImage!.error).toBeUndefined();
    expect(coldImage!.findings.length).toBeGreaterThan(2);
    await reportOf((await build(layers)).archive, dir, cacheDir); // fills the cache with the base
    const partial = await reportOf((await build(app)).archive, dir, cacheDir);
    expect(partial).toBe(cold);
    // and once more, now with every layer cached
    expect(await reportOf((await build(app)).archive, dir, cacheDir)).toBe(cold);
  });

  it('does not walk a cached layer, and fails closed when its bytes are not what its name says', async () => {
    const cacheDir = await tempDir();
    const cache = new LayerCache({ dir: cacheDir, fingerprint: 'test' });
    const [base, lib, app] = [await baseLayer(), await libLayer(), await appLayer()];
    const first = await walk((await build([base, lib])).archive, cache);
    expect(first.walked.sort()).toHaveLength(2);
    const built = await build([base, lib, app]);
    const second = await walk(built.archive, cache, built.diffIds);
    expect(second.walked).toHaveLength(1);
    expect(second.restored).toHaveLength(2);
    // The same blob names over other bytes (a blob tampered with after the cache saw it).
    const tampered = Buffer.from((await build([base, lib, app])).archive);
    const at = tampered.indexOf(Buffer.from('NPM_TOKEN=\n'));
    // in the uncompressed layers; gzip layers are corrupted in their first blob
    const flip = at >= 0 ? at + 4 : tampered.indexOf(Buffer.from([0x1f, 0x8b])) + 20;
    tampered.writeUInt8(tampered.readUInt8(flip) ^ 1, flip);
    await expect(walk(tampered, cache, built.diffIds)).rejects.toThrow(/hashes to sha256:.*but its name|not a readable|corrupt/);
  });
});

describe('layer names that state a digest', () => {
  it('takes a "<hex>.tar.gz" name for a compressed blob only, never for a cached diffID', async () => {
    const cache = new LayerCache({ dir: await tempDir(), fingerprint: 'test' });
    const base = await baseLayer();
    await walk((await ociSaveArchive([base])).archive, cache); // an uncompressed blob: a record, no alias
    const diffHex = sha256(base).slice('sha256:'.length);
    const lookup = cachedLayerLookup(cache, undefined, () => true);
    expect(await lookup(`blobs/sha256/${diffHex}`, new Map())).toMatchObject({ expect: sha256(base) });
    // A tool that named a gzip blob by its diffID would otherwise fail every partial check (exit 2).
    expect(await lookup(`${diffHex}.tar.gz`, new Map())).toBeUndefined();
    expect(await lookup(`${diffHex}.tar`, new Map())).toBeUndefined();
    await walk((await loadTarballArchive([base])).archive, cache); // now the gzip blob's alias is known
    const blobHex = sha256(gzipSync(base)).slice('sha256:'.length);
    expect(await lookup(`${blobHex}.tar.gz`, new Map())).toMatchObject({ expect: `sha256:${blobHex}` });
  });
});

/** Reads an archive as a check does, with a cache: which layers were walked and which replayed. */
async function walk(archive: Buffer, cache: LayerCache, diffIds?: string[]) {
  const walked: string[] = [];
  const restored: string[] = [];
  const dispatchFor = (key: string): FileDispatcher => {
    walked.push(key);
    return () => [];
  };
  const saved = await readSaveArchive(chunked(archive, 1000), dispatchFor, {
    cached: cachedLayerLookup(cache, diffIds, (key) => (restored.push(key), true)),
  });
  for (const [key, index] of saved.layers) if (!restored.includes(key)) await cache.putLayer({ index, memos: {} } satisfies LayerRecord);
  return { walked, restored, saved };
}

// Engine 20.10's own `<v1-id>/json` files of bench image python:1 (docker save, 2026-12-06) and
// its config's diff_ids: the directory names must come out of them, for a lower layer (created
// 1970, "os" added after the ID was computed) and for the top layer (the image's own config).
const ENGINE_JSON = [
  '{"id":"8e9006e21aa0ae69c6c9daef9564a2ce41e7caccdd636fa7652bf29817b6c217","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}',
  '{"id":"d86ef43cd049f7773aacc11a3e51aa0949e488204aaba4260958e57821a52cd1","parent":"8e9006e21aa0ae69c6c9daef9564a2ce41e7caccdd636fa7652bf29817b6c217","created":"2026-12-06T05:58:14.140496716Z","container":"7ee1918761a001f30a1e562fb6ddedcf64b59774218afa6093af1f09c58341ec","container_config":{"Hostname":"vm","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh","-c","#(nop) ","LABEL imagegate-bench.recipe=6abedaa26169"],"Image":"sha256:e99c72a17e0fe215b415b4464f717cb38e2f300a54e616e590e8ff7cfd89ebc8","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"imagegate-bench.recipe":"6abedaa26169"}},"docker_version":"20.10.24+dfsg1","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":null,"Image":"sha256:e99c72a17e0fe215b415b4464f717cb38e2f300a54e616e590e8ff7cfd89ebc8","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"imagegate-bench.recipe":"6abedaa26169"}},"architecture":"amd64","os":"linux"}',
];
const ENGINE_DIFF_IDS = [
  'sha256:a9e68c465c7cbe9ffe1fab2158d6165c07fd9476c7eeaaa1715e450e2d61982d',
  'sha256:d5bde3441f43c537ac53800a212618949df77ee63e7839cbb9a0ab1582f5c6d5',
];

describe('classic export: which layer a v1 directory holds', () => {
  it('reads the diffIDs of a docker-save file by seeking to its manifest and config, and nothing else', async () => {
    const dir = await tempDir();
    const built = await classicEngineArchive([await baseLayer(), await libLayer()]);
    const file = join(dir, 'a.tar');
    await writeFile(file, built.archive);
    expect(await peekArchiveDiffIds(file)).toEqual(built.diffIds);
    await writeFile(file, gzipSync(built.archive)); // compressed as a whole: not seekable, nothing known
    expect(await peekArchiveDiffIds(file)).toBeUndefined();
    await writeFile(file, (await ociSaveArchive([await baseLayer()], {}, { withManifestJson: false })).archive);
    expect(await peekArchiveDiffIds(file)).toBeUndefined();
    await writeFile(file, built.archive.subarray(0, 700)); // truncated
    expect(await peekArchiveDiffIds(file)).toBeUndefined();
  });

  it("derives Engine 20.10's directory names from its json files and the chain IDs", () => {
    const chain = chainIdsOf(ENGINE_DIFF_IDS);
    const dirs = ENGINE_JSON.map((json) => (JSON.parse(json) as { id: string }).id);
    expect(dirs.map((dir, i) => layerOfV1Dir(dir, Buffer.from(ENGINE_JSON[i]!), chain))).toEqual([0, 1]);
    // another image's chain, or an altered json, names no layer
    expect(layerOfV1Dir(dirs[1]!, Buffer.from(ENGINE_JSON[1]!), chainIdsOf([ENGINE_DIFF_IDS[0]!, sha256('other')]))).toBeUndefined();
    expect(layerOfV1Dir(dirs[1]!, Buffer.from(ENGINE_JSON[1]!.replace('"vm"', '"vn"')), chain)).toBeUndefined();
    expect(layerOfV1Dir(dirs[0]!, Buffer.from('{"id":'), chain)).toBeUndefined();
  });

  it('skips the cached lower layers of a classic export when the engine named the diffIDs', async () => {
    const cache = new LayerCache({ dir: await tempDir(), fingerprint: 'test' });
    const [base, lib, app] = [await baseLayer(), await libLayer(), await appLayer()];
    const before = classicEngineArchive([base, lib]);
    const first = await walk((await before).archive, cache, (await before).diffIds);
    expect(first.restored).toEqual([]);
    const after = await classicEngineArchive([base, lib, app]);
    const second = await walk(after.archive, cache, after.diffIds);
    expect(second.walked).toHaveLength(1);
    expect(second.restored).toHaveLength(2);
    expect([...second.saved.layers.values()].map((layer) => layer.diffId).sort()).toEqual([...after.diffIds].sort());
    // without the inspected diffIDs nothing is known up front: every layer is read
    expect((await walk(after.archive, cache)).walked).toHaveLength(3);
  });
});

/**
 * A classic export named as the engine names it: every layer a lower layer's v1Img (created 1970,
 * with "os" added after the ID), IDs by v1.CreateID; entries in name order, manifest.json last.
 */
async function classicEngineArchive(layers: Buffer[]): Promise<BuiltImage> {
  const diffIds = layers.map((layer) => sha256(layer));
  const config = imageConfig(diffIds);
  const imageId = sha256(config);
  const chain = chainIdsOf(diffIds);
  const containerConfig =
    '{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null}';
  const ids: string[] = [];
  const entries: { name: string; content: Buffer }[] = [];
  for (const [i, layer] of layers.entries()) {
    const parent = ids[i - 1];
    const createInput = `{"container_config":${containerConfig},"created":"1970-01-01T00:00:00Z","layer_id":"${chain[i]}"${parent ? `,"parent":"sha256:${parent}"` : ''}}`;
    const id = createHash('sha256').update(createInput).digest('hex');
    ids.push(id);
    const json = `{"id":"${id}",${parent ? `"parent":"${parent}",` : ''}"created":"1970-01-01T00:00:00Z","container_config":${containerConfig},"os":"linux"}`;
    entries.push(
      { name: `${id}/VERSION`, content: Buffer.from('1.0') },
      { name: `${id}/json`, content: Buffer.from(json) },
      { name: `${id}/layer.tar`, content: layer },
    );
  }
  entries.push({ name: `${imageId.slice(7)}.json`, content: config });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  entries.push({
    name: 'manifest.json',
    content: Buffer.from(JSON.stringify([{ Config: `${imageId.slice(7)}.json`, RepoTags: ['test:1'], Layers: ids.map((id) => `${id}/layer.tar`) }])),
  });
  return { archive: await tarBuffer(entries), imageId, diffIds };
}
