// Reads a `docker save` stream in one pass: classic layout (<id>/layer.tar), OCI layout (blobs/sha256/…),
// or the docker-load tarballs of kaniko and go-containerregistry (config "sha256:<hex>", layers "<hex>.tar.gz").
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { ImagegateError } from '../core/errors.js';
import { CachedLayerSplitter, type SplitLayer } from './cached-split.js';
import { ArchiveFormatError, DAMAGED, DigestMismatchError } from './errors.js';
import type { LayerIndex } from './layer-index.js';
import { walkLayer, type FileDispatcher } from './layer-walk.js';
import { normalizeTarPath } from './tar-path.js';
import { asError, type Next } from './next.js';

/** JSON documents (manifests, configs, index.json) are small; anything larger is hostile or broken. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

export interface SavedArchive {
  /** Small JSON documents by archive path: manifest.json, index.json, configs, OCI manifests. */
  documents: Map<string, Buffer>;
  /** Walked layers by archive path ("<id>/layer.tar", "blobs/sha256/<hex>", "<hex>.tar.gz"…). */
  layers: Map<string, LayerIndex>;
  /** Archive-level symlinks: Engine 20.10 links a repeated layer to its first copy. */
  links: Map<string, string>;
}

/**
 * A layer the cache already holds, known by its archive path before its bytes arrive. Its bytes are
 * only hashed, never decompressed, parsed or scanned; the cached index stands in for the walk.
 */
export interface CachedLayer {
  /** The cached record's index (its blob fields are replaced by what this blob hashes to). */
  index: LayerIndex;
  /**
   * What the bytes as they stand must hash to: the diffID for an uncompressed layer, the blob digest
   * (the archive's name for it) for a compressed one, whose diffID the cache learned by decompressing
   * that very blob before. Anything else fails the check: the cached record would not describe it.
   */
  expect: string;
}

/**
 * Asked as a layer's entry begins (with the JSON documents read so far); a layer it answers is
 * hashed and skipped. Whoever answers has already replayed the record into the rules.
 */
export type CachedLayerLookup = (layerPath: string, documents: ReadonlyMap<string, Buffer>) => Promise<CachedLayer | undefined>;

/** Names that say "layer" whoever wrote them: docker save, skopeo, kaniko, go-containerregistry. */
const LAYER_NAME = /(?:\/layer\.tar|\.tar|\.tar\.gz|\.tgz|\.tar\.zst)$/;

/**
 * Decides, from the archive path alone where it can, whether an entry is a layer, a JSON document or
 * noise. `docker load` follows manifest.json's paths whatever their names, and manifest.json may come
 * last, so any other name is decided by its first bytes ('sniff') rather than skipped.
 */
function classify(path: string): 'layer' | 'document' | 'blob' | 'sniff' {
  if (LAYER_NAME.test(path)) return 'layer';
  if (path.startsWith('/blobs/')) return 'blob';
  if (path.endsWith('.json') || path === '/repositories' || path === '/oci-layout') return 'document';
  return 'sniff';
}

/**
 * Layers are walked as they stream past. The layout only says which layer is which at the end
 * (Engine 20.10 writes manifest.json last), so results are keyed by archive path and ordered later.
 */
export async function readSaveArchive(
  archive: Readable,
  dispatchFor: (layerPath: string) => FileDispatcher,
  options: { documentsOnly?: boolean; cached?: CachedLayerLookup } = {},
): Promise<SavedArchive> {
  const result: SavedArchive = { documents: new Map(), layers: new Map(), links: new Map() };
  const extract = tar.extract();
  // With a cache, the cached layers are taken out before the parser and hashed there (cached-split.ts).
  const hits = new Map<string, CachedLayer>();
  const lookup = options.cached;
  const splitter =
    lookup && !options.documentsOnly
      ? new CachedLayerSplitter(
          async (key, documents) => {
            const hit = await lookup(key, documents);
            if (hit) hits.set(key, hit);
            return hit !== undefined;
          },
          (key) => {
            const kind = classify(`/${key}`);
            return kind === 'layer' || kind === 'blob';
          },
        )
      : undefined;

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
    const split = splitter?.hashed.get(key);
    const hit = hits.get(key);
    if (split && hit) {
      splitter!.hashed.delete(key);
      hits.delete(key);
      stream.on('end', () => next(acceptHashed(key, hit, split, result))).resume();
      return;
    }
    // The splitter asked about this layer and it was not cached: read as usual (asking again would replay twice).
    const cached = splitter?.asked.has(key) ? undefined : options.cached;
    if (cached && !options.documentsOnly && (kind === 'layer' || kind === 'blob')) {
      // Decided before a byte of the layer is read; a miss (or a failed lookup) walks it as usual.
      cached(key, result.documents)
        .then(
          (hit) => (hit ? hashOnly(key, stream, hit, result, next) : readEntry(key, kind, stream, dispatchFor, result, next, handleLayer)),
          () => readEntry(key, kind, stream, dispatchFor, result, next, handleLayer),
        )
        .catch((error: unknown) => next(asError(error)));
      return;
    }
    // documentsOnly (listing an export's platforms): layers are drained unread, JSON is kept
    const layer = options.documentsOnly
      ? (_key: string, s: Readable, _d: FileDispatcher, _r: SavedArchive, n: Next) => void s.on('end', () => n()).resume()
      : handleLayer;
    readEntry(key, kind, stream, dispatchFor, result, next, layer);
  });

  try {
    if (splitter) {
      // An engine export's body hands the splitter a cached layer's bytes before queueing them (raw-export.ts).
      if (takesAbsorber(archive)) archive.absorber = splitter;
      await pipeline(archive, splitter, extract as unknown as NodeJS.WritableStream);
    } else await pipeline(archive, extract as unknown as NodeJS.WritableStream);
  } catch (error) {
    if (error instanceof ImagegateError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    if (message === 'aborted' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ArchiveFormatError(
        `the image stream broke off before its end (${code ?? message}): the engine or the connection to it failed mid-export; nothing was verified — check the engine (docker info, its logs) and run again`,
        { cause: error },
      );
    }
    throw new ArchiveFormatError(`the image archive is not a readable tar stream (${message}); ${DAMAGED}`, { cause: error });
  }
  return result;
}

type LayerHandler = (key: string, stream: Readable, dispatch: FileDispatcher, result: SavedArchive, next: Next) => void;

function readEntry(
  key: string,
  kind: 'layer' | 'document' | 'blob' | 'sniff',
  stream: Readable,
  dispatchFor: (layerPath: string) => FileDispatcher,
  result: SavedArchive,
  next: Next,
  layer: LayerHandler,
): void {
  if (kind === 'layer') return layer(key, stream, dispatchFor(key), result, next);
  if (kind === 'document') return collectJson(key, stream, result, next);
  // OCI blobs are either JSON or layers; an entry of any other name may also be noise (VERSION).
  return handleBlob(key, stream, () => dispatchFor(key), result, next, kind === 'blob' ? 'layer' : 'skip', layer);
}

/**
 * A cached layer: SHA-256 of its bytes as they stand (what `docker load` verifies too), nothing
 * else. The record's diffID holds only if the bytes are what the cache saw; otherwise fail closed.
 */
function hashOnly(key: string, stream: Readable, cached: CachedLayer, result: SavedArchive, next: Next): void {
  const hash = createHash('sha256');
  let bytes = 0;
  const head = Buffer.alloc(4);
  stream.on('data', (chunk: Buffer) => {
    if (bytes < head.length) chunk.copy(head, bytes, 0, Math.min(chunk.length, head.length - bytes));
    hash.update(chunk);
    bytes += chunk.length;
  });
  stream.on('end', () => next(acceptHashed(key, cached, { digest: `sha256:${hash.digest('hex')}`, bytes, head }, result)));
}

/** A cached layer whose bytes were hashed: its index stands in if they are what the cache saw, else the check fails. */
function acceptHashed(key: string, cached: CachedLayer, { digest, bytes, head }: SplitLayer, result: SavedArchive): Error | undefined {
  if (digest !== cached.expect) {
    return new DigestMismatchError(
      `${key}: the layer hashes to ${digest}, but its name and the image's digests say it is ${cached.expect}; ${DAMAGED}`,
    );
  }
  const compression = head[0] === 0x1f && head[1] === 0x8b ? 'gzip' : head.readUInt32LE(0) === 0xfd2fb528 ? 'zstd' : 'none';
  result.layers.set(key, {
    ...cached.index,
    blobDigest: digest,
    blobBytes: bytes,
    compression,
    ...(compression === 'none' ? { diffId: digest, tarBytes: bytes } : {}),
  });
  return undefined;
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

/** Bytes enough to see a tar header's "ustar" magic (offset 257) and any compression magic. */
const SNIFF_BYTES = 265;

/**
 * Blobs whose name gives no hint of their kind: the first bytes tell JSON from a layer (tar, gzip or
 * zstd). What is neither is a layer for OCI blobs (the walk then says what is wrong) and noise otherwise.
 */
function handleBlob(
  key: string,
  stream: Readable,
  dispatch: () => FileDispatcher,
  result: SavedArchive,
  next: Next,
  otherwise: 'layer' | 'skip',
  layer = handleLayer,
): void {
  const relay = new PassThrough({ highWaterMark: 1 << 20 });
  relay.on('error', ignore); // its consumer (layer walk or JSON collector) reports failures itself
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  let skipping = false;
  const write = (chunk: Buffer): void => {
    if (skipping || relay.write(chunk)) return;
    stream.pause();
    relay.once('drain', () => stream.resume());
  };
  const decide = (): void => {
    const first = Buffer.concat(head!);
    head = undefined;
    const kind = looksLikeJson(first) ? 'document' : looksLikeLayer(first) ? 'layer' : otherwise;
    if (kind === 'document') collectJson(key, relay, result, next);
    else if (kind === 'layer') layer(key, relay, dispatch(), result, next);
    else skipping = true;
    write(first);
  };
  stream.on('data', (chunk: Buffer) => {
    if (!head) return write(chunk);
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) decide();
  });
  stream.on('end', () => {
    if (head && headBytes === 0) {
      if (otherwise === 'layer') result.documents.set(key, Buffer.alloc(0));
      return next();
    }
    if (head) decide();
    if (skipping) return next();
    relay.end();
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
      next(
        new ArchiveFormatError(
          `${key}: this JSON document (a manifest, index or image config) is larger than ${MAX_JSON_BYTES >> 20} MiB, far beyond any real one; refusing to read it — the archive is malformed or hostile`,
        ),
      );
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

function looksLikeLayer(first: Buffer): boolean {
  if (first[0] === 0x1f && first[1] === 0x8b) return true; // gzip
  if (first.length >= 4 && first.readUInt32LE(0) === 0xfd2fb528) return true; // zstd frame
  return first.length >= 262 && first.toString('latin1', 257, 262) === 'ustar';
}

function resolveArchiveLink(path: string, linkname: string, type: 'symlink' | 'link'): string {
  // Hardlinks are relative to the archive root, symlinks to the link's own directory.
  if (type === 'link') return normalizeTarPath(linkname).slice(1);
  const dir = path.slice(0, path.lastIndexOf('/'));
  return normalizeTarPath(`${dir}/${linkname}`).slice(1);
}

/** A source that offers its bytes to a synchronous consumer first (an engine export's body). */
function takesAbsorber(archive: Readable): archive is Readable & { absorber: { absorb(piece: Buffer): number } | undefined } {
  return 'absorber' in archive;
}
