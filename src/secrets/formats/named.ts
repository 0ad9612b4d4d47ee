// Detectors for provider credentials that have no shape of their own (a bare 32-hex key, a
// 40-character token): they count only when assigned to a name that says both the provider and
// "secret" (ALGOLIA_ADMIN_KEY=…, "asana_token": "…", fastlyApiToken: …).
import { keyWords } from '../secret-names.js';
import { escapeLiteral, prefixedToken, type FormatDetector, type PrefixedTokenSpec } from './token.js';

/** Last words of a name that hold the credential itself (not its id, URL or user). */
const SECRET_LAST_WORDS = new Set([
  'key', 'apikey', 'token', 'secret', 'pat', 'password', 'passwd', 'pass', 'pwd', 'auth', 'authtoken',
  'credential', 'credentials', 'accesstoken', 'secretkey', 'privatekey',
]);

/** Name spellings people use for a provider: adafruit, Adafruit, ADAFRUIT (and the one given). */
function spellings(provider: string): string[] {
  const lower = provider.toLowerCase();
  return [...new Set([provider, lower, lower[0]?.toUpperCase() + lower.slice(1), provider.toUpperCase()])];
}

export interface NamedSecretSpec extends Omit<PrefixedTokenSpec, 'keywords' | 'trigger' | 'pattern'> {
  /** Provider names, as written in variable names (lower case; spelled in three cases). */
  providers: readonly string[];
  /** Regex source of the value. */
  value: string;
  /** The value must mix letters and digits (default true: random keys do, words and numbers do not). */
  mixed?: boolean;
  /** Extra literal patterns tried before the named assignment (a prefixed form of the same key). */
  patterns?: readonly RegExp[];
  /** Extra literal keywords for those patterns. */
  keywords?: readonly string[];
  /** Last words of the name besides the usual ones (e.g. 'id' for an id that is itself secret). */
  lastWords?: readonly string[];
}

/**
 * A value assigned to `<provider>…<key|token|secret…>`: `[\w.-]` up to 32 characters may sit
 * between the provider and the separator (ADAFRUIT_IO_KEY, asana.personal_access_token).
 */
export function namedSecret(spec: NamedSecretSpec): FormatDetector {
  const names = spec.providers.flatMap(spellings);
  const last = new Set([...SECRET_LAST_WORDS, ...(spec.lastWords ?? [])]);
  const assignment = new RegExp(
    `(?<name>(?:${names.map(escapeLiteral).join('|')})[A-Za-z0-9_.-]{0,32}?)["']?(?:[ \\t]*(?:=>|:=|[:=])[ \\t]*|[ \\t]+)["']?(?<secret>${spec.value})(?![A-Za-z0-9_+/=-])`,
    'y',
  );
  const mixed = spec.mixed ?? true;
  const { providers: _p, value: _v, mixed: _m, patterns = [], keywords = [], lastWords: _l, confirm, ...rest } = spec;
  return prefixedToken({
    ...rest,
    keywords: [...keywords, ...names],
    pattern: [...patterns, assignment],
    // The provider may end a longer name (MY_ASANA_TOKEN): what may precede it is not checked.
    notAfter: spec.notAfter ?? /[A-Za-z]/,
    confirm: (secret, context) => {
      const name = context.match.groups?.['name'];
      if (name !== undefined) {
        const words = keyWords(name);
        // The provider's name alone as the key ("adafruit": "…") holds its key too.
        const bare = spec.providers.some((p) => keyWords(p).join('_') === words.join('_'));
        if (!bare && !last.has(words[words.length - 1] ?? '')) return false;
        if (mixed && !(/[0-9]/.test(secret) && /[A-Za-z]/.test(secret))) return false;
      }
      return confirm === undefined || confirm(secret, context);
    },
  });
}
