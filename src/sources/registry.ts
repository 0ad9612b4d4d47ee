// Reads `docker://HOST/REPO[:TAG|@DIGEST]` images straight from a registry, no engine involved:
// the manifest (or index, resolved to one platform), the config, then the layers, fetched a few
// at a time and streamed into the layer walk as they arrive. Nothing touches the disk.
import pLimit from 'p-limit';
import type { Readable } from 'node:stream';
import { ArchiveFormatError } from '../layers/errors.js';
import { walkLayer } from '../layers/layer-walk.js';
import type { LayerIndex } from '../layers/layer-index.js';
import type { SavedArchive } from '../layers/save-archive.js';
import { blobPath, listPlatforms, selectImage } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import { parseDaemonReference } from '../reference/image-reference.js';
import { credentialsFor } from '../registry/docker-config.js';
import { RegistryClient, type RegistryClientOptions } from '../registry/registry-client.js';
import { diffIdsOf, type ImageSource, type SourceImage } from './source.js';

const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

export interface RegistrySourceOptions extends RegistryClientOptions {
  /** Layers downloaded at once per image (default 3). */
  layerConcurrency?: number;
}

export class RegistrySource implements ImageSource {
  readonly description = 'registry';
  private readonly clients = new Map<string, RegistryClient>();

  constructor(private readonly options: RegistrySourceOptions = {}) {}

  async resolve(locator: string): Promise<SourceImage> {
    const reference = parseDaemonReference(locator);
    if (reference.isId || !reference.registry || !reference.repository)
      throw new ArchiveFormatError(`docker://${locator}: name a repository, e.g. docker://registry.example.com/team/app:1`);
    const client = this.clientFor(reference.registry);
    const repository = reference.repository;
    const top = await client.manifest(repository, reference.digest ?? reference.tag ?? 'latest');
    const name = `${reference.registry}/${repository}`;
    return {
      selector: {},
      repoDigests: [`${name}@${top.digest}`],
      read: async ({ dispatchFor, selector, observe, reuse }) => {
        const documents = new Map<string, Buffer>([
          [
            'index.json',
            Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: top.mediaType, digest: top.digest, size: top.body.length }] })),
          ],
          [blobPath(top.digest), top.body],
        ]);
        // selectImage asks only for indexes and manifests; each is fetched by digest and verified.
        const read = async (path: string): Promise<Buffer | undefined> => {
          if (!documents.has(path)) {
            if (!path.startsWith('blobs/sha256/')) return undefined; // e.g. manifest.json: not a registry thing
            const digest = path.replace(/^blobs\/sha256\//, 'sha256:');
            documents.set(path, (await client.manifest(repository, digest)).body);
          }
          return documents.get(path);
        };
        const selected = await selectImage(read, selector, `docker://${locator}`);
        documents.set(
          selected.configPath,
          await readSmallBlob(await client.blob(repository, selected.configDigest), `docker://${locator}: config ${selected.configDigest}`),
        );
        const limit = pLimit(this.options.layerConcurrency ?? 3);
        const layers = new Map<string, LayerIndex>();
        const diffIds = diffIdsOf(documents.get(selected.configPath));
        const unique = [...new Set(selected.layerPaths)];
        await Promise.all(
          unique.map((path) =>
            limit(async () => {
              // A layer the cache already knows is not downloaded at all.
              const diffId = diffIds?.[selected.layerPaths.indexOf(path)];
              const cached = reuse && diffId ? await reuse(path, diffId) : undefined;
              if (cached) return void layers.set(path, cached);
              const digest = path.replace(/^blobs\/sha256\//, 'sha256:');
              const blob = await client.blob(repository, digest);
              if (observe) blob.on('data', (chunk: Buffer) => observe(chunk.length));
              layers.set(path, await walkLayer(blob, path, dispatchFor(path)));
            }),
          ),
        );
        return { documents, layers, links: new Map() } satisfies SavedArchive;
      },
    };
  }

  async listPlatforms(locator: string): Promise<Platform[]> {
    const reference = parseDaemonReference(locator);
    if (!reference.registry || !reference.repository) return [];
    const client = this.clientFor(reference.registry);
    const top = await client.manifest(reference.repository, reference.digest ?? reference.tag ?? 'latest');
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: top.mediaType, digest: top.digest, size: top.body.length }] }),
    );
    return listPlatforms((path) => (path === 'index.json' ? index : path === blobPath(top.digest) ? top.body : undefined), {}, `docker://${locator}`);
  }

  /** One client per registry host for the whole run (its token cache included); `imagegate audit` lists catalogs with it. */
  clientFor(host: string): RegistryClient {
    let client = this.clients.get(host);
    if (!client) {
      client = new RegistryClient(host, { credentials: (h) => credentialsFor(h), ...this.options });
      this.clients.set(host, client);
    }
    return client;
  }
}

async function readSmallBlob(stream: Readable, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONFIG_BYTES) {
      stream.destroy();
      throw new ArchiveFormatError(`${what}: larger than ${MAX_CONFIG_BYTES} bytes; refusing it`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
