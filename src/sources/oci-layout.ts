// Reads `oci:DIR` images: an OCI image layout directory (oci-layout, index.json, blobs/sha256/…),
// as written by skopeo, BuildKit (--output type=oci,tar=false), crane or umoci. Only the blobs of
// the selected image are read; each layer blob streams from its file through the layer walk.
import { createReadStream, lstatSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { ImageSelector } from '../image/select-image.js';
import { listPlatforms, selectImage } from '../image/select-image.js';
import type { Platform } from '../image/platform.js';
import { ArchiveFormatError } from '../layers/errors.js';
import { walkLayer } from '../layers/layer-walk.js';
import type { SavedArchive } from '../layers/save-archive.js';
import { checkFile } from './archive-file.js';
import { diffIdsOf, type ImageSource, type SourceImage } from './source.js';

/** Manifests, indexes and configs are small; anything larger is hostile or broken. */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export class OciLayoutSource implements ImageSource {
  constructor(
    readonly description: string,
    private readonly dir: string,
    private readonly selector: Omit<ImageSelector, 'platform'>,
  ) {}

  async listPlatforms(): Promise<Platform[]> {
    await checkFile(this.dir, 'directory');
    return listPlatforms((path) => readDocument(this.dir, path), this.selector, this.dir);
  }

  async resolve(): Promise<SourceImage> {
    await checkFile(this.dir, 'directory');
    const dir = this.dir;
    return {
      selector: this.selector,
      repoDigests: [],
      read: async ({ dispatchFor, selector, observe, reuse }) => {
        const documents = new Map<string, Buffer>();
        const read = (path: string): Buffer | undefined => {
          if (!documents.has(path)) {
            const document = readDocument(dir, path);
            if (document) documents.set(path, document);
          }
          return documents.get(path);
        };
        const selected = await selectImage(read, selector, dir);
        const diffIds = diffIdsOf(read(selected.configPath));
        const layers = new Map<string, Awaited<ReturnType<typeof walkLayer>>>();
        for (const [i, path] of selected.layerPaths.entries()) {
          if (layers.has(path)) continue; // the same blob twice: walked once
          const cached = reuse && diffIds?.[i] ? await reuse(path, diffIds[i]) : undefined;
          if (cached) {
            layers.set(path, cached);
            continue;
          }
          const blob = openBlob(dir, path);
          if (observe) blob.on('data', (chunk: Buffer | string) => observe(chunk.length));
          layers.set(path, await walkLayer(blob, path, dispatchFor(path)));
        }
        return { documents, layers, links: new Map() } satisfies SavedArchive;
      },
    };
  }
}

function readDocument(dir: string, path: string): Buffer | undefined {
  const file = join(dir, path);
  let size: number;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) throw notRegular(dir, path, stat);
    size = stat.size;
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw error;
    return undefined;
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw new ArchiveFormatError(`${file}: larger than ${MAX_DOCUMENT_BYTES} bytes for a JSON document; refusing to read it`);
  return readFileSync(file);
}

function openBlob(dir: string, path: string) {
  const file = join(dir, path);
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    throw new ArchiveFormatError(`${dir}: layer blob ${path} is missing (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, {
      cause: error,
    });
  }
  if (!stat.isFile()) throw notRegular(dir, path, stat);
  // 1 MiB reads, unlike READ_CHUNK for archives: layout blobs are mostly compressed, the decompressor's
  // output dominates memory, and small reads slowed decompression at no saving in peak memory
  // (docs/benchmarks.md, "Measurements behind code choices").
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

/**
 * Layout blobs are plain files. A symlink could point anywhere on this machine (/etc/shadow, or
 * /dev/zero, an endless read), so the gate never follows one out of the layout.
 */
function notRegular(dir: string, path: string, stat: Stats): ArchiveFormatError {
  const kind = stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? 'a directory' : 'not a regular file';
  return new ArchiveFormatError(
    `${dir}: ${path} is ${kind}; an OCI layout stores blobs as regular files, and imagegate does not follow links out of it — copy the layout with its blobs (e.g. skopeo copy or cp -L)`,
  );
}
