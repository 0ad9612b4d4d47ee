// Exports of the containerd image store: the engine's image ID names the manifest (or BuildKit's
// index), layers are gzip blobs; the whole chain from that ID is verified.
import { describe, expect, it } from 'vitest';
import { assembleArchiveImage } from '../../../src/image/archive-image.js';
import { hostPlatform, PlatformNotFoundError } from '../../../src/image/platform.js';
import { DigestMismatchError } from '../../../src/layers/errors.js';
import { readSaveArchive } from '../../../src/layers/save-archive.js';
import { chunked, containerdSaveArchive, layerTar, sha256, type ContainerdExport } from '../support/image-builder.js';

const layers = async (): Promise<Buffer[]> => [
  await layerTar([{ path: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n' }]),
  await layerTar([{ path: 'app/main.py', content: 'print("hi")\n' }]),
];

async function open(built: ContainerdExport, imageId = built.engineId, platform = hostPlatform()) {
  const archive = await readSaveArchive(chunked(built.archive, 1000), () => () => []);
  return assembleArchiveImage(archive, 'test:1', { imageId, platform });
}

const amd64 = { os: 'linux', architecture: 'amd64' };

describe('containerd image store exports', () => {
  it('identifies the image by its manifest digest and verifies config and gzip layers', async () => {
    const built = await containerdSaveArchive(await layers());
    const image = await open(built, built.engineId, amd64);
    expect(built.engineId).not.toBe(built.configId);
    expect(image.imageId).toBe(built.configId);
    expect(image.selected.chainRoot).toBe(built.engineId);
    expect(image.layers.map((layer) => layer.diffId)).toEqual(built.diffIds);
    expect(image.layers.every((layer) => layer.compression === 'gzip')).toBe(true);
    expect(image.selected.names).toEqual(['docker.io/library/test:1']);
  });

  it('follows a BuildKit index to the platform image and never takes the attestation', async () => {
    const built = await containerdSaveArchive(await layers(), {}, { buildkit: true });
    const image = await open(built, built.engineId, amd64);
    expect(image.imageId).toBe(built.configId);
    expect(image.layers.map((layer) => layer.diffId)).toEqual(built.diffIds);
    await expect(open(built, built.engineId, { os: 'unknown', architecture: 'unknown' })).rejects.toThrow(
      /no image for platform unknown\/unknown; available: linux\/amd64/,
    );
  });

  it('names the platforms present when the index lists one whose content the store lacks', async () => {
    const built = await containerdSaveArchive(await layers(), {}, { absentPlatforms: [{ os: 'linux', architecture: 'arm64' }] });
    const error = await open(built, built.engineId, { os: 'linux', architecture: 'arm64' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformNotFoundError);
    expect((error as Error).message).toMatch(/lists platform linux\/arm64, but its content is not here .*present: linux\/amd64/);
    expect((await open(built, built.engineId, amd64)).layers).toHaveLength(2);
  });

  it.each(['manifest', 'index'] as const)('fails closed when the %s does not hash to its digest', async (corrupt) => {
    const built = await containerdSaveArchive(await layers(), {}, { buildkit: true, corrupt });
    await expect(open(built, built.engineId, amd64)).rejects.toBeInstanceOf(DigestMismatchError);
  });

  it('fails closed on a corrupt layer blob', async () => {
    const built = await containerdSaveArchive(await layers(), {}, { corrupt: 'layer' });
    await expect(open(built, built.engineId, amd64)).rejects.toThrow();
  });

  it('refuses an export that holds some other image than the one the engine reported', async () => {
    const built = await containerdSaveArchive(await layers());
    await expect(open(built, sha256('another image'), amd64)).rejects.toThrow(/engine reported image sha256:/);
  });
});
