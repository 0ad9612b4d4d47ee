// Formats of ordinary project files that sometimes hold a credential: CSV exports with a password
// column, Makefile assignments, Django settings, SQL that sets a password (scripts and the mysql
// and psql histories). Their paths do not make them credential files (`projectFile`): in docs,
// tests and third-party packages their findings are judged as generic ones.
import { codeLiteralParser, csvParser, isSourceCode } from '../config/code-literals.js';
import type { LineParser } from '../line-parser.js';
import { isPlaceholder, unquote } from '../placeholders.js';
import { isLiteralSecretValue, isSecretAssignment, isSecretName, keyWords } from '../secret-names.js';
import { Priority, type RawMatch } from '../types.js';
import { allOf, type CredentialFile } from './credential-file.js';

const push = (out: RawMatch[], format: CredentialFile, secret: string, line: string, from = 0): void =>
  void out.push({ kind: format.id, title: format.title, secret, index: Math.max(0, line.indexOf(secret, from)), priority: Priority.generic });

/** A header naming the credential itself, not something about it (password_last_changed, token_expires). */
const CREDENTIAL_COLUMN = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'key', 'credential']);

/** Splits one CSV/TSV record (RFC 4180 quoting: "a ""b""", c). */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (c === separator) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

// Reference: RFC 4180 "Common Format and MIME Type for CSV Files" (a header record naming the
// fields, then records; quotes around fields with separators). Password managers and admin tools
// export user:password lists this way (a "password" column).
export const csvCredentials: CredentialFile = {
  id: 'csv-password-column',
  title: 'Password in CSV export',
  severity: 'error',
  keywords: [],
  paths: '*.csv, *.tsv',
  generic: true,
  projectFile: true,
  summary:
    'Values of a column whose header names the credential itself (password, secret, token, api_key, …; comma, semicolon, tab or bar separated, quoted or not). Ignores columns about the credential (password_last_changed), placeholders and references.',
  matchesPath: (_full, base) => /\.(?:csv|tsv)$/i.test(base),
  parser: () => {
    let columns: { index: number; name: string }[] | undefined;
    let separator = ',';
    const csv: LineParser = {
      parse(line, out) {
        if (line.trim() === '') return;
        if (columns === undefined) {
          separator = [',', ';', '\t', '|'].reduce((best, s) => (line.split(s).length > line.split(best).length ? s : best), ',');
          columns = cells(line, separator)
            .map((name, index) => ({ index, name }))
            .filter(({ name }) => {
              const words = keyWords(name);
              return isSecretName(name) && CREDENTIAL_COLUMN.has(words[words.length - 1] ?? '') && !(words.length === 1 && words[0] === 'key');
            });
          return;
        }
        if (columns.length === 0) return;
        const row = cells(line, separator);
        for (const { index, name } of columns) {
          const value = row[index];
          if (value === undefined || value.includes(' ') || !isLiteralSecretValue(name, value)) continue;
          push(out, csvCredentials, value, line);
        }
      },
    };
    // Then the generic cells: a secret-named key beside its value in a row without such a header.
    return allOf([csv, csvParser()])!;
  },
};

// Reference: GNU make manual, "The Two Flavors of Variables" and "Setting Variables" (NAME = value,
// :=, ::=, :::=, ?=, +=; `override` and `export` before the name; != runs a shell command).
const MAKE_ASSIGNMENT = /^\s*(?:(?:export|override)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(:{1,3}=|\?=|\+=|=)\s*(.*?)\s*$/;

export const makefileVariable: CredentialFile = {
  id: 'makefile-secret',
  title: 'Secret in Makefile variable',
  severity: 'error',
  keywords: [],
  paths: 'Makefile, GNUmakefile, *.mk',
  generic: true,
  projectFile: true,
  summary:
    'A secret-named variable assigned a literal, quoted or not (DB_PASSWORD := …, TOKEN ?= …). Ignores values that expand variables or run commands ($(…), ${…}), placeholders and recipe lines.',
  matchesPath: (_full, base) => base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || /\.mk$/.test(base),
  parser: () =>
    allOf([
      // First: a random literal stays a secret-code-literal, as in any source file (quoted or not in make).
      codeLiteralParser({ unquoted: true }),
      {
        parse(line, out) {
          if (line.startsWith('\t') || !line.includes('=')) return;
          const m = MAKE_ASSIGNMENT.exec(line);
          if (m === null) return;
          const raw = (m[3] ?? '').replace(/\s+#.*$/, '');
          if (raw.includes('$')) return;
          const value = unquote(raw);
          if (isSecretAssignment(m[1]!, value)) push(out, makefileVariable, value, line, m.index + m[1]!.length);
        },
      },
    ])!,
};

/**
 * A generated key draws from a-z0-9!@#$%^&*(-_=+), so at startproject's length a `%s` or `{x}` in it
 * is chance, not a template: long keys are placeholders only when they say so in words.
 */
function isPlaceholderKey(value: string): boolean {
  if (value.length < 40) return isPlaceholder(value);
  return /^(.)\1+$/.test(value) || /change|replace|your|example|dummy|sample|secret-key/i.test(value);
}

// Reference: Django docs, "Settings — SECRET_KEY" (signs sessions, password reset tokens and
// messages; `startproject` writes a 50-character random key into settings.py) and "Deployment
// checklist" (read it from the environment instead).
export const djangoSettings: CredentialFile = {
  id: 'django-settings-secret-key',
  title: 'Django SECRET_KEY in settings',
  severity: 'error',
  keywords: [],
  paths: 'settings.py, local_settings.py, settings/*.py',
  generic: true,
  projectFile: true,
  summary:
    'A literal SECRET_KEY of at least 20 characters (any characters: startproject keys hold punctuation). Ignores keys read from the environment and placeholders.',
  matchesPath: (full, base) => /^(?:local_|prod_|production_)?settings\.py$/.test(base) || /\/settings\/[^/]+\.py$/.test(full),
  parser: () =>
    allOf([
      {
        parse(line, out) {
          if (!line.includes('SECRET_KEY')) return;
          const m = /^\s*SECRET_KEY\s*=\s*(?:[rbu]?)(["'])((?:\\.|(?!\1).){20,})\1/.exec(line);
          const value = m?.[2];
          if (value !== undefined && !/\s/.test(value) && !isPlaceholderKey(value)) push(out, djangoSettings, value, line);
        },
      },
      codeLiteralParser(),
    ])!,
};

// Reference: MySQL docs, "CREATE USER" / "ALTER USER" (IDENTIFIED BY 'auth_string'; IDENTIFIED BY
// PASSWORD '*hash' and IDENTIFIED WITH … AS 'hash' hold hashes) and "mysql Client Logging"
// (~/.mysql_history, spaces written as \040); PostgreSQL docs, "CREATE ROLE" ([ENCRYPTED] PASSWORD
// 'password'; md5… and SCRAM-SHA-256$… are hashes) and psql's ~/.psql_history.
const SQL_PASSWORD = /\bIDENTIFIED\s+(?:WITH\s+\S+\s+)?BY\s+'((?:''|[^'])+)'|\bPASSWORD\s*(?:=\s*)?(?:PASSWORD\s*\(\s*)?'((?:''|[^'])+)'/i;

export const sqlPassword: CredentialFile = {
  id: 'sql-password',
  title: 'Password in SQL statement',
  severity: 'error',
  keywords: [],
  paths: '.mysql_history, .psql_history, *.sql',
  generic: true,
  projectFile: true,
  summary:
    "Passwords set by CREATE/ALTER USER … IDENTIFIED BY '…', CREATE/ALTER ROLE … PASSWORD '…' and SET PASSWORD, also in mysql's \\040-escaped history. Ignores password hashes (IDENTIFIED BY PASSWORD, md5…, SCRAM-SHA-256$…) and placeholders.",
  matchesPath: (_full, base) => base === '.mysql_history' || base === '.psql_history' || /\.sql$/i.test(base),
  parser: (_byPath, path) => {
    const sql: LineParser = {
      parse(raw, out) {
        if (!/identified|password/i.test(raw)) return;
        const line = raw.includes('\\040') ? raw.replace(/\\040/g, ' ') : raw;
        const m = SQL_PASSWORD.exec(line);
        const value = (m?.[1] ?? m?.[2])?.replace(/''/g, "'");
        if (value === undefined || value.length < 4 || isPlaceholder(value) || /^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$|\*[0-9A-F]{40}$)/.test(value))
          return;
        out.push({
          kind: sqlPassword.id,
          title: sqlPassword.title,
          secret: value,
          index: Math.max(0, raw.indexOf(value)),
          priority: Priority.generic,
        });
      },
    };
    return isSourceCode(path.slice(path.lastIndexOf('/') + 1)) ? allOf([sql, codeLiteralParser()])! : sql;
  },
};
