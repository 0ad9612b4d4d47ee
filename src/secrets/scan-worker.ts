// Worker-thread side of the scan pool: runs file scanners on batches of file bytes posted by the
// walking thread and answers with the matches of every file that ended in the batch.
import { parentPort } from 'node:worker_threads';
import { createFileScanner, finishScan, type FileScanner } from './file-scanner.js';
import type { ScanBatch, ScanResults } from './scan-protocol.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs only as a worker thread');

const open = new Map<number, FileScanner | undefined>();

port.on('message', (batch: ScanBatch) => {
  const bytes = Buffer.from(batch.buffer);
  const results: ScanResults = { batch: batch.seq, files: [], buffer: batch.buffer };
  try {
    for (const op of batch.ops) {
      if (op.kind === 'open') open.set(op.file, createFileScanner(op.path, op.size, { digests: op.digests }));
      else if (op.kind === 'data') open.get(op.file)?.write(bytes.subarray(op.start, op.end));
      else {
        const scanner = open.get(op.file);
        // Digests are computed here, on the scanning thread, from the bytes it already holds.
        results.files.push({ file: op.file, ...(scanner ? finishScan(scanner) : { matches: [] }) });
        open.delete(op.file);
      }
    }
    // The batch buffer goes back to the walking thread (and is detached here): what the files still
    // open hold of it must be copied first, or their next write would read freed memory.
    for (const scanner of open.values()) scanner?.keepHeld();
  } catch (error) {
    results.error = error instanceof Error ? error.message : String(error);
  }
  // The buffer goes back for reuse: allocating a fresh megabyte per batch costs the walking thread
  // page faults on every batch.
  port.postMessage(results, [batch.buffer]);
});
