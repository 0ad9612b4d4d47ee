// The catalogue of every kind of secret the library reports: provider formats, key blocks,
// credential files and generic rules. docs/rules/secret-formats.md is generated from it and
// meta-tests hold every entry to a doc line and corpus cases. The scanner itself uses only the
// detector list (formats/detectors.ts) and the credential-file list (files/index.ts).
import { FILE_FORMATS } from './files/index.js';
import { GENERIC_DETECTORS, PROVIDER_DETECTORS } from './formats/detectors.js';
import type { FormatInfo } from './formats/token.js';
import { KEY_BLOCK_FORMATS } from './pem.js';

/** How a kind of secret is found. */
export type FormatSource = 'token' | 'key-block' | 'file' | 'generic';

export interface SecretFormat extends FormatInfo {
  source: FormatSource;
  /** For credential files: the paths whose syntax is parsed. */
  paths?: string;
}

/** Judged by a key's name rather than the value's shape (scanValue / scanEnv and .env files). */
const NAMED_VALUE_FORMATS: SecretFormat[] = [
  {
    id: 'secret-assignment',
    title: 'Secret-named assignment',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary:
      'KEY=value in history lines and label values where the key names a credential (PASSWORD, API_KEY, …) and the value is a literal. Ignores placeholders, ${VAR} references, code that reads the value, paths, URLs, fingerprints and prose.',
  },
  {
    id: 'secret-named-env',
    title: 'Secret in environment variable',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary:
      'An ENV entry or build arg whose name says credential and whose value is a literal, when no format above names it. Same filters as secret-assignment.',
  },
  {
    id: 'secret-config-value',
    title: 'Secret-named value in config file',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary:
      'A value whose key path names a credential (password, client_secret, api.key, spring.datasource.password, …) in YAML, JSON (also a member escaped inside a string), XML (also an element whose text is on the next line), INI/TOML/.properties, Terraform/HCL, shell assignments, `docker run -e KEY=…` and `--password=…`/`--token …` options in scripts and Dockerfile RUN lines, and Dockerfile ENV/ARG, read line by line with the enclosing keys. Ignores placeholders, ${…}/{{…}}/%(…)s/$VAR references, encrypted values (ENC[…], {cipher}, !vault), names made of lower-case words, public and CSRF tokens, labels and prose.',
  },
  {
    id: 'secret-code-literal',
    title: 'Secret-named literal in source code',
    severity: 'error',
    keywords: [],
    source: 'generic',
    summary:
      "A quoted literal assigned to a secret-named variable, field, map key or call argument in source code (Python, JS/TS, Go, Java, Kotlin, C#, PHP, Ruby, Rust, Makefiles, …), in any of their assignment forms (also PHP `??=`, a literal fallback after `getenv(…) or` / `process.env.X ||`, and unquoted Makefile values), and CSV cells after a secret-named cell or under a secret-named header. Only values that look random count: letters and digits mixed, no blanks, high character entropy — or, under a password's name, a typed password of 8+ characters with letters, digits and a symbol. Ignores references, placeholders, words, fillers and names with test/example/dummy/fake/mock.",
  },
];

/** Every kind of secret the library reports: provider formats, key blocks, files, then generic rules. */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  ...PROVIDER_DETECTORS.map((d) => ({ ...d.info, source: 'token' as const })),
  ...KEY_BLOCK_FORMATS.map((f) => ({ ...f, source: 'key-block' as const })),
  ...FILE_FORMATS.filter((f) => f.generic !== true).map(({ generic: _, ...f }) => ({ ...f, source: 'file' as const })),
  ...GENERIC_DETECTORS.map((d) => ({ ...d.info, source: 'generic' as const })),
  ...FILE_FORMATS.filter((f) => f.generic === true).map(({ generic: _, ...f }) => ({ ...f, source: 'generic' as const })),
  ...NAMED_VALUE_FORMATS,
];
