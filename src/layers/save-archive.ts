// Reads a `docker save` stream in one pass: classic layout (<id>/layer.tar) or OCI layout (blobs/sha256/…).
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { ImagegateError } from '../config/errors.js';
import { ArchiveFormatError, DAMAGED } from './errors.js';
import type { LayerIndex } from './layer-index.js';
import { walkLayer, type FileDispatcher } from './layer-walk.js';
import { normalizeTarPath } from './tar-path.js';
import { asError, type Next } from './next.js';

/** JSON documents (manifests, configs, index.json) are small; anything larger is hostile or broken. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

export interface SavedArchive {
  /** Small JSON documents by archive path: manifest.json, index.json, configs, OCI manifests. */
  documents: Map<string, Buffer>;
  /** Walked layers by archive path ("<id>/layer.tar" or "blobs/sha256/<hex>"). */
  layers: Map<string, LayerIndex>;
  /** Archive-level symlinks: Engine 20.10 links a repeated layer to its first copy. */
  links: Map<string, string>;
}

/** Decides, from the archive path alone, whether an entry is a layer, a JSON document, or noise. */
function classify(path: string): 'layer' | 'document' | 'blob' | 'skip' {
  if (path.endsWith('/layer.tar') || path.endsWith('.tar')) return 'layer';
  if (path.startsWith('/blobs/')) return 'blob';
  if (path.endsWith('.json') || path === '/repositories' || path === '/oci-layout') return 'document';
  return 'skip';
}

/**
 * Layers are walked as they stream past. The layout only says which layer is which at the end
 * (Engine 20.10 writes manifest.json last), so results are keyed by archive path and ordered later.
 */
export async function readSaveArchive(archive: Readable, dispatchFor: (layerPath: string) => FileDispatcher, options: { documentsOnly?: boolean } = {}): Promise<SavedArchive> {
  const result: SavedArchive = { documents: new Map(), layers: new Map(), links: new Map() };
  const extract = tar.extract();

  extract.on('entry', (header, source, next) => {
    const stream = source as unknown as Readable; // streamx streams speak the Node stream events used here
    const path = normalizeTarPath(header.name);
    const key = path.slice(1);
    // When the archive itself breaks (truncated, bad header) the parser destroys the current entry's
    // stream too; the archive-level error already says why, so the entry's own copy is not news.
    stream.on('error', ignore);
    // A directory's placeholder stream never ends if a hostile header gives it a size; nothing to read.
    if (header.type === 'directory') return next();
    if (header.type === 'symlink' || header.type === 'link') {
      if (header.linkname) result.links.set(key, resolveArchiveLink(path, header.linkname, header.type));
      stream.on('end', () => next()).resume();
      return;
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      stream.on('end', () => next()).resume();
      return;
    }
    const kind = classify(path);
    // documentsOnly (listing an export's platforms): layers are drained unread, JSON is kept
    const layer = options.documentsOnly ? (_key: string, s: Readable, _d: FileDispatcher, _r: SavedArchive, n: Next) => void s.on('end', () => n()).resume() : handleLayer;
    if (kind === 'layer') return layer(key, stream, dispatchFor(key), result, next);
    if (kind === 'document') return collectJson(key, stream, result, next);
    if (kind === 'blob') return handleBlob(key, stream, dispatchFor(key), result, next, layer);
    stream.on('end', () => next()).resume();
  });

  try {
    await pipeline(archive, extract as unknown as NodeJS.WritableStream);
  } catch (error) {
    if (error instanceof ImagegateError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    if (message === 'aborted' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ArchiveFormatError(`the image stream broke off before its end (${code ?? message}): the engine or the connection to it failed mid-export; nothing was verified — check the engine (docker info, its logs) and run again`, { cause: error });
    }
    throw new ArchiveFormatError(`the image archive is not a readable tar stream (${message}); ${DAMAGED}`, { cause: error });
  }
  return result;
}

function handleLayer(key: string, stream: Readable, dispatch: FileDispatcher, result: SavedArchive, next: Next): void {
  walkLayer(stream, key, dispatch).then(
    (index) => {
      result.layers.set(key, index);
      next();
    },
    (error: unknown) => next(asError(error)),
  );
}

/** OCI blobs carry no hint of their kind in the name: the first bytes tell JSON from a layer. */
function handleBlob(key: string, stream: Readable, dispatch: FileDispatcher, result: SavedArchive, next: Next, layer = handleLayer): void {
  const relay = new PassThrough({ highWaterMark: 1 << 20 });
  relay.on('error', ignore); // its consumer (layer walk or JSON collector) reports failures itself
  let decided = false;
  stream.on('data', (chunk: Buffer) => {
    if (!decided) {
      decided = true;
      if (looksLikeJson(chunk)) collectJson(key, relay, result, next);
      else layer(key, relay, dispatch, result, next);
    }
    if (!relay.write(chunk)) {
      stream.pause();
      relay.once('drain', () => stream.resume());
    }
  });
  stream.on('end', () => {
    if (decided) return void relay.end();
    result.documents.set(key, Buffer.alloc(0));
    next();
  });
  stream.on('error', (error: Error) => relay.destroy(error));
}

function collectJson(key: string, stream: Readable, result: SavedArchive, next: Next): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let failed = false;
  stream.on('data', (chunk: Buffer) => {
    if (failed) return;
    bytes += chunk.length;
    if (bytes > MAX_JSON_BYTES) {
      failed = true;
      chunks.length = 0;
      next(new ArchiveFormatError(`${key}: this JSON document (a manifest, index or image config) is larger than ${MAX_JSON_BYTES >> 20} MiB, far beyond any real one; refusing to read it — the archive is malformed or hostile`));
      return;
    }
    chunks.push(chunk);
  });
  stream.on('end', () => {
    if (failed) return;
    result.documents.set(key, Buffer.concat(chunks));
    next();
  });
}

function ignore(): void {}

function looksLikeJson(first: Buffer): boolean {
  for (const byte of first.subarray(0, 64)) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b || byte === 0x5b; // "{" or "["
  }
  return false;
}

function resolveArchiveLink(path: string, linkname: string, type: 'symlink' | 'link'): string {
  // Hardlinks are relative to the archive root, symlinks to the link's own directory.
  if (type === 'link') return normalizeTarPath(linkname).slice(1);
  const dir = path.slice(0, path.lastIndexOf('/'));
  return normalizeTarPath(`${dir}/${linkname}`).slice(1);
}
