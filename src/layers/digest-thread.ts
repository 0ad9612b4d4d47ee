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
// when full, and handed back for reuse, in the batches the scan pool uses too (src/core/batched-worker.ts). A digest
// is asked for with `end`, which sends the batch at once. With too many batches in flight `update`
// returns a promise, so memory stays bounded whatever the image size.
import { createHash, type Hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BatchedWorker } from '../core/batched-worker.js';
import { PACKAGE_ROOT } from '../version.js';

const BATCH_BYTES = 256 << 10;
const MAX_IN_FLIGHT = 8;

/** One stream's SHA-256. `update` may ask the caller to wait; `digest` resolves with the hex digest. */
export interface StreamDigest {
  /** Hashes on the calling thread: `update` always answers true and keeps no reference to the chunk. */
  readonly inline: boolean;
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
  readonly inline = true;
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

export class DigestThread {
  private readonly batches: BatchedWorker<DigestOp, DigestResults, string>;
  private nextId = 0;
  /** Settles once the thread runs (its isolate exists), or failed to start. */
  readonly started: Promise<void>;

  constructor(script: URL) {
    // It holds a few batches and one hash state per open stream.
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 } });
    this.started = new Promise((resolve) => {
      worker.once('online', resolve);
      worker.once('error', () => resolve());
    });
    this.batches = new BatchedWorker(worker, {
      batchBytes: BATCH_BYTES,
      maxInFlight: MAX_IN_FLIGHT,
      name: 'the hashing thread',
      message: (buffer, ops): DigestBatch => ({ buffer, ops }),
      answers: (results) => results.digests.map(({ id, hex }) => [id, hex] as const),
      // A later check in this process starts a new thread rather than fail for this one's sake.
      onFail: () => {
        if (thread === this) thread = undefined;
      },
    });
  }

  stream(): StreamDigest {
    const id = this.nextId++;
    let ended = false;
    return {
      inline: false,
      update: (chunk) => {
        if (ended) throw new Error('digest updated after it was read');
        return this.batches.write(chunk, (ops, start, end) => {
          const last = ops[ops.length - 1];
          // consecutive slices of one stream are one op
          if (last?.kind === 'data' && last.id === id && last.end === start) last.end = end;
          else ops.push({ kind: 'data', id, start, end });
        });
      },
      digest: () => {
        ended = true;
        this.batches.push({ kind: 'end', id });
        const answer = this.batches.answer(id);
        this.batches.post();
        return answer;
      },
    };
  }
}
