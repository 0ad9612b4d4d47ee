// Messages between the scan pool and its worker threads. File bytes travel in one transferred
// buffer per batch (no copy on the way over); ops address slices of it.
import type { ContentDigests } from '../packages/package-content.js';
import type { SecretMatch } from './types.js';

export type ScanOp =
  | { kind: 'open'; file: number; path: string; size: number; digests: boolean }
  | { kind: 'data'; file: number; start: number; end: number }
  | { kind: 'end'; file: number };

export interface ScanBatch {
  seq: number;
  buffer: ArrayBuffer;
  ops: ScanOp[];
}

/** What scanning one file found; `digests` only for a file with matches (when asked for). */
export interface ScannedFile {
  matches: SecretMatch[];
  digests?: ContentDigests;
}

export interface ScanResults {
  batch: number;
  files: ({ file: number } & ScannedFile)[];
  /** The batch's buffer, handed back for the next batch. */
  buffer: ArrayBuffer;
  /** A scanner threw: the pool fails every file of the batch rather than pass it unscanned. */
  error?: string;
}
