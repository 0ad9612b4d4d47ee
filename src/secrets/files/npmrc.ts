// .npmrc: registry credentials (_authToken, _auth, _password), global or scoped to a registry URL.
import { isPlaceholder, unquote } from '../placeholders.js';
import type { LineParser } from '../text-scanner.js';
import { Priority } from '../types.js';

// Reference: npm docs, "npmrc — Auth related configuration" (_auth, _authToken, _password, each
// optionally scoped as //registry.example/:_authToken=…).
const AUTH_LINE = /^\s*(?:\S*:)?(_authToken|_auth|_password)\s*=\s*(.*?)\s*$/;

export function npmrcParser(): LineParser {
  return {
    parse(line, out) {
      const m = AUTH_LINE.exec(line);
      if (m === null) return;
      const value = unquote(m[2] ?? '');
      if (isPlaceholder(value)) return; // ${NPM_TOKEN} is the recommended, safe form
      out.push({
        kind: 'npmrc-auth',
        title: 'npm registry credential in .npmrc',
        secret: value,
        index: line.lastIndexOf(value),
        priority: Priority.file,
      });
    },
  };
}
