// Credentials with no shape of their own (hex, UUIDs, plain base62) are recognised only where a
// key naming the provider holds them, however a config spells that key: TWITTER_API_SECRET,
// twitter_api_secret, twitterApiSecret, twitter.api.secret, "X-Twitter-Api-Secret".
// One builder for every such provider (gitleaks' "keyword + value" rules, written per provider).
import { keyWords } from '../secret-names.js';
import type { Severity } from '../types.js';
import { ASSIGNMENT, escapeLiteral, prefixedToken, type FormatDetector, type MatchContext, type PrefixedTokenSpec } from './token.js';

const SEPARATOR = /[_.-]/;

/** Last words of a name that hold the credential itself (not its id, URL or user). */
const SECRET_LAST_WORDS = new Set([
  'key',
  'apikey',
  'token',
  'secret',
  'pat',
  'password',
  'passwd',
  'pass',
  'pwd',
  'auth',
  'authtoken',
  'credential',
  'credentials',
  'accesstoken',
  'secretkey',
  'privatekey',
]);

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

/** The trigger literals for a provider name: as given, PROVIDER, provider and Provider (and camelCase keys that start with it). */
export function providerKeywords(providers: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of providers) {
    out.add(p.toUpperCase());
    out.add(p.toLowerCase());
    out.add(p.charAt(0).toUpperCase() + p.slice(1).toLowerCase());
    out.add(p);
  }
  return [...out];
}

/** What may follow a secret: anything that cannot continue a token. */
const VALUE_END = '(?![A-Za-z0-9_+/=-])';

/**
 * A sticky pattern for `value` assigned to a key that starts with one of `providers`, has at most
 * three further words, and then one of `keys` (TWITTER_CONSUMER_SECRET: provider twitter, key secret).
 */
export function keyedPattern(providers: readonly string[], keys: readonly string[], value: string): RegExp {
  const provider = providers.map(anyCase).join('|');
  const key = keys.map(anyCase).join('|');
  return new RegExp(
    `(?:${provider})[_.-]?(?:[A-Za-z0-9]+[_.-]?){0,3}?(?:${key})[A-Za-z0-9_.-]{0,24}?${ASSIGNMENT}(?<secret>${value})${VALUE_END}`,
    'y',
  );
}

/** A sticky pattern for `value` assigned to any name that starts with one of the provider's spellings; the name is group `name`. */
function namedPattern(names: readonly string[], value: string): RegExp {
  const escaped = names.map(escapeLiteral);
  return new RegExp(`(?<name>(?:${escaped.join('|')})[A-Za-z0-9_.-]{0,32}?)${ASSIGNMENT}(?<secret>${value})${VALUE_END}`, 'y');
}

/** At least one digit and one letter: random keys have both, words and placeholders rarely do. */
export const mixed = (s: string): boolean => /[0-9]/.test(s) && /[A-Za-z]/.test(s);

export interface KeyedSpec extends Omit<PrefixedTokenSpec, 'keywords' | 'trigger' | 'pattern' | 'confirm'> {
  kind: string;
  title: string;
  severity?: Severity;
  /** Provider names as they start a key, lower case ('twitter', 'message_bird'). */
  providers: readonly string[];
  /** Further trigger spellings (MessageBird, or the prefix of `patterns`) beyond PROVIDER, provider and Provider. */
  keywords?: readonly string[];
  /**
   * What the key ends with, lower case ('secret', 'api_token'), with at most three words after the
   * provider. Without it, any name of up to 32 characters after the provider whose last word says
   * credential (key, token, secret, password, … and `lastWords`), or the provider's name alone.
   */
  keys?: readonly string[];
  /** Last words of the name besides the usual ones (e.g. 'id' for an id that is itself secret); only without `keys`. */
  lastWords?: readonly string[];
  /** Regex source of the value. */
  value: string;
  /** The value must mix letters and digits (default true: random keys do, words and numbers do not). */
  mixed?: boolean;
  /** Prefixed forms of the same credential, tried before the keyed assignment (their literals go in `keywords`). */
  patterns?: readonly RegExp[];
  /** Extra confirmation on the secret. */
  confirm?: (secret: string, context: MatchContext) => boolean;
  summary: string;
}

/** A credential known by the provider name on the key it is assigned to (and optionally by prefixed forms). */
export function keyedToken(spec: KeyedSpec): FormatDetector {
  const { providers, keywords = [], keys, lastWords = [], value, mixed: mustMix = true, patterns = [], confirm, ...rest } = spec;
  const spelled = providerKeywords(providers);
  if (keys !== undefined) {
    return prefixedToken({
      ...rest,
      keywords: [...spelled, ...keywords],
      pattern: [...patterns, keyedPattern(providers, keys, value)],
      // The provider name may sit anywhere in the key (APP_TWITTER_SECRET, appTwitterSecret).
      notAfter: rest.notAfter ?? /(?!)/,
      // A provider-specific confirmation replaces the mixed-characters default.
      confirm: confirm ?? (mustMix ? mixed : () => true),
    });
  }
  const last = new Set([...SECRET_LAST_WORDS, ...lastWords]);
  return prefixedToken({
    ...rest,
    keywords: [...keywords, ...spelled],
    pattern: [...patterns, namedPattern(spelled, value)],
    // The provider may end a longer name (MY_ASANA_TOKEN): what may precede it is not checked.
    notAfter: rest.notAfter ?? /[A-Za-z]/,
    confirm: (secret, context) => {
      const name = context.match.groups?.['name'];
      if (name !== undefined) {
        const words = keyWords(name);
        // The provider's name alone as the key ("adafruit": "…") holds its key too.
        const bare = providers.some((p) => keyWords(p).join('_') === words.join('_'));
        if (!bare && !last.has(words[words.length - 1] ?? '')) return false;
        if (mustMix && !mixed(secret)) return false;
      }
      return confirm === undefined || confirm(secret, context);
    },
  });
}
