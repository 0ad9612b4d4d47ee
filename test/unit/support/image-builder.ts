// Builds image archives in memory (layer tars, configs, docker-save classic and OCI layouts) for unit tests.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export type FileSpec =
  | { path: string; content: string | Buffer; mode?: number; uid?: number; gid?: number }
  | { path: string; type: 'directory' | 'symlink' | 'link'; linkname?: string; mode?: number; uid?: number; gid?: number };

export async function tarBuffer(
  entries: {
    name: string;
    content?: Buffer;
    type?: 'file' | 'directory' | 'symlink' | 'link';
    linkname?: string;
    mode?: number;
    uid?: number;
    gid?: number;
  }[],
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => void chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const header: { name: string; type: typeof type; mode?: number; linkname?: string; size?: number; uid?: number; gid?: number } = {
      name: entry.name,
      type,
    };
    if (entry.mode !== undefined) header.mode = entry.mode;
    if (entry.uid !== undefined) header.uid = entry.uid;
    if (entry.gid !== undefined) header.gid = entry.gid;
    if (entry.linkname !== undefined) header.linkname = entry.linkname;
    if (type === 'file') pack.entry(header, entry.content ?? Buffer.alloc(0));
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function layerTar(files: FileSpec[]): Promise<Buffer> {
  return tarBuffer(
    files.map((file) =>
      'content' in file
        ? { name: file.path.replace(/^\//, ''), content: Buffer.from(file.content), mode: file.mode ?? 0o644, ...owner(file) }
        : {
            name: file.path.replace(/^\//, ''),
            type: file.type,
            ...(file.linkname ? { linkname: file.linkname } : {}),
            ...(file.mode !== undefined ? { mode: file.mode } : {}),
            ...owner(file),
          },
    ),
  );
}

const owner = (file: { uid?: number; gid?: number }) => ({
  ...(file.uid !== undefined ? { uid: file.uid } : {}),
  ...(file.gid !== undefined ? { gid: file.gid } : {}),
});

export const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface ConfigSpec {
  user?: string;
  env?: string[];
  labels?: Record<string, string>;
  healthcheck?: string[];
  history?: { created_by: string; empty_layer?: boolean }[];
  /** Further container-config fields as the image config names them (Entrypoint, ExposedPorts, Volumes…). */
  extra?: Record<string, unknown>;
}

export function imageConfig(diffIds: string[], spec: ConfigSpec = {}): Buffer {
  const history = spec.history ?? diffIds.map((_, i) => ({ created_by: `/bin/sh -c step-${i}` }));
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        User: spec.user ?? '',
        Env: spec.env ?? ['PATH=/usr/bin:/bin'],
        Labels: spec.labels ?? null,
        ...(spec.healthcheck ? { Healthcheck: { Test: spec.healthcheck } } : {}),
        ...spec.extra,
      },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history,
    }),
  );
}

export interface BuiltImage {
  archive: Buffer;
  imageId: string;
  diffIds: string[];
}

/** Classic `docker save` layout as Engine 20.10 writes it: layers first, manifest.json last. */
export async function classicSaveArchive(layers: Buffer[], spec: ConfigSpec = {}, options: { gzipLayers?: boolean } = {}): Promise<BuiltImage> {
  const diffIds = layers.map((layer) => sha256(layer));
  const config = imageConfig(diffIds, spec);
  const imageId = sha256(config);
  const dirs = layers.map((_, i) => `${String(i).padStart(2, '0')}${'a'.repeat(62)}`);
  const entries = layers.flatMap((layer, i) => [
    { name: `${dirs[i]}/VERSION`, content: Buffer.from('1.0') },
    { name: `${dirs[i]}/layer.tar`, content: options.gzipLayers ? gzipSync(layer) : layer },
  ]);
  entries.push({ name: `${imageId.slice(7)}.json`, content: config });
  entries.push({
    name: 'manifest.json',
    content: Buffer.from(JSON.stringify([{ Config: `${imageId.slice(7)}.json`, RepoTags: ['test:1'], Layers: dirs.map((d) => `${d}/layer.tar`) }])),
  });
  return { archive: await tarBuffer(entries), imageId, diffIds };
}

/** OCI layout as Engine >= 25 writes it (index.json + blobs), optionally without the compat manifest.json. */
export async function ociSaveArchive(
  layers: Buffer[],
  spec: ConfigSpec = {},
  options: { gzipLayers?: boolean; withManifestJson?: boolean } = {},
): Promise<BuiltImage> {
  const diffIds = layers.map((layer) => sha256(layer));
  const blobs = layers.map((layer) => (options.gzipLayers ? gzipSync(layer) : layer));
  const config = imageConfig(diffIds, spec);
  const imageId = sha256(config);
  const manifest = ociManifest(config, blobs, options.gzipLayers);
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: manifest.length }],
    }),
  );
  const blobPath = (data: Buffer): string => `blobs/sha256/${sha256(data).slice(7)}`;
  const entries = [
    ...blobs.map((blob) => ({ name: blobPath(blob), content: blob })),
    { name: blobPath(config), content: config },
    { name: blobPath(manifest), content: manifest },
    { name: 'index.json', content: index },
  ];
  if (options.withManifestJson !== false) {
    entries.push({
      name: 'manifest.json',
      content: Buffer.from(JSON.stringify([{ Config: blobPath(config), RepoTags: ['test:1'], Layers: blobs.map(blobPath) }])),
    });
  }
  entries.push({ name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') });
  return { archive: await tarBuffer(entries), imageId, diffIds };
}

/**
 * A `docker load` tarball as go-containerregistry's tarball.Write (crane pull) and kaniko --tar-path
 * write it, from the package's documented shape: config entry "sha256:<hex>", gzip layers named
 * "<compressed hex>.tar.gz", manifest.json naming them (first or last), optional LayerSources.
 */
export async function loadTarballArchive(
  layers: Buffer[],
  spec: ConfigSpec = {},
  options: { manifestFirst?: boolean; layerSources?: boolean } = {},
): Promise<BuiltImage> {
  const diffIds = layers.map((layer) => sha256(layer));
  const blobs = layers.map((layer) => gzipSync(layer));
  const config = imageConfig(diffIds, spec);
  const imageId = sha256(config);
  const layerNames = blobs.map((blob) => `${sha256(blob).slice(7)}.tar.gz`);
  const sources = Object.fromEntries(
    blobs.map((blob, i) => [
      diffIds[i]!,
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: blob.length, digest: sha256(blob) },
    ]),
  );
  const manifest = {
    name: 'manifest.json',
    content: Buffer.from(
      JSON.stringify([{ Config: imageId, RepoTags: ['test:1'], Layers: layerNames, ...(options.layerSources ? { LayerSources: sources } : {}) }]),
    ),
  };
  const entries = [{ name: imageId, content: config }, ...blobs.map((blob, i) => ({ name: layerNames[i]!, content: blob }))];
  return { archive: await tarBuffer(options.manifestFirst ? [manifest, ...entries] : [...entries, manifest]), imageId, diffIds };
}

/** An OCI image manifest naming `config` and the layer `blobs` (gzip media types when `gzipLayers`). */
function ociManifest(config: Buffer, blobs: Buffer[], gzipLayers = false): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: blobs.map((blob) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar' + (gzipLayers ? '+gzip' : ''),
        digest: sha256(blob),
        size: blob.length,
      })),
    }),
  );
}

/** An OCI layout directory (`oci:DIR:TAG`) of uncompressed layers; returns the layer blobs' file paths. */
export async function writeOciLayout(dir: string, layers: Buffer[], spec: ConfigSpec = {}, tag = 'v1'): Promise<{ layerBlobs: string[] }> {
  const config = imageConfig(
    layers.map((layer) => sha256(layer)),
    spec,
  );
  const manifest = ociManifest(config, layers);
  const blobFile = (blob: Buffer): string => join(dir, 'blobs', 'sha256', sha256(blob).slice(7));
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const blob of [...layers, config, manifest]) await writeFile(blobFile(blob), blob);
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha256(manifest),
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
  return { layerBlobs: layers.map(blobFile) };
}

/** Streams a buffer in small chunks so chunk-boundary handling is exercised. */
export function chunked(buffer: Buffer, size = 4096): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += size) chunks.push(buffer.subarray(offset, offset + size));
  return Readable.from(chunks);
}

export interface ContainerdExport {
  archive: Buffer;
  /** What the containerd image store reports as the image ID: the manifest digest, or the index digest (BuildKit). */
  engineId: string;
  configId: string;
  diffIds: string[];
}

/**
 * `docker save` of Engine >= 25 with the containerd image store: an OCI layout (gzip layers) plus
 * manifest.json, the image named in index.json by its manifest — or, as BuildKit writes it, by an
 * index holding the image and a provenance attestation manifest (platform unknown/unknown).
 * `absentPlatforms` are listed in that index without their content, as a store that pulled only one
 * platform of a multi-platform image has them. `corrupt` replaces a blob's bytes (same name).
 */
export async function containerdSaveArchive(
  layers: Buffer[],
  spec: ConfigSpec = {},
  options: { buildkit?: boolean; absentPlatforms?: { os: string; architecture: string }[]; corrupt?: 'manifest' | 'index' | 'layer' } = {},
): Promise<ContainerdExport> {
  const diffIds = layers.map((layer) => sha256(layer));
  const blobs = layers.map((layer) => gzipSync(layer));
  const config = imageConfig(diffIds, spec);
  const manifest = ociManifest(config, blobs, true);
  const attestationBody = Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}');
  const attestationConfig = Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}');
  const attestation = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(attestationConfig), size: attestationConfig.length },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: sha256(attestationBody), size: attestationBody.length }],
    }),
  );
  const descriptor = (doc: Buffer, platform: object, annotations?: object) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: sha256(doc),
    size: doc.length,
    platform,
    ...(annotations ? { annotations } : {}),
  });
  const buildkit = options.buildkit || (options.absentPlatforms?.length ?? 0) > 0;
  const imageIndex = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        descriptor(manifest, { architecture: 'amd64', os: 'linux' }),
        ...(options.absentPlatforms ?? []).map((platform, i) => descriptor(Buffer.from(`absent-${i}`), platform)),
        descriptor(
          attestation,
          { architecture: 'unknown', os: 'unknown' },
          { 'vnd.docker.reference.digest': sha256(manifest), 'vnd.docker.reference.type': 'attestation-manifest' },
        ),
      ],
    }),
  );
  const root = buildkit ? imageIndex : manifest;
  const engineId = sha256(root);
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: buildkit ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json',
          digest: engineId,
          size: root.length,
          annotations: { 'io.containerd.image.name': 'docker.io/library/test:1', 'org.opencontainers.image.ref.name': '1' },
        },
      ],
    }),
  );
  const blobPath = (data: Buffer): string => `blobs/sha256/${sha256(data).slice(7)}`;
  const stored = [...blobs, config, manifest, ...(buildkit ? [imageIndex, attestation, attestationConfig, attestationBody] : [])];
  const tampered = (blob: Buffer): Buffer => {
    const target =
      options.corrupt === 'manifest' ? manifest : options.corrupt === 'index' ? imageIndex : options.corrupt === 'layer' ? blobs[0] : undefined;
    if (blob !== target) return blob;
    const copy = Buffer.from(blob);
    copy.writeUInt8(copy.readUInt8(copy.length - 2) ^ 1, copy.length - 2); // in the gzip trailer, or the JSON's closing brackets
    return copy;
  };
  const entries = [...new Map(stored.map((blob) => [blobPath(blob), blob])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, blob]) => ({ name, content: tampered(blob) }));
  entries.push({ name: 'index.json', content: index });
  entries.push({
    name: 'manifest.json',
    content: Buffer.from(JSON.stringify([{ Config: blobPath(config), RepoTags: ['test:1'], Layers: blobs.map(blobPath) }])),
  });
  entries.push({ name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') });
  return { archive: await tarBuffer(entries), engineId, configId: sha256(config), diffIds };
}
