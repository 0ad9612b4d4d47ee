#!/usr/bin/env node
// Bundles the CLI's program (src/cli/main.ts and everything it imports) into dist/cli/main.bundle.cjs,
// after tsc. dist/cli/bin.js stays tsc's small launcher, which loads the bundle through V8's code
// cache (src/cli/program-loader.ts).
//
// Why a bundle: Node 20 loads an ES module graph file by file, and imagegate's has hundreds of
// files (its own and zod's most of them). Loading them was a large share of a check with a warm
// layer cache, and one bundled file loads much faster (docs/benchmarks.md, "Start-up" and
// "Measurements behind code choices"). Why CommonJS: Node 20 can keep V8's compiled code only for a
// script (vm.Script), not for an ES module. Only the program is bundled: the launcher, the library
// (dist/index.js), the scan worker (dist/secrets/scan-worker.js) and the type declarations stay
// tsc's output, and files that the code finds from its own location (package.json, policies/, the
// scan worker) are found from the package root, so they resolve the same from the bundle as from
// the separate modules.
//
// Why from src/ and through a private temporary file: two builds can run at once (the first `npx
// imagegate` in a checkout runs `prepare` while a test setup builds). Reading only src/ and
// renaming a file no other build writes means whichever build finishes last leaves a whole bundle.
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const cliDir = fileURLToPath(new URL('../dist/cli/', import.meta.url));
const { BUNDLE_FILE, CODE_CACHE_SUFFIX } = await import('../dist/cli/program-loader.js');
const entry = `${cliDir}${BUNDLE_FILE}`;
const bundled = `${entry}.${process.pid}.tmp`;

try {
  await build({
    entryPoints: [source],
    outfile: bundled,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ssh2 stays a runtime require: src/sources/lazy-ssh2.ts hands docker-modem a stand-in for it
    // through require's cache, and its optional native helper cannot be bundled anyway.
    external: ['ssh2', 'cpu-features'],
    // A script has no import.meta: the loader passes the bundle's own URL in its place.
    define: { 'import.meta.url': '__imagegateUrl' },
    legalComments: 'none',
    // Smaller source parses faster; identifiers keep their names so --debug stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  await rename(bundled, entry);
} finally {
  await rm(bundled, { force: true });
}
// Compiled code of an earlier bundle: its hash no longer matches, so it would only be rewritten.
for (const name of await readdir(cliDir)) if (name.endsWith(CODE_CACHE_SUFFIX)) await rm(`${cliDir}${name}`, { force: true });

// The layer cache's fingerprint includes a hash of dist/; computed once here rather than at the
// start of every check (src/cache/fingerprint.ts). Last, so it covers the bundle too; through a
// private temporary file for the same reason as the bundle.
const { CODE_HASH_FILE, hashCodeTree } = await import('../dist/cache/fingerprint.js');
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const hashFile = `${dist}${CODE_HASH_FILE}`;
const hashTemp = `${hashFile}.${process.pid}.tmp`;
try {
  await writeFile(hashTemp, `${hashCodeTree(dist)}\n`);
  await rename(hashTemp, hashFile);
} finally {
  await rm(hashTemp, { force: true });
}
