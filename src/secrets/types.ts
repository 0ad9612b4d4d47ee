// Shared shapes for the secret detectors: what a detector reports and how the scanners consume it.

/**
 * How bad a find is. Most credentials are 'error'. 'warning' is for those an attacker cannot use
 * as found: encrypted private keys, test-mode and short-lived tokens, keys public by design.
 */
export type Severity = 'error' | 'warning';

/** One secret found in a text, value or file. `secret` never leaves the process unmasked. */
export interface SecretMatch {
  /** Pattern id, kebab-case, e.g. 'github-token'. */
  kind: string;
  /** Human title, e.g. 'GitHub token'. */
  title: string;
  /** The raw secret; callers must mask it (see maskSecret) before reporting. */
  secret: string;
  /** 1-based line in the scanned text or file. */
  line: number;
  /** Set (to 'warning') only when lower than the default, 'error'. */
  severity?: Severity;
}

/**
 * How specific a detection is. When two detectors report the same secret (a GitHub token that is
 * also the password of a URL), the most specific one names the finding.
 */
export const Priority = {
  /** A provider's documented token format: the kind tells the user exactly what to revoke. */
  format: 0,
  /** A credential file's own syntax (.npmrc, .netrc, …). */
  file: 1,
  /** Generic shapes: passwords in URLs, secret-named assignments, JWTs. */
  generic: 2,
} as const;

/** A detection before line numbers are attached; `index` is relative to the text handed to the detector. */
export interface RawMatch {
  kind: string;
  title: string;
  secret: string;
  index: number;
  priority: number;
  /** Absent means 'error'. */
  severity?: Severity;
  /** Set by line parsers that report a line only once a later one confirmed it: its own place. */
  at?: { line: number; offset: number };
}

/**
 * A single-line detector. The scanner only calls it where its `trigger` (a regex source of cheap
 * literals) matched, so the expensive, specific pattern runs on a handful of positions per file.
 */
export interface Detector {
  /**
   * Regex source for the literal(s) that start every candidate: literals, escaped punctuation,
   * [classes], (?:groups), `|` and `?` only — it must expand to a finite set of strings of at
   * least three characters, which the prefilter's automaton searches for (see prefilter.ts).
   */
  trigger: string;
  /** Inspect the candidate whose trigger starts at `at`; push any confirmed secret to `out`. */
  detect(text: string, at: number, out: RawMatch[]): void;
}

/** What the rule catalogue (and docs/rules/secret-formats.md) says about one kind of secret. */
export interface FormatInfo {
  /** Kebab-case id: the `kind` of every match. */
  id: string;
  title: string;
  severity: Severity;
  /** The case-sensitive literals (or, for a few rules, regex sources) that wake the rule up. */
  keywords: readonly string[];
  /** One line: what it matches, and what it deliberately leaves alone. */
  summary: string;
}
