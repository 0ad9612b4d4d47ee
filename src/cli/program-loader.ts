// Loads the CLI's program. The build bundles it into one CommonJS file (scripts/bundle-cli.mjs),
// which this compiles with V8's code cache: after the first check that ends with a verdict, the
// compiled code is stored next to the bundle, and later runs skip most of compiling it, a large
// share of a warm check (docs/benchmarks.md, "The compiled CLI kept"). Without a bundle (tsc
// alone) the program's modules are imported one by one, as the library's are.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { constants, Script } from 'node:vm';
import { setStartFlags } from './heap-tuning.js';
import type * as Program from './main.js';

export const BUNDLE_FILE = 'main.bundle.cjs';
/** How the code-cache files end; the build removes them together with the bundle they were made from. */
export const CODE_CACHE_SUFFIX = '.v8cache';

export interface LoadedProgram {
  program: typeof Program;
  /** After a check: stores the code compiled so far, unless a usable cache was loaded (best effort). */
  keepCompiledCode: () => void;
}

type BundleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string, url: string) => void;

export async function loadProgram(): Promise<LoadedProgram> {
  const bundle = fileURLToPath(new URL(BUNDLE_FILE, import.meta.url));
  let source: string;
  try {
    source = readFileSync(bundle, 'utf8');
  } catch {
    return { program: await import('./main.js'), keepCompiledCode: () => {} };
  }
  // V8 checks a cache against its own version, its flags and the source's length, but not the
  // source's content (a rebuilt bundle of the same length would run the old code) nor, in release
  // builds, the cache's own bytes (a damaged file would run damaged code). So a cache file holds the
  // hash of the bundle it was made from and the hash of the code after it; its name holds V8's
  // version-and-flags tag.
  const sourceHash = sha256(source);
  const tag = cachedDataVersionTag();
  const cacheFile = `${bundle}.${tag}${CODE_CACHE_SUFFIX}`;
  const cachedData = storedCode(cacheFile, sourceHash);
  // The bundle's first line is the wrapper's, so line numbers in --debug stack traces stay true.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __imagegateUrl) {${source}\n})`;
  const script = new Script(wrapped, {
    filename: bundle,
    // import() of a module the bundle leaves out resolves as it would in the main program
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} };
  (script.runInThisContext() as BundleFunction)(module.exports, createRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(bundle).href);
  return {
    program: module.exports as typeof Program,
    keepCompiledCode: usable ? () => {} : () => storeCode(script, cacheFile, sourceHash, tag),
  };
}

const HASH_BYTES = 32;
const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** The code stored for this bundle, if whole: [SHA-256 of the bundle][SHA-256 of the code][the code]. */
function storedCode(file: string, sourceHash: Buffer): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(file);
  } catch {
    return undefined; // none yet
  }
  const code = stored.subarray(2 * HASH_BYTES);
  const whole =
    code.length > 0 && stored.subarray(0, HASH_BYTES).equals(sourceHash) && stored.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(sha256(code));
  return whole ? code : undefined;
}

/**
 * Through a private temporary file: checks running at once each leave a whole file or none. Never
 * throws: an install the user cannot write to compiles the bundle each run, and that is all.
 */
function storeCode(script: Script, file: string, sourceHash: Buffer, tag: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    setStartFlags(); // the flags the code was compiled under; the heap tuning changed some since
    if (cachedDataVersionTag() !== tag) return;
    const code = script.createCachedData();
    writeFileSync(temp, Buffer.concat([sourceHash, sha256(code), code]));
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written, or nothing can be
    }
  }
}
