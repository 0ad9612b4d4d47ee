// Walks one layer's tar: records every entry and whiteout, and streams regular files to whoever asked for them.
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { LayerDecoder, type DecodedDigests } from './layer-decoder.js';
import { ImagegateError } from '../core/errors.js';
import { LayerFormatError, unreadableTar } from './errors.js';
import type { EntryType } from './layer-entries.js';
import type { LayerIndex } from './layer-index.js';
import { LayerEntries } from './layer-entries.js';
import { baseName, escapesRoot, normalizeTarPath, parentDir } from './tar-path.js';
import { asError, type Next } from './next.js';

/**
 * Receives a file's content chunk by chunk; `chunk` returns false once it needs no more. A visitor
 * that hands bytes to another thread returns a promise instead when that thread is behind: the
 * walk pauses until it settles, so memory stays bounded however fast the source is.
 */
export interface FileVisitor {
  chunk(data: Buffer): boolean | Promise<boolean>;
  end(): void;
}

export interface WalkedFile {
  path: string;
  size: number;
  mode: number;
}

/** Called for every regular file with content; returns the visitors that want its bytes (often none). */
export type FileDispatcher = (file: WalkedFile) => FileVisitor[];

const WHITEOUT_PREFIX = '.wh.';
/** Linux's PATH_MAX. */
const PATH_MAX = 4096;
const OPAQUE_MARKER = '.wh..wh..opq';

export async function walkLayer(blob: Readable, blobName: string, dispatch: FileDispatcher): Promise<LayerIndex> {
  const extract = tar.extract();
  const decoder = new LayerDecoder(extract, blobName);
  const index: Omit<LayerIndex, 'diffId' | 'blobDigest' | 'blobBytes' | 'tarBytes' | 'compression'> = {
    entries: new LayerEntries(),
    whiteouts: [],
    opaqueDirs: [],
    fileBytes: 0,
  };

  extract.on('entry', (header, source, next) => {
    const stream = source as unknown as Readable; // streamx streams speak the Node stream events used here
    // When the walk gives up on this entry (or the tar breaks), the entry stream is destroyed too;
    // the layer-level error says why, so its own copy is not news.
    stream.on('error', ignore);
    const problem = unextractable(header);
    if (problem)
      return next(
        new LayerFormatError(`${blobName}: entry ${JSON.stringify(printable(header.name))} ${problem}, so the layer is malformed or hostile`),
      );
    const path = normalizeTarPath(header.name);
    const name = baseName(path);
    if (name === OPAQUE_MARKER) index.opaqueDirs.push(parentDir(path));
    else if (name.startsWith(WHITEOUT_PREFIX)) index.whiteouts.push(joinPath(parentDir(path), name.slice(WHITEOUT_PREFIX.length)));
    else record(index, header, path);

    if (header.type === 'directory') {
      // tar-stream hands directories a placeholder stream that never ends when a (hostile) header
      // gives them a size, and it does not read such bytes anyway: move on without waiting for it.
      return next();
    }
    const size = header.type === 'file' || header.type === 'contiguous-file' ? (header.size ?? 0) : 0;
    const visitors = size > 0 && !name.startsWith(WHITEOUT_PREFIX) ? dispatch({ path, size, mode: header.mode ?? 0 }) : [];
    streamToVisitors(stream, visitors, next);
  });

  let digests: DecodedDigests;
  try {
    await pipeline(blob, decoder);
    digests = await decoder.digests();
  } catch (error) {
    throw wrapLayerError(error, blobName);
  }
  index.entries.seal();
  index.fileBytes = index.entries.fileBytes();
  return { ...index, ...digests };
}

function record(index: Pick<LayerIndex, 'entries'>, header: tar.Header, path: string): void {
  const type = entryType(header.type);
  // A tar may list the same path twice; `seal` keeps the later entry, the one extracted.
  index.entries.add(
    path,
    type,
    type === 'file' ? (header.size ?? 0) : 0,
    header.mode ?? 0,
    header.uid ?? 0,
    header.gid ?? 0,
    header.linkname || undefined,
  );
}

function streamToVisitors(stream: Readable, visitors: FileVisitor[], next: Next): void {
  let active = visitors.slice();
  let failed = false;
  let waiting: Promise<void> | undefined;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    next(asError(error));
    stream.destroy();
  };
  if (active.length > 0) {
    stream.on('data', (data: Buffer) => {
      if (failed) return;
      try {
        const answers = active.map((visitor) => visitor.chunk(data));
        if (!answers.some((answer) => answer instanceof Promise)) {
          active = active.filter((_, i) => answers[i] === true);
          return;
        }
        stream.pause();
        const settled = Promise.all(answers.map((answer) => Promise.resolve(answer))).then((wants) => {
          active = active.filter((_, i) => wants[i]);
          if (waiting === settled) waiting = undefined;
          if (!failed) stream.resume();
        }, fail);
        waiting = settled;
      } catch (error) {
        fail(error);
      }
    });
  }
  const finish = (): void => {
    if (failed) return;
    try {
      for (const visitor of visitors) visitor.end();
    } catch (error) {
      return fail(error);
    }
    next();
  };
  // A visitor still busy with the last chunk (an archive being read) holds the walk: the stream's
  // end may come while it is paused, and the next entry must wait, or memory would not stay bounded.
  stream.on('end', () => (waiting ? void waiting.then(finish) : finish()));
  stream.on('error', (error: Error) => fail(error));
  if (active.length === 0) stream.resume();
}

function entryType(type: tar.Header['type']): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/**
 * Why no container engine could extract this entry, or undefined. Linux cannot create a path longer
 * than PATH_MAX (refusing it also keeps a flood of multi-MB PAX names out of the file index), and
 * engines refuse names or hard links that climb above the root as a breakout attempt.
 */
function unextractable(header: tar.Header): string | undefined {
  const longest = Math.max(header.name.length, header.linkname?.length ?? 0);
  if (longest > PATH_MAX) {
    return `has a ${header.name.length > PATH_MAX ? 'name' : 'link target'} of ${longest} characters, beyond the ${PATH_MAX} a Linux path may have; no engine can extract it`;
  }
  const hardLink = header.type === 'link' ? `(hard link to ${JSON.stringify(printable(header.linkname ?? ''))}) ` : '';
  if (escapesRoot(header.name) || (hardLink && header.linkname && escapesRoot(header.linkname))) {
    return `${hardLink}points outside the image root; container engines refuse such a layer as a breakout attempt`;
  }
  return undefined;
}

function ignore(): void {}

/** Entry names are attacker-chosen: keep a message readable and short whatever they hold. */
function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function wrapLayerError(error: unknown, blobName: string): Error {
  if (error instanceof ImagegateError) return error;
  return unreadableTar(blobName, error);
}
