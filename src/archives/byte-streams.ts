// Small async-iterable plumbing for archive reading: a channel the layer walk pushes into (with
// backpressure), a peek at a stream's first bytes, and running a stream through a Node transform.
import { Readable, type Transform } from 'node:stream';

/** Buffered bytes above which `push` asks the walk to wait. */
const HIGH_WATER = 1 << 20;

/** Bytes pushed by the layer walk, read by the archive reader; `push` is false once the reader stopped. */
export class ByteChannel implements AsyncIterable<Buffer> {
  private queue: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private closed = false;
  private wake: (() => void) | undefined;
  private roomWaiters: ((open: boolean) => void)[] = [];

  push(chunk: Buffer): boolean | Promise<boolean> {
    if (this.closed) return false;
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.signal();
    if (this.queued < HIGH_WATER) return true;
    return new Promise<boolean>((resolve) => this.roomWaiters.push(resolve));
  }

  end(): void {
    this.ended = true;
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const chunk = this.queue.shift();
        if (chunk) {
          this.queued -= chunk.length;
          if (this.queued < HIGH_WATER) this.release(true);
          yield chunk;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      // The reader stopped (done, a bound, a broken archive): drop what is queued, let the walk go on.
      this.closed = true;
      this.queue = [];
      this.queued = 0;
      this.release(false);
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private release(open: boolean): void {
    for (const resolve of this.roomWaiters.splice(0)) resolve(open);
  }
}

/** The first `bytes` of a stream (fewer if it is shorter), and the whole stream again. */
export async function peek(source: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = taken.length === 1 ? taken[0]! : Buffer.concat(taken);
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head: head.subarray(0, bytes), stream: replay() };
}

/** Runs `source` through `transform`; errors on either side end the iteration, and stopping early destroys both. */
export function through(source: AsyncIterable<Buffer>, transform: Transform): AsyncIterable<Buffer> {
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (error) => transform.destroy(error));
  // The reader sees errors through iteration; once it stopped (a bound, enough bytes), an error of
  // the abandoned stream must not surface as an uncaught exception.
  transform.on('error', ignore);
  transform.on('close', () => input.destroy());
  input.pipe(transform);
  return transform;
}

/** Re-chunks a stream into pieces of at most `size` bytes (keeps a decoder's output per call small). */
export async function* slices(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += size) yield chunk.subarray(offset, offset + size);
  }
}

/** Counts bytes as they pass. */
export async function* counted(source: AsyncIterable<Buffer>, add: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    add(chunk.length);
    yield chunk;
  }
}

function ignore(): void {}
