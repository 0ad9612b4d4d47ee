// Passwords embedded in URLs (scheme://user:password@host), for any scheme.
import { isPlaceholder } from '../placeholders.js';
import { Priority, type RawMatch } from '../types.js';
import type { FormatDetector } from './token.js';

/**
 * Sticky at "://": user, ":", password, "@", then the start of a host. The password may contain
 * "@" (people rarely percent-encode it), so it runs greedily to the last "@" of the authority.
 * Brackets, braces and quotes end the match: they belong to templates and code, not to URLs.
 */
const AUTHORITY = /:\/\/([^\s/?#@:"'<>\\[\]{}()]{0,256}):([^\s/?#"'<>\\[\]{}]{1,256})@([A-Za-z0-9][A-Za-z0-9.-]{0,253})/y;

/** Hosts that only appear in documentation. */
const DOC_HOST =
  /^(?:host|hostname|server|myhost|yourhost|(?:[a-z0-9-]+\.)*(?:example|company|mycompany|yourcompany|domain|mydomain|yourdomain)(?:\.[a-z]+)?)$/i;

function schemeBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < 32 && /[A-Za-z0-9+.-]/.test(text[start - 1] ?? '')) start--;
  return text.slice(start, at);
}

// Reference: RFC 3986 "URI Generic Syntax" §3.2.1 (userinfo "user:password" in the authority;
// the RFC deprecates the password part precisely because it leaks).
export const urlCredentials: FormatDetector = {
  trigger: '://',
  info: {
    id: 'url-credentials',
    title: 'Password in URL',
    severity: 'error',
    keywords: ['://'],
    summary:
      'The password of scheme://user:password@host, for any scheme. Ignores ports, templates (${…}, %s), placeholders and documentation hosts (example.com).',
  },
  detect(text: string, at: number, out: RawMatch[]): void {
    // The authority first: almost every URL has no user and fails it at once, while the scheme
    // check walks back a character at a time.
    AUTHORITY.lastIndex = at;
    const m = AUTHORITY.exec(text);
    if (m === null) return;
    const scheme = schemeBefore(text, at);
    if (!/^[A-Za-z][A-Za-z0-9+.-]+$/.test(scheme)) return;
    const [, user = '', password = '', host = ''] = m;
    if (isPlaceholder(password) || isPlaceholder(decodeURIComponentSafe(password))) return;
    // Ports ("host:8080@", multi-host "a.lan:123,b.lan:456@") are not passwords, and
    // documentation hosts carry documentation passwords.
    // A password equal to its user (guest:guest, postgres:postgres) is a local default, not a secret.
    if (/^\d{1,5}(?:,|$)/.test(password) || DOC_HOST.test(host) || /\$|%s|%\(/.test(user) || password === user) return;
    // Without a user (redis://:password@host) a word with a number (`key_1234`, `foobared`) is a sample.
    if (user === '' && (password.length < 8 || /^[A-Za-z]+[_-]?\d{0,4}$/.test(password))) return;
    out.push({
      kind: 'url-credentials',
      title: 'Password in URL',
      secret: password,
      index: at + 3 + user.length + 1,
      priority: Priority.generic,
    });
  },
};

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
