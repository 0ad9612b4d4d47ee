// A bounded spool for zip files: a layer is a forward-only stream, but a zip's index (the central
// directory) is at its end, and entries written with a data descriptor do not say their size up
// front. The zip's bytes go to a temporary file (disk, not memory), read back by position.
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Spool {
  readonly size: number;
  /** A view of bytes [start, start + size): a stored zip inside this zip, read in place. */
  slice(start: number, size: number): Spool;
  read(position: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) in chunks of at most 64 KiB. */
  range(start: number, end: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

const RANGE_CHUNK = 64 * 1024;

/** Writes `source` to a temporary file; throws `tooBig()` once more than `maxBytes` arrived. */
export async function spool(source: AsyncIterable<Buffer>, maxBytes: number, tooBig: () => Error): Promise<Spool> {
  const dir = await mkdtemp(join(tmpdir(), 'imagegate-zip-'));
  let handle: FileHandle | undefined;
  try {
    handle = await open(join(dir, 'archive.zip'), 'w+');
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooBig();
      await handle.write(chunk, 0, chunk.length, size - chunk.length);
    }
    return new FileSpool(handle, dir, size);
  } catch (error) {
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

class FileSpool implements Spool {
  /** A reader that stopped early may still ask for its next chunk after the spool closed. */
  private closed = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly dir: string,
    readonly size: number,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    if (this.closed) return Buffer.alloc(0);
    const wanted = Math.max(0, Math.min(length, this.size - position));
    const buffer = Buffer.alloc(wanted);
    let done = 0;
    while (done < wanted) {
      const { bytesRead } = await this.handle.read(buffer, done, wanted - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.subarray(0, done);
  }

  async *range(start: number, end: number): AsyncGenerator<Buffer> {
    for (let at = start; at < end; at += RANGE_CHUNK) {
      if (this.closed) return;
      const chunk = await this.read(at, Math.min(RANGE_CHUNK, end - at));
      if (this.closed) return;
      if (chunk.length === 0) throw new Error('the zip is shorter than its central directory says');
      yield chunk;
    }
  }

  slice(start: number, size: number): Spool {
    return new SliceSpool(this, start, Math.max(0, Math.min(size, this.size - start)));
  }

  async close(): Promise<void> {
    this.closed = true;
    // FileHandle.close waits for reads in flight.
    await this.handle.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Part of a spool; closing it is a no-op (its parent owns the file). */
class SliceSpool implements Spool {
  constructor(
    private readonly parent: Spool,
    private readonly start: number,
    readonly size: number,
  ) {}

  read(position: number, length: number): Promise<Buffer> {
    return this.parent.read(this.start + position, Math.max(0, Math.min(length, this.size - position)));
  }

  range(start: number, end: number): AsyncGenerator<Buffer> {
    return this.parent.range(this.start + start, this.start + Math.min(end, this.size));
  }

  slice(start: number, size: number): Spool {
    return new SliceSpool(this.parent, this.start + start, Math.max(0, Math.min(size, this.size - start)));
  }

  async close(): Promise<void> {}
}
