// .pgpass: PostgreSQL client passwords, one hostname:port:database:username:password per line.
import { isPlaceholder } from '../placeholders.js';
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

/** Offsets of the ':' separators that are not escaped with a backslash. */
function separators(line: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < line.length && at.length < 4; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === ':') at.push(i);
  }
  return at;
}

// Reference: PostgreSQL docs, "The Password File" (libpq: five colon-separated fields, "*" matches
// anything in the first four, "\:" and "\\" escape, lines starting with # are comments).
export const pgpass: CredentialFile = {
  id: 'pgpass-password',
  title: 'Password in .pgpass',
  severity: 'error',
  keywords: [],
  paths: '.pgpass, pgpass.conf; any extensionless file of exact host:port:database:user:password lines',
  summary: 'The fifth field of host:port:database:user:password lines, honouring \\: escapes. Ignores comments and lines with fewer fields.',
  // pgpass.conf: libpq's name on Windows, also used by tooling that copies it around
  matchesPath: (_full, base) => base === '.pgpass' || base === 'pgpass.conf',
  sniff: ['plain'],
  parser: (byPath) => ({
    parse(line, out) {
      // Elsewhere the second field must be a port or `*`: a cheap test spares most lines the field split.
      if (!byPath && !SNIFFED_HEAD.test(line)) return;
      if (/^\s*(?:#|$)/.test(line)) return;
      const cuts = separators(line);
      const last = cuts[3];
      if (last === undefined) return;
      // libpq reads the password up to the next unescaped ':'.
      const end = separators(line.slice(last + 1))[0];
      const password = end === undefined ? line.slice(last + 1) : line.slice(last + 1, last + 1 + end);
      if (isPlaceholder(password)) return;
      if (!byPath && !looksLikeEntry(line, cuts, password)) return;
      out.push({ kind: pgpass.id, title: pgpass.title, secret: password, index: last + 1, priority: Priority.file });
    },
  }),
};

const SNIFFED_HEAD = /^[^:\s#]+:(?:\*|\d{2,5}):/;

/**
 * A line of a file not named .pgpass counts only when it has libpq's exact shape: five fields, a
 * host (or `*`), a port number (or `*`), database and user without blanks, a password of a few
 * characters — not a MAC address, a time, or /etc/passwd (whose second field is `x`).
 */
function looksLikeEntry(line: string, cuts: number[], password: string): boolean {
  if (separators(line.slice((cuts[3] ?? 0) + 1)).length > 0 || password.length < 6 || /\s|^\$/.test(password)) return false;
  const [host = '', port = '', database = '', user = ''] = [0, 1, 2, 3].map((i) => line.slice(i === 0 ? 0 : (cuts[i - 1] ?? 0) + 1, cuts[i]));
  return (
    /^(?:\*|[A-Za-z0-9_.-]*[A-Za-z.][A-Za-z0-9_.-]*)$/.test(host.trim()) &&
    /^(?:\*|\d{2,5})$/.test(port) &&
    /^[^\s:]+$/.test(database) &&
    /^[^\s:]+$/.test(user) &&
    !/^[0-9a-f]{2}$/i.test(host.trim())
  );
}
