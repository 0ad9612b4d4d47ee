// Recognises values that look like a secret's slot but hold no secret: placeholders, variable
// references, code that reads the secret from elsewhere, file paths and public fingerprints.

/** Words people put where a secret will go later (compared case-insensitively, whole value). */
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'todo',
  'tbd',
  'fixme',
  'none',
  'null',
  'nil',
  'undefined',
  'example',
  'dummy',
  'fake',
  'test',
  'testing',
  'sample',
  'placeholder',
  'redacted',
  'hidden',
  'masked',
  'replace_me',
  'replaceme',
  'replace-me',
  'default',
  'empty',
  'unset',
  'foo',
  'bar',
  'baz',
  'qux',
  'user',
  'username',
  'mypassword',
  'mysecret',
  'yourpassword',
  'yoursecret',
  'secretpassword',
  'pw',
  'p@ssw0rd',
  'passw0rd',
  // RabbitMQ's built-in account (guest:guest, accepted from localhost only)
  'guest',
]);

/** Values that configure *how* to authenticate rather than holding a credential. */
const SETTING_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'enabled',
  'disabled',
  'enable',
  'disable',
  'required',
  'optional',
  'basic',
  'bearer',
  'digest',
  'oauth',
  'oauth2',
  'jwt',
  'plain',
  'md5',
  'sha256',
  'scram-sha-256',
  'trust',
  'ldap',
  'local',
  'internal',
  'external',
  'auto',
  'always',
  'never',
  'env',
  'file',
  'vault',
  'keyring',
  // permissions (GitHub Actions' `id-token: write`)
  'read',
  'write',
  'read-write',
  'readonly',
]);

/** Fragments that mark an instruction or a template, wherever they appear. */
const PLACEHOLDER_FRAGMENT =
  /example|placeholder|changeme|change[-_]me|replace[-_]?me|redacted|dummy|your[-_ ]?[a-z_-]*[-_ ]here|^your[-_ ]|^<|>$|^\[.*\]$/i;

/**
 * Interpolation syntaxes: ${VAR}, $VAR, $(cmd), `cmd`, {{ var }}, %(name)s, %s, {name}, Spring
 * and Ruby's #{expr}, Puppet/Hiera's %{lookup}. A `$` inside a run of letters and digits is a
 * reference only before an upper-case name (`prefix$HOME`): `rW5$kN9…` is a password with a
 * dollar sign in it, which YAML, JSON, XML and most languages' strings take literally.
 */
const REFERENCE = /\$[{(]|(?:^|[^A-Za-z0-9\\])\$[A-Za-z_]|\$[A-Z_][A-Z0-9_]*(?![a-z])|`|\{\{|\}\}|%\(\w+\)[sdifr]?|%s|^\{\w*\}$|#\{|%\{/;

/**
 * Values providers publish in their documentation, which code and configs copy verbatim: the
 * jwt.io sample's signature, Stripe's documented test keys. Matched as substrings, so a value that
 * embeds one (a whole sample JWT) is the sample.
 */
const PUBLIC_EXAMPLES = ['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', '4eC39HqLyjWDarjtT1zdp7dc', 'BQokikJOvBiI2HlWgH4olfQ2'];

/** True for a value that is or contains a documented public example (never a finding). */
export function isPublicExample(value: string): boolean {
  return PUBLIC_EXAMPLES.some((sample) => value.includes(sample));
}

/** True for an empty value, a placeholder word, a template or a repeated filler like `xxxx` / `****`. */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value === '') return true;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || SETTING_WORDS.has(lower)) return true;
  // Filler made of one character or of masking characters only: xxxx, ****, ...., ----, 0000.
  if (/^(.)\1*$/s.test(value) || /^[x*.#_\-\s]+$/i.test(value)) return true;
  // Typed filler: abc123xyz…, 1234-1234-1234, a1b2a1b2… (see isPatternFiller).
  if (value.length >= 12 && isPatternFiller(value)) return true;
  return REFERENCE.test(value) || PLACEHOLDER_FRAGMENT.test(value) || isPublicExample(value);
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
  // The name of the variable that holds it: `password_variable: DB_PASSWORD`, `token_env: API_TOKEN`.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && /PASS|PWD|SECRET|TOKEN|KEY|CRED|AUTH/.test(value)) return true;
  return false;
}

/** True when the value names a file or directory (PASSWORD_FILE=/run/secrets/x) rather than holding a secret. */
export function isPathLike(raw: string): boolean {
  return /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|file:)/.test(raw.trim());
}

/** True for one or more hex fingerprints (GPG_KEY=A4A9…E1F5): public identifiers, not secrets. */
export function isFingerprintList(raw: string): boolean {
  return /^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|(?:[0-9A-Fa-f]{4}\s?){10})(?:[\s,;]+(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}))*$/.test(raw.trim());
}

/**
 * Cheap sanity check for a token body: rejects obvious filler such as `xxxxxxxx…` or `00000000…`
 * that a documented prefix is often padded with in docs and templates.
 */
export function isFillerToken(body: string): boolean {
  for (const run of body.matchAll(/(.)\1{7,}/g)) if (!inNumericId(body, run.index, run[0].length)) return true;
  return new Set(body).size < 3 || isPatternFiller(body);
}

/**
 * True when a run of one digit sits inside a numeric id group of a segmented token and the group
 * has other digits: Slack's `xoxa-2-511111111-…` carries team and user ids, which are counters and
 * repeat digits naturally. A group of one digit only (`000000000`) or of a masking character is
 * still filler, and so is a run anywhere in an unsegmented body.
 */
function inNumericId(body: string, at: number, length: number): boolean {
  if (!/\d/.test(body[at] ?? '')) return false;
  const start = Math.max(body.lastIndexOf('-', at), body.lastIndexOf('_', at)) + 1;
  const stops = [body.indexOf('-', at), body.indexOf('_', at)].filter((i) => i !== -1);
  const end = stops.length === 0 ? body.length : Math.min(...stops);
  if (start === 0 && end === body.length) return false;
  const group = body.slice(start, end);
  return /^\d+$/.test(group) && group.length > length;
}

/** Keyboard and counting fragments that documentation writes into sample tokens. */
const FILLER_FRAGMENTS = /abc|xyz|123|234|345|456|567|678|789|890|000|111|qwe|asd/gi;
/** Ascending runs such as 0123456789 or AbCdEfGh (case-insensitive, 8 or more characters). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Bodies people type rather than generate: a short unit repeated (1234-1234-1234, a1B2a1B2…), a
 * counting run (12345678, AbCdEfGh), or three or more different keyboard fragments
 * (abc123xyz…, Google's Firebase samples AbC123dEf456GhI789…). Random bodies almost never do:
 * three of these 3-grams in a 40-character base62 body come up about once in 10^9.
 */
export function isPatternFiller(body: string): boolean {
  // Segmented tokens (xoxp-1234-1234-1234-…): a group typed three times, or a filler group.
  const segments = body.split(/[-_.]/);
  if (segments.length > 2) {
    const seen = new Map<string, number>();
    for (const s of segments) if (s.length >= 3) seen.set(s, (seen.get(s) ?? 0) + 1);
    if ([...seen.values()].some((count) => count >= 3)) return true;
    if (segments.some((s) => s.length >= 12 && s.length < body.length && isPatternFiller(s))) return true;
  }
  const n = body.length;
  if (n < 12) return false;
  for (let p = 1; p <= 6; p++) {
    let same = 0;
    for (let i = 0; i + p < n; i++) if (body[i] === body[i + p]) same++;
    if (same >= 0.8 * (n - p)) return true;
  }
  const lower = body.toLowerCase();
  let run = 1;
  for (let i = 1; i < n; i++) {
    const prev = ALPHABET.indexOf(lower[i - 1] ?? '');
    run = prev >= 0 && ALPHABET.indexOf(lower[i] ?? '') === prev + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  // Long hex bodies meet a few fragments by chance: they need one more.
  const fragments = new Set(lower.match(FILLER_FRAGMENTS) ?? []);
  return fragments.size >= (n > 48 ? 4 : 3);
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
