// Opens one archive found in an image and hands each member's bytes to a scanner: zip family
// (spooled, see spool.ts), tar, gzip, zstd, bzip2 and xz (streamed), nested to a bounded depth. Every bound
// hit and every unreadable archive becomes a warning; only a failing scanner is an error.
import { createInflateRaw } from 'node:zlib';
import tar from 'tar-stream';
import { isInterestingPath } from '../secrets/paths.js';
import { counted, peek, through } from './byte-streams.js';
import { decompressed } from './decoders.js';
import { ArchiveLimitError, type ArchiveBudget, type ArchiveLimit } from './limits.js';
import { innerName, isArchivePath, sniffArchive, sniffArchiveAt, SNIFF_BYTES, type ArchiveKind } from './sniff.js';
import { spool, type Spool } from './spool.js';
import { dataOffset, readZipDirectory, type ZipEntry } from './zip-directory.js';

/** Receives one text member's bytes; `write` false means it needs no more. */
export interface MemberScanner {
  write(chunk: Buffer): boolean | Promise<boolean>;
  end(): void;
}

export interface ArchiveWarning {
  /** Members from the outer archive inward; empty when the outer archive itself is meant. */
  chain: string[];
  /** Set when a bound was hit. */
  limit?: ArchiveLimit;
  value?: number;
  reason: string;
}

export interface MemberSink {
  /** A scanner for a member worth scanning (decided by its name), or undefined. */
  scan(chain: string[], size: number): MemberScanner | undefined;
  warn(warning: ArchiveWarning): void;
}

/** An error of the sink (a scan thread failed): never turned into a warning. */
class SinkError extends Error {}

interface Reading {
  budget: ArchiveBudget;
  sink: MemberSink;
  /** An xz stream is being decoded somewhere up the chain. */
  xzOpen?: boolean;
}

/** Reads the archive `kind` from `source` (the file `name` in the image); resolves once every member was handed over. */
export async function readArchive(
  kind: ArchiveKind,
  source: AsyncIterable<Buffer>,
  name: string,
  budget: ArchiveBudget,
  sink: MemberSink,
): Promise<void> {
  try {
    await openArchive(kind, source, name, [], 1, { budget, sink });
  } catch (error) {
    if (error instanceof SinkError) throw error.cause;
    if (error instanceof ArchiveLimitError) {
      const chain = error.member ? error.member.split('\0') : [];
      // maxRatio is about one member; the other bounds are about the archive as a whole.
      if (error.limit === 'maxRatio')
        sink.warn({
          chain,
          limit: error.limit,
          value: error.value,
          reason: `expands beyond the maxRatio bound (${error.value}× its compressed size); reading stopped there`,
        });
      else
        sink.warn({
          chain: [],
          limit: error.limit,
          value: error.value,
          reason: `stopped reading at the ${error.limit} bound (${error.value})${chain.length > 0 ? `, at member ${chain.join('!/')}` : ''}`,
        });
      return;
    }
    sink.warn({ chain: [], reason: `could not be read: ${(error as Error).message ?? String(error)}` });
  }
}

async function openArchive(
  kind: ArchiveKind,
  source: AsyncIterable<Buffer>,
  name: string,
  chain: string[],
  depth: number,
  reading: Reading,
): Promise<void> {
  switch (kind) {
    case 'zip':
      return readZip(source, chain, depth, reading);
    case 'tar':
      return readTar(source, chain, depth, reading);
    case 'gzip':
    case 'zstd':
    case 'bzip2':
    case 'xz': {
      // xz-decompress runs one decoder at a time, process-wide: an xz inside an xz would wait forever.
      if (kind === 'xz' && reading.xzOpen) {
        reading.sink.warn({ chain, reason: 'is an xz stream inside an xz stream; not opened' });
        return;
      }
      const key = chain.join('\0');
      let compressed = 0;
      let expanded = 0;
      const input = counted(source, (bytes) => (compressed += bytes));
      const output = counted(decompressed(kind, input), (bytes) => {
        expanded += bytes;
        reading.budget.expand(bytes, key || undefined);
        reading.budget.ratio(expanded, compressed, key || undefined);
      });
      if (kind === 'xz') reading.xzOpen = true;
      try {
        const { head, stream } = await peek(output, SNIFF_BYTES);
        // A compressed tar lists its members directly; anything else is one member named after the file.
        if (sniffArchive(head) === 'tar') return await readTar(stream, chain, depth, reading);
        return await openEntry(stream, innerName(baseName(name)), chain, -1, depth, reading);
      } finally {
        if (kind === 'xz') reading.xzOpen = false;
      }
    }
  }
}

/** One member of an archive at `depth`: a nested archive, a text file to scan, or neither. */
async function openEntry(
  source: AsyncIterable<Buffer>,
  name: string,
  parent: string[],
  size: number,
  depth: number,
  reading: Reading,
  inPlace?: Spool,
): Promise<void> {
  const chain = [...parent, printable(name)];
  const key = chain.join('\0');
  reading.budget.member(key);
  const path = `/${name.replace(/^\/+/, '')}`;
  const text = isInterestingPath(path);
  if (!text && !isArchivePath(name) && size !== -1) return; // e.g. .class files: not even their first bytes
  const { head, stream } = await peek(source, SNIFF_BYTES);
  const kind = sniffArchiveAt(name, head);
  if (kind) {
    if (depth >= reading.budget.limits.maxDepth) {
      reading.sink.warn({
        chain,
        limit: 'maxDepth',
        value: reading.budget.limits.maxDepth,
        reason: `is a nested archive beyond the maxDepth bound (${reading.budget.limits.maxDepth}); not opened`,
      });
      return;
    }
    // A zip stored in a zip (a fat jar's lib jars) is read where it lies, not copied to a new spool.
    if (kind === 'zip' && inPlace) return readZipSpool(inPlace, chain, depth + 1, reading);
    return openArchive(kind, stream, name, chain, depth + 1, reading);
  }
  if (!text) return;
  let scanner: MemberScanner | undefined;
  try {
    scanner = reading.sink.scan(chain, size);
  } catch (error) {
    throw new SinkError('scan failed', { cause: error });
  }
  if (!scanner) return;
  // A failing read (a bound, a corrupt or truncated stream) is the archive's; a failing scanner is ours.
  const scanned = async (call: () => boolean | Promise<boolean> | void): Promise<boolean | void> => {
    try {
      return await call();
    } catch (error) {
      throw new SinkError('scan failed', { cause: error });
    }
  };
  const iterator = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!(await scanned(() => scanner.write(next.value)))) break;
    }
  } finally {
    await iterator.return?.();
  }
  await scanned(() => scanner.end());
}

async function readTar(source: AsyncIterable<Buffer>, chain: string[], depth: number, reading: Reading): Promise<void> {
  const extract = tar.extract();
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        if (extract.destroyed) return;
        if (!extract.write(chunk)) await roomOrClose(extract);
      }
      extract.end(undefined);
    } catch (error) {
      extract.destroy(error as Error);
    }
  })();
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const entryIterator = (entry as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      // The entry is read only through this iterator and never destroyed: a half-read entry is
      // drained, since tar-stream would lose its place in the archive otherwise.
      const kept: AsyncIterable<Buffer> = {
        [Symbol.asyncIterator]: () => ({
          next: () => entryIterator.next(),
          return: () => Promise.resolve({ done: true as const, value: undefined }),
        }),
      };
      if (header.type === 'file' || header.type === 'contiguous-file') {
        await openEntry(kept, header.name.replace(/^(?:\.\/)+/, ''), chain, header.size ?? 0, depth, reading);
      }
      while (!(await entryIterator.next()).done);
    }
  } finally {
    extract.destroy();
    await feeding;
  }
}

async function readZip(source: AsyncIterable<Buffer>, chain: string[], depth: number, reading: Reading): Promise<void> {
  const key = chain.join('\0') || undefined;
  const { limits } = reading.budget;
  const file = await spool(source, limits.maxArchiveBytes, () => new ArchiveLimitError('maxArchiveBytes', limits.maxArchiveBytes, key));
  try {
    await readZipSpool(file, chain, depth, reading);
  } finally {
    await file.close();
  }
}

async function readZipSpool(file: Spool, chain: string[], depth: number, reading: Reading): Promise<void> {
  const { entries } = await readZipDirectory(file);
  let unreadable = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) {
      unreadable++;
      continue;
    }
    const start = await dataOffset(file, entry);
    const bytes = memberBytes(file.range(start, start + entry.compressedSize), entry, [...chain, printable(entry.name)].join('\0'), reading);
    await openEntry(bytes, entry.name, chain, entry.size, depth, reading, entry.method === 0 ? file.slice(start, entry.compressedSize) : undefined);
  }
  if (unreadable > 0)
    reading.sink.warn({
      chain,
      reason: `has ${unreadable} encrypted member(s) or member(s) compressed with a method other than stored or deflate; those were not scanned`,
    });
}

/** A member's bytes, inflated only once someone reads them (most members are skipped by name). */
async function* memberBytes(raw: AsyncIterable<Buffer>, entry: ZipEntry, key: string, reading: Reading): AsyncGenerator<Buffer> {
  let expanded = 0;
  const bytes = entry.method === 8 ? through(raw, createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
  for await (const chunk of bytes) {
    expanded += chunk.length;
    reading.budget.expand(chunk.length, key);
    reading.budget.ratio(expanded, entry.compressedSize, key);
    yield chunk;
  }
}

/** Resolves when the extract wants more input, or is gone (then nothing waits on it forever). */
function roomOrClose(extract: tar.Extract): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      extract.off('drain', done);
      extract.off('close', done);
      resolve();
    };
    extract.on('drain', done);
    extract.on('close', done);
  });
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Member names are attacker-chosen: keep them one readable line whatever they hold. */
function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}
