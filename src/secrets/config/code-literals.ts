// Secret-named string literals in source code (Python, JS/TS, Go, Java, Kotlin, C#, PHP, Ruby,
// Rust, Terraform, Makefiles, …): `apiToken = "…"`, `var dbPassword string = "…"`,
// `"client_secret" => "…"`, `setenv("API_KEY", "…")`. Code is full of secret-named variables
// holding references, test fixtures and words, so only a quoted literal that looks random counts:
// letters and digits mixed, no blanks, and a spread of characters a hand-typed word does not have.
import { SECRET_WORDS, type LineParser } from '../line-parser.js';
import { isFillerToken, isPatternFiller, unquote } from '../placeholders.js';
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

/**
 * A read with a literal fallback before the quote: `os.getenv("X") or "…"`, `process.env.X || "…"`,
 * `ENV.fetch("X") ?? "…"` — the literal is what runs wherever the variable is unset.
 */
const FALLBACK = `(?:[A-Za-z_$][\\w$.]*(?:\\([^()\\n]*\\)|\\[[^\\]\\n]*\\])?[ \\t]*(?:\\|\\||\\?\\?|\\?:|or)[ \\t]*)?`;
const NAME = `(?<key>[A-Za-z_$][\\w$.-]{0,80}?)(?:\\\\?["'\`])?\\]?(?:(?:[ \\t]*:[ \\t]*|[ \\t]+)[A-Za-z][\\w.]*(?:<[\\w., ]*>|\\[\\])?(?=[ \\t]*[:=]))?[ \\t]*`;
/** Characters of a literal credential: base64 and URL-safe alphabets and the symbols passwords use. */
const VALUE = `[A-Za-z0-9_.=+/~@#%^!*$-]`;
const ASSIGNMENT = new RegExp(
  `${NAME}(?:=>|:{1,3}=|\\|\\|=|\\?\\?=|[?+.]?=|:|,)[ \\t]*${FALLBACK}(?:[@rbuf]{0,2})\\\\?(?<q>["'\`])(?<value>${VALUE}{8,200})\\\\?\\k<q>`,
  'y',
);
/**
 * Where values go unquoted (Makefiles): `API_TOKEN := …`, `PASSWORD ?= …`.
 * The value runs to a blank, a comma or the end of the line.
 */
const UNQUOTED = new RegExp(`${NAME}(?::{1,3}=|[?+!]?=|:|,)[ \\t]*(?<value>${VALUE}{8,200})(?=$|[\\s,;])`, 'y');

/** Bits per character: random keys of these lengths carry more than 3.3, words and versions less. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/**
 * Sample tokens published in specifications and copied into libraries' docstrings: OAuth 2.0
 * (RFC 6749 §4.1.4, §5.1) and OAuth 1.0 (RFC 5849 §1.2 and the Authorization header of §3.5.1).
 */
const PUBLISHED_SAMPLES = new Set([
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'dpf43f3p2l4k3l03',
  'kd94hf93k423kf44',
  'hh5s93j4hdidpola',
  'hdhd0244k9j7ao03',
  'nnch734d00sl2jdk',
  'pfkkdhi9sl3r4s00',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
]);

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

/** Last words of a name that hold a password, which people type rather than generate. */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'pw']);

/**
 * A typed password: 8 or more characters with letters, digits and a symbol (`p@ss#W0rd!x9`), with
 * no character repeated much. Words with a digit appended (`Summer2024`) need the symbol too.
 */
function isTypedPassword(value: string): boolean {
  if (value.length < 8 || value.length > 64 || !/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  if (!/[^A-Za-z0-9]/.test(value.replace(/^[A-Za-z0-9]+[-_.]|[-_.][A-Za-z0-9]+$/g, ''))) return false;
  return new Set(value).size >= Math.min(8, value.length * 0.6);
}

/** True when `value` under `key` looks like a credential typed into code, not a word, path or fixture. */
export function isCodeSecret(key: string, value: string): boolean {
  const name = key.slice(key.lastIndexOf('.') + 1);
  if (!isSecretName(name)) return false;
  const words = keyWords(name);
  // Names that describe rather than hold (tokenizer, password_label, secret_name) were refused by isSecretName.
  if (words.some((w) => w === 'test' || w === 'example' || w === 'dummy' || w === 'fake' || w === 'mock')) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // A value with a provider's prefix is that provider's to judge: its format found it, or refused
  // it as a published example or a filler.
  if (providerPrefixed(value) || PUBLISHED_SAMPLES.has(value)) return false;
  if (isFillerToken(value) || isPatternFiller(value)) return false;
  if (value.length < 16) {
    // Short values count only as typed passwords under a password's name.
    if (!PASSWORD_WORDS.has(words[words.length - 1] ?? '') || !isTypedPassword(value)) return false;
  } else if (value.length < 24 && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) {
    // Short single-case values need more evidence: sample tokens in docstrings are often lower
    // case and digits, a generated one spreads over many characters and several digits.
    if (entropy(value) < 3.5 || (value.match(/[0-9]/g)?.length ?? 0) < 3) return false;
  } else if (entropy(value) < 3.3) return false;
  return isLiteralSecretValue(name, value);
}

export interface CodeLiteralOptions {
  /** Values may go unquoted (Makefiles): `API_TOKEN := …`. */
  unquoted?: boolean;
}

/** Makefiles assign unquoted values (`API_TOKEN := …`); elsewhere an unquoted word is too weak a sign. */
const UNQUOTED_NAMES = /^(?:(?:gnu)?makefile|.*\.mk)$/i;
const TABLE_NAMES = /\.(?:csv|tsv)$/i;

/** The parser for a source or plain-text file: code literals, unquoted where the syntax has them, or CSV cells. */
export function sourceCodeParser(baseName: string): LineParser {
  if (TABLE_NAMES.test(baseName)) return csvParser();
  return codeLiteralParser({ unquoted: UNQUOTED_NAMES.test(baseName) });
}

export function codeLiteralParser(options: CodeLiteralOptions = {}): LineParser {
  const unquoted = options.unquoted === true;
  return {
    secretWordLinesOnly: true,
    parse(line, out) {
      // A literal needs a quote; most lines of code have none, or no secret word.
      if (line.length < 12 || (!unquoted && line.indexOf('"') === -1 && line.indexOf("'") === -1 && line.indexOf('`') === -1)) return;
      WORD.lastIndex = 0;
      let after = 0; // names before this index were tried already
      for (let w = WORD.exec(line); w !== null; w = WORD.exec(line)) {
        let start = w.index;
        while (start > after && NAME_CHAR.test(line[start - 1] ?? '')) start--;
        if (start < after) continue;
        ASSIGNMENT.lastIndex = start;
        let m = ASSIGNMENT.exec(line);
        let end = ASSIGNMENT.lastIndex;
        if (m === null && unquoted) {
          UNQUOTED.lastIndex = start;
          m = UNQUOTED.exec(line);
          end = UNQUOTED.lastIndex;
        }
        if (m === null) continue;
        after = end;
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

/**
 * CSV and TSV rows: a cell that names a credential followed by its value (`deploy_token,…`), and
 * the columns of a header row that name one (`name,api_key,created`) in the rows below it. Values
 * are judged as code literals are: random-looking, or a typed password under a password's name.
 */
export function csvParser(): LineParser {
  let header: string[] | undefined;
  let secretColumns: number[] = [];
  let first: string | undefined;
  return {
    parse(line, out) {
      const separator = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
      const cells = line.split(separator);
      if (header === undefined) {
        header = cells.map((c) => unquote(c));
        first = line;
        secretColumns = header.flatMap((name, i) => (/^[A-Za-z_][\w .-]{0,40}$/.test(name) && isSecretName(name) ? [i] : []));
      }
      let at = 0;
      const offsets = cells.map((c) => {
        const o = at;
        at += c.length + 1;
        return o;
      });
      const report = (key: string, i: number): void => {
        const raw = cells[i] ?? '';
        const value = unquote(raw);
        if (/\s/.test(value) || !isCodeSecret(key, value)) return;
        out.push({ ...CODE_SECRET, secret: value, index: (offsets[i] ?? 0) + raw.indexOf(value), priority: Priority.generic });
      };
      if (line !== first) for (const i of secretColumns) report(header[i] ?? '', i);
      if (!SECRET_WORD_IN_CELL.test(line)) return;
      for (let i = 0; i + 1 < cells.length; i++) {
        const key = unquote(cells[i] ?? '');
        if (!(line !== first && secretColumns.includes(i + 1)) && /^[A-Za-z_][\w.-]{0,60}$/.test(key) && isSecretName(key)) report(key, i + 1);
      }
    },
  };
}

const SECRET_WORD_IN_CELL = new RegExp(SECRET_WORDS.join('|'), 'i');
