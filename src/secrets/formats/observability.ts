// Monitoring and error-tracking services: Datadog, New Relic, Sentry, Grafana, Dynatrace. Their
// keys ingest (and often read) telemetry, which holds hostnames, traces and user data.
import { keyedPattern, mixed, providerKeywords } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

// Reference: Datadog docs, "API and Application Keys" (API keys: 32 hex characters; application
// keys: 40 hex characters; the Agent reads DD_API_KEY, libraries DD_APP_KEY). Neither has a
// prefix, so they count only next to their variable names.
export const datadogApiKey = prefixedToken({
  kind: 'datadog-api-key',
  title: 'Datadog API key',
  keywords: ['DD_API_KEY', 'dd_api_key', 'DATADOG_API_KEY', 'datadog_api_key'],
  pattern: assigned('DD_API_KEY|dd_api_key|DATADOG_API_KEY|datadog_api_key', '[0-9a-f]{32}'),
  summary: '32 hex characters assigned to DD_API_KEY / DATADOG_API_KEY. Ignores bare 32-hex strings (MD5 sums, IDs).',
});

// Reference: Datadog docs, "API and Application Keys" (application keys: 40 hex, act with the creating user's rights).
export const datadogAppKey = prefixedToken({
  kind: 'datadog-app-key',
  title: 'Datadog application key',
  keywords: ['DD_APP', 'dd_app', 'DATADOG_APP', 'datadog_app', ...providerKeywords(['datadog'])],
  pattern: [
    assigned('DD_APP(?:LICATION)?_KEY|dd_app(?:lication)?_key|DATADOG_APP(?:LICATION)?_KEY|datadog_app(?:lication)?_key', '[0-9a-f]{40}'),
    keyedPattern(['datadog'], ['token', 'key', 'secret'], '[a-z0-9]{40}'),
  ],
  confirm: mixed,
  summary:
    '40 hex characters assigned to DD_APP_KEY / DD_APPLICATION_KEY / DATADOG_APP_KEY, or 40 lower-case letters and digits under a DATADOG_…TOKEN/KEY name. Ignores bare 40-hex strings (commit SHAs).',
});

// Reference: New Relic docs, "New Relic API keys" (user keys NRAK-, license keys ending in NRAL,
// Insights insert/query keys NRII-/NRIQ-, browser keys NRJS-, admin keys NRAA-).
export const newrelicUserKey = prefixedToken({
  kind: 'newrelic-user-key',
  title: 'New Relic user API key',
  keywords: ['NRAK-'],
  pattern: /NRAK-[A-Z0-9]{27}(?![A-Za-z0-9])/y,
  summary: 'NRAK- followed by 27 upper-case letters and digits: NerdGraph access as the user.',
});

// Reference: New Relic docs, "New Relic API keys — License key" (40 characters, the last four NRAL).
export const newrelicLicenseKey = prefixedToken({
  kind: 'newrelic-license-key',
  title: 'New Relic license key',
  trigger: 'NRAL',
  pattern: /[A-Za-z0-9]{36}NRAL(?![A-Za-z0-9])/y,
  lookback: { chars: /[A-Za-z0-9]/, max: 36 },
  confirm: (s) => /[0-9]/.test(s.slice(0, 36)),
  summary: '40-character ingest license keys ending in NRAL, found from that suffix. Ignores other lengths.',
});

// Reference: New Relic docs, "New Relic API keys — Insights insert and query keys" (NRII-, NRIQ-).
export const newrelicInsightsKey = prefixedToken({
  kind: 'newrelic-insights-key',
  title: 'New Relic Insights insert/query key',
  keywords: ['NRII-', 'NRIQ-'],
  pattern: /NRI[IQ]-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/y,
  summary: 'NRII- / NRIQ- followed by 32 characters.',
});

// Reference: New Relic docs, "New Relic API keys" (legacy admin keys, NRAA-).
export const newrelicAdminKey = prefixedToken({
  kind: 'newrelic-admin-key',
  title: 'New Relic admin API key',
  keywords: ['NRAA-'],
  pattern: /NRAA-[A-Za-z0-9]{27}(?![A-Za-z0-9])/y,
  summary: 'NRAA- followed by 27 characters: legacy admin access to the account.',
});

// Reference: New Relic docs, "New Relic API keys — Browser key" (NRJS-, placed in pages by the browser agent).
export const newrelicBrowserKey = prefixedToken({
  kind: 'newrelic-browser-key',
  title: 'New Relic browser key',
  severity: 'warning',
  keywords: ['NRJS-'],
  pattern: /NRJS-[a-f0-9]{19}(?![A-Za-z0-9])/y,
  summary: 'NRJS- followed by 19 hex characters. A warning: browser keys are embedded in web pages by design and can only submit data.',
});

// Reference: Sentry docs, "Data Source Name (DSN)" (legacy DSNs carry a secret key:
// scheme://<public key>:<secret key>@host/<project id>, both keys 32 hex characters). The public
// key alone is meant to ship in clients and is left alone.
export const sentryDsnSecret = prefixedToken({
  kind: 'sentry-dsn-secret',
  title: 'Sentry DSN secret key',
  keywords: ['://'],
  pattern: /:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9][A-Za-z0-9.-]*(?::\d{1,5})?\/(?:[A-Za-z0-9_.-]+\/)*\d+(?![A-Za-z0-9/])/y,
  notAfter: /(?!)/,
  summary: 'The secret half of a legacy DSN, https://<32 hex>:<32 hex>@host/<project id>. Ignores modern DSNs, which hold only the public key.',
});

// Reference: Sentry docs, "Auth Tokens" (organization tokens start with sntrys_ followed by a
// base64 JSON payload and a signature; user tokens with sntryu_ followed by 64 hex characters).
export const sentryOrgToken = prefixedToken({
  kind: 'sentry-org-token',
  title: 'Sentry organization auth token',
  keywords: ['sntrys_eyJ'],
  pattern: /sntrys_eyJ[A-Za-z0-9+/=_-]{50,800}(?![A-Za-z0-9+/=_-])/y,
  summary: 'sntrys_ followed by a base64 JSON payload and signature. Ignores shorter strings.',
});

// Reference: Sentry docs, "Auth Tokens — User auth tokens" (sntryu_ + 64 hex; tokens created
// before the prefix are the 64 hex alone, read by sentry-cli from SENTRY_AUTH_TOKEN).
export const sentryUserToken = prefixedToken({
  kind: 'sentry-user-token',
  title: 'Sentry user auth token',
  keywords: ['sntryu_', 'SENTRY_AUTH_TOKEN', 'sentry_auth_token', 'SENTRY_TOKEN', 'sentry_token', ...providerKeywords(['sentry'])],
  pattern: [
    /sntryu_[a-f0-9]{64}(?![A-Za-z0-9])/y,
    assigned('SENTRY_(?:AUTH_)?TOKEN|sentry_(?:auth_)?token', '[a-f0-9]{64}'),
    keyedPattern(['sentry'], ['token', 'key', 'secret'], '[a-f0-9]{64}'),
  ],
  summary:
    'sntryu_ followed by 64 hex characters, or an unprefixed 64-hex token assigned to SENTRY_AUTH_TOKEN / a sentry…Token name. Ignores 64-hex digests under other names.',
});

// Reference: Grafana Cloud docs, "Access policies — tokens" (glc_ followed by base64 JSON) and
// Grafana docs "Service accounts — tokens" (glsa_<32 characters>_<8 hex checksum>).
export const grafanaCloudToken = prefixedToken({
  kind: 'grafana-cloud-token',
  title: 'Grafana Cloud access policy token',
  keywords: ['glc_'],
  pattern: /glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])/y,
  confirm: (s) => /[a-z]/.test(s.slice(4)) && /[A-Z]/.test(s.slice(4)) && /[0-9]/.test(s.slice(4)),
  summary: 'glc_ followed by a base64 payload (32–400 characters, normally JSON opening eyJ). Ignores identifiers such as glc_config.',
});

// Reference: Grafana docs, "Service accounts — Add a token to a service account" (glsa_…_<checksum>).
export const grafanaServiceAccountToken = prefixedToken({
  kind: 'grafana-service-account-token',
  title: 'Grafana service account token',
  keywords: ['glsa_'],
  pattern: /glsa_[A-Za-z0-9]{32}_[a-fA-F0-9]{8}(?![A-Za-z0-9_])/y,
  summary: 'glsa_<32 characters>_<8 hex checksum>. Ignores identifiers with other shapes.',
});

/** Legacy Grafana API keys are base64 JSON {"k":…,"n":…,"id":…}: the encoding starts eyJrIjoi. */
const mixesClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

function isJson(token: string): boolean {
  try {
    JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function isGrafanaKeyJson(token: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && 'k' in value && 'id' in value;
  } catch {
    return false;
  }
}

// Reference: Grafana docs, "API keys" (deprecated in favour of service accounts; still accepted).
export const grafanaApiKey = prefixedToken({
  kind: 'grafana-api-key',
  title: 'Grafana API key (legacy)',
  keywords: ['eyJrIjoi'],
  pattern: /eyJrIjoi[A-Za-z0-9+/_-]{50,400}={0,2}(?![A-Za-z0-9+/=_.-])/y,
  notAfter: /[A-Za-z0-9_.-]/,
  // Keys whose JSON no longer decodes (cut, re-encoded) still count when long and random.
  confirm: (s) => isGrafanaKeyJson(s) || (s.length >= 78 && mixesClasses(s.slice(8)) && !isJson(s)),
  summary:
    'Base64 JSON with "k", "n" and "id" fields (starts eyJrIjoi), or 70+ random base64 characters after eyJrIjoi. Ignores JWTs and other base64 JSON.',
});

// Reference: Dynatrace docs, "Access tokens — Token format" (dt0c01.<24-character public
// portion>.<64-character secret portion>, upper-case letters and digits).
export const dynatraceToken = prefixedToken({
  kind: 'dynatrace-token',
  title: 'Dynatrace access token',
  keywords: ['dt0c01.'],
  pattern: /dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}(?![A-Za-z0-9])/y,
  summary: 'dt0c01.<24>.<64> letters and digits (upper case as issued). Ignores tokens whose secret portion is cut.',
});
