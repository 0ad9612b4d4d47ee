// Parses image references as users type them on the command line, with Docker's normalization.
import { UsageError } from '../core/errors.js';
import {
  checkDigest,
  checkRegistry,
  checkRepositoryPath,
  checkTag,
  FULL_ID,
  looksLikeRegistry,
  MAX_NAME_LENGTH,
  SHORT_ID,
} from './reference-grammar.js';
import { closestMatch } from '../config/suggest.js';

/** An image the local Docker daemon can resolve: a name (tag and/or digest) or an image ID. */
export interface DaemonImageReference {
  transport: 'docker-daemon';
  /** As written, minus any "docker-daemon:" prefix. */
  raw: string;
  /** Fully qualified form, e.g. "docker.io/library/nginx:latest"; IDs unchanged. */
  normalized: string;
  /** The remaining fields are normalized too (docker.io, library/…, latest); all undefined for IDs. */
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  isId: boolean;
}

/** Transports read without the engine (see src/sources/targets.ts for their syntax). */
export type ReservedTransport = 'docker-archive' | 'oci' | 'oci-archive' | 'docker';

export interface ReservedTransportReference {
  transport: ReservedTransport;
  /** Everything after the transport prefix, unvalidated. */
  raw: string;
}

export type ImageReference = DaemonImageReference | ReservedTransportReference;

const DAEMON_PREFIX = 'docker-daemon:';
// Order matters only in that no prefix here is a prefix of another.
const RESERVED_PREFIXES: ReadonlyArray<readonly [string, ReservedTransport]> = [
  ['docker-archive:', 'docker-archive'],
  ['oci-archive:', 'oci-archive'],
  ['oci:', 'oci'],
  ['docker://', 'docker'],
];

const DEFAULT_REGISTRY = 'docker.io';
// Docker rewrites the legacy Hub host to the canonical one; do the same so globs see one spelling.
const LEGACY_HUB_REGISTRY = 'index.docker.io';

function invalid(raw: string, problem: string): UsageError {
  return new UsageError(`invalid image reference "${raw}": ${problem}`);
}

function ensure(raw: string, problem: string | undefined): void {
  if (problem !== undefined) throw invalid(raw, problem);
}

/** Parses a reference without a transport prefix ("nginx:1.27", "sha256:…", "localhost:5000/app:1"). */
export function parseDaemonReference(raw: string): DaemonImageReference {
  if (raw.trim() === '') throw new UsageError('image reference is empty');
  if (/\s/.test(raw)) throw invalid(raw, 'references cannot contain whitespace');
  if (FULL_ID.test(raw) || SHORT_ID.test(raw)) return { transport: 'docker-daemon', raw, normalized: raw, isId: true };
  // Read as a name, "sha256:abc" would be repository "sha256" with tag "abc": surely a mistyped ID.
  if (raw.startsWith('sha256:') && !raw.includes('/') && !raw.includes('@')) {
    throw invalid(raw, 'an image ID must be "sha256:" followed by 64 lowercase hex characters');
  }

  let name = raw;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    ensure(raw, checkDigest(digest));
  }
  let tag: string | undefined;
  // A tag's colon comes after the last "/"; earlier colons belong to a registry port.
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    ensure(raw, checkTag(tag));
  }
  if (name === '') throw invalid(raw, 'missing repository name');
  if (name.length > MAX_NAME_LENGTH) throw invalid(raw, `name is longer than ${MAX_NAME_LENGTH} characters`);

  let registry: string | undefined;
  let path = name;
  const slash = name.indexOf('/');
  if (slash >= 0 && looksLikeRegistry(name.slice(0, slash))) {
    registry = name.slice(0, slash);
    path = name.slice(slash + 1);
    ensure(raw, checkRegistry(registry));
  }
  ensure(raw, checkRepositoryPath(path));

  const normalizedRegistry = registry === undefined || registry === LEGACY_HUB_REGISTRY ? DEFAULT_REGISTRY : registry;
  // Official images live under "library/" on Docker Hub only; other registries keep single-component names.
  const repository = normalizedRegistry === DEFAULT_REGISTRY && !path.includes('/') ? `library/${path}` : path;
  const normalizedTag = tag ?? (digest === undefined ? 'latest' : undefined);
  const normalized =
    `${normalizedRegistry}/${repository}` + (normalizedTag === undefined ? '' : `:${normalizedTag}`) + (digest === undefined ? '' : `@${digest}`);

  const reference: DaemonImageReference = { transport: 'docker-daemon', raw, normalized, registry: normalizedRegistry, repository, isId: false };
  if (normalizedTag !== undefined) reference.tag = normalizedTag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/**
 * Parses what a user wrote: a bare reference or "docker-daemon:<ref>" for the daemon, or one of the
 * other transports, returned unparsed: their syntax is the source's business (src/sources/targets.ts).
 */
export function parseImageReference(input: string): ImageReference {
  if (input.startsWith(DAEMON_PREFIX)) return parseDaemonReference(input.slice(DAEMON_PREFIX.length));
  for (const [prefix, transport] of RESERVED_PREFIXES) {
    if (input.startsWith(prefix)) return { transport, raw: input.slice(prefix.length) };
  }
  rejectUnknownTransport(input);
  return parseDaemonReference(input);
}

const TRANSPORT_NAMES = ['docker-daemon', ...RESERVED_PREFIXES.map(([prefix]) => prefix.replace(/:(\/\/)?$/, ''))];
const TRANSPORTS_HELP = 'docker-daemon:REF, docker-archive:PATH, oci:DIR, oci-archive:PATH, docker://HOST/REPO, or a plain image name for the engine';

/**
 * "docker-archve:app.tar" is a valid image name with a tag, and would be looked up in the engine with
 * a baffling "not found". Where the part before the colon is a misspelt transport and what follows
 * looks like a path, or where a path follows the colon at once (never a tag), name the valid prefixes.
 */
function rejectUnknownTransport(input: string): void {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(input);
  if (!match || FULL_ID.test(input) || SHORT_ID.test(input)) return;
  const [, name = '', rest = ''] = match;
  // host:port/… and dotted hosts are registries, whatever they resemble ("docker.example.com:5000/app").
  if (/^\d+\//.test(rest) || (name.includes('.') && !rest.startsWith('/'))) return;
  const hint = closestMatch(name, TRANSPORT_NAMES);
  const pathLike = rest.startsWith('/') || rest.startsWith('.') || /\.(tar|tgz|tar\.gz|oci)$/i.test(rest) || rest.includes('/');
  if (rest.startsWith('/') || (hint !== undefined && hint !== name && pathLike)) {
    throw new UsageError(
      `unknown transport "${name}:" in "${input}"${hint !== undefined && hint !== name ? ` (did you mean "${hint}:"?)` : ''}; use ${TRANSPORTS_HELP}`,
    );
  }
}

export function isDaemonReference(reference: ImageReference): reference is DaemonImageReference {
  return reference.transport === 'docker-daemon';
}

/** Docker's normalized form of a bare reference: "nginx" → "docker.io/library/nginx:latest". IDs unchanged. */
export function normalizeReference(ref: string): string {
  return parseDaemonReference(ref).normalized;
}

/** The strings globs (budgets, waivers) are matched against: as written and normalized, without duplicates. */
export function referenceCandidates(reference: DaemonImageReference): string[] {
  return reference.raw === reference.normalized ? [reference.raw] : [reference.raw, reference.normalized];
}
