// The walking thread's side of a worker thread fed in batches (the secret scan pool's lanes, the
// hashing thread): bytes are copied into one buffer that is transferred, not cloned, when full,
// with ops that address slices of it; the worker hands the buffer back for reuse and answers per
// id. With too many batches in flight `write` returns a promise, so memory stays bounded
// (maxInFlight × batchBytes) whatever the size of what streams through.
import type { Worker } from 'node:worker_threads';

/** What every worker answers a batch with: the buffer back, and an error when its work threw. */
export interface BatchResults {
  buffer: ArrayBuffer;
  error?: string;
}

export interface BatchedWorkerOptions<Op, Results extends BatchResults, Answer> {
  batchBytes: number;
  maxInFlight: number;
  /** Named in the errors: "the hashing thread failed: …". */
  name: string;
  /** The message for one batch: its buffer and ops, plus whatever else the protocol carries. */
  message(buffer: ArrayBuffer, ops: Op[]): { buffer: ArrayBuffer };
  /** The answers in one results message, as [id, answer]. */
  answers(results: Results): Iterable<readonly [number, Answer]>;
  /** Called once when the worker fails (its error, its unexpected exit, or an error it reports). */
  onFail?(): void;
}

interface Waiting<Answer> {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

export class BatchedWorker<Op, Results extends BatchResults, Answer> {
  private buffer: Buffer;
  /** Buffers the worker handed back, reused so a long stream allocates no new batch memory. */
  private readonly spare: Buffer[] = [];
  private used = 0;
  private ops: Op[] = [];
  private inFlight = 0;
  private readonly roomWaiters: (() => void)[] = [];
  private readonly waiting = new Map<number, Waiting<Answer>>();
  private failure?: Error;
  private closing = false;

  constructor(
    private readonly worker: Worker,
    private readonly options: BatchedWorkerOptions<Op, Results, Answer>,
  ) {
    this.buffer = Buffer.allocUnsafe(options.batchBytes);
    worker.on('message', (results: Results) => this.receive(results));
    worker.on('error', (error) => this.fail(new Error(`${options.name} failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`${options.name} exited unexpectedly (code ${code})`));
    });
    // ref'd only while work is outstanding, so an idle thread never holds the process open; after
    // the listeners, because adding a 'message' listener refs the worker again
    worker.unref();
  }

  /** An op that carries no bytes (opening or ending a stream). */
  push(op: Op): void {
    this.ops.push(op);
  }

  /** Copies `chunk` into batches; `slice` adds (or extends) the op that addresses each piece. */
  write(chunk: Buffer, slice: (ops: Op[], start: number, end: number) => void): true | Promise<true> {
    if (this.failure) throw this.failure;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.options.batchBytes) this.post();
      const n = Math.min(chunk.length - offset, this.options.batchBytes - this.used);
      chunk.copy(this.buffer, this.used, offset, offset + n);
      slice(this.ops, this.used, this.used + n);
      this.used += n;
      offset += n;
    }
    if (this.inFlight < this.options.maxInFlight) return true;
    return new Promise<true>((resolve) => this.roomWaiters.push(() => resolve(true)));
  }

  /** The worker's answer for `id`, asked for by an op already pushed (it comes once that op's batch is posted). */
  answer(id: number): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
    });
  }

  /** Sends what is batched so far. */
  post(): void {
    if (this.ops.length === 0 || this.failure) return;
    const message = this.options.message(this.buffer.buffer as ArrayBuffer, this.ops);
    // Buffers this large own their ArrayBuffer (only small ones share Node's pool), so transferring is safe.
    this.worker.postMessage(message, [message.buffer]);
    this.inFlight++;
    this.worker.ref();
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(this.options.batchBytes);
    this.used = 0;
    this.ops = [];
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private receive(results: Results): void {
    this.inFlight--;
    if (this.spare.length < this.options.maxInFlight) this.spare.push(Buffer.from(results.buffer));
    if (results.error !== undefined) return this.fail(new Error(`${this.options.name} failed: ${results.error}`));
    for (const [id, answer] of this.options.answers(results)) {
      this.waiting.get(id)?.resolve(answer);
      this.waiting.delete(id);
    }
    if (this.inFlight === 0 && this.waiting.size === 0) this.worker.unref();
    while (this.inFlight < this.options.maxInFlight && this.roomWaiters.length > 0) this.roomWaiters.shift()!();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    // Writers waiting for room wake up and hit the failure on their next write or answer.
    for (const wake of this.roomWaiters.splice(0)) wake();
    this.worker.unref();
    this.options.onFail?.();
  }
}
