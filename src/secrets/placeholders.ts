// Recognises values that look like a secret's slot but hold no secret: placeholders, variable
// references, code that reads the secret from elsewhere, file paths and public fingerprints.

/** Words people put where a secret will go later (compared case-insensitively, whole value). */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'change-me', 'change_me', 'changeit', 'password', 'passwd', 'pass', 'pwd', 'secret',
  'token', 'apikey', 'api_key', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined',
  'example', 'dummy', 'fake', 'test', 'testing', 'sample', 'placeholder', 'redacted', 'hidden',
  'masked', 'replace_me', 'replaceme', 'replace-me', 'default', 'empty', 'unset', 'foo', 'bar',
  'baz', 'qux', 'user', 'username', 'mypassword', 'mysecret', 'yourpassword', 'yoursecret',
  'secretpassword', 'pw', 'p@ssw0rd', 'passw0rd',
]);

/** Values that configure *how* to authenticate rather than holding a credential. */
const SETTING_WORDS = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'enable', 'disable',
  'required', 'optional', 'basic', 'bearer', 'digest', 'oauth', 'oauth2', 'jwt', 'plain', 'md5',
  'sha256', 'scram-sha-256', 'trust', 'ldap', 'local', 'internal', 'external', 'auto', 'always',
  'never', 'env', 'file', 'vault', 'keyring',
]);

/** Fragments that mark an instruction or a template, wherever they appear. */
const PLACEHOLDER_FRAGMENT =
  /example|placeholder|changeme|change[-_]me|replace[-_]?me|redacted|dummy|your[-_ ]?[a-z_-]*[-_ ]here|^your[-_ ]|^<|>$|^\[.*\]$/i;

/** Interpolation syntaxes: ${VAR}, $VAR, $(cmd), `cmd`, {{ var }}, %(name)s, %s, {name}. */
const REFERENCE = /\$[A-Za-z_{(]|`|\{\{|\}\}|%\(\w+\)s|%s|^\{\w*\}$/;

/** True for an empty value, a placeholder word, a template or a repeated filler like `xxxx` / `****`. */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || SETTING_WORDS.has(lower)) return true;
  // Filler made of one character or of masking characters only: xxxx, ****, ...., ----, 0000.
  if (/^(.)\1*$/s.test(value) || /^[x*.#_\-\s]+$/i.test(value)) return true;
  return REFERENCE.test(value) || PLACEHOLDER_FRAGMENT.test(value);
}

/**
 * True for source code that fetches the secret at runtime instead of holding it:
 * os.environ["X"], os.getenv('X'), process.env.X, ENV['X'], config.get(...), settings.DB_PASSWORD.
 */
export function isCodeReference(raw: string): boolean {
  const value = raw.trim();
  // A call or an index expression on an identifier path: getenv("X"), ENV['X'], config.get(...).
  if (/^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*[[(]/.test(value)) return true;
  // A dotted identifier path: process.env.TOKEN, settings.DB_PASSWORD, self.password.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) && !/\d/.test(value)) return true;
  return false;
}

/** True when the value names a file or directory (PASSWORD_FILE=/run/secrets/x) rather than holding a secret. */
export function isPathLike(raw: string): boolean {
  return /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|file:)/.test(raw.trim());
}

/** True for one or more hex fingerprints (GPG_KEY=A4A9…E1F5): public identifiers, not secrets. */
export function isFingerprintList(raw: string): boolean {
  return /^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|(?:[0-9A-Fa-f]{4}\s?){10})(?:[\s,;]+(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}))*$/.test(
    raw.trim(),
  );
}

/**
 * Cheap sanity check for a token body: rejects obvious filler such as `xxxxxxxx…` or `00000000…`
 * that a documented prefix is often padded with in docs and templates.
 */
export function isFillerToken(body: string): boolean {
  if (/(.)\1{7,}/.test(body)) return true;
  return new Set(body).size < 3;
}

/** Remove one pair of matching surrounding quotes. */
export function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2) {
    const first = value[0];
    if ((first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  }
  return value;
}
