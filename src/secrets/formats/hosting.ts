// Deployment platforms and edge networks: Heroku, Fly.io, Netlify, Vercel, Cloudflare. Only
// Heroku's and Netlify's newer tokens and Fly.io's have a prefix; the others are recognised only
// when assigned to a variable that names the provider.
import { keyedPattern, mixed, providerKeywords } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// Reference: Heroku Dev Center, "Heroku CLI Authentication" and "Platform API — Authentication"
// (API keys and OAuth authorizations; keys issued since 2024 start with HRKU-, older ones are bare
// UUIDs, which only count next to a HEROKU_…KEY/TOKEN name).
export const herokuApiKey = prefixedToken({
  kind: 'heroku-api-key',
  title: 'Heroku API key',
  keywords: ['HRKU-AA', 'HEROKU_', 'heroku_', ...providerKeywords(['heroku'])],
  pattern: [
    /HRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/y,
    assigned('(?:HEROKU|heroku)_(?:[A-Za-z]+_){0,3}?(?:API_KEY|api_key|TOKEN|token)', UUID),
    keyedPattern(['heroku'], ['key', 'token', 'secret'], UUID),
  ],
  summary:
    'HRKU-AA followed by 58 URL-safe characters, or a UUID assigned to HEROKU_API_KEY / HEROKU_…TOKEN / a heroku…Key name. Ignores UUIDs anywhere else (app IDs, request IDs).',
});

// Reference: Fly.io docs, "Access Tokens" (fly tokens create: macaroon tokens "FlyV1 fm2_…",
// possibly several joined by commas) and flyctl's "fly auth token" (older fo1_ tokens).
export const flyioToken = prefixedToken({
  kind: 'flyio-token',
  title: 'Fly.io access token',
  keywords: ['FlyV1 fm', 'fm1a_', 'fm1r_', 'fm2_', 'fo1_'],
  pattern: [
    /FlyV1 (?<secret>fm\d[a-z]?_[A-Za-z0-9+/=_,-]{100,8000})(?![A-Za-z0-9+/=_,-])/y,
    /fm\d[a-z]?_[A-Za-z0-9+/=_,-]{100,8000}(?![A-Za-z0-9+/=_,-])/y,
    /fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
  ],
  summary:
    'Macaroon tokens (FlyV1 fm2_… and the bare fm1a_/fm1r_/fm2_ forms, 100+ characters) and fo1_ tokens of 43 characters. Ignores short fm2_ identifiers.',
});

// Reference: Netlify docs, "Get started with the Netlify API — Authentication" (personal access
// tokens, now prefixed nfp_) and Netlify CLI docs (NETLIFY_AUTH_TOKEN for unprefixed older tokens).
export const netlifyToken = prefixedToken({
  kind: 'netlify-token',
  title: 'Netlify access token',
  keywords: ['nfp_', ...providerKeywords(['netlify'])],
  pattern: [/nfp_[A-Za-z0-9]{36,40}(?![A-Za-z0-9])/y, keyedPattern(['netlify'], ['token', 'key', 'secret'], '[A-Za-z0-9_-]{40,64}')],
  confirm: (s) => s.startsWith('nfp_') || mixed(s),
  summary:
    'nfp_ followed by 36–40 letters and digits, or a 40–64 character token assigned to NETLIFY_AUTH_TOKEN / a netlify…Token key. Ignores site IDs (UUIDs) and other Netlify settings.',
});

// Reference: Vercel docs, "Account Tokens" and Vercel CLI docs ("--token" / VERCEL_TOKEN; tokens
// are 24 letters and digits with no prefix, so only the variable name gives them away).
export const vercelToken = prefixedToken({
  kind: 'vercel-token',
  title: 'Vercel access token',
  keywords: ['VERCEL_', 'vercel_'],
  pattern: assigned('(?:VERCEL|vercel)_(?:[A-Za-z]+_){0,2}?(?:TOKEN|token)', '[A-Za-z0-9]{24}'),
  confirm: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
  summary: 'A 24-character mixed-case token assigned to VERCEL_TOKEN / VERCEL_…_TOKEN. Ignores project and team IDs (prj_…, team_…).',
});

const CLOUDFLARE_NAMES = ['CLOUDFLARE_', 'cloudflare_', 'CF_API_', 'cf_api_'];

// Reference: Cloudflare docs, "Create API token" (API tokens: 40 characters, scoped) and Cloudflare
// Terraform provider docs (CLOUDFLARE_API_TOKEN). Unprefixed, so only the variable name tells.
export const cloudflareApiToken = prefixedToken({
  kind: 'cloudflare-api-token',
  title: 'Cloudflare API token',
  keywords: [...CLOUDFLARE_NAMES, ...providerKeywords(['cloudflare'])],
  pattern: [
    assigned('(?:CLOUDFLARE|cloudflare)_(?:API_|api_)?(?:TOKEN|token)|CF_API_TOKEN|cf_api_token', '[A-Za-z0-9_-]{40}'),
    keyedPattern(['cloudflare'], ['token', 'secret'], '[A-Za-z0-9_-]{40}'),
  ],
  confirm: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s),
  summary:
    'A 40-character URL-safe token, letters and digits mixed, assigned to CLOUDFLARE_API_TOKEN / CF_API_TOKEN / a cloudflare…Token name. Ignores zone and account IDs (32 hex).',
});

// Reference: Cloudflare docs, "API keys — Global API Key" (37 hex characters, full account access,
// used with X-Auth-Email/X-Auth-Key; CLOUDFLARE_API_KEY in the Terraform provider).
export const cloudflareGlobalApiKey = prefixedToken({
  kind: 'cloudflare-global-api-key',
  title: 'Cloudflare Global API key',
  keywords: [...CLOUDFLARE_NAMES, ...providerKeywords(['cloudflare'])],
  pattern: [
    assigned('(?:CLOUDFLARE|cloudflare)_(?:GLOBAL_|global_)?(?:API_|api_)?(?:KEY|key)|CF_API_KEY|cf_api_key', '[0-9a-f]{37}'),
    keyedPattern(['cloudflare'], ['key', 'token', 'secret'], '[0-9a-f]{37}'),
  ],
  summary: 'A 37-hex-character key assigned to CLOUDFLARE_API_KEY / CF_API_KEY. Ignores zone IDs and other 32-hex identifiers.',
});

// Reference: Cloudflare docs, "Origin CA keys" (the Origin CA key used by cert-manager and the
// Terraform provider: v1.0- + 24 hex + "-" + 146 hex).
export const cloudflareOriginCaKey = prefixedToken({
  kind: 'cloudflare-origin-ca-key',
  title: 'Cloudflare Origin CA key',
  keywords: ['v1.0-'],
  pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9])/y,
  summary: 'v1.0-<24 hex>-<146 hex>: issues origin certificates for the account’s zones.',
});
