// The tool's version, read once from package.json so it is never typed twice, and the package root.
import { readFileSync } from 'node:fs';

/**
 * The directory holding imagegate's package.json, searched upwards from this module: the same
 * answer from src/ (tests), from dist/ (the library) and from the bundled CLI (dist/cli/main.bundle.cjs,
 * where this module's code lives in another directory).
 */
function findPackageRoot(from: URL): { root: URL; version: string } {
  let dir = new URL('./', from);
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'imagegate' && typeof manifest.version === 'string') return { root: dir, version: manifest.version };
    } catch {
      // no package.json here (or not readable): keep going up
    }
    const parent = new URL('../', dir);
    if (parent.href === dir.href) throw new Error(`imagegate cannot find its own package.json above ${from.href}; reinstall it`);
    dir = parent;
  }
}

const found = findPackageRoot(new URL(import.meta.url));

export const TOOL_VERSION: string = found.version;

/** Files shipped with the package (default policy, budgets, rule docs, the scan worker) resolve from its root. */
export const PACKAGE_ROOT: URL = found.root;
