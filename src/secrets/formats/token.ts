// Builds detectors for credentials that a provider documents by a fixed shape: a literal prefix
// (ghp_, npm_, xoxb-, …), a literal marker inside the token (…T3BlbkFJ…, .atlasv1.) or, for values
// with no shape of their own, a keyword they are assigned to (DD_API_KEY=…).
import { isFillerToken } from '../placeholders.js';
import { Priority, type Detector, type FormatInfo, type RawMatch, type Severity } from '../types.js';

export type { FormatInfo } from '../types.js';

/** A detector that knows its catalogue entry. */
export interface FormatDetector extends Detector {
  readonly info: FormatInfo;
}

/** Where the candidate sits, for confirmations that look at the surrounding text. */
export interface MatchContext {
  text: string;
  /** Offset of the first character of the whole match (not only the secret). */
  start: number;
  match: RegExpExecArray;
}

export interface PrefixedTokenSpec {
  kind: string;
  title: string;
  /** Default 'error'; 'warning' for credentials that expire quickly, are public by design or locked. */
  severity?: Severity;
  /**
   * Literal trigger strings, case-sensitive, each distinctive enough that ordinary text rarely
   * contains it. They feed the scanner's single combined prefilter regex.
   */
  keywords?: readonly string[];
  /**
   * Regex source of the trigger, for the few rules whose keyword needs a class ([sS]ecret…,
   * SK[0-9a-f]…); its top-level alternatives are what the catalogue lists as keywords.
   */
  trigger?: string;
  /**
   * Sticky pattern(s) tried at the trigger position (or where `lookback` moved it). The secret is
   * the named group `secret` when there is one, else group 1, else the whole match; it must end
   * the match. Several patterns are tried in order; the first that matches wins.
   */
  pattern: RegExp | readonly RegExp[];
  /**
   * The secret starts before its trigger (a marker in the middle, a suffix): walk back over at
   * most `max` characters of `chars` and match the pattern from there.
   */
  lookback?: { chars: RegExp; max: number };
  /** Extra confirmation on the secret (e.g. decoding a JWT header). */
  confirm?: (secret: string, context: MatchContext) => boolean;
  /** Secrets that are published examples or public by design (AWS doc keys, emulator keys). */
  allow?: readonly RegExp[];
  /**
   * The provider's own checksum (GitHub's and npm's CRC32): a token that carries a valid one was
   * minted by the provider, so the filler heuristics, which guess, do not get to drop it.
   */
  checksum?: (secret: string) => boolean;
  /** The random part the filler heuristics judge, when a token has a fixed run inside (default: all but the prefix). */
  randomPart?: (secret: string) => string;
  /** Characters that may not directly precede the match (default: letters and digits). */
  notAfter?: RegExp;
  /**
   * A documented fixed run at the start of the secret that the filler check must skip (Twitter's
   * app-only bearer tokens open with 22 A's); by default the first few characters are skipped.
   */
  fillerSkip?: RegExp;
  /** Catalogue line: what it matches, what it ignores. */
  summary?: string;
}

const ALNUM = /[A-Za-z0-9]/;
/** Documentation writes EXAMPLE into sample tokens; a random token containing it is vanishingly rare. */
const DOC_SAMPLE = /EXAMPLE|example/;

export const escapeLiteral = (s: string): string => s.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');

function secretOf(m: RegExpExecArray): string {
  return m.groups?.['secret'] ?? m[1] ?? m[0];
}

export function prefixedToken(spec: PrefixedTokenSpec): FormatDetector {
  const patterns = Array.isArray(spec.pattern) ? (spec.pattern as readonly RegExp[]) : [spec.pattern as RegExp];
  for (const p of patterns) if (!p.sticky) throw new Error(`${spec.kind}: pattern must be sticky`);
  const keywords = spec.keywords ?? spec.trigger?.split('|') ?? [];
  const trigger = spec.trigger ?? keywords.map(escapeLiteral).join('|');
  if (trigger === '') throw new Error(`${spec.kind}: needs keywords or a trigger`);
  const notAfter = spec.notAfter ?? ALNUM;
  const severity = spec.severity ?? 'error';
  const lookback = spec.lookback;
  const matchAt = (text: string, start: number): RegExpExecArray | null => {
    // A token glued to a preceding word is part of something else (e.g. "xghp_…").
    if (start > 0 && notAfter.test(text[start - 1] ?? '')) return null;
    for (const p of patterns) {
      p.lastIndex = start;
      const m = p.exec(text);
      if (m !== null) return m;
    }
    return null;
  };
  return {
    trigger,
    info: { id: spec.kind, title: spec.title, severity, keywords, summary: spec.summary ?? '' },
    detect(text: string, at: number, out: RawMatch[]): void {
      let start = at;
      if (lookback !== undefined) {
        while (start > 0 && at - start < lookback.max && lookback.chars.test(text[start - 1] ?? '')) start--;
      }
      let m = matchAt(text, start);
      // A rule with a marker and a keyword form (…Q~… or AZURE_CLIENT_SECRET=…): the keyword
      // form starts at the trigger itself, not where the walk back stopped.
      if (m === null && start !== at) m = matchAt(text, (start = at));
      if (m === null) return;
      const secret = secretOf(m);
      const minted = spec.checksum?.(secret) === true;
      const random = spec.randomPart?.(secret) ?? secret.slice(spec.fillerSkip?.exec(secret)?.[0].length ?? Math.min(8, secret.length >> 1));
      if (!minted && (isFillerToken(random) || DOC_SAMPLE.test(secret))) return;
      if (spec.allow?.some((a) => a.test(secret))) return;
      if (spec.confirm !== undefined && !spec.confirm(secret, { text, start, match: m })) return;
      const raw: RawMatch = {
        kind: spec.kind,
        title: spec.title,
        secret,
        index: start + m[0].length - secret.length,
        priority: Priority.format,
      };
      if (severity !== 'error') raw.severity = severity;
      out.push(raw);
    },
  };
}

/**
 * How code and config put a value under a key, beyond `=` and `:`: `=>`, `:=` (and make's `::=`,
 * `:::=`), `||=`, PHP's `??=`, `?=`, `+=`, `.=`, a call argument (`setenv("KEY", "v")`), an XML element
 * (`<key>v</key>`), plain whitespace (`ENV KEY v`), a declared type between name and `=`
 * (Go's `var key string = "v"`, Kotlin's `key: String = "v"`), a YAML block scalar or an XML
 * element whose value starts the next line. Quotes may be ', " or `, escaped inside a string
 * (`\"key\": \"v\"`), and a subscript may close first (["KEY"]).
 */
const QUOTE = `(?:\\\\?["'\`])?`;
const TYPE = `(?:(?:[ \t]*:[ \t]*|[ \t]+)[A-Za-z][\\w.]*(?:<[\\w., ]*>|\\[\\])?(?=[ \t]*[:=]))?`;
const OPERATOR = `(?:=>|:{1,3}=|\\|\\|=|\\?\\?=|[?+.]=|[:=,>(])`;
const NEXT_LINE = `(?:[:>][ \t]*(?:[|>][-+]?[ \t]*)?\\r?\\n[ \t]+)`;
export const ASSIGNMENT = `${QUOTE}\\]?(?:${TYPE}[ \t]*${OPERATOR}[ \t]*|${NEXT_LINE}|[ \t]+)${QUOTE}`;

/**
 * A sticky pattern for a value assigned to a keyword: the rest of the identifier, then any of the
 * assignment forms above (`=`, `:`, `=>`, `:=`, XML elements, YAML block scalars, call arguments,
 * plain whitespace as in `ENV KEY value`), and the value as the named group `secret`, which may
 * not run on into more token text. Matches `DD_API_KEY=…`, `"dd_api_key": "…"`, `ENV DD_API_KEY …`.
 */
export function assigned(name: string, value: string): RegExp {
  return new RegExp(`(?:${name})[A-Za-z0-9_.-]{0,24}?${ASSIGNMENT}(?<secret>${value})(?![A-Za-z0-9_+/=-])`, 'y');
}
