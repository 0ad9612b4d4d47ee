// Keeps V8's young generation small for the CLI: imagegate's peak memory is mostly garbage in waiting.
//
// A check allocates short-lived objects and strings at a high rate (a chunk of text per scanned
// file, a wrapper per tar chunk). By default V8 lets the young generation grow to 3 × 16 MB of
// semi-spaces and keeps those pages, which on the 1 GB bench image was about 50 MB of the peak RSS.
// Stopping its growth at the initial 1 MB semi-space keeps that garbage small; scavenges get more
// frequent, but each is cheaper (measured: same CPU within noise; peak RSS 160 -> 110 MB).
// `--max-semi-space-size` would do the same but is read only at start-up, from the command line;
// the growth factor is read each time the space would grow, so setting it here still applies.
// Imported first by bin.ts; the library leaves the heap of its host process alone.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
