// Provider credentials with no shape of their own that gitleaks' and trivy's rule sets name:
// found only under a key that says the provider (see keyed.ts), plus the base64 docker config a
// Kubernetes pull secret carries.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken, type FormatDetector } from './token.js';

// Reference: Cisco Meraki Dashboard API docs, "Authorization" (API keys are 40 hex characters, sent as X-Cisco-Meraki-API-Key or a bearer token).
export const merakiApiKey = keyedToken({
  kind: 'cisco-meraki-api-key',
  title: 'Cisco Meraki Dashboard API key',
  providers: ['meraki', 'x_cisco_meraki'],
  keywords: ['Meraki'],
  value: '[0-9a-f]{40}',
  summary:
    '40 hex characters assigned to MERAKI_DASHBOARD_API_KEY / a meraki…key name or sent as X-Cisco-Meraki-API-Key. Ignores 40-hex commit SHAs under other names.',
});

// Reference: JFrog docs, "Access Tokens" and "API Key" (identity/access tokens of 64 characters,
// legacy API keys of 73; Bintray and Xray share the platform's credentials).
export const jfrogApiKey = keyedToken({
  kind: 'jfrog-api-key',
  title: 'JFrog API key or identity token (unprefixed)',
  providers: ['jfrog', 'artifactory', 'bintray', 'xray'],
  keywords: ['JFrog'],
  value: '[A-Za-z0-9]{73}|[A-Za-z0-9]{64}',
  // Prefixed Artifactory keys (AKCp…, cmVmd…) are named by their own rule.
  confirm: (s) => mixed(s) && !/^(?:AKCp|cmVmd)/.test(s),
  summary:
    '64- or 73-character keys assigned to JFROG_…TOKEN / ARTIFACTORY_API_KEY / a bintray…key or xray…token name. Prefixed AKCp keys and reference tokens have their own rule.',
});

// Reference: Dropbox developer docs, "App console" (app key and app secret: 15 lower-case letters and digits).
export const dropboxAppSecret = keyedToken({
  kind: 'dropbox-app-secret',
  title: 'Dropbox app key or secret',
  providers: ['dropbox'],
  value: '[a-z0-9]{15}',
  summary:
    '15 lower-case letters and digits assigned to DROPBOX_APP_SECRET / DROPBOX_APP_KEY / a dropbox…token name. Long-lived and short-lived tokens have their own rules.',
});

// Reference: Meta for Developers docs, "Access Tokens — App Access Tokens" (app ID, a pipe and the
// app secret: `{app-id}|{app-secret}`, %7C when URL-encoded).
export const facebookAppAccessToken = keyedToken({
  kind: 'facebook-app-access-token',
  title: 'Meta (Facebook) app access token',
  providers: ['facebook'],
  value: '\\d{15,16}(?:\\||%7[Cc])[A-Za-z0-9_-]{27,40}',
  mixed: false,
  confirm: (s) => mixed(s.slice(s.search(/[|%]/) + 1)),
  summary: 'An app ID (15–16 digits), | or %7C and the app secret, assigned to a FACEBOOK_…TOKEN / facebook…token name: it acts as the app.',
});

// Reference: New Relic docs, "New Relic API keys" (older REST and user keys carry no NRAK- prefix).
export const newrelicUnprefixedKey = keyedToken({
  kind: 'newrelic-unprefixed-key',
  title: 'New Relic API key (unprefixed)',
  providers: ['newrelic', 'new_relic'],
  keywords: ['NewRelic'],
  lastWords: ['id'],
  value: '[A-Za-z0-9]{64}',
  summary: '64 letters and digits assigned to a NEW_RELIC_…KEY/TOKEN name. Prefixed NRAK-/NRII-/NRJS- keys and license keys have their own rules.',
});

/** Base64 of a JSON object: "{" then a quote or a line break encodes to ey or ew. */
const decodesToObject = (s: string): boolean => {
  const text = Buffer.from(s, 'base64').toString('utf8');
  return text.startsWith('{') && !text.includes('\uFFFD');
};

// Reference: Kubernetes docs, "Secrets — Docker config Secrets" (type kubernetes.io/dockerconfigjson:
// data[".dockerconfigjson"] is the base64 of a ~/.docker/config.json, with registry passwords).
export const dockerConfigBase64 = prefixedToken({
  kind: 'docker-config-base64',
  title: 'Base64 Docker registry config (pull secret)',
  keywords: ['.dockerconfigjson', '.dockercfg'],
  pattern:
    /\.(?:dockerconfigjson|dockercfg)["']?[ \t]*[:=][ \t]*(?:[|>][-+]?[ \t]*\r?\n[ \t]*)?["']?(?<secret>e[wy][A-Za-z0-9+/]{20,}={0,2})(?![A-Za-z0-9+/=])/y,
  notAfter: /(?!)/,
  // Inside a Kubernetes Secret manifest the file scanner decodes the config and reports the login itself.
  confirm: (s, { text }) => decodesToObject(s) && !/\bkind:[ \t]*["']?Secret\b/.test(text),
  summary:
    'The base64 value of .dockerconfigjson / .dockercfg (a Kubernetes pull secret, in a manifest, Helm values or kubectl output): registry credentials. Ignores templated and empty values, and full Secret manifests (whose decoded logins are reported instead).',
});

export const KEYED_PROVIDER_DETECTORS: readonly FormatDetector[] = [
  merakiApiKey,
  jfrogApiKey,
  dropboxAppSecret,
  facebookAppAccessToken,
  newrelicUnprefixedKey,
  dockerConfigBase64,
];
