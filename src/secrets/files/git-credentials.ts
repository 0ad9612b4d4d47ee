// .git-credentials: git's "store" helper keeps one https://user:password@host URL per line.
import { isPlaceholder } from '../placeholders.js';
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

// Reference: Git documentation, "git-credential-store — Storage format" (one URL per line,
// credentials percent-encoded in the userinfo part).
const CREDENTIAL_URL = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/\s]*:([^\s/]+)@/;

export const gitCredentials: CredentialFile = {
  id: 'git-credentials',
  title: 'Password in .git-credentials',
  severity: 'error',
  keywords: [],
  paths: '.git-credentials (elsewhere, its URLs are found as url-credentials)',
  summary: 'The password of each stored https://user:password@host line. Ignores lines without one.',
  matchesPath: (_full, base) => base === '.git-credentials',
  parser: () => ({
    parse(line, out) {
      const m = CREDENTIAL_URL.exec(line);
      const password = m?.[1];
      if (m === null || password === undefined || isPlaceholder(password)) return;
      out.push({
        kind: gitCredentials.id,
        title: gitCredentials.title,
        secret: password,
        index: m[0].length - 1 - password.length,
        priority: Priority.file,
      });
    },
  }),
};
