import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { assembleArchiveImage } from '../../../src/image/archive-image.js';
import { hostPlatform } from '../../../src/image/platform.js';
import { FinalFilesystem } from '../../../src/layers/final-filesystem.js';
import { readSaveArchive } from '../../../src/layers/save-archive.js';
import type { FileDispatcher } from '../../../src/layers/layer-walk.js';
import {
  chunked,
  classicSaveArchive,
  layerTar,
  loadTarballArchive,
  ociSaveArchive,
  sha256,
  tarBuffer,
  type BuiltImage,
} from '../support/image-builder.js';

const noFiles: () => FileDispatcher = () => () => [];

async function openImage(built: BuiltImage, dispatch: (key: string) => FileDispatcher = noFiles) {
  const archive = await readSaveArchive(chunked(built.archive, 1000), dispatch);
  return assembleArchiveImage(archive, 'test:1', { imageId: built.imageId, platform: hostPlatform() });
}

const base = () =>
  layerTar([
    { path: 'etc', type: 'directory' },
    { path: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n' },
    { path: 'app/secret.txt', content: 'x'.repeat(5000) },
    { path: 'app/keep.txt', content: 'keep' },
    { path: 'cache/a', content: 'aaa' },
  ]);
const top = () =>
  layerTar([
    { path: 'app/.wh.secret.txt', content: '' },
    { path: 'cache/.wh..wh..opq', content: '' },
    { path: 'cache/b', content: 'bb' },
    { path: 'app/keep.txt', content: 'replaced' },
  ]);

describe.each([
  ['classic', (layers: Buffer[]) => classicSaveArchive(layers)],
  ['classic gzip', (layers: Buffer[]) => classicSaveArchive(layers, {}, { gzipLayers: true })],
  ['oci (engine >= 25)', (layers: Buffer[]) => ociSaveArchive(layers)],
  ['oci gzip without manifest.json', (layers: Buffer[]) => ociSaveArchive(layers, {}, { gzipLayers: true, withManifestJson: false })],
  ['crane / kaniko tarball, manifest.json first', (layers: Buffer[]) => loadTarballArchive(layers, {}, { manifestFirst: true })],
  ['crane tarball with LayerSources, manifest.json last', (layers: Buffer[]) => loadTarballArchive(layers, {}, { layerSources: true })],
])('docker save layout: %s', (_name, build) => {
  it('orders layers by the manifest and verifies diffIDs', async () => {
    const built = await build([await base(), await top()]);
    const image = await openImage(built);
    expect(image.imageId).toBe(built.imageId);
    expect(image.layers.map((layer) => layer.diffId)).toEqual(built.diffIds);
    expect(image.layers[0]!.fileBytes).toBe(60 + 5000 + 4 + 3);
  });

  it('applies whiteouts and opaque directories but remembers what every layer shipped', async () => {
    const image = await openImage(await build([await base(), await top()]));
    const fs = FinalFilesystem.fromLayers(image.layers);
    expect(fs.get('/app/secret.txt')).toBeUndefined();
    expect(image.layers[0]!.entries.has('/app/secret.txt')).toBe(true);
    expect(fs.get('/cache/a')).toBeUndefined();
    expect(fs.get('/cache/b')?.layer).toBe(1);
    expect(fs.get('/app/keep.txt')?.layer).toBe(1);
    expect(fs.isVisible('/app/keep.txt', 0)).toBe(false);
    expect(fs.get('/etc/passwd')?.layer).toBe(0);
  });

  it('streams file content to visitors in chunks, keyed by layer', async () => {
    const seen = new Map<string, number>();
    await openImage(
      await build([await base(), await top()]),
      (key) => (file) =>
        file.path === '/app/secret.txt' ? [{ chunk: (data) => (seen.set(key, (seen.get(key) ?? 0) + data.length), true), end: () => undefined }] : [],
    );
    expect([...seen.values()]).toEqual([5000]);
  });
});

describe('fail closed', () => {
  it('rejects a layer whose content does not match the config diff_ids', async () => {
    const good = await classicSaveArchive([await base()]);
    const tampered = Buffer.from(good.archive);
    // Change file content, not a header, so the tar stays well-formed and only the digest can tell.
    const at = tampered.indexOf('keep', tampered.indexOf('app/keep.txt') + 20);
    tampered.write('KEEP', at);
    await expect(openImage({ ...good, archive: tampered })).rejects.toThrow(/uncompressed digest .* but the config expects/);
  });

  it('rejects an archive whose config does not hash to the inspected image ID', async () => {
    const built = await classicSaveArchive([await base()]);
    await expect(openImage({ ...built, imageId: `sha256:${'0'.repeat(64)}` })).rejects.toThrow(/hashes to .* but the engine reported/);
  });

  it('rejects a layer with a corrupt tar header', async () => {
    const good = await classicSaveArchive([await base()]);
    const corrupt = Buffer.from(good.archive);
    corrupt.write('\u00ff\u00ff', corrupt.indexOf('app/keep.txt') + 100, 'latin1');
    await expect(openImage({ ...good, archive: corrupt })).rejects.toThrow(/not a readable tar stream/);
  });

  it('rejects a truncated archive', async () => {
    const built = await classicSaveArchive([await base()]);
    await expect(openImage({ ...built, archive: built.archive.subarray(0, 3000) })).rejects.toThrow();
  });

  it('rejects an archive with no manifest', async () => {
    const built = await classicSaveArchive([await base()]);
    const cut = built.archive.subarray(0, built.archive.indexOf('manifest.json') - 1);
    await expect(openImage({ ...built, archive: cut })).rejects.toThrow();
  });
});

describe('docker load tarballs (crane, kaniko): names as manifest.json gives them', () => {
  /** Rewrites one entry of a built tarball; the rest stays as built. */
  async function withEntries(
    built: BuiltImage,
    edit: (name: string, content: Buffer) => { name: string; content: Buffer } | undefined,
  ): Promise<BuiltImage> {
    const { entries } = await readEntries(built.archive);
    const edited = entries.map((e) => edit(e.name, e.content) ?? e);
    return { ...built, archive: await tarBuffer(edited) };
  }

  it('rejects a layer whose gzip blob does not hash to its "<hex>.tar.gz" name', async () => {
    const built = await loadTarballArchive([await base()], {}, { manifestFirst: true });
    // Same tar, compressed differently: the diffID still matches, only the stated compressed digest can tell.
    const recompressed = await withEntries(built, (name, content) =>
      name.endsWith('.tar.gz') ? { name, content: gzipSync(gunzipSync(content), { level: 1 }) } : undefined,
    );
    await expect(openImage(recompressed)).rejects.toThrow(/\.tar\.gz hashes to sha256:[a-f0-9]{64}; the blob is corrupt/);
  });

  it('rejects a layer that does not match the digest LayerSources states', async () => {
    const built = await loadTarballArchive([await base()], {}, { layerSources: true });
    const wrong = await withEntries(built, (name, content) => {
      if (name !== 'manifest.json') return undefined;
      const manifest = JSON.parse(content.toString()) as [{ LayerSources: Record<string, { digest: string }> }];
      for (const source of Object.values(manifest[0].LayerSources)) source.digest = sha256('other');
      return { name, content: Buffer.from(JSON.stringify(manifest)) };
    });
    await expect(openImage(wrong)).rejects.toThrow(/LayerSources names sha256:/);
  });

  it('rejects a layer whose uncompressed stream does not match the config', async () => {
    const built = await loadTarballArchive([await base()]);
    const other = gzipSync(await top());
    const swapped = await withEntries(built, (name) => (name.endsWith('.tar.gz') ? { name, content: other } : undefined));
    await expect(openImage(swapped)).rejects.toThrow(/hashes to|uncompressed digest/);
  });

  it('says the config is missing when manifest.json names one the archive lacks', async () => {
    const built = await loadTarballArchive([await base()]);
    const noConfig = await withEntries(built, (name, content) => (name.startsWith('sha256:') ? { name: 'renamed', content } : undefined));
    await expect(openImage(noConfig)).rejects.toThrow(/no image config at sha256:/);
  });

  it('tells unnamed entries apart when their first bytes arrive in pieces', async () => {
    const built = await loadTarballArchive([await base(), await top()], {}, { manifestFirst: true });
    const { entries } = await readEntries(built.archive);
    // The layers lose their telling names: only the sniffed gzip magic says what they are.
    const renamed = entries.map((e) => (e.name.endsWith('.tar.gz') ? { ...e, name: e.name.slice(0, -'.tar.gz'.length) } : e));
    const manifest = JSON.parse(renamed[0]!.content.toString()) as [{ Layers: string[] }];
    manifest[0].Layers = manifest[0].Layers.map((l) => l.slice(0, -'.tar.gz'.length));
    renamed[0] = { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest)) };
    const archive = await readSaveArchive(chunked(await tarBuffer(renamed), 7), noFiles);
    const image = await assembleArchiveImage(archive, 'test:1', { imageId: built.imageId, platform: hostPlatform() });
    expect(image.layers.map((l) => l.diffId)).toEqual(built.diffIds);
    expect(image.layers.map((l) => l.compression)).toEqual(['gzip', 'gzip']);
  });

  it('skips entries that are neither JSON nor a layer, whatever their name', async () => {
    const built = await loadTarballArchive([await base()], {}, { manifestFirst: true });
    const { entries } = await readEntries(built.archive);
    const image = await openImage({ ...built, archive: await tarBuffer([...entries, { name: 'NOTES', content: Buffer.from('made by hand\n') }]) });
    expect(image.layers.map((l) => l.diffId)).toEqual(built.diffIds);
  });
});

async function readEntries(archive: Buffer): Promise<{ entries: { name: string; content: Buffer }[] }> {
  const entries: { name: string; content: Buffer }[] = [];
  const extract = tarStream.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c as Buffer));
    stream.on('end', () => {
      entries.push({ name: header.name, content: Buffer.concat(chunks) });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    extract.end(archive);
  });
  return { entries };
}
