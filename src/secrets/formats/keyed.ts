// Credentials with no shape of their own (hex, UUIDs, plain base62) are recognised only where a
// key naming the provider holds them, however a config spells that key: TWITTER_API_SECRET,
// twitter_api_secret, twitterApiSecret, twitter.api.secret, "X-Twitter-Api-Secret".
import { prefixedToken, type FormatDetector, type MatchContext } from './token.js';
import type { Severity } from '../types.js';

const SEPARATOR = /[_.-]/;

/** Regex source for `words` in any case convention: each letter in either case, `_`/`.`/`-` as any of them or nothing. */
export function anyCase(words: string): string {
  let out = '';
  for (const c of words) {
    if (SEPARATOR.test(c)) out += '[_.-]?';
    else if (/[a-z]/i.test(c)) out += `[${c.toUpperCase()}${c.toLowerCase()}]`;
    else out += c;
  }
  return out;
}

/** The trigger literals for a provider name: PROVIDER, provider and Provider (and camelCase keys that start with it). */
export function providerKeywords(providers: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of providers) {
    out.add(p.toUpperCase());
    out.add(p.toLowerCase());
    out.add(p.charAt(0).toUpperCase() + p.slice(1).toLowerCase());
  }
  return [...out];
}

/**
 * How code and config put a value under a key, beyond `=` and `:`: `=>`, `:=`, `||=`, `?=`, `.=`,
 * a call argument (`setenv("KEY", "v")`, `set("KEY", v)`), an XML element (`<key>v</key>`), or
 * plain whitespace (`ENV KEY v`). Quotes may be ', " or ` and a subscript may close first (["KEY"]).
 */
const KEYED_ASSIGNMENT = `[A-Za-z0-9_.-]{0,24}?["'\`]?\\]?(?:[ \t]*(?:=>|:=|\\|\\|=|\\?=|\\.=|[:=,>(])[ \t]*|[ \t]+)["'\`]?`;

/**
 * A sticky pattern for `value` assigned to a key that starts with one of `providers`, has at most
 * three further words, and then one of `keys` (TWITTER_CONSUMER_SECRET: provider twitter, key secret).
 */
export function keyedPattern(providers: readonly string[], keys: readonly string[], value: string): RegExp {
  const provider = providers.map(anyCase).join('|');
  const key = keys.map(anyCase).join('|');
  return new RegExp(
    `(?:${provider})[_.-]?(?:[A-Za-z0-9]+[_.-]?){0,3}?(?:${key})${KEYED_ASSIGNMENT}(?<secret>${value})(?![A-Za-z0-9_+/=-])`,
    'y',
  );
}

/** At least one digit and one letter: random keys have both, words and placeholders rarely do. */
export const mixed = (s: string): boolean => /[0-9]/.test(s) && /[A-Za-z]/.test(s);

export interface KeyedSpec {
  kind: string;
  title: string;
  severity?: Severity;
  /** Provider names as they start a key, lower case ('twitter', 'message_bird'). */
  providers: readonly string[];
  /** Further trigger spellings (MessageBird) beyond PROVIDER, provider and Provider. */
  keywords?: readonly string[];
  /** What the key ends with, lower case ('secret', 'api_token'). */
  keys: readonly string[];
  /** Regex source of the value. */
  value: string;
  /** Default: the value mixes digits and letters. */
  confirm?: (secret: string, context: MatchContext) => boolean;
  summary: string;
}

/** A credential known only by the provider name on its key (gitleaks' "keyword + value" rules, written per provider). */
export function keyedToken(spec: KeyedSpec): FormatDetector {
  return prefixedToken({
    kind: spec.kind,
    title: spec.title,
    ...(spec.severity === undefined ? {} : { severity: spec.severity }),
    keywords: [...providerKeywords(spec.providers), ...(spec.keywords ?? [])],
    pattern: keyedPattern(spec.providers, spec.keys, spec.value),
    // The provider name may sit anywhere in the key (APP_TWITTER_SECRET, appTwitterSecret).
    notAfter: /(?!)/,
    confirm: spec.confirm ?? mixed,
    summary: spec.summary,
  });
}
