// .git-credentials: git's "store" helper keeps one https://user:password@host URL per line.
import { isPlaceholder } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { Priority } from '../types.js';

// Reference: Git documentation, "git-credential-store — Storage format" (one URL per line,
// credentials percent-encoded in the userinfo part).
const CREDENTIAL_URL = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/\s]*:([^\s/]+)@/;

export function gitCredentialsParser(): LineParser {
  return {
    parse(line, out) {
      const m = CREDENTIAL_URL.exec(line);
      const password = m?.[1];
      if (m === null || password === undefined || isPlaceholder(password)) return;
      out.push({
        kind: 'git-credentials',
        title: 'Password in .git-credentials',
        secret: password,
        index: m[0].length - 1 - password.length,
        priority: Priority.file,
      });
    },
  };
}
