// SHA-256 of layer bytes on a helper thread, so the thread that reads and parses the image does not
// spend its time hashing.
//
// Why: a cold check of an engine export waits for the engine to stage the whole export, then reads
// it as fast as it can while the engine only copies the staged files out (docs/benchmarks.md,
// "Cold and warm checks"). During that stream the walking thread is the bottleneck and the second
// core is mostly idle; SHA-256 is the largest single cost on the walking thread, it must see every
// byte (it verifies the diffIDs), and it parallelises without changing any result.
//
// How: bytes are copied into a batch buffer that is transferred (not cloned) to the thread
// when full, and handed back for reuse, as the scan pool does (src/secrets/scan-pool.ts). A digest
// is asked for with `end`, which sends the batch at once. With too many batches in flight `update`
// returns a promise, so memory stays bounded whatever the image size.
import { createHash, type Hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../version.js';

const BATCH_BYTES = 256 << 10;
const MAX_IN_FLIGHT = 8;

/** One stream's SHA-256. `update` may ask the caller to wait; `digest` resolves with the hex digest. */
export interface StreamDigest {
  update(chunk: Buffer): true | Promise<true>;
  digest(): Promise<string>;
}

export type DigestOp = { kind: 'data'; id: number; start: number; end: number } | { kind: 'end'; id: number };
export interface DigestBatch {
  buffer: ArrayBuffer;
  ops: DigestOp[];
}
export interface DigestResults {
  buffer: ArrayBuffer;
  digests: { id: number; hex: string }[];
  error?: string;
}

/**
 * Whether hashing goes to the helper thread: only when `IMAGEGATE_DIGEST_THREAD=1` asks for it,
 * only with a second core (on one core the thread would only add copying), and only from compiled
 * code (the worker script is not built under vitest). Opt-in because on the 2-core machines
 * measured it bought no wall time (the engine, V8's own threads and the hashing then share the
 * second core) and cost about 10 MB of peak memory (docs/benchmarks.md, "Cold on Engine 26.1").
 */
function useThread(): boolean {
  if (process.env.IMAGEGATE_DIGEST_THREAD !== '1') return false;
  if (import.meta.url.endsWith('.ts')) return false;
  return availableParallelism() >= 2;
}

export function createStreamDigest(): StreamDigest {
  if (!useThread()) return new InlineDigest();
  return startDigestThread()!.stream();
}

/**
 * Starts the hashing thread now rather than at the first layer. The CLI does this first thing:
 * making a thread's isolate resets V8's young-generation growth factor, a process-wide flag the CLI
 * lowers once start-up is over (src/cli/heap-tuning.ts); a thread made later let the walking
 * thread's young generation double once more (about 16 MB more peak memory, docs/benchmarks.md).
 */
export function startDigestThread(): DigestThread | undefined {
  if (!useThread()) return undefined;
  thread ??= new DigestThread(new URL('dist/layers/digest-worker.js', PACKAGE_ROOT));
  return thread;
}

class InlineDigest implements StreamDigest {
  private readonly hash: Hash = createHash('sha256');
  update(chunk: Buffer): true {
    this.hash.update(chunk);
    return true;
  }
  digest(): Promise<string> {
    return Promise.resolve(this.hash.digest('hex'));
  }
}

/** One thread for the whole process: it is idle (and unreferenced) between layers. */
let thread: DigestThread | undefined;

interface Waiting {
  resolve(hex: string): void;
  reject(error: Error): void;
}

export class DigestThread {
  private readonly worker: Worker;
  private buffer: Buffer = Buffer.allocUnsafe(BATCH_BYTES);
  private readonly spare: Buffer[] = [];
  private used = 0;
  private ops: DigestOp[] = [];
  private inFlight = 0;
  private nextId = 0;
  private readonly roomWaiters: (() => void)[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private failure?: Error;
  /** Settles once the thread runs (its isolate exists), or failed to start. */
  readonly started: Promise<void>;

  constructor(script: URL) {
    // It holds a few batches and one hash state per open stream.
    this.worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 } });
    this.started = new Promise((resolve) => {
      this.worker.once('online', resolve);
      this.worker.once('error', () => resolve());
    });
    this.worker.on('message', (results: DigestResults) => this.receive(results));
    this.worker.on('error', (error) => this.fail(new Error(`the hashing thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the hashing thread exited unexpectedly (code ${code})`)));
    // ref'd only while work is outstanding, so an idle thread never holds the process open; after
    // the listeners, because adding a 'message' listener refs the worker again
    this.worker.unref();
  }

  stream(): StreamDigest {
    const id = this.nextId++;
    let ended = false;
    return {
      update: (chunk) => {
        if (ended) throw new Error('digest updated after it was read');
        return this.data(id, chunk);
      },
      digest: () => {
        ended = true;
        return this.end(id);
      },
    };
  }

  private data(id: number, chunk: Buffer): true | Promise<true> {
    if (this.failure) throw this.failure;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === BATCH_BYTES) this.post();
      const n = Math.min(chunk.length - offset, BATCH_BYTES - this.used);
      chunk.copy(this.buffer, this.used, offset, offset + n);
      const last = this.ops[this.ops.length - 1];
      // consecutive slices of one stream are one op
      if (last?.kind === 'data' && last.id === id && last.end === this.used) last.end += n;
      else this.ops.push({ kind: 'data', id, start: this.used, end: this.used + n });
      this.used += n;
      offset += n;
    }
    if (this.inFlight < MAX_IN_FLIGHT) return true;
    return new Promise<true>((resolve) => this.roomWaiters.push(() => resolve(true)));
  }

  private end(id: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    this.ops.push({ kind: 'end', id });
    const answer = new Promise<string>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.post();
    return answer;
  }

  private post(): void {
    if (this.ops.length === 0 || this.failure) return;
    const batch: DigestBatch = { buffer: this.buffer.buffer as ArrayBuffer, ops: this.ops };
    // Buffers this large own their ArrayBuffer (only small ones share Node's pool), so transferring is safe.
    this.worker.postMessage(batch, [batch.buffer]);
    this.inFlight++;
    this.worker.ref();
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
    this.used = 0;
    this.ops = [];
  }

  private receive(results: DigestResults): void {
    this.inFlight--;
    if (this.spare.length < MAX_IN_FLIGHT) this.spare.push(Buffer.from(results.buffer));
    if (results.error !== undefined) return this.fail(new Error(`the hashing thread failed: ${results.error}`));
    for (const { id, hex } of results.digests) {
      this.waiting.get(id)?.resolve(hex);
      this.waiting.delete(id);
    }
    if (this.inFlight === 0 && this.waiting.size === 0) this.worker.unref();
    while (this.inFlight < MAX_IN_FLIGHT && this.roomWaiters.length > 0) this.roomWaiters.shift()!();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    // Writers waiting for room wake up and hit the failure on their next update or digest.
    for (const wake of this.roomWaiters.splice(0)) wake();
    this.worker.unref();
    // A later check in this process starts a new thread rather than fail for this one's sake.
    if (thread === this) thread = undefined;
  }
}
