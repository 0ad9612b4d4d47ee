// Messages between the scan pool and its worker threads. File bytes travel in one transferred
// buffer per batch (no copy on the way over); ops address slices of it.
import type { SecretMatch } from './types.js';

export type ScanOp =
  | { kind: 'open'; file: number; path: string; size: number }
  | { kind: 'data'; file: number; start: number; end: number }
  | { kind: 'end'; file: number };

export interface ScanBatch {
  seq: number;
  buffer: ArrayBuffer;
  ops: ScanOp[];
}

export interface ScanResults {
  batch: number;
  files: { file: number; matches: SecretMatch[] }[];
  /** The batch's buffer, handed back for the next batch. */
  buffer: ArrayBuffer;
  /** A scanner threw: the pool fails every file of the batch rather than pass it unscanned. */
  error?: string;
}
