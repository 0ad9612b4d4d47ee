// Shared shapes for the secret detectors: what a detector reports and how the scanners consume it.

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
}

/**
 * A single-line detector. The scanner only calls it where its `trigger` (a regex source of cheap
 * literals) matched, so the expensive, specific pattern runs on a handful of positions per file.
 */
export interface Detector {
  /** Regex source (no capture groups) for the literal that starts every candidate. */
  trigger: string;
  /** Inspect the candidate whose trigger starts at `at`; push any confirmed secret to `out`. */
  detect(text: string, at: number, out: RawMatch[]): void;
}
