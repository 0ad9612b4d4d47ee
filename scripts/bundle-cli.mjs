#!/usr/bin/env node
// Bundles the CLI (src/cli/bin.ts and everything it imports) into dist/cli/bin.js, after tsc.
//
// Why: Node 20 loads an ES module graph file by file, and imagegate's has hundreds of files (its
// own and zod's most of them). Loading them was a large share of a check with a warm layer cache,
// and one bundled file loads much faster (docs/benchmarks.md, "Start-up" and "Measurements behind
// code choices"). Only the CLI is
// bundled: the library (dist/index.js), the scan worker (dist/secrets/scan-worker.js) and the
// type declarations stay tsc's output, and files that the code finds from its own location
// (package.json, policies/, the scan worker) are found from the package root, so they resolve
// the same from the bundle as from the separate modules.
//
// Why from src/ and through a private temporary file: two builds can run at once (the first `npx
// imagegate` in a checkout runs `prepare` while a test setup builds). Bundling tsc's
// dist/cli/bin.js in place let one build bundle the other's finished bundle a second time, which
// left a CLI that failed to parse. Reading only src/ and renaming a file no other build writes
// means whichever build finishes last leaves a whole bundle; tsc's own output of the same path
// never follows a bundle, because every build bundles after its tsc.
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const source = fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url));
const entry = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const bundled = `${entry}.${process.pid}.tmp`;

try {
  await build({
    entryPoints: [source],
    outfile: bundled,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ssh2 stays a runtime require: src/sources/lazy-ssh2.ts hands docker-modem a stand-in for it
    // through require's cache, and its optional native helper cannot be bundled anyway.
    external: ['ssh2', 'cpu-features'],
    // Bundled CommonJS dependencies (docker-modem, tar-stream, …) call require(); in an ES module
    // that is not defined, so the bundle makes one, resolving from where the file lies.
    banner: { js: "import { createRequire as __imagegateRequire } from 'node:module';\nconst require = __imagegateRequire(import.meta.url);" },
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
