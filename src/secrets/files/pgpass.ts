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
  paths: '.pgpass, pgpass.conf',
  summary: 'The fifth field of host:port:database:user:password lines, honouring \\: escapes. Ignores comments and lines with fewer fields.',
  // pgpass.conf: libpq's name on Windows, also used by tooling that copies it around
  matchesPath: (_full, base) => base === '.pgpass' || base === 'pgpass.conf',
  parser: () => ({
    parse(line, out) {
      if (/^\s*(?:#|$)/.test(line)) return;
      const cuts = separators(line);
      const last = cuts[3];
      if (last === undefined) return;
      const password = line.slice(last + 1);
      if (isPlaceholder(password)) return;
      out.push({ kind: pgpass.id, title: pgpass.title, secret: password, index: last + 1, priority: Priority.file });
    },
  }),
};
