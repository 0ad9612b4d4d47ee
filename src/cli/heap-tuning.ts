// Caps V8's young generation for the CLI: much of a check's peak memory was garbage in waiting.
//
// A check allocates short-lived objects and strings at a high rate (a chunk of text per scanned
// file, a wrapper per tar chunk, a socket buffer per read whose memory lives until the wrapper is
// collected). By default V8 lets the young generation grow to 2 × 16 MB semi-spaces and keeps those
// pages. `--max-semi-space-size` would cap it, but V8 reads that only at start-up, from the command
// line. The growth factor is read each time the space would grow, so this lets the young
// generation grow to a few MB once the program runs, then stops it growing: the same speed with a
// lower peak, where no growth at all promotes objects too early and is slower
// (docs/benchmarks.md, "Measurements behind code choices").
//
// Two steps, because a timer cannot run while the program's modules load: that is one long
// synchronous stretch (the secret catalogue and its tables are built then) in which the young
// generation used to grow straight to 8–16 MB before any check could see it. So growth is off
// from this module's first statement (it runs on import) until bin.ts has loaded the program, and
// only then allowed up to the cap, watched by a timer (`releaseYoungGeneration`).
// Imported first by bin.ts, and importing nothing of the program itself; the library leaves the
// heap of its host process alone. V8 stamps its code cache with the flags in force, so the start
// flags are also what the launcher sets again before writing one (program-loader.ts).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

const YOUNG_GENERATION_CAP = 4 * 1024 * 1024;
const NO_GROWTH = '--semi-space-growth-factor=1';
const DEFAULT_GROWTH = '--semi-space-growth-factor=2';
/**
 * After each full collection V8 lets the heap grow to a multiple of what survived before the next
 * one, and it counts ArrayBuffer memory (every socket or file read is one) in that budget. It picks
 * the multiple itself, up to 4 when collecting is cheap against the program's work, which it is
 * here: read buffers that had outlived a young-generation collection piled up waiting for a full
 * one. A fixed 2 keeps far fewer of them waiting, at the same speed (docs/benchmarks.md,
 * "Measurements behind code choices").
 */
const FULL_COLLECTION_GROWTH = '--heap-growing-percent=100';

/** The flags the program loads under: set on import, and again before V8's code cache is written. */
export function setStartFlags(): void {
  setFlagsFromString(NO_GROWTH);
  setFlagsFromString(FULL_COLLECTION_GROWTH);
}

setStartFlags();

/** check, audit and size read images: they start threads, and they run most of the program's code. */
export function readsImages(argv: readonly string[]): boolean {
  return ['check', 'audit', 'size'].some((command) => argv.slice(2).includes(command));
}

let capped = false;

/**
 * After the program has loaded: starts the threads a reading command uses, then lets the young
 * generation grow up to the cap. The threads come first because making a thread's isolate resets
 * the growth factor (a thread made later let the walking thread's young generation double once
 * more); on a busy machine one may come after the cap anyway, so the cap is set again once every
 * thread runs.
 */
export function releaseYoungGeneration(startThreads: () => Promise<unknown>): void {
  if (readsImages(process.argv)) {
    void startThreads().then(() => {
      if (capped) setFlagsFromString(NO_GROWTH);
    });
  }
  setFlagsFromString(DEFAULT_GROWTH);
  const watch = setInterval(() => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (!young || young.space_size < YOUNG_GENERATION_CAP) return;
    setFlagsFromString(NO_GROWTH);
    capped = true;
    clearInterval(watch);
  }, 20);
  watch.unref();
}
