// Turns a tar entry name into an absolute, normalised path inside the image — never above "/".
import { posix } from 'node:path';

/**
 * Layer tars name entries "./etc/passwd", "etc/passwd" or "etc/"; hostile ones use "../../x" or "/abs".
 * Everything is resolved lexically against the image root, so no name can point outside it and
 * nothing is ever resolved against the host filesystem.
 */
export function normalizeTarPath(name: string): string {
  // Trailing slashes ("etc/") go before normalising rather than after: a result sliced out of a
  // longer string keeps that string alive too, once per directory of every layer in the index.
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 0x2f) end--;
  // normalize() clamps ".." at the root once the path is absolute.
  const resolved = posix.normalize('/' + (end === name.length ? name : name.slice(0, end)));
  // It keeps a trailing slash when the name ends in one ("a/b/." does not): "etc/" and "etc" are one key.
  return resolved.length > 1 && resolved.endsWith('/') ? resolved.slice(0, -1) : resolved;
}

/**
 * True for a name that, taken relative to the root the way container runtimes extract layers,
 * lands above it ("../x", "a/../../x"). Engines refuse such layers as a breakout attempt, so the
 * gate does too rather than silently clamping them. Absolute names are fine: runtimes strip the "/".
 */
export function escapesRoot(name: string): boolean {
  const relative = posix.normalize(name.replace(/^\/+/, '') || '.');
  return relative === '..' || relative.startsWith('../');
}

export function parentDir(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '/' : dir;
}

export function baseName(path: string): string {
  return posix.basename(path);
}
