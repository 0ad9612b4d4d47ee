// Runs file scanning on worker threads so the thread that reads the image never waits for it.
//
// The walking thread does what must see every byte (socket, tar, digests); text scanning is the
// other big cost, and it splits cleanly by file. Each file is pinned to one worker ("lane"); its
// bytes are copied into a batch buffer that is transferred, not cloned, when full. A lane with
// too many batches in flight makes `write` return a promise, which pauses the layer walk: memory
// stays bounded (threads × MAX_IN_FLIGHT × BATCH_BYTES) whatever the image size.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BinarySniffer, createFileScanner, finishScan, type FileScannerOptions } from './file-scanner.js';
import { isInterestingPath } from './paths.js';
import type { ScanBatch, ScanOp, ScanResults, ScannedFile } from './scan-protocol.js';
import { PACKAGE_ROOT } from '../version.js';

export type { ScannedFile } from './scan-protocol.js';

const BATCH_BYTES = 1 << 20;
const MAX_IN_FLIGHT = 4;

/** One file being scanned. `write` may ask the caller to wait; `end` resolves with the file's matches (and digests). */
export interface PooledFileScanner {
  write(chunk: Buffer): boolean | Promise<boolean>;
  end(): Promise<ScannedFile>;
}

export interface ScanPool {
  /** A scanner for the file, or undefined when such a file is never worth scanning. */
  scanner(path: string, size: number, options?: FileScannerOptions): PooledFileScanner | undefined;
  /** Sends everything buffered; call before awaiting `end()` results. */
  flush(): void;
  close(): Promise<void>;
}

/**
 * Threads to use when the caller does not say: the cores left after the walking thread and one
 * for the Docker Engine, which exports the image on this same machine. Measured on 2 cores, a scan
 * thread takes much of the walking thread's work, but its memory (and the walking thread's, whose
 * objects now wait longer) takes a check of a large image past the 150 MB bound, so 2 cores scan
 * inline (docs/benchmarks.md, "Cold on Engine 26.1 overlay2").
 */
export function defaultScanThreads(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 2));
}

/** `threads` 0 scans on the calling thread (also used where the worker script is not compiled, e.g. under vitest). */
export function createScanPool(threads = defaultScanThreads()): ScanPool {
  // From the package root, not from this module: in the bundled CLI this code lives in dist/cli/.
  const workerScript = new URL('dist/secrets/scan-worker.js', PACKAGE_ROOT);
  if (threads <= 0 || import.meta.url.endsWith('.ts')) {
    endUnusedThreads();
    return new InlineScanPool();
  }
  const pool = new WorkerScanPool(threads, workerScript);
  endUnusedThreads();
  return pool;
}

/** Prestarted threads the pool did not take (`--scan-threads` below the default) end now. */
function endUnusedThreads(): void {
  for (const worker of prestarted.splice(0)) void worker.terminate();
}

/**
 * Scan threads made before the pool: the CLI starts them first thing, because making a thread's
 * isolate resets V8's young-generation growth factor that the CLI lowers after start-up
 * (src/cli/heap-tuning.ts); a thread made later let the walking thread's young generation grow
 * fourfold. A pool takes these before making its own.
 */
const prestarted: Worker[] = [];

/** Resolves once every prestarted thread runs (or failed to start). */
export function prestartScanThreads(threads = defaultScanThreads()): Promise<void> {
  if (import.meta.url.endsWith('.ts')) return Promise.resolve();
  while (prestarted.length < threads) prestarted.push(newScanWorker(new URL('dist/secrets/scan-worker.js', PACKAGE_ROOT)));
  return Promise.all(
    prestarted.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once('online', () => resolve());
          worker.once('error', () => resolve());
          worker.once('exit', () => resolve());
        }),
    ),
  ).then(() => undefined);
}

function newScanWorker(script: URL): Worker {
  // The worker needs little heap: it holds one batch and a few scanners at a time.
  const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } });
  worker.unref(); // ref'd only while work is outstanding, so an idle thread never holds the process open
  return worker;
}

/** No digests for a file without matches: nothing to tell apart from package content. */
const NOTHING: ScannedFile = { matches: [] };

class InlineScanPool implements ScanPool {
  scanner(path: string, size: number, options: FileScannerOptions = {}): PooledFileScanner | undefined {
    const scanner = createFileScanner(path, size, options);
    if (!scanner) return undefined;
    return {
      write: (chunk) => scanner.write(chunk),
      end: () => Promise.resolve(finishScan(scanner)),
    };
  }
  flush(): void {}
  async close(): Promise<void> {}
}

interface Waiting {
  resolve(file: ScannedFile): void;
  reject(error: Error): void;
}

class Lane {
  private readonly worker: Worker;
  private buffer: Buffer = Buffer.allocUnsafe(BATCH_BYTES);
  /** Buffers the worker handed back, reused so a long scan allocates no new batch memory. */
  private readonly spare: Buffer[] = [];
  private used = 0;
  private ops: ScanOp[] = [];
  private seq = 0;
  private inFlight = 0;
  private readonly roomWaiters: (() => void)[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private failure?: Error;
  private closing = false;

  constructor(script: URL) {
    this.worker = prestarted.shift() ?? newScanWorker(script);
    this.worker.on('message', (results: ScanResults) => this.receive(results));
    this.worker.on('error', (error) => this.fail(new Error(`secret scanner thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`secret scanner thread exited unexpectedly (code ${code})`));
    });
    // adding a 'message' listener refs the worker again
    this.worker.unref();
  }

  open(file: number, path: string, size: number, digests: boolean): void {
    this.ops.push({ kind: 'open', file, path, size, digests });
  }

  data(file: number, chunk: Buffer): boolean | Promise<boolean> {
    if (this.failure) throw this.failure;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === BATCH_BYTES) this.post();
      const n = Math.min(chunk.length - offset, BATCH_BYTES - this.used);
      chunk.copy(this.buffer, this.used, offset, offset + n);
      this.ops.push({ kind: 'data', file, start: this.used, end: this.used + n });
      this.used += n;
      offset += n;
    }
    if (this.inFlight < MAX_IN_FLIGHT) return true;
    return new Promise<boolean>((resolve) => this.roomWaiters.push(() => resolve(true)));
  }

  end(file: number): Promise<ScannedFile> {
    if (this.failure) return Promise.reject(this.failure);
    this.ops.push({ kind: 'end', file });
    return new Promise<ScannedFile>((resolve, reject) => {
      this.waiting.set(file, { resolve, reject });
      this.worker.ref();
    });
  }

  post(): void {
    if (this.ops.length === 0 || this.failure) return;
    const batch: ScanBatch = { seq: this.seq++, buffer: this.buffer.buffer as ArrayBuffer, ops: this.ops };
    // Buffers this large own their ArrayBuffer (only small ones share Node's pool), so transferring is safe.
    this.worker.postMessage(batch, [batch.buffer]);
    this.inFlight++;
    this.worker.ref();
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
    this.used = 0;
    this.ops = [];
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private receive(results: ScanResults): void {
    this.inFlight--;
    if (this.spare.length < MAX_IN_FLIGHT) this.spare.push(Buffer.from(results.buffer));
    if (results.error !== undefined) return this.fail(new Error(`secret scanner thread failed: ${results.error}`));
    for (const { file, ...scanned } of results.files) {
      this.waiting.get(file)?.resolve(scanned);
      this.waiting.delete(file);
    }
    this.settleRef();
    while (this.inFlight < MAX_IN_FLIGHT && this.roomWaiters.length > 0) this.roomWaiters.shift()!();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    // Writers waiting for room wake up and hit the failure on their next write or end.
    for (const wake of this.roomWaiters.splice(0)) wake();
    this.worker.unref();
  }

  private settleRef(): void {
    if (this.inFlight === 0 && this.waiting.size === 0) this.worker.unref();
  }
}

class WorkerScanPool implements ScanPool {
  private readonly lanes: Lane[];
  private nextFile = 0;

  constructor(threads: number, script: URL) {
    this.lanes = Array.from({ length: threads }, () => new Lane(script));
  }

  scanner(path: string, size: number, options: FileScannerOptions = {}): PooledFileScanner | undefined {
    if (size <= 0 || !isInterestingPath(path)) return undefined;
    const file = this.nextFile++;
    const lane = this.lanes[file % this.lanes.length]!;
    // Binary files are recognised here, so their bytes never cross to a worker at all.
    const sniffer = new BinarySniffer();
    let opened = false;
    return {
      write: (chunk) => {
        const text = sniffer.accept(chunk);
        if (!text && !opened) return false;
        if (!opened) {
          opened = true;
          lane.open(file, path, size, options.digests ?? true);
        }
        const answer = lane.data(file, chunk);
        // A NUL found after the first chunk went over is forwarded too, so the worker's own sniffer
        // reaches the same verdict and drops the file.
        return text ? answer : false;
      },
      end: () => (opened ? lane.end(file) : Promise.resolve(NOTHING)),
    };
  }

  flush(): void {
    for (const lane of this.lanes) lane.post();
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}
