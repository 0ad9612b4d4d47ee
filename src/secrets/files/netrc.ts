// .netrc / _netrc: machine login credentials used by curl, git, ftp and pip.
import { isPlaceholder } from '../placeholders.js';
import type { LineParser } from '../line-parser.js';
import { Priority } from '../types.js';
import { afterMarker, type CredentialFile } from './credential-file.js';

// Reference: GNU Inetutils manual, "The .netrc file" (whitespace-separated tokens; `password`
// is followed by the password token, possibly on the next line).
function netrcParser(): LineParser {
  let expectPassword = false; // "password" was the last token of the previous line
  let inMacro = false; // macdef bodies run to the next empty line and hold commands, not tokens
  return {
    parse(line, out) {
      if (inMacro) {
        inMacro = line.trim() !== '';
        return;
      }
      const tokens = /\S+/g;
      for (let t = tokens.exec(line); t !== null; t = tokens.exec(line)) {
        const token = t[0];
        if (token.startsWith('#') && !expectPassword) return; // comment to end of line
        if (expectPassword) {
          expectPassword = false;
          if (!isPlaceholder(token)) {
            out.push({ kind: netrc.id, title: netrc.title, secret: token, index: t.index, priority: Priority.file });
          }
        } else if (token === 'password' || token === 'passwd') {
          expectPassword = true;
        } else if (token === 'macdef') {
          inMacro = true;
          return;
        }
      }
    },
  };
}

/**
 * A netrc entry line: `machine HOST login USER` then only netrc tokens, or `machine HOST` alone
 * with a dotted host name, as entries spread over lines start (prose mentioning a machine is not one).
 */
const ENTRY = /^\s*(?:(?:machine\s+\S+|default)\s+login\s+\S+(?:\s+(?:password|passwd|account|port)\s+\S+)*|machine\s+[\w-]+(?:\.[\w-]+)+)\s*$/;

export const netrc: CredentialFile = {
  id: 'netrc-password',
  title: 'Password in .netrc',
  severity: 'error',
  keywords: [],
  paths: '.netrc, _netrc, apt auth.conf and auth.conf.d/*.conf; any extensionless file made of `machine … login … password …` entries',
  summary: 'The token after password/passwd, on the same or the next line. Ignores comments and macdef bodies.',
  // apt reads the same syntax (apt_auth.conf(5)) from /etc/apt/auth.conf and auth.conf.d/*.conf.
  matchesPath: (full, base) => base === '.netrc' || base === '_netrc' || /\/etc\/apt\/auth\.conf(?:\.d\/[^/]+\.conf)?$/.test(full),
  // a shell script writes one with a heredoc (`cat > ~/.netrc <<EOF`)
  sniff: ['plain', 'shell'],
  parser: (byPath) => afterMarker(ENTRY, netrcParser(), byPath),
};
