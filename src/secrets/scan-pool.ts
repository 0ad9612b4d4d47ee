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
import { BatchedWorker } from '../core/batched-worker.js';
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

/** One worker and the files pinned to it. */
class Lane {
  private readonly batches: BatchedWorker<ScanOp, ScanResults, ScannedFile>;

  constructor(script: URL) {
    let seq = 0;
    this.batches = new BatchedWorker(prestarted.shift() ?? newScanWorker(script), {
      batchBytes: BATCH_BYTES,
      maxInFlight: MAX_IN_FLIGHT,
      name: 'secret scanner thread',
      message: (buffer, ops): ScanBatch => ({ seq: seq++, buffer, ops }),
      answers: (results) => results.files.map(({ file, ...scanned }) => [file, scanned] as const),
    });
  }

  open(file: number, path: string, size: number, digests: boolean): void {
    this.batches.push({ kind: 'open', file, path, size, digests });
  }

  data(file: number, chunk: Buffer): true | Promise<true> {
    return this.batches.write(chunk, (ops, start, end) => ops.push({ kind: 'data', file, start, end }));
  }

  end(file: number): Promise<ScannedFile> {
    this.batches.push({ kind: 'end', file });
    return this.batches.answer(file);
  }

  post(): void {
    this.batches.post();
  }

  close(): Promise<void> {
    return this.batches.close();
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
