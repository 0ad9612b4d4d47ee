// The shape every credential-file format is declared in, once: catalogue entry, paths, content
// sniff and parser. Everything else (the path filter, the catalogue, the docs) derives from it.
import type { ConfigSyntax } from '../config/index.js';
import type { LineParser, NestedScan } from '../line-parser.js';
import { Priority, type FormatInfo, type RawMatch } from '../types.js';

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
