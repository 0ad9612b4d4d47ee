// Secret-named string literals in source code (Python, JS/TS, Go, Java, Kotlin, C#, PHP, Ruby,
// Rust, Terraform, Makefiles, …): `apiToken = "…"`, `var dbPassword string = "…"`,
// `"client_secret" => "…"`, `setenv("API_KEY", "…")`. Code is full of secret-named variables
// holding references, test fixtures and words, so only a quoted literal that looks random counts:
// letters and digits mixed, no blanks, and a spread of characters a hand-typed word does not have.
import { SECRET_WORDS, type LineParser } from '../line-parser.js';
import { isFillerToken, isPatternFiller } from '../placeholders.js';
import { triggerKeywords } from '../prefilter.js';
import { isLiteralSecretValue, isSecretName, keyWords } from '../secret-names.js';
import { Priority } from '../types.js';

export const CODE_SECRET = { kind: 'secret-code-literal', title: 'Secret-named literal in source code' } as const;

/** Extensions (and names) of source files read with this parser; config syntaxes have their own. */
const CODE_EXTENSIONS = new Set([
  'py',
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'mts',
  'cts',
  'tsx',
  'go',
  'java',
  'kt',
  'kts',
  'scala',
  'groovy',
  'gradle',
  'cs',
  'vb',
  'fs',
  'php',
  'rb',
  'rs',
  'swift',
  'dart',
  'lua',
  'pl',
  'pm',
  'ex',
  'exs',
  'erl',
  'c',
  'cc',
  'cpp',
  'h',
  'hpp',
  'm',
  'r',
  'jl',
  'clj',
  'tf',
  'tfvars',
  'hcl',
  'mk',
  'ps1',
  'psm1',
  'bat',
  'cmd',
  'vue',
  'svelte',
  'sql',
]);
const CODE_NAMES = new Set(['makefile', 'gnumakefile', 'rakefile', 'gemfile', 'vagrantfile', 'jenkinsfile', 'justfile']);

/** True when `baseName` is a source file this parser reads. */
export function isSourceCode(baseName: string): boolean {
  const lower = baseName.toLowerCase();
  if (CODE_NAMES.has(lower)) return true;
  const dot = lower.lastIndexOf('.');
  return dot > 0 && CODE_EXTENSIONS.has(lower.slice(dot + 1)) && !/\.min\.[cm]?js$/.test(lower);
}

/**
 * A name, then what languages put between a name and its value: a closing quote or subscript,
 * a declared type (`string`, `: String`), an operator (`=`, `:=`, `::=`, `?=`, `+=`, `.=`, `=>`,
 * `:`, `,` of a call), then a quoted literal (quotes possibly escaped inside another string).
 */
/** Words a secret-named identifier contains, found first so the assignment is tried only where one starts. */
const WORD = new RegExp(SECRET_WORDS.join('|'), 'gi');
/** Characters of an identifier (and the dots and dashes of a config key): where a name starts when walking back. */
const NAME_CHAR = /[\w$.-]/;

const ASSIGNMENT =
  /(?<key>[A-Za-z_$][\w$.-]{0,80}?)(?:\\?["'`])?\]?(?:(?:[ \t]*:[ \t]*|[ \t]+)[A-Za-z][\w.]*(?:<[\w., ]*>|\[\])?(?=[ \t]*[:=]))?[ \t]*(?:=>|:{1,3}=|\|\|=|[?+.]?=|:|,)[ \t]*(?:[@rbuf]{0,2})\\?(?<q>["'`])(?<value>[A-Za-z0-9_.=+/~@#%^!*-]{16,200})\\?\k<q>/y;

/** Bits per character: random keys of these lengths carry more than 3.3, words and versions less. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** Sample tokens published in specifications and copied into libraries' docstrings (RFC 6749 §4.1.4, §5.1). */
const PUBLISHED_SAMPLES = new Set(['2YotnFZFEjr1zCsicMWpAA', 'tGzv3JOkF0XG5Qx2TlKWIA']);

let prefixes: RegExp | undefined;
function providerPrefixed(value: string): boolean {
  prefixes ??= new RegExp(
    `^(?:${triggerKeywords()
      .filter((k) => k.length >= 3 && /^[A-Za-z0-9]/.test(k) && /[^A-Za-z]/.test(k))
      .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
  );
  return prefixes.test(value);
}

/** True when `value` under `key` looks like a credential typed into code, not a word, path or fixture. */
export function isCodeSecret(key: string, value: string): boolean {
  const name = key.slice(key.lastIndexOf('.') + 1);
  if (!isSecretName(name)) return false;
  const words = keyWords(name);
  // Names that describe rather than hold (tokenizer, password_label, secret_name) were refused by isSecretName.
  if (words.some((w) => w === 'test' || w === 'example' || w === 'dummy' || w === 'fake' || w === 'mock')) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // Short values must mix cases too: sample tokens in docstrings are often lower case and digits.
  if (value.length < 24 && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  // A value with a provider's prefix is that provider's to judge: its format found it, or refused
  // it as a published example or a filler.
  if (providerPrefixed(value) || PUBLISHED_SAMPLES.has(value)) return false;
  if (entropy(value) < 3.3 || isFillerToken(value) || isPatternFiller(value)) return false;
  return isLiteralSecretValue(name, value);
}

export function codeLiteralParser(): LineParser {
  return {
    secretWordLinesOnly: true,
    parse(line, out) {
      // A literal needs a quote; most lines of code have none, or no secret word.
      if (line.length < 24 || (line.indexOf('"') === -1 && line.indexOf("'") === -1 && line.indexOf('`') === -1)) return;
      WORD.lastIndex = 0;
      let after = 0; // names before this index were tried already
      for (let w = WORD.exec(line); w !== null; w = WORD.exec(line)) {
        let start = w.index;
        while (start > after && NAME_CHAR.test(line[start - 1] ?? '')) start--;
        if (start < after) continue;
        ASSIGNMENT.lastIndex = start;
        const m = ASSIGNMENT.exec(line);
        if (m === null) continue;
        after = ASSIGNMENT.lastIndex;
        WORD.lastIndex = after;
        const key = m.groups?.['key'] ?? '';
        const value = m.groups?.['value'] ?? '';
        if (isCodeSecret(key, value)) {
          out.push({ ...CODE_SECRET, secret: value, index: m.index + m[0].lastIndexOf(value), priority: Priority.generic });
        }
      }
    },
  };
}
