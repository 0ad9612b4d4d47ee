// Scanning of image metadata: free-text values (history, labels) and Config.Env entries.
import { codeLiteralParser } from './config/code-literals.js';
import { isSecretAssignment } from './secret-names.js';
import { TextScanner } from './text-scanner.js';
import type { SecretMatch } from './types.js';

/**
 * KEY=VALUE pairs inside free text: `ENV DB_PASSWORD=…`, the `|2 NPM_TOKEN=… /bin/sh -c` prefix
 * Docker writes for build args, `--password=…` flags. Keys may start with dashes (CLI flags);
 * values are quoted, or run to whitespace or a shell operator (a Python `%(name)s` is one piece).
 */
const ASSIGNMENT = /(?<![\w$.-])(-{0,2}[A-Za-z_][\w.-]*)=("[^"\n]*"|'[^'\n]*'|(?:%\(\w+\)[sdifr]|[^\s"';&|)`])+)/g;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Add `extra` matches whose secret no format already reported (a format says what to revoke). */
function mergeFirst(text: string, primary: SecretMatch[], extra: SecretMatch[]): SecretMatch[] {
  const known = new Set(primary.map((m) => m.secret));
  const merged = [...primary];
  for (const m of extra) {
    if (known.has(m.secret)) continue;
    known.add(m.secret);
    merged.push(m);
  }
  const at = (m: SecretMatch): number => text.indexOf(m.secret);
  return merged.sort((a, b) => a.line - b.line || at(a) - at(b));
}

/** Free text (a history created_by line, a label value): every format, plus secret-named assignments. */
export function scanValue(text: string): SecretMatch[] {
  // A label or history line can carry pasted code: `apiToken = "…"` counts as it would in a file.
  const scanner = new TextScanner({ lineParser: codeLiteralParser() });
  scanner.push(text);
  const formats = scanner.finish();
  const assignments: SecretMatch[] = [];
  for (const m of text.matchAll(ASSIGNMENT)) {
    const [, key = '', rawValue = ''] = m;
    const value = /^["']/.test(rawValue) ? rawValue.slice(1, -1) : rawValue;
    if (!isSecretAssignment(key, value)) continue;
    assignments.push({ kind: 'secret-assignment', title: 'Secret-named assignment', secret: value, line: lineOf(text, m.index) });
  }
  return mergeFirst(text, formats, assignments);
}

/**
 * One Config.Env entry or build arg. The value runs through every format (with its key in front,
 * so keyword-anchored formats like the AWS secret key see their keyword); a secret-named key
 * holding a literal value is reported even when the value has no known format.
 */
export function scanEnv(key: string, value: string): SecretMatch[] {
  const scanner = new TextScanner();
  scanner.push(`${key}=${value}`);
  const formats = scanner.finish();
  if (!isSecretAssignment(key, value)) return formats;
  const named: SecretMatch = { kind: 'secret-named-env', title: 'Secret in environment variable', secret: value, line: 1 };
  return mergeFirst(value, formats, [named]);
}
