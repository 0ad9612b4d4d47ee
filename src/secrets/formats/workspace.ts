// Collaboration, content and identity SaaS: Atlassian, Linear, Notion, Figma, Frame.io,
// Contentful, HubSpot, Mapbox, Dropbox, Okta. Their tokens read (and write) a team's documents.
import { keyedPattern, providerKeywords } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

// Reference: Atlassian Support, "Manage API tokens for your Atlassian account" (tokens for Jira,
// Confluence and Bitbucket API access; they start with ATATT3 and end with an 8-hex checksum).
export const atlassianApiToken = prefixedToken({
  kind: 'atlassian-api-token',
  title: 'Atlassian API token',
  keywords: ['ATATT3'],
  pattern: /ATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/y,
  summary: 'ATATT3 followed by 150–250 URL-safe characters. Ignores legacy 24-character tokens, which have no shape.',
});

// Reference: Linear developer docs, "API and Webhooks — Personal API keys" (lin_api_ + 40).
export const linearApiKey = prefixedToken({
  kind: 'linear-api-key',
  title: 'Linear API key',
  keywords: ['lin_api_'],
  pattern: /lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9])/y,
  summary: 'lin_api_ followed by 40 letters and digits.',
});

// Reference: Notion developer docs, "Authorization — Internal integration tokens" (tokens now
// start with ntn_; older ones with secret_ + 43, which only count under a NOTION_ name because
// secret_ alone is an everyday identifier).
export const notionToken = prefixedToken({
  kind: 'notion-token',
  title: 'Notion integration token',
  keywords: ['ntn_', 'NOTION_', 'notion_'],
  pattern: [
    /ntn_[A-Za-z0-9]{40,50}(?![A-Za-z0-9])/y,
    assigned('(?:NOTION|notion)_(?:[A-Za-z]+_){0,2}?(?:TOKEN|token|KEY|key|SECRET|secret)', 'secret_[A-Za-z0-9]{43}'),
  ],
  summary: 'ntn_ followed by 40–50 characters, or secret_<43> assigned to a NOTION_…TOKEN/KEY name. Ignores identifiers such as secret_key_base.',
});

// Reference: Figma developer docs, "Access tokens" (personal access tokens start with figd_).
export const figmaToken = prefixedToken({
  kind: 'figma-token',
  title: 'Figma personal access token',
  keywords: ['figd_'],
  pattern: /figd_[A-Za-z0-9_-]{38,50}(?![A-Za-z0-9_-])/y,
  summary: 'figd_ followed by 38–50 URL-safe characters.',
});

// Reference: Frame.io developer docs, "Authentication — Developer tokens" (fio-u- + 64).
export const frameioToken = prefixedToken({
  kind: 'frameio-token',
  title: 'Frame.io developer token',
  keywords: ['fio-u-'],
  pattern: /fio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/y,
  summary: 'fio-u- followed by 64 URL-safe characters.',
});

// Reference: Contentful docs, "Content Management API — Authentication" (personal access tokens
// start with CFPAT-).
export const contentfulToken = prefixedToken({
  kind: 'contentful-token',
  title: 'Contentful personal access token',
  keywords: ['CFPAT-'],
  pattern: /CFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
  summary: 'CFPAT- followed by 43 URL-safe characters.',
});

// Reference: HubSpot developer docs, "Private apps" (access tokens pat-<region>-<UUID>).
export const hubspotPrivateAppToken = prefixedToken({
  kind: 'hubspot-private-app-token',
  title: 'HubSpot private app token',
  keywords: ['pat-na', 'pat-eu', 'pat-ap'],
  pattern: /pat-(?:na|eu|ap)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/y,
  summary: 'pat-na1-/pat-eu1-… followed by a UUID.',
});

// Reference: Mapbox docs, "Access tokens" (secret tokens start with sk.; public pk. tokens are
// meant for browsers and are left alone).
export const mapboxSecretToken = prefixedToken({
  kind: 'mapbox-secret-token',
  title: 'Mapbox secret access token',
  keywords: ['sk.eyJ'],
  pattern: /sk\.eyJ[A-Za-z0-9_-]{20,200}\.[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_.-])/y,
  summary: 'sk.eyJ… secret tokens (base64 JSON . signature). Ignores public pk. tokens, which ship to browsers by design.',
});

// Reference: Dropbox developer docs, "OAuth Guide" (short-lived access tokens start with sl. and
// expire after four hours).
export const dropboxAccessToken = prefixedToken({
  kind: 'dropbox-access-token',
  title: 'Dropbox short-lived access token',
  severity: 'warning',
  keywords: ['sl.u.', 'sl.A', 'sl.B', 'sl.C', ...providerKeywords(['dropbox'])],
  pattern: [
    /sl\.(?:u\.)?[A-Za-z0-9_-]{130,1400}(?![A-Za-z0-9_-])/y,
    keyedPattern(['dropbox'], ['token', 'key', 'secret'], 'sl\\.[A-Za-z0-9=_-]{130,1400}'),
  ],
  notAfter: /[A-Za-z0-9]/,
  summary:
    'sl. access tokens of 130+ characters (starting sl.u./sl.A–C, or any under a DROPBOX_…TOKEN name). A warning: they expire four hours after issue.',
});

// Reference: Okta Developer docs, "Create an API token" (SSWS tokens: 00 followed by 40
// characters; unprefixed beyond that, so they count only under an OKTA_ name).
export const oktaApiToken = prefixedToken({
  kind: 'okta-api-token',
  title: 'Okta API token',
  keywords: providerKeywords(['okta']),
  pattern: keyedPattern(['okta'], ['token', 'key', 'secret'], '00[A-Za-z0-9_-]{40}'),
  notAfter: /(?!)/,
  summary: '00 + 40 URL-safe characters assigned to OKTA_API_TOKEN / an okta…Token or …Key name. Ignores client IDs (0oa…).',
});
