// The contract between the text scanner and the parsers of credential and config files, on its own
// so the parsers (files/*, config/*) need not import the scanner that the detector list feeds.
import type { RawMatch, SecretMatch } from './types.js';

/**
 * Parses complete lines of a credential or config file (.npmrc, YAML, …). Indexes are
 * line-relative, unless a match carries its own `at` (a finding confirmed only by a later line).
 */
export interface LineParser {
  /** `lineNo` is 1-based; `offset` is the line's global offset (for matches reported later, with `at`). */
  parse(line: string, out: RawMatch[], lineNo: number, offset: number): void;
  /** The file ended: report what was held back waiting for confirmation. */
  end?(out: RawMatch[]): void;
  /** Given a way to scan a decoded value (a Kubernetes Secret's base64 data) with every detector. */
  attach?(nested: NestedScan): void;
  /**
   * True when the parser keeps nothing between lines and finds nothing on a line without one of
   * SECRET_WORDS (in any case): the scanner then hands it only the lines the trigger pass saw such a
   * word on, and skips splitting the rest of the text into lines.
   */
  secretWordLinesOnly?: boolean;
}

/** Words a secret-named identifier contains (pass covers password and passwd, key apiKey, …). */
export const SECRET_WORDS: readonly string[] = ['pass', 'pwd', 'secret', 'token', 'key', 'cred', 'auth'];

/** Scans a whole (small) text with every detector and, optionally, a line parser. */
export type NestedScan = (text: string, lineParser?: LineParser) => SecretMatch[];
