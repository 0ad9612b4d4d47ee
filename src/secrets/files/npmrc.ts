// .npmrc: registry credentials (_authToken, _auth, _password), global or scoped to a registry URL.
import { isPlaceholder, unquote } from '../placeholders.js';
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

// Reference: npm docs, "npmrc — Auth related configuration" (_auth, _authToken, _password, each
// optionally scoped as //registry.example/:_authToken=…).
// Yarn 1's .yarnrc writes the same settings as `"//registry/:_authToken" "…"` (a blank, not '=').
const AUTH_LINE = /^\s*"?(?:[^\s"]*:)?(_authToken|_auth|_password)"?(?:\s*=\s*|\s+)(.*?)\s*$/;

export const npmrc: CredentialFile = {
  id: 'npmrc-auth',
  title: 'npm registry credential in .npmrc',
  severity: 'error',
  keywords: [],
  paths: '.npmrc, npmrc, Yarn 1 .yarnrc; any INI-like or extensionless file with `//registry/:_authToken=` lines',
  summary: '_authToken, _auth and _password settings, global or scoped to a registry. Ignores ${NPM_TOKEN} references and empty values.',
  matchesPath: (_full, base) => base === '.npmrc' || base === 'npmrc' || base === '.yarnrc', // npmrc: /usr/etc/npmrc, /etc/npmrc (global config)
  sniff: ['plain', 'ini'],
  parser: () => ({
    parse(line, out) {
      if (!line.includes('_auth') && !line.includes('_password')) return;
      const m = AUTH_LINE.exec(line);
      if (m === null) return;
      const value = unquote(m[2] ?? '');
      if (isPlaceholder(value)) return; // ${NPM_TOKEN} is the recommended, safe form
      out.push({
        kind: npmrc.id,
        title: npmrc.title,
        secret: value,
        index: line.lastIndexOf(value),
        priority: Priority.file,
      });
    },
  }),
};
