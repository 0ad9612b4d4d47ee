// How much a finding proves, given where it is: generic shapes in documentation, tests and examples
// are samples far more often than credentials; a provider format or a credential file is not.
import { CREDENTIAL_FILES, credentialFileOf } from './files/index.js';
import { SECRET_FORMATS } from './catalogue.js';
import { normalizePath } from './paths.js';

/** Kinds judged by shape or key name only (url-credentials, jwt, secret-config-value, …). */
const GENERIC_KINDS = new Set(SECRET_FORMATS.filter((f) => f.source === 'generic' && f.id !== 'dotenv-secret').map((f) => f.id));

/** Kinds that are a credential file's own syntax: a file a team drops anywhere by hand. */
// Keystores and host keys are key material, judged like key blocks (a package's test keystore is
// package content), and project and server files (redis.conf, server.xml) are what packages ship
// samples of: only credential stores (.npmrc, .vault-token) stay the team's wherever they sit.
const KEY_MATERIAL = new Set(
  CREDENTIAL_FILES.filter((f) => f.binary !== undefined || f.adjust !== undefined || f.projectFile === true).map((f) => f.id),
);
const FILE_KINDS = new Set(
  SECRET_FORMATS.filter((f) => (f.source === 'file' && !KEY_MATERIAL.has(f.id)) || f.id === 'dotenv-secret').map((f) => f.id),
);

/**
 * Documentation, tests and examples: README*, *.md and friends, test/, tests/, __tests__/, spec/,
 * fixtures/, examples/, samples/, docs/, *.spec.*, *.test.*, *.example(s).json.
 */
const DOCS_OR_TESTS =
  /\/(?:README|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|UPGRADING|MIGRATION)[^/]*$|\.(?:md|markdown|mdx|rst|adoc|asciidoc)$|\/(?:test|tests|__tests__|__mocks__|spec|specs|fixtures?|examples?|samples?|docs?|demos?)\/|\.(?:spec|test)\.[^/]+$|\.examples?\.json$/i;

export function isDocsOrTestsPath(path: string): boolean {
  return DOCS_OR_TESTS.test(normalizePath(path));
}

/** True for a kind that only a shape or a key name supports (not enough evidence in docs and tests). */
export function isGenericKind(kind: string): boolean {
  return GENERIC_KINDS.has(kind);
}

/**
 * True for a credential file (by its kind, or by its path: an .npmrc whose token a provider format
 * named): a file a team drops anywhere by hand, third-party directories included.
 */
export function isCredentialFile(kind: string, path: string): boolean {
  // A project file's format (CSV, Makefile) says nothing about whether it was dropped by hand.
  if (FILE_KINDS.has(kind)) return true;
  const file = credentialFileOf(path);
  return file !== undefined && file.projectFile !== true && !KEY_MATERIAL.has(file.id);
}
