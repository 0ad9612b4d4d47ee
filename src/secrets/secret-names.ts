// Decides whether a KEY=VALUE pair names a secret and holds a literal one (env vars, .env lines, build args).
import { isCodeReference, isFingerprintList, isPathLike, isPlaceholder } from './placeholders.js';

/** Key words that on their own say "this holds a credential". */
const SECRET_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authtoken',
  'authkey',
  'authorization',
  'privatekey',
  'accesskey',
  'secretkey',
  'accesstoken',
  'refreshtoken',
  'clientsecret',
  'keystorepassword',
]);

/** Words that turn a following `KEY` into a credential (API_KEY, ACCESS_KEY, PRIVATE_KEY, …). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'client', 'auth', 'session']);

/**
 * A last word that says the variable holds something *about* the secret, not the secret:
 * PASSWORD_FILE, TOKEN_URL, SECRET_NAME, API_KEY_ID, GPG_KEY_SHA256, PASSWORD_MIN_LENGTH, …
 */
const DESCRIPTIVE_SUFFIXES = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'sha',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'checksum',
  'hash',
  'digest',
  'version',
  'id',
  'name',
  'user',
  'username',
  'type',
  'length',
  'len',
  'size',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'timeout',
  'mode',
  'method',
  'enabled',
  'enable',
  'disabled',
  'required',
  'header',
  'prefix',
  'algorithm',
  'alg',
  'location',
  'region',
  'format',
  'policy',
  'count',
  'min',
  'max',
  'env',
  'var',
  'field',
  'provider',
  'store',
  'helper',
  'command',
  'cmd',
  'script',
  'mount',
  'ref',
  'arn',
  'scope',
  'scopes',
  // `--password-stdin`: the password comes on standard input
  'stdin',
]);

/** Whole keys that look secret-ish but never are. */
const NEVER_SECRET_KEYS = new Set(['pwd', 'oldpwd']);

/**
 * Words that make a credential-named key public or not a credential: Mapbox's and Plaid's public
 * tokens, publishable keys, anti-forgery (CSRF/XSRF) tokens a page hands every visitor.
 */
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pub', 'csrf', 'xsrf']);

/**
 * Prepositions: the words before one are the key's head (`keyVaultToStoreSecrets` names a vault,
 * `passwordForDb` a password), the words after it only qualify it.
 */
const PREPOSITIONS = new Set(['to', 'for', 'from', 'of', 'in', 'with', 'by']);

/** Split a key into lower-case words: DB_PASSWORD, db-password, dbPassword, db.password → [db, password]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when the key's words say it holds a credential (PASSWORD, API_KEY, GITHUB_TOKEN, …). */
export function isSecretName(key: string): boolean {
  let words = keyWords(key);
  const preposition = words.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w));
  if (preposition > 0) words = words.slice(0, preposition);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIPTIVE_SUFFIXES.has(last)) return false;
  if (NEVER_SECRET_KEYS.has(words.join('_')) || words.some((w) => PUBLIC_WORDS.has(w))) return false;
  return words.some((word, i) => SECRET_WORDS.has(word) || ((word === 'key' || word === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1] ?? '')));
}

/**
 * True when `value` is a literal that could be the credential itself: not a placeholder, not a
 * reference to a variable or to code, not a path, not a URL (URLs are judged by their password),
 * not a public fingerprint, not a short number and not a sentence.
 */
export function isLiteralSecretValue(key: string, value: string): boolean {
  const v = value.trim();
  if (v.length < 3 || isPlaceholder(v) || isCodeReference(v) || isPathLike(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  if (/^\d{1,6}$/.test(v)) return false;
  // Lower-case words joined by dashes, underscores or dots are names (`prod-db-credentials`,
  // `only-lowercase-words`), not generated credentials.
  if (/^[a-z]+(?:[-_.][a-z]+)+$/.test(v)) return false;
  if (/keys?$/i.test(key) && isFingerprintList(v)) return false;
  // Prose ("Please set the password") is documentation, not a credential.
  if (v.split(/\s+/).length > 3) return false;
  return true;
}

/** The full decision: a secret-named key holding a literal secret value. */
export function isSecretAssignment(key: string, value: string): boolean {
  return isSecretName(key) && isLiteralSecretValue(key, value);
}
