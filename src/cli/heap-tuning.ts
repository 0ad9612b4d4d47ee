// Caps V8's young generation for the CLI: much of a check's peak memory was garbage in waiting.
//
// A check allocates short-lived objects and strings at a high rate (a chunk of text per scanned
// file, a wrapper per tar chunk). By default V8 lets the young generation grow to 2 × 16 MB
// semi-spaces and keeps those pages. `--max-semi-space-size` would cap it, but V8 reads that only
// at start-up, from the command line. The growth factor is read each time the space would grow, so
// this lets the young generation grow to a few MB (the start-up objects need that much), then
// stops it growing: the same speed with a lower peak, where no growth at all from the start promotes
// objects too early and is slower (docs/benchmarks.md, "Measurements behind code choices").
// Imported first by bin.ts; the library leaves the heap of its host process alone.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { startDigestThread } from '../layers/digest-thread.js';
import { prestartScanThreads } from '../secrets/scan-pool.js';

// Commands that read layers start their hashing and scan threads before the cap below is set:
// making a thread resets the flag this module sets (see startDigestThread).
// On a busy machine a thread's isolate may come after the cap: the cap is then set again once
// every thread runs.
let capped = false;
if (['check', 'audit', 'size'].some((command) => process.argv.slice(2).includes(command))) {
  // as many scan threads as the default (none on 2 cores); `--scan-threads` is read later, and the
  // pool ends the ones it does not use
  void Promise.all([startDigestThread()?.started, prestartScanThreads()]).then(() => {
    if (capped) setFlagsFromString('--semi-space-growth-factor=1');
  });
}

const YOUNG_GENERATION_CAP = 4 * 1024 * 1024;

const watch = setInterval(() => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (!young || young.space_size < YOUNG_GENERATION_CAP) return;
  setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
  clearInterval(watch);
}, 20);
watch.unref();
