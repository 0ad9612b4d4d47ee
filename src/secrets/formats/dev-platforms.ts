// Developer platforms and tools, A–L: IoT, low-code data, search, project management, identity,
// registries, CI, feature flags. Prefixed keys where the provider has a prefix; bare keys only
// under a name that says the provider.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken } from './token.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const mixesClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

// Reference: Adafruit IO docs, "Adafruit IO Key" (keys shown under "My Key" start with aio_, then
// 28 characters; older keys are 32 characters and count under an ADAFRUIT_ name).
export const adafruitIoKey = keyedToken({
  kind: 'adafruit-io-key',
  title: 'Adafruit IO key',
  keywords: ['aio_'],
  patterns: [/aio_[A-Za-z0-9]{28}(?![A-Za-z0-9])/y],
  providers: ['adafruit'],
  value: '[a-z0-9]{32}',
  summary: 'aio_ followed by 28 letters and digits, or a 32-character key assigned to ADAFRUIT_IO_KEY. Ignores usernames and feed names.',
});

// Reference: Adobe Developer Console docs, "OAuth Server-to-Server credentials" (client secrets
// start with p8e-; the client ID, 32 hex characters, is the x-api-key of every call).
export const adobeClientSecret = prefixedToken({
  kind: 'adobe-client-secret',
  title: 'Adobe client secret',
  keywords: ['p8e-'],
  pattern: /p8e-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/y,
  confirm: mixesClasses,
  summary: 'p8e- followed by 32 URL-safe characters. Ignores shorter strings.',
});

// Reference: Adobe Developer Console docs, "Credentials" (the client ID, also called API key).
export const adobeClientId = keyedToken({
  kind: 'adobe-client-id',
  title: 'Adobe client ID (API key)',
  severity: 'warning',
  providers: ['adobe'],
  lastWords: ['id'],
  value: '[a-f0-9]{32}',
  summary:
    '32 hex characters assigned to ADOBE_CLIENT_ID / ADOBE_API_KEY. A warning: it identifies the integration and needs the client secret to get a token.',
});

// Reference: Airtable docs, "Personal access tokens" (pat + 14 characters + "." + 64 hex); the
// deprecated API keys (key + 14 characters) count under an AIRTABLE_ name.
export const airtableToken = keyedToken({
  kind: 'airtable-token',
  title: 'Airtable personal access token or API key',
  keywords: ['pat'],
  patterns: [/pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9])/y],
  providers: ['airtable'],
  value: '[A-Za-z0-9]{17}',
  summary:
    'pat<14>.<64 hex> personal access tokens, and 17-character API keys (key…) assigned to AIRTABLE_API_KEY / an airtable…token name. Ignores base and table IDs (app…, tbl…).',
});

// Reference: Algolia docs, "API keys" (the Admin API key and other secured keys are 32 hex
// characters; the Search-only key is public by design and ignored).
export const algoliaAdminKey = keyedToken({
  kind: 'algolia-api-key',
  title: 'Algolia admin or write API key',
  providers: ['algolia'],
  value: '[A-Za-z0-9]{32}',
  confirm: (_, { match }) => !/search/i.test(match.groups?.['name'] ?? ''),
  summary:
    '32 letters and digits assigned to ALGOLIA_ADMIN_KEY / ALGOLIA_API_KEY. Ignores the search-only key (public by design) and application IDs.',
});

// Reference: Asana developer docs, "Personal access token" (1/<user>:<32 hex>, or 2/<user>/<id>:<32
// hex> since 2023) and "OAuth — Register an application" (32-character client secret).
export const asanaToken = keyedToken({
  kind: 'asana-token',
  title: 'Asana personal access token or client secret',
  providers: ['asana'],
  value: '[12]/\\d{4,20}(?:/\\d{4,20})?:[a-f0-9]{32}|[A-Za-z0-9]{32}',
  summary: 'Personal access tokens (1/…:<32 hex>, 2/…/…:<32 hex>) and 32-character client secrets assigned to an ASANA_…TOKEN/SECRET name.',
});

// Reference: Authress docs, "Service client access keys" (sc_/ext_/scauth_/authress_ + account part
// "." key id ".acc_" / ".acc-" account id "." secret).
export const authressKey = prefixedToken({
  kind: 'authress-service-client-key',
  title: 'Authress service client access key',
  keywords: ['.acc_', '.acc-'],
  pattern: /(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.acc[_-][a-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120}(?![A-Za-z0-9+/_=-])/y,
  lookback: { chars: /[a-z0-9_.]/, max: 48 },
  summary: 'sc_/ext_/scauth_/authress_ keys with their .acc_ account part and a 30+ character secret.',
});

// Reference: Beamer docs, "API — Authentication" (API keys start with b_, then 44 characters).
export const beamerApiKey = keyedToken({
  kind: 'beamer-api-key',
  title: 'Beamer API key',
  providers: ['beamer'],
  value: 'b_[A-Za-z0-9=_-]{44}',
  summary: 'b_ followed by 44 characters, assigned to a BEAMER_…KEY/TOKEN name.',
});

// Reference: ClickHouse Cloud docs, "Managing API keys" (the key secret starts with 4b1d).
export const clickhouseCloudKey = prefixedToken({
  kind: 'clickhouse-cloud-api-secret',
  title: 'ClickHouse Cloud API key secret',
  keywords: ['4b1d'],
  pattern: /4b1d[A-Za-z0-9]{38}(?![A-Za-z0-9])/y,
  confirm: mixesClasses,
  summary: '4b1d followed by 38 mixed-case letters and digits. Ignores hex strings that happen to contain 4b1d.',
});

// Reference: Clojars wiki, "Deploy tokens" (tokens start with CLOJARS_, then 60 characters).
export const clojarsToken = prefixedToken({
  kind: 'clojars-deploy-token',
  title: 'Clojars deploy token',
  keywords: ['CLOJARS_'],
  pattern: /CLOJARS_[A-Za-z0-9]{60}(?![A-Za-z0-9])/y,
  summary: 'CLOJARS_ followed by 60 letters and digits. Ignores CLOJARS_USERNAME and other variable names.',
});

// Reference: Codecov docs, "Codecov Tokens" (upload tokens are UUIDs, passed as CODECOV_TOKEN).
export const codecovToken = keyedToken({
  kind: 'codecov-token',
  title: 'Codecov upload token',
  providers: ['codecov'],
  value: `${UUID}|[A-Za-z0-9]{32}`,
  summary: 'A UUID (upload token) or 32 letters and digits (API access token) assigned to CODECOV_TOKEN / codecov…token. Ignores UUIDs elsewhere.',
});

// Reference: Confluent Cloud docs, "Use API keys" (a 16-character key and a 64-character secret).
export const confluentApiSecret = keyedToken({
  kind: 'confluent-api-secret',
  title: 'Confluent Cloud API secret',
  providers: ['confluent'],
  value: '[A-Za-z0-9+/]{64}',
  summary: '64 base64 characters assigned to a CONFLUENT_…SECRET/KEY name. Ignores the 16-character API key ID.',
});

// Reference: Defined Networking docs, "API keys" (dnkey- + 26 characters + "-" + 52 characters).
export const definedNetworkingKey = prefixedToken({
  kind: 'defined-networking-api-key',
  title: 'Defined Networking (Managed Nebula) API key',
  keywords: ['dnkey-'],
  pattern: /dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}(?![A-Za-z0-9=_-])/y,
  summary: 'dnkey- followed by 26 characters, a dash and 52 characters: manages a Managed Nebula network.',
});

// Reference: Django docs, "settings — SECRET_KEY" (startproject writes a 50-character key from
// a-z0-9!@#$%^&*(-_=+) prefixed "django-insecure-" as a reminder to replace it).
export const djangoSecretKey = prefixedToken({
  kind: 'django-secret-key',
  title: 'Django SECRET_KEY',
  keywords: ['django-insecure-'],
  pattern: /django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{50}(?![a-z0-9!@#$%^&*(\-_=+)])/y,
  summary: 'django-insecure- followed by a 50-character generated key: it signs sessions and password reset links.',
});

// Reference: Drone docs, "CLI — Setup" (DRONE_TOKEN, a 32-character personal token).
export const droneToken = keyedToken({
  kind: 'drone-ci-token',
  title: 'Drone CI token',
  providers: ['drone'],
  value: '[A-Za-z0-9]{32}',
  summary: '32 letters and digits assigned to DRONE_TOKEN / drone…secret.',
});

// Reference: Gitter developer docs, "Authentication" (personal access tokens, 40 hex characters).
export const gitterToken = keyedToken({
  kind: 'gitter-token',
  title: 'Gitter access token',
  providers: ['gitter'],
  value: '[A-Za-z0-9_-]{40}',
  summary: '40 URL-safe characters, letters and digits mixed, assigned to GITTER_TOKEN / a gitter…token name.',
});

// Reference: Harness docs, "Add and manage API keys" (personal and service account tokens:
// pat./sat. + account ID (22) + "." + token ID (24 hex) + "." + secret (20)).
export const harnessToken = prefixedToken({
  kind: 'harness-token',
  title: 'Harness API token',
  keywords: ['pat.', 'sat.'],
  pattern: /[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}(?![A-Za-z0-9])/y,
  summary: 'pat./sat. tokens: account ID, 24-character token ID and a 20-character secret.',
});

// Reference: Infracost docs, "API keys" (ico- followed by 32 characters).
export const infracostApiKey = prefixedToken({
  kind: 'infracost-api-key',
  title: 'Infracost API key',
  keywords: ['ico-'],
  pattern: /ico-[A-Za-z0-9]{32}(?![A-Za-z0-9])/y,
  confirm: mixesClasses,
  summary: 'ico- followed by 32 letters and digits.',
});

// Reference: 42 API docs, "Getting started — Applications" (client secrets s-s4t2ud-/s-s4t2af-
// followed by 64 hex characters).
export const intra42Secret = prefixedToken({
  kind: 'intra42-client-secret',
  title: '42 Intra API client secret',
  keywords: ['s-s4t2'],
  pattern: /s-s4t2(?:ud|af)-[a-f0-9]{64}(?![A-Za-z0-9])/y,
  summary: 's-s4t2ud-/s-s4t2af- followed by 64 hex characters.',
});

// Reference: Ionic docs, "Personal access tokens" (ion_ followed by 42 characters).
export const ionicToken = prefixedToken({
  kind: 'ionic-token',
  title: 'Ionic personal access token',
  keywords: ['ion_'],
  pattern: /ion_[A-Za-z0-9]{42}(?![A-Za-z0-9])/y,
  confirm: (s) => mixed(s.slice(4)),
  summary: 'ion_ followed by 42 letters and digits, mixing both.',
});

// Reference: LaunchDarkly docs, "API access tokens" (api-<UUID>) and "Keys — SDK keys" (server-side
// sdk-<UUID>; mobile keys and client-side IDs are meant to ship in apps and are ignored).
export const launchdarklyKey = keyedToken({
  kind: 'launchdarkly-key',
  title: 'LaunchDarkly access token or SDK key',
  keywords: ['api-', 'sdk-'],
  patterns: [new RegExp(`(?:api|sdk)-${UUID}(?![A-Za-z0-9-])`, 'y')],
  notAfter: /[A-Za-z0-9]/,
  providers: ['launchdarkly', 'launch_darkly'],
  keys: ['token', 'key', 'secret'],
  value: '[A-Za-z0-9_-]{40}',
  summary:
    'api-<UUID> access tokens and sdk-<UUID> server-side SDK keys, and 40-character tokens assigned to a LAUNCHDARKLY_…TOKEN/KEY name. Ignores mobile keys (mob-) and client-side IDs.',
});

// Reference: Atlassian Support, "Manage API tokens for your Atlassian account" (tokens created
// before 2023 are 24 characters with no prefix; they count under an ATLASSIAN_/JIRA_/CONFLUENCE_
// name; the prefixed ATATT3 tokens have their own rule).
export const atlassianLegacyToken = keyedToken({
  kind: 'atlassian-legacy-api-token',
  title: 'Atlassian API token (legacy, unprefixed)',
  providers: ['atlassian', 'jira', 'confluence'],
  value: '[A-Za-z0-9]{24}',
  summary: '24 letters and digits assigned to ATLASSIAN_API_TOKEN / JIRA_API_TOKEN / CONFLUENCE_API_TOKEN.',
});
