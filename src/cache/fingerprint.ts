// Which cached layer records may be reused: only those made by exactly this code with the same
// rules switched on and configured the same way. Anything else could hide a finding.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Policy } from '../config/policy.js';
import { RECORD_FORMAT } from './layer-record.js';
import { PACKAGE_ROOT } from '../version.js';
import { compareText } from '../core/compare-text.js';

let codeHash: string | undefined;

/**
 * Where the build leaves the hash of dist/ (scripts/bundle-cli.mjs, after the bundle): hashing
 * some 400 files took about 40 ms of every check's start, a large share of a warm one.
 */
export const CODE_HASH_FILE = 'code-hash.txt';

/**
 * A hash of imagegate's own code (dist/ when installed, src/ under the test runner). A version
 * number would not do: a new secret format between two releases must invalidate old results.
 */
function hashOfCode(): string {
  if (codeHash) return codeHash;
  if (import.meta.url.endsWith('.ts')) return (codeHash = hashCodeTree(fileURLToPath(new URL('src/', PACKAGE_ROOT))));
  // From the package root, not from this module, whose code lives in dist/cli/ in the bundled CLI.
  const dist = fileURLToPath(new URL('dist/', PACKAGE_ROOT));
  const stored = storedCodeHash(dist);
  return (codeHash = stored ?? hashCodeTree(dist));
}

/**
 * The build's hash, unless the code was written after it: `tsc` alone (without the bundling step
 * that stores the hash) rewrites dist/index.js, and a bundle alone dist/cli/main.bundle.cjs. A stale hash
 * would let records made by other code stand in, so then the files are hashed again.
 */
function storedCodeHash(dist: string): string | undefined {
  try {
    const file = join(dist, CODE_HASH_FILE);
    const written = statSync(file).mtimeMs;
    for (const code of ['index.js', join('cli', 'main.bundle.cjs')]) if (statSync(join(dist, code)).mtimeMs > written) return undefined;
    const stored = readFileSync(file, 'utf8').trim();
    return /^[a-f0-9]{64}$/.test(stored) ? stored : undefined;
  } catch {
    return undefined; // not built by scripts/bundle-cli.mjs (or not readable): hash the files now
  }
}

/** SHA-256 over the names and contents of the code under `root` (.js, .cjs, .ts, .json; not .d.ts), in name order. */
export function hashCodeTree(root: string): string {
  const hash = createHash('sha256');
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(c?js|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(entry.name).update(readFileSync(path));
    }
  };
  visit(root);
  return hash.digest('hex');
}

/** Enabled rules and their options (severities do not change what a layer yields). */
export function cacheFingerprint(policy: Policy): string {
  const rules = Object.entries(policy.rules)
    .filter(([, setting]) => setting.enabled)
    .map(([id, setting]): [string, unknown] => [id, setting.options ?? null])
    .sort(([a], [b]) => compareText(a, b));
  return createHash('sha256')
    .update(JSON.stringify({ format: RECORD_FORMAT, code: hashOfCode(), rules }))
    .digest('hex')
    .slice(0, 24);
}
