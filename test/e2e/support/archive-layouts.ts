// Rewrites a real `docker save` archive into the layouts other producers write, from their documented
// shapes (not their code): go-containerregistry's tarball package (crane pull, kaniko --tar-path) and
// Engine >= 25's OCI layout plus manifest.json. Test images are small, so entries are held in memory here.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

interface Entry {
  name: string;
  content: Buffer;
}

interface SavedImage {
  config: Buffer;
  /** Uncompressed layer tars in rootfs order (a repeated layer appears twice). */
  layers: Buffer[];
  repoTags: string[];
}

const hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

async function readTar(path: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      if (header.type === 'file') entries.push({ name: header.name, content: Buffer.concat(chunks) });
      else if ((header.type === 'symlink' || header.type === 'link') && header.linkname)
        entries.push({ name: header.name, content: Buffer.from(`\0link:${header.linkname}`) });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    void readFile(path).then((data) => extract.end(data), reject);
  });
  return entries;
}

async function writeTar(path: string, entries: Entry[]): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => void chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const entry of entries) pack.entry({ name: entry.name, mode: 0o644 }, entry.content);
  pack.finalize();
  await done;
  await writeFile(path, Buffer.concat(chunks));
}

/** The one image of a classic Engine 20.10 `docker save` archive. */
export async function readDockerSave(path: string): Promise<SavedImage> {
  const entries = new Map((await readTar(path)).map((e) => [e.name, e.content]));
  const resolve = (name: string): Buffer => {
    const content = entries.get(name);
    if (!content) throw new Error(`${path}: no entry ${name}`);
    const link = content.toString('latin1').startsWith('\0link:') ? content.toString('latin1').slice(6) : undefined;
    return link ? resolve(link.startsWith('../') ? link.slice(3) : link) : content;
  };
  const [image] = JSON.parse(resolve('manifest.json').toString()) as { Config: string; RepoTags: string[] | null; Layers: string[] }[];
  return { config: resolve(image!.Config), layers: image!.Layers.map(resolve), repoTags: image!.RepoTags ?? [] };
}

/**
 * go-containerregistry's tarball.Write / MultiRefWrite (crane pull's default format; kaniko --tar-path):
 * the config as "sha256:<hex>", then each distinct layer gzip-compressed as "<compressed hex>.tar.gz",
 * then manifest.json naming them. `manifestFirst` moves manifest.json to the front, an order some
 * repackagers produce and `docker load` accepts.
 */
export async function writeLoadTarball(
  image: SavedImage,
  path: string,
  options: { repoTags?: string[]; manifestFirst?: boolean } = {},
): Promise<void> {
  const configName = `sha256:${hex(image.config)}`;
  const blobs = image.layers.map((layer) => gzipSync(layer));
  const layerNames = blobs.map((blob) => `${hex(blob)}.tar.gz`);
  const seen = new Set<string>();
  const layerEntries = blobs.flatMap((blob, i) =>
    seen.has(layerNames[i]!) ? [] : (seen.add(layerNames[i]!), [{ name: layerNames[i]!, content: blob }]),
  );
  const manifest = {
    name: 'manifest.json',
    content: Buffer.from(JSON.stringify([{ Config: configName, RepoTags: options.repoTags ?? image.repoTags, Layers: layerNames }])),
  };
  const body = [{ name: configName, content: image.config }, ...layerEntries];
  await writeTar(path, options.manifestFirst ? [manifest, ...body] : [...body, manifest]);
}

/** Engine >= 25 `docker save` (classic store): uncompressed blobs under blobs/sha256, index.json, manifest.json, oci-layout, repositories. */
export async function writeEngine25Save(image: SavedImage, path: string): Promise<void> {
  const blob = (data: Buffer): string => `blobs/sha256/${hex(data)}`;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${hex(image.config)}`, size: image.config.length },
      layers: image.layers.map((layer) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: `sha256:${hex(layer)}`,
        size: layer.length,
      })),
    }),
  );
  const tag = image.repoTags[0] ?? '';
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${hex(manifest)}`,
        size: manifest.length,
        annotations: { 'io.containerd.image.name': `docker.io/${tag}`, 'org.opencontainers.image.ref.name': tag.split(':').at(-1) ?? '' },
      },
    ],
  };
  const seen = new Set<string>();
  const blobs = [...image.layers, image.config, manifest].flatMap((data) =>
    seen.has(blob(data)) ? [] : (seen.add(blob(data)), [{ name: blob(data), content: data }]),
  );
  await writeTar(path, [
    ...blobs,
    { name: 'index.json', content: Buffer.from(JSON.stringify(index)) },
    {
      name: 'manifest.json',
      content: Buffer.from(JSON.stringify([{ Config: blob(image.config), RepoTags: image.repoTags, Layers: image.layers.map(blob) }])),
    },
    { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
  ]);
}
