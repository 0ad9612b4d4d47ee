// The pieces of Docker's reference grammar (distribution/reference) needed to validate user input.

/** Path components: lower-case alphanumerics joined by ".", "_", "__" or runs of "-". */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
/** A host name (or bracketed IPv6 address) with an optional port. */
const DOMAIN = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);

const TAG = /^\w[\w.-]{0,127}$/;

/** Digest algorithms Docker produces, with their hex lengths; anything else is a typo or truncation. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Docker's limit on `registry/repository`. */
export const MAX_NAME_LENGTH = 255;

/** Full image IDs as `docker images --no-trunc` prints them. */
export const FULL_ID = /^sha256:[a-f0-9]{64}$/;
/** Truncated IDs as `docker images` prints them (12 characters) up to the full 64. */
export const SHORT_ID = /^[a-f0-9]{12,64}$/;

/**
 * Docker's rule for telling a registry from a Docker Hub namespace: the first component names a
 * registry only if it looks like a host ("." or ":") or is "localhost".
 */
export function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Each function returns a problem description, or undefined when the part is valid. */
export function checkRegistry(registry: string): string | undefined {
  return DOMAIN.test(registry) ? undefined : `invalid registry host "${registry}"`;
}

export function checkRepositoryPath(path: string): string | undefined {
  for (const component of path.split('/')) {
    if (PATH_COMPONENT.test(component)) continue;
    if (component === '') return 'repository name has an empty path component';
    // Upper case is by far the most common mistake; say so instead of quoting the grammar.
    if (PATH_COMPONENT.test(component.toLowerCase())) return `repository name must be lowercase ("${component}")`;
    return `invalid repository name component "${component}" (use lowercase letters, digits and single ".", "_" or "-" separators)`;
  }
  return undefined;
}

export function checkTag(tag: string): string | undefined {
  if (tag === '') return 'tag is empty';
  return TAG.test(tag) ? undefined : `invalid tag "${tag}" (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
}

export function checkDigest(digest: string): string | undefined {
  const [algorithm, hex, extra] = digest.split(':');
  const expected = algorithm === undefined ? undefined : DIGEST_HEX_LENGTH[algorithm];
  if (expected === undefined || hex === undefined || extra !== undefined) {
    return `invalid digest "${digest}" (expected sha256:<64 hex characters>)`;
  }
  if (!/^[a-f0-9]*$/.test(hex)) return `invalid digest "${digest}" (hex must be lowercase 0-9a-f)`;
  if (hex.length !== expected) return `invalid digest "${digest}" (${algorithm} needs ${expected} hex characters, got ${hex.length})`;
  return undefined;
}
