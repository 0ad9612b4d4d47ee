// Small path helpers shared by the hardening rules: allow-list globs and short path lists for messages.
import { matchGlob } from '../../config/glob.js';

/** True when any of the allow-list globs matches the path. */
export function allowed(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matchGlob(glob, path));
}

/** "a, b, c and 4 more": enough for a reader to find them, bounded for a report. */
export function listPaths(paths: readonly string[], max = 8): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
