// Decides whether a key path of a structured config file (YAML, JSON, XML, INI, …) holds a literal credential.
import { isLiteralSecretValue, isSecretName, keyWords } from '../secret-names.js';
import { Priority, type RawMatch } from '../types.js';

export const CONFIG_SECRET = { kind: 'secret-config-value', title: 'Secret-named value in config file' } as const;

/**
 * Last words of keys that label, describe or validate a credential field rather than hold it:
 * form labels and translations (`passwordLabel: Password`), validation rules, UI hints.
 */
const CONFIG_DESCRIPTIVE = new Set([
  'label',
  'labels',
  'placeholder',
  'hint',
  'text',
  'title',
  'message',
  'msg',
  'description',
  'desc',
  'error',
  'errors',
  'help',
  'prompt',
  'caption',
  'tooltip',
  'regex',
  'pattern',
  'validation',
  'validator',
  'strength',
  'rules',
  'rule',
  'class',
  'icon',
  'button',
  'link',
  'reset',
  'forgot',
  'confirm',
  'confirmation',
  'changed',
  'change',
  'invalid',
  'missing',
  'example',
  'examples',
  'doc',
  'docs',
]);

/** Leaf keys that say nothing alone but name a credential under a secret-named parent: `api: {key: …}`. */
const GENERIC_LEAVES = new Set(['key', 'value', 'secret', 'token', 'password', 'data']);

/** Values encrypted by a config tool (sops ENC[…], jasypt ENC(…), Spring Cloud {cipher}, Maven {…}, Ansible !vault). */
const ENCRYPTED = /^(?:ENC\[|ENC\(|\{cipher\}|!vault\b|\{[A-Za-z0-9+/=]{8,}\}$|\$ANSIBLE_VAULT)/;

/**
 * Values that name where credentials come from, not a credential: nsswitch.conf's
 * `passwd: files`, PAM and SSSD sources, keyring and vault backends.
 */
const SOURCE_VALUES = new Set([
  'files',
  'compat',
  'nis',
  'nisplus',
  'systemd',
  'sss',
  'ldap',
  'db',
  'dns',
  'winbind',
  'myhostname',
  'resolve',
  'mymachines',
  'hesiod',
  'keychain',
  'secretservice',
  'wincred',
  'pass',
  'osxkeychain',
  'memory',
  'redis',
  'database',
  'cookie',
  'header',
  'session',
  'token',
  'none',
  'internal',
]);

/** A version or version range: package.json's `"@aws-sdk/client-secrets-manager": "^3.9.0"`. */
const VERSION = /^(?:[\^~>=<v]|npm:|workspace:)*\d+(?:\.(?:\d+|[x*]))*(?:[-+][\w.-]+)?$/i;

/** A YAML alias or a block-scalar indicator: the value is elsewhere. */
const NOT_A_SCALAR = /^(?:[*&!][\w-]*|[|>][+-]?\d*)$/;

/** A key naming a host (`github.com` in Composer's auth.json `github-oauth`): the credential is named by its parent. */
const HOST_KEY = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$/i;

function secretKey(path: readonly string[]): string | undefined {
  const leaf = path[path.length - 1];
  if (leaf === undefined) return undefined;
  const words = keyWords(leaf);
  const last = words[words.length - 1];
  if (last !== undefined && CONFIG_DESCRIPTIVE.has(last)) return undefined;
  if (isSecretName(leaf)) return leaf;
  const parent = path[path.length - 2];
  if (parent === undefined) return undefined;
  if (GENERIC_LEAVES.has(leaf.toLowerCase()) && isSecretName(`${parent}_${leaf}`)) return `${parent}_${leaf}`;
  // Composer's auth.json: {"github-oauth": {"github.com": "…"}}, {"bearer": {"repo.lan": "…"}}
  if (HOST_KEY.test(leaf) && (isSecretName(parent) || /oauth|bearer/i.test(parent))) return parent;
  return undefined;
}

/**
 * Key names repeat throughout a config file (and across files), and splitting a key into words is
 * the costliest step of a line: decisions are remembered, in a map that is cleared when it grows.
 */
const decided = new Map<string, string | null>();
const MAX_DECIDED = 4096;

function cachedSecretKey(path: readonly string[]): string | undefined {
  const leaf = path[path.length - 1] ?? '';
  const parent = path[path.length - 2];
  const id = parent === undefined ? leaf : `${parent}\0${leaf}`;
  let key = decided.get(id);
  if (key === undefined) {
    if (decided.size >= MAX_DECIDED) decided.clear();
    decided.set(id, (key = secretKey(path.slice(-2)) ?? null));
  }
  return key ?? undefined;
}

/** True when `path` (outermost key first) names a credential and `value` is a literal one. */
export function isConfigSecret(path: readonly string[], value: string): boolean {
  const v = value.trim();
  // Config values with blanks are prose or lists, not credentials (`password: Mot de passe`).
  if (v.length < 3 || /\s/.test(v) || ENCRYPTED.test(v) || NOT_A_SCALAR.test(v) || SOURCE_VALUES.has(v.toLowerCase()) || VERSION.test(v))
    return false;
  // Non-ASCII text (seen here as the latin1 of its UTF-8 bytes) is a translated message, not a credential.
  if ((v.match(/[\x80-\uffff]/g)?.length ?? 0) > 2) return false;
  const key = cachedSecretKey(path);
  if (key === undefined) return false;
  // s3cmd's, MinIO's and S3-compatible tools' access_key is the public half, often a user name
  // (`access_key = backup`); a generated one is still judged (AWS's own ids have their format).
  if (/access[-_.]?key$/i.test(key) && /^[a-z][a-z0-9_.@-]{0,31}$/.test(v) && !/\d{3}/.test(v)) return false;
  return isLiteralSecretValue(key, v);
}

/** Push a finding for `value` at `index` of the line when `path` names a credential. */
export function judge(path: readonly string[], value: string, index: number, out: RawMatch[]): void {
  if (!isConfigSecret(path, value)) return;
  out.push({ ...CONFIG_SECRET, secret: value.trim(), index, priority: Priority.generic });
}

/**
 * Cheap gate for a line: does it mention a word a secret-named key must contain? Lines without one
 * only matter for the key-path stack.
 */
export const SECRET_WORD = /pass|pwd|secret|token|key|cred|auth/i;

/**
 * Keys of containers whose children may hold a credential under a name that says nothing: a host
 * (`"github-oauth": {"github.com": "…"}`, `bearer: {repo.lan: …}`) or a generic leaf.
 */
export const SECRET_CONTEXT = /pass|pwd|secret|token|key|cred|auth|bearer/i;
