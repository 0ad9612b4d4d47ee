// Credentials typed into command lines: curl -u user:pass, an Authorization header passed to an
// HTTP client, and the password flags of wget, the MySQL clients, sshpass and registry logins. Found
// in scripts, CI files, shell history and the RUN lines a Dockerfile leaves in the image history.
import { isPlaceholder } from '../placeholders.js';
import { Priority, type RawMatch } from '../types.js';
import type { FormatDetector } from './token.js';

/** Lines a command may continue over with a trailing backslash (curl's options one per line). */
const MAX_CONTINUATIONS = 8;

/** The rest of the command after `at`: to the end of the line (and its `\` continuations) or the next shell separator. */
function commandAfter(text: string, at: number): string {
  let end = text.indexOf('\n', at);
  for (let n = 0; end !== -1 && n < MAX_CONTINUATIONS && /\\\r?$/.test(text.slice(Math.max(at, end - 2), end)); n++) {
    end = text.indexOf('\n', end + 1);
  }
  if (end === -1) end = text.length;
  const line = text.slice(at, Math.min(end, at + 2048));
  const stop = line.search(/\s(?:&&|\|\||;|\|)\s|;\s*$|`/);
  return stop === -1 ? line : line.slice(0, stop);
}

/** The command before `at` on the same line (for context checks), bounded. */
function lineBefore(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('\n', at - 1) + 1, at - 256);
  return text.slice(start, at);
}

/**
 * A literal value: not a placeholder, not a variable or command substitution, not an option
 * that follows (`-p --verbose`), and not a quote left open by code building the command.
 */
function isLiteral(value: string): boolean {
  // `$1` inside a password is a character pair (`P@ssw0rd$1`); `$VAR`, `${…}`, `$(…)` and a leading `$` are expansions.
  if (value.length < 3 || value.startsWith('-') || /^\$|\$[A-Za-z_{(]/.test(value) || /[`{}<>%[\]]/.test(value) || isPlaceholder(value)) return false;
  // A name standing for the value, as docs write it: AUTH_TOKEN, API_KEY, auth_token, my-password.
  return !/^[A-Z][A-Z0-9_]*$/.test(value) && !/^[a-z]+(?:[_-][a-z]+)+$/.test(value);
}

/** A shell word after a flag: "quoted", 'quoted' or bare; the value and where it starts. */
const WORD = String.raw`(?:"(?<dq>[^"\s]+)"|'(?<sq>[^'\s]+)'|(?<bare>[^\s"'\\;|&)]+))`;
/** A shell word made of several quoted and bare pieces (`kevin:'pw'`, `"user":"pw"`), which the shell joins. */
const JOINED_WORD = String.raw`(?<joined>(?:"[^"\s]*"|'[^'\s]*'|[^\s"'\\;|&)]+){2,})`;

/** A typed credential: 8+ characters with letters and digits, and mixed case or a symbol. */
function isTypedCredential(value: string): boolean {
  return (
    value.length >= 8 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && (/[^A-Za-z0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value)))
  );
}

/** `{value}`: braces some docs write around a literal; the value inside is judged. */
function unbraced(value: string): string {
  const inner = /^\{([^{}]+)\}$/.exec(value)?.[1];
  return inner !== undefined && isTypedCredential(inner) && !isPlaceholder(inner) ? inner : value;
}

/** A random-looking key: 16+ characters mixing letters and digits, no blanks. */
function isApiKeyLike(value: string): boolean {
  return value.length >= 16 && /^[A-Za-z0-9._~+/=-]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

function wordOf(m: RegExpExecArray): string {
  return m.groups?.['dq'] ?? m.groups?.['sq'] ?? m.groups?.['bare'] ?? '';
}

function push(out: RawMatch[], kind: string, title: string, secret: string, index: number): void {
  out.push({ kind, title, secret, index, priority: Priority.generic });
}

// Reference: curl manual, "-u, --user <user:password>" (the password is sent with every request
// and stays in shell history and process lists; curl warns against it).
const CURL_USER = new RegExp(String.raw`(?:^|\s)(?:-u\s*|--user(?:=|\s+))(?:${JOINED_WORD}|${WORD})(?=\s|$)`, 'g');
export const curlUserPassword: FormatDetector = {
  trigger: 'curl ',
  info: {
    id: 'curl-user-password',
    title: 'Password in a curl -u option',
    severity: 'error',
    keywords: ['curl '],
    summary:
      'The password of curl -u / --user user:password (bare, quoted, or quoted in pieces the shell joins: kevin:\'…\', "user":"…"), also on a continuation line below curl, and an API key sent as the user with an empty password (-u KEY:). Ignores -u user alone (curl prompts), $VAR, ${VAR} and $(…) expansions, placeholders and tokens that a provider format names.',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    if (at > 0 && /[A-Za-z0-9_-]/.test(text[at - 1] ?? '')) return;
    const command = commandAfter(text, at);
    CURL_USER.lastIndex = 0;
    for (let m = CURL_USER.exec(command); m !== null; m = CURL_USER.exec(command)) {
      const joined = m.groups?.['joined'];
      const credential = joined !== undefined ? joined.replace(/["']/g, '') : wordOf(m);
      const colon = credential.indexOf(':');
      if (colon < 0) continue;
      const user = unbraced(credential.slice(0, colon));
      // An API key sent as the user name with no password (-u sk_…:, Stripe's and Mailgun's
      // documented form) is the credential itself.
      const keyAsUser = colon === credential.length - 1 && (isApiKeyLike(user) || isTypedCredential(user));
      const password = keyAsUser ? user : unbraced(credential.slice(colon + 1));
      if (!isLiteral(password) || (!keyAsUser && /[$`{}<>%]/.test(user))) continue;
      const word = m[0].slice(m[0].lastIndexOf(joined ?? wordOf(m)));
      const start = at + m.index + m[0].length - word.length;
      const offset = keyAsUser ? word.indexOf(password) : word.indexOf(password, word.indexOf(':'));
      push(out, 'curl-user-password', 'Password in a curl -u option', password, start + Math.max(0, offset));
    }
  },
};

/** An HTTP client on the line before the header: curl, wget, httpie, xh, Invoke-WebRequest… */
const HTTP_CLIENT =
  /(?:^|[\s/"'])(?:curl|wget|http|https|xh|httpie|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)(?:\s|$)|(?:^|\s)(?:-H|--header)(?:\s*|=)["']?$/;
// token68 (RFC 7235) and percent-escapes, which tokens copied out of a URL carry.
const AUTH_VALUE =
  /(?<scheme>Basic|Bearer|basic|bearer|BASIC|BEARER|Token|token|Api-Token)\s+(?<value>[A-Za-z0-9._~+/=%-]{8,2048})(?![A-Za-z0-9._~+/=%-])/y;

const BARE_AUTH_VALUE = /(?<value>[A-Za-z0-9._~+/=%-]{16,2048})(?=["'\s]|$)/y;

function isBasicCredential(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && !/[\x00-\x1f\x7f\ufffd]/.test(decoded) && isLiteral(decoded.slice(colon + 1));
}

// Reference: RFC 9110 §11.6.2 "Authorization" and RFC 7617 "The 'Basic' HTTP Authentication
// Scheme" (base64 of user:password), RFC 6750 §2.1 "Authorization Request Header Field" (Bearer).
export const httpAuthHeader: FormatDetector = {
  trigger: '[Aa]uthorization:|AUTHORIZATION:',
  info: {
    id: 'http-authorization-header',
    title: 'Credential in an Authorization header of a command',
    severity: 'error',
    keywords: ['[Aa]uthorization:', 'AUTHORIZATION:'],
    summary:
      'Authorization: Basic <base64 of user:password>, Bearer <token>, Token <token> or a bare random key passed to curl, wget, httpie (-H / --header). Ignores headers built from variables, placeholders (Bearer YOUR_TOKEN) and headers outside a command.',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    const before = lineBefore(text, at);
    if (!HTTP_CLIENT.test(before) && !/(?:^|\s)(?:-H|--header)(?:\s*|=)["']?$/.test(before)) return;
    let pos = at + 'Authorization:'.length;
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    AUTH_VALUE.lastIndex = pos;
    // A credential with no scheme in front (`Authorization: <key>`) is sent as it is.
    const m = AUTH_VALUE.exec(text) ?? ((BARE_AUTH_VALUE.lastIndex = pos), BARE_AUTH_VALUE.exec(text));
    if (m === null) return;
    const scheme = (m.groups?.['scheme'] ?? '').toLowerCase();
    const value = m.groups?.['value'] ?? '';
    if (!isLiteral(value)) return;
    if (scheme === 'basic' ? !isBasicCredential(value) : !(value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value))) return;
    push(out, 'http-authorization-header', 'Credential in an Authorization header of a command', value, pos + m[0].length - value.length);
  },
};

// Reference: curl manual, "-H, --header <header/@file>"; the API-key headers providers document
// (X-API-Key, Api-Key, X-Auth-Token, PRIVATE-TOKEN, …) carry the credential as it is.
const KEY_HEADER =
  /(?:-H|--header)(?:=|[ \t]*)(?<q>["'])(?<name>(?:X-(?:[A-Za-z]+-)?)?(?:Api-?)?(?:Key|Token)|(?:X-)?[A-Za-z]+-(?:Api-?Key|Access-Token|Auth-Token|Private-Token)|PRIVATE-TOKEN)[ \t]*:[ \t]*(?<value>[A-Za-z0-9_=~@.+/-]{10,2048})\k<q>/iy;

export const httpKeyHeader: FormatDetector = {
  trigger: '-H "|-H \'|--header "|--header \'|--header=',
  info: {
    id: 'http-api-key-header',
    title: 'API key in a header of a command',
    severity: 'error',
    keywords: ['-H "', "-H '", '--header "', "--header '", '--header='],
    summary:
      'An API-key header (X-API-Key, Api-Key, X-Auth-Token, Token, PRIVATE-TOKEN, …) with a literal, random-looking value, passed to curl, wget or httpie with -H / --header. Ignores $VAR references, placeholders and words.',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    if (at > 0 && !/\s/.test(text[at - 1] ?? '')) return;
    KEY_HEADER.lastIndex = at;
    const m = KEY_HEADER.exec(text);
    if (m === null) return;
    const value = m.groups?.['value'] ?? '';
    if (!isLiteral(value) || (!isApiKeyLike(value) && !(value.length >= 10 && /[0-9]/.test(value) && /[A-Za-z]/.test(value)))) return;
    push(out, 'http-api-key-header', 'API key in a header of a command', value, at + m[0].length - 1 - value.length);
  },
};

/** Password flags per tool: the first group that matches names the value. */
const PASSWORD_FLAGS: { tools: RegExp; flag: RegExp }[] = [
  // wget manual: --password, --http-password, --ftp-password, --proxy-password.
  { tools: /^wget$/, flag: /(?:^|\s)--(?:http-|ftp-|proxy-)?password(?:=|\s+)/g },
  // MySQL manual, "Specifying the password on the command line": -pSECRET (no space; "-p" alone
  // prompts, and "-p name" names a database) or --password=SECRET.
  {
    tools: /^(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mariadb|mariadb-dump|mariadb-admin)$/,
    flag: /(?:^|\s)(?:-p(?=[^\s-])|--password=)/g,
  },
  // sshpass(1): -p password.
  { tools: /^sshpass$/, flag: /(?:^|\s)-p\s*/g },
  // docker login reference (and the same flags of podman, nerdctl, buildah, skopeo, oras, helm
  // registry login): -p, --password; --password-stdin is the safe form and is not matched.
  { tools: /^(?:docker|podman|nerdctl|buildah|skopeo|oras|helm|crane)\b.*\blogin$/, flag: /(?:^|\s)(?:-p|--password)(?:=|\s+)/g },
];

const TOOL_AT =
  /(?:^|[\s/"'(])(wget|mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mariadb|mariadb-dump|mariadb-admin|sshpass|(?:docker|podman|nerdctl|buildah|skopeo|oras|helm|crane)(?:\s+registry|\s+auth)?\s+login)(?=\s)/y;

// Reference: the manuals of wget, the MySQL clients ("End-User Guidelines for Password Security":
// a password on the command line is visible to other users and kept in history), sshpass(1) and
// docker login ("--password-stdin" instead of -p).
export const commandLinePassword: FormatDetector = {
  trigger:
    'wget |mysql|mariadb|sshpass |docker login|podman login|nerdctl login|buildah login|skopeo login|oras login|helm registry login|crane auth login',
  info: {
    id: 'command-line-password',
    title: 'Password on a command line',
    severity: 'error',
    keywords: [
      'wget ',
      'mysql',
      'mariadb',
      'sshpass ',
      'docker login',
      'podman login',
      'nerdctl login',
      'buildah login',
      'skopeo login',
      'oras login',
      'helm registry login',
      'crane auth login',
    ],
    summary:
      'wget --password/--http-password, mysql -pSECRET/--password=, sshpass -p and docker (podman, …) login -p/--password values. Ignores --password-stdin, mysql -p alone (a prompt), $VAR references and placeholders.',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    // Sticky one character early, so the tool name must start a word (not "xmysql").
    TOOL_AT.lastIndex = Math.max(0, at - 1);
    const tool = TOOL_AT.exec(text);
    if (tool === null) return;
    const name = (tool[1] ?? '').replace(/\s+/g, ' ');
    const rules = PASSWORD_FLAGS.find((r) => r.tools.test(name));
    if (rules === undefined) return;
    const from = tool.index + tool[0].length;
    const command = commandAfter(text, from);
    rules.flag.lastIndex = 0;
    for (let f = rules.flag.exec(command); f !== null; f = rules.flag.exec(command)) {
      const word = new RegExp(WORD, 'y');
      word.lastIndex = f.index + f[0].length;
      const m = word.exec(command);
      if (m === null) continue;
      const value = wordOf(m);
      if (!isLiteral(value)) continue;
      const quoted = m.groups?.['bare'] === undefined ? 1 : 0;
      push(out, 'command-line-password', 'Password on a command line', value, from + m.index + quoted);
    }
  },
};
