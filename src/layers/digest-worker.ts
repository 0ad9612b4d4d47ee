// Worker-thread side of src/layers/digest-thread.ts: SHA-256 of the slices each batch names,
// answering with the digest of every stream that ended in the batch.
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { DigestBatch, DigestResults } from './digest-thread.js';

const port = parentPort;
if (!port) throw new Error('digest-worker.js runs only as a worker thread');

const open = new Map<number, Hash>();

port.on('message', (batch: DigestBatch) => {
  const bytes = Buffer.from(batch.buffer);
  const results: DigestResults = { buffer: batch.buffer, digests: [] };
  try {
    for (const op of batch.ops) {
      let hash = open.get(op.id);
      if (!hash) open.set(op.id, (hash = createHash('sha256')));
      if (op.kind === 'data') hash.update(bytes.subarray(op.start, op.end));
      else {
        results.digests.push({ id: op.id, hex: hash.digest('hex') });
        open.delete(op.id);
      }
    }
  } catch (error) {
    results.error = error instanceof Error ? error.message : String(error);
  }
  // The buffer goes back for reuse (a fresh megabyte per batch would cost page faults).
  port.postMessage(results, [batch.buffer]);
});
