// Minimal glob matching for image and path matchers in budgets and waivers.

const cache = new Map<string, RegExp>();

/**
 * Compiles a glob to an anchored, case-sensitive RegExp. `*` matches any run of characters including
 * `/` (so "registry.example.com/team/*" covers nested repositories and tags), `?` exactly one
 * character; everything else, including regex metacharacters, is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  // `s` lets `.` cross newlines (file paths may contain them); `u` makes `?` one code point, not half a surrogate pair.
  return new RegExp(`^${source}$`, 'su');
}

/** True when the whole of `text` matches `glob`. Compiled patterns are cached: matchers run per finding. */
export function matchGlob(glob: string, text: string): boolean {
  let regex = cache.get(glob);
  if (!regex) {
    regex = globToRegExp(glob);
    cache.set(glob, regex);
  }
  return regex.test(text);
}
