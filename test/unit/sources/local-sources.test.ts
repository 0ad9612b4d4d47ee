// docker-archive:, oci-archive: and oci: end to end through the library, on archives and layouts
// written here: image selection by name, position, digest and platform, nested indexes,
// attestation manifests, gzip archives, and digest verification of every document followed.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkImages } from '../../../src/index.js';
import { classicSaveArchive, imageConfig, layerTar, sha256, tarBuffer } from '../support/image-builder.js';
import { tempDir } from '../support/temp-dir.js';

const OFF = { rules: { 'oci-labels': 'off', 'non-root-user': 'off', healthcheck: 'off', 'size-budget': 'off' } as const };
const options = (platform = 'linux/amd64') => ({ policy: OFF, budgets: { budgets: [] }, platform });

interface Blob {
  digest: string;
  data: Buffer;
}

const blob = (data: Buffer | string): Blob => {
  const buffer = Buffer.from(data);
  return { digest: sha256(buffer), data: buffer };
};

/** One platform's image: a layer with a marker file, its config and manifest. */
async function platformImage(arch: string, files: Record<string, string>) {
  const layer = blob(await layerTar(Object.entries(files).map(([path, content]) => ({ path, content }))));
  const config = JSON.parse(imageConfig([layer.digest]).toString()) as Record<string, unknown>;
  config.architecture = arch;
  const configBlob = blob(JSON.stringify(config));
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configBlob.digest, size: configBlob.data.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.data.length }],
    }),
  );
  return { blobs: [layer, configBlob, manifest], manifest, arch };
}

/** index.json → image index (amd64, arm64, an attestation) — what BuildKit pushes for multi-platform builds. */
async function multiPlatformLayout(dir: string): Promise<{ indexDigest: string }> {
  const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`; // fake, shaped like a GitHub token
  const amd = await platformImage('amd64', { 'app/amd64': 'amd64 build' });
  const arm = await platformImage('arm64', { 'app/arm64': `GITHUB_TOKEN=${token}\n` });
  const attestation = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { digest: amd.blobs[1]!.digest },
      layers: [],
    }),
  );
  const index = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: amd.manifest.digest,
          size: amd.manifest.data.length,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: arm.manifest.digest,
          size: arm.manifest.data.length,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: attestation.digest,
          size: attestation.data.length,
          platform: { os: 'unknown', architecture: 'unknown' },
        },
      ],
    }),
  );
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const b of [...amd.blobs, ...arm.blobs, attestation, index]) await writeFile(join(dir, 'blobs', 'sha256', b.digest.slice(7)), b.data);
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: index.digest,
          size: index.data.length,
          annotations: { 'org.opencontainers.image.ref.name': 'v1' },
        },
      ],
    }),
  );
  return { indexDigest: index.digest };
}

describe('oci: layouts', () => {
  it('picks the requested platform through a nested index and skips attestations', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const amd = await checkImages([`oci:${dir}:v1`], options('linux/amd64'));
    expect(amd.images[0]).toMatchObject({ platform: 'linux/amd64', passed: true });
    const arm = await checkImages([`oci:${dir}:v1`], options('linux/arm64'));
    expect(arm.images[0]?.platform).toBe('linux/arm64');
    expect(arm.images[0]?.findings.map((f) => `${f.ruleId} ${f.location.path}`)).toEqual(['secret-file /app/arm64']);
    expect(JSON.stringify(arm)).not.toContain('A1b2C3d4E5A1b2');
  });

  it('checks every platform as its own image with allPlatforms', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const report = await checkImages([`oci:${dir}:v1`], { policy: OFF, budgets: { budgets: [] }, allPlatforms: true });
    expect(report.images.map((image) => `${image.reference} ${image.platform} ${String(image.passed)}`)).toEqual([
      `oci:${dir}:v1 linux/amd64 true`,
      `oci:${dir}:v1 linux/arm64 false`,
    ]);
    expect(report.summary.exitCode).toBe(1);
  });

  it('reports compressed sizes from the manifest and checks maxCompressedSize', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const budgets = { budgets: [{ image: 'oci:*', maxCompressedSize: 100 }] };
    const report = await checkImages([`oci:${dir}:v1`], {
      policy: { rules: { 'oci-labels': 'off', 'non-root-user': 'off', healthcheck: 'off' } },
      budgets,
      platform: 'linux/amd64',
    });
    const image = report.images[0]!;
    expect(image.compressedSizeBytes).toBeGreaterThan(100);
    expect(image.layers?.[0]?.compressedSizeBytes).toBe(image.compressedSizeBytes);
    expect(image.findings.map((f) => f.messageId)).toEqual(['COMPRESSED_OVER_BUDGET']);
    expect(image.findings[0]?.message).toMatch(/^image layers are [\d.]+ KB compressed, budget is 100 B/);
  });

  it('exits 2 for a platform the index lacks, listing the ones it has', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const report = await checkImages([`oci:${dir}`], options('linux/s390x'));
    expect(report.summary.exitCode).toBe(2);
    expect(report.images[0]?.error?.message).toMatch(
      /no image for platform linux\/s390x; available: linux\/amd64, linux\/arm64\/v8 \(choose one with --platform\)/,
    );
  });

  it('fails closed when a manifest does not match its digest', async () => {
    const dir = await tempDir();
    const { indexDigest } = await multiPlatformLayout(dir);
    const path = join(dir, 'blobs', 'sha256', indexDigest.slice(7));
    await writeFile(path, (await readFile(path, 'utf8')).replace('"amd64"', '"amd64" '));
    const report = await checkImages([`oci:${dir}:v1`], options());
    expect(report.summary.exitCode).toBe(2);
    expect(report.images[0]?.error?.message).toContain(`hashes to`);
  });

  it('never follows a blob that is a symbolic link out of the layout', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const report = await checkImages([`oci:${dir}:v1`], options());
    const layer = report.images[0]!.layers![0]!.diffId;
    // The layer blob (uncompressed: blob digest = diffId) becomes a link to a file of this machine.
    const path = join(dir, 'blobs', 'sha256', layer.slice(7));
    await rm(path);
    await symlink('/etc/hostname', path);
    const linked = await checkImages([`oci:${dir}:v1`], options());
    expect(linked.summary.exitCode).toBe(2);
    expect(linked.images[0]?.error?.message).toMatch(/is a symbolic link; .* does not follow links out of it/);
  });

  it('reads the same layout packed as an oci-archive: tar', async () => {
    const dir = await tempDir();
    await multiPlatformLayout(dir);
    const files = [
      'oci-layout',
      'index.json',
      ...(await import('node:fs/promises').then((fs) => fs.readdir(join(dir, 'blobs', 'sha256')))).map((f) => `blobs/sha256/${f}`),
    ];
    const archive = join(await tempDir(), 'layout.tar');
    await writeFile(archive, await tarBuffer(await Promise.all(files.map(async (name) => ({ name, content: await readFile(join(dir, name)) })))));
    const report = await checkImages([`oci-archive:${archive}:v1`], options('linux/arm64'));
    expect(report.images[0]).toMatchObject({ platform: 'linux/arm64', passed: false });
  });
});

describe('docker-archive:', () => {
  async function twoImageArchive(): Promise<string> {
    const first = await classicSaveArchive([await layerTar([{ path: 'app/one', content: '1' }])]);
    const second = await classicSaveArchive([await layerTar([{ path: 'app/two', content: '2' }])], { user: '1000' });
    // Merge the two classic archives' entries and write one manifest.json naming both (as `docker save a b` does).
    const { default: tar } = await import('tar-stream');
    const entries: { name: string; content: Buffer }[] = [];
    const manifests: unknown[] = [];
    for (const [built, tag] of [
      [first, 'team/one:1'],
      [second, 'team/two:2'],
    ] as const) {
      const extract = tar.extract();
      extract.on('entry', (header, stream, next) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c) => void chunks.push(c as Buffer));
        stream.on('end', () => {
          const content = Buffer.concat(chunks);
          if (header.name === 'manifest.json') manifests.push({ ...(JSON.parse(content.toString()) as object[])[0], RepoTags: [tag] });
          else entries.push({ name: header.name.includes('/') ? header.name.replace(/^0/, tag === 'team/one:1' ? '1' : '2') : header.name, content });
          next();
        });
      });
      extract.end(built.archive);
      await new Promise<void>((resolve) => extract.on('finish', () => resolve()));
    }
    for (const m of manifests as { Layers: string[] }[]) m.Layers = m.Layers.map((l) => l.replace(/^0/, manifests.indexOf(m) === 0 ? '1' : '2'));
    entries.push({ name: 'manifest.json', content: Buffer.from(JSON.stringify(manifests)) });
    const file = join(await tempDir(), 'two.tar.gz');
    await writeFile(file, gzipSync(await tarBuffer(entries)));
    return file;
  }

  it('selects an image of a gzipped multi-image archive by name (normalized too) or position', async () => {
    const file = await twoImageArchive();
    const report = await checkImages(
      [`docker-archive:${file}:team/two:2`, `docker-archive:${file}:docker.io/team/one:1`, `docker-archive:${file}:@1`],
      options(),
    );
    expect(report.images.map((image) => image.error?.message)).toEqual([undefined, undefined, undefined]);
    expect(report.images.map((image) => image.normalizedReference)).toEqual([
      'docker.io/team/two:2',
      'docker.io/team/one:1',
      `docker-archive:${file}:@1`,
    ]);
    expect(report.images[0]?.imageId).toBe(report.images[2]?.imageId);
    expect(report.images[0]?.imageId).not.toBe(report.images[1]?.imageId);
  });

  it('asks which image when an archive holds several and none is named', async () => {
    const file = await twoImageArchive();
    const report = await checkImages([`docker-archive:${file}`], options());
    expect(report.images[0]?.error?.message).toMatch(/holds 2 images \(@0 \(team\/one:1\), @1 \(team\/two:2\)\); name one/);
  });

  it('names a missing file in one line', async () => {
    const report = await checkImages(['docker-archive:/nonexistent/image.tar'], options());
    expect(report.images[0]?.error?.message).toBe('/nonexistent/image.tar: no such file');
  });
});
