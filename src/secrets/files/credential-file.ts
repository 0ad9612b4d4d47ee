// The shape every credential-file format is declared in, once: catalogue entry, paths, content
// sniff and parser. Everything else (the path filter, the catalogue, the docs) derives from it.
import type { ConfigSyntax } from '../config/index.js';
import type { LineParser, NestedScan } from '../line-parser.js';
import { Priority, type FormatInfo, type RawMatch, type SecretMatch } from '../types.js';

/** Reads a binary credential file's bytes as they stream (a keystore): never decoded as text. */
export interface BinaryScanner {
  /** The next chunk; false once the scanner needs no more (it decided, or hit its bound). */
  write(chunk: Buffer): boolean;
  /** What was found (line 1: a binary file has no lines). */
  end(): SecretMatch[];
}

/** How many leading bytes a binary format's magic check may look at. */
export const BINARY_MAGIC_BYTES = 32;

export interface CredentialFile extends FormatInfo {
  /** The paths recognised by name, for the catalogue (one line). */
  paths: string;
  /** Judged by a key's name rather than by a credential's own syntax. */
  generic?: boolean;
  /** True when the file is this format by its path alone. */
  matchesPath(full: string, base: string): boolean;
  /**
   * Files of these syntaxes (or without one: 'plain') are also read with this format's parser,
   * which stays quiet until the content shows the format (`"auths"`, `kind: Config`, `<settings>`).
   */
  sniff?: readonly (ConfigSyntax | 'plain')[];
  /** A fresh (stateful) parser; `byPath` says the path already matched, so no content marker is needed. */
  parser(byPath: boolean, path: string): LineParser;
  /**
   * A format of ordinary project or server files (CSV exports, Makefiles, redis.conf, server.xml)
   * rather than a store that only ever holds credentials: packages ship samples of them, so a
   * finding in third-party package content is package content (and, for a generic kind, one in
   * documentation and tests is judged as generic), where an .npmrc dropped there never is.
   */
  projectFile?: boolean;
  /**
   * A binary format, recognised by its first bytes (at most BINARY_MAGIC_BYTES, wherever the file
   * sits and whatever its name) and read by `scanner` instead of the text scanner. Such a format
   * names no path and sniffs no text syntax (`sniff: []`): it is known by content only.
   */
  binary?: { magic(head: Buffer): boolean; scanner(): BinaryScanner };
  /** Rewrites every match of a file this format names by its path (an SSH host key is not a user's key). */
  adjust?(match: SecretMatch): SecretMatch;
}

/**
 * A parser that stays silent until a line matches `marker` (the marker line itself is parsed too).
 * `hint`, a literal every marker line contains, spares the regex on the other lines.
 */
export function afterMarker(marker: RegExp, inner: LineParser, active = false, hint?: string): LineParser {
  return {
    parse(line, out, lineNo, offset) {
      if (!active && ((hint !== undefined && !line.includes(hint)) || !marker.test(line))) return;
      active = true;
      inner.parse(line, out, lineNo, offset);
    },
    ...(inner.end ? { end: (out: RawMatch[]) => inner.end?.(out) } : {}),
    ...(inner.attach ? { attach: (nested: NestedScan) => inner.attach?.(nested) } : {}),
  };
}

/** Re-labels a generic config parser's findings as this credential file's (more specific) kind. */
export function relabel(inner: LineParser, format: { id: string; title: string }): LineParser {
  return {
    parse(line, out, lineNo, offset) {
      const from = out.length;
      inner.parse(line, out, lineNo, offset);
      for (let i = from; i < out.length; i++) out[i] = { ...out[i]!, kind: format.id, title: format.title, priority: Priority.file };
    },
  };
}

/** Several parsers over the same lines. */
export function allOf(parsers: readonly LineParser[]): LineParser | undefined {
  if (parsers.length <= 1) return parsers[0];
  return {
    parse(line, out, lineNo, offset) {
      for (const p of parsers) p.parse(line, out, lineNo, offset);
    },
    end(out) {
      for (const p of parsers) p.end?.(out);
    },
    attach(nested) {
      for (const p of parsers) p.attach?.(nested);
    },
  };
}
