// .env files: KEY=VALUE lines loaded into a process's environment by dotenv and compose.
import { unquote } from '../placeholders.js';
import { isSecretAssignment } from '../secret-names.js';
import { Priority } from '../types.js';
import type { CredentialFile } from './credential-file.js';

// Reference: dotenv (motdotla/dotenv) README, "Rules" and Docker Compose docs "Set environment
// variables — .env file syntax" (optional `export`, quoted or unquoted values, `#` comments).
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** The value as dotenv reads it: quoted text verbatim, unquoted text up to a " #" comment. */
function dotenvValue(raw: string): string {
  const text = raw.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = text.indexOf(quote, 1);
    return close === -1 ? text.slice(1) : text.slice(1, close);
  }
  return unquote(text.replace(/\s+#.*$/, ''));
}

/** .env variants that are templates to copy, not configuration in use. */
const DOTENV_TEMPLATE = /(?:^|[.\-_])(?:example|examples|sample|samples|template|templates|tpl|tmpl|dist|defaults|schema)(?:$|[.\-_])/i;

/**
 * Key material written as `base64:…` under a *_KEY name: Laravel's APP_KEY (`php artisan
 * key:generate`; reference: Laravel docs, "Configuration — Application key" and "Encryption").
 */
function isEncodedKey(key: string, value: string): boolean {
  return /(?:^|_)KEY$/i.test(key) && /^base64:[A-Za-z0-9+/]{32,}={0,2}$/.test(value);
}

export const dotenv: CredentialFile = {
  id: 'dotenv-secret',
  title: 'Secret in .env file',
  severity: 'error',
  keywords: [],
  paths: '.env, .env.*, *.env (not .env.example, .sample, .template, …)',
  generic: true,
  summary: 'KEY=value lines whose key names a credential and whose value is a literal. Ignores templates, ${VAR} references, placeholders and paths.',
  matchesPath: (_full, base) =>
    (base === '.env' || /^\.env\.[^/]+$/.test(base) || /^[^/]+\.env$/.test(base)) && !DOTENV_TEMPLATE.test(base.replace(/^\.env/, '')),
  parser: () => ({
    parse(line, out) {
      const m = ASSIGNMENT.exec(line);
      if (m === null) return;
      const key = m[1] ?? '';
      const value = dotenvValue(m[2] ?? '');
      if (!isSecretAssignment(key, value) && !isEncodedKey(key, value)) return;
      out.push({
        kind: dotenv.id,
        title: dotenv.title,
        secret: value,
        index: Math.max(0, line.indexOf(value, line.indexOf('='))),
        priority: Priority.file,
      });
    },
  }),
};
