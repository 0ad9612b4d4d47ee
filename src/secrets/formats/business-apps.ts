// Business and social APIs, A–L: Meta (Facebook), Contentful delivery, Etsy, Fastly, Finnhub,
// Flickr, FreshBooks, HubSpot legacy keys, Intercom, Linear OAuth, LinkedIn, Looker.
import { keyedToken } from './keyed.js';
import { prefixedToken } from './token.js';

const UUID_ANY_CASE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const mixesClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

// Reference: Meta for Developers, "Access Tokens" (user, page and system-user access tokens are
// opaque strings starting with EAA; long-lived ones are 150–250 characters).
export const facebookAccessToken = prefixedToken({
  kind: 'facebook-access-token',
  title: 'Meta (Facebook) access token',
  keywords: ['EAA'],
  pattern: /EAA[A-Za-z0-9]{90,400}(?![A-Za-z0-9+/=_-])/y,
  // Runs of zero bytes encode to AAAA…, so EAA is common inside base64: never continue a blob.
  notAfter: /[A-Za-z0-9+/_-]/,
  confirm: (s) => mixesClasses(s.slice(3)) && !/AAAAAA/.test(s.slice(3)),
  summary:
    'EAA followed by 90–400 mixed-case letters and digits (user, page and system-user tokens). Ignores base64 blobs (EAAAAAA…) and Square tokens (EAAA + 60).',
});

// Reference: Meta for Developers, "App Dashboard — Basic settings" (the App Secret, 32 hex
// characters, signs app access tokens and appsecret_proof).
export const facebookAppSecret = keyedToken({
  kind: 'facebook-app-secret',
  title: 'Meta (Facebook) app secret',
  providers: ['facebook', 'fb_app', 'fb_client', 'meta_app'],
  value: '[a-f0-9]{32}',
  summary: '32 hex characters assigned to FACEBOOK_APP_SECRET / FB_APP_SECRET / facebook…secret. Ignores app IDs (digits).',
});

// Reference: Contentful docs, "Authentication — Content Delivery API" (43-character delivery and
// preview tokens; they read content that is usually published anyway).
export const contentfulDeliveryToken = keyedToken({
  kind: 'contentful-delivery-token',
  title: 'Contentful delivery or preview token',
  severity: 'warning',
  providers: ['contentful'],
  value: '[A-Za-z0-9_-]{43}',
  summary: '43 URL-safe characters assigned to CONTENTFUL_…TOKEN/KEY. A warning: delivery tokens read published content.',
});

// Reference: Etsy Open API v3 docs, "Authentication" (keystrings are 24 lower-case characters).
export const etsyApiKey = keyedToken({
  kind: 'etsy-api-key',
  title: 'Etsy API keystring or shared secret',
  providers: ['etsy'],
  value: '[a-z0-9]{24}',
  summary: '24 lower-case letters and digits assigned to ETSY_API_KEY / ETSY_…SECRET.',
});

// Reference: Fastly docs, "Using API tokens" (32 URL-safe characters, sent as Fastly-Key).
export const fastlyApiToken = keyedToken({
  kind: 'fastly-api-token',
  title: 'Fastly API token',
  providers: ['fastly'],
  value: '[A-Za-z0-9_-]{32}',
  summary: '32 URL-safe characters assigned to FASTLY_API_TOKEN / Fastly-Key. Ignores service IDs (22 characters).',
});

// Reference: Finnhub docs, "API — Authentication" (20-character lower-case API keys).
export const finnhubApiKey = keyedToken({
  kind: 'finnhub-api-key',
  title: 'Finnhub API key',
  providers: ['finnhub'],
  value: '[a-z0-9]{20}',
  summary: '20 lower-case letters and digits assigned to FINNHUB_API_KEY / finnhub…token.',
});

// Reference: Flickr API docs, "API keys" (a 32-hex key and a 16-hex secret).
export const flickrApiKey = keyedToken({
  kind: 'flickr-api-key',
  title: 'Flickr API key or secret',
  providers: ['flickr'],
  value: '[A-Za-z0-9]{32}|[a-f0-9]{16}',
  summary: '32-character keys and 16-hex secrets assigned to FLICKR_API_KEY / FLICKR_…SECRET.',
});

// Reference: FreshBooks API docs, "Authentication" (64-hex access tokens and client secrets).
export const freshbooksToken = keyedToken({
  kind: 'freshbooks-token',
  title: 'FreshBooks access token or client secret',
  providers: ['freshbooks'],
  value: '[A-Za-z0-9]{64}',
  summary: '64 letters and digits assigned to FRESHBOOKS_…TOKEN/SECRET.',
});

// Reference: HubSpot developer docs, "HubSpot APIs — API key (deprecated)" (a UUID, passed as
// hapikey=; private app tokens pat-… have their own rule).
export const hubspotApiKey = keyedToken({
  kind: 'hubspot-api-key',
  title: 'HubSpot API key (legacy)',
  providers: ['hubspot', 'hapikey'],
  lastWords: ['hapikey'],
  value: UUID_ANY_CASE,
  summary: 'A UUID assigned to HUBSPOT_API_KEY or passed as hapikey=. Ignores portal IDs and other UUIDs.',
});

// Reference: Intercom developer docs, "Authentication — Access tokens" (60 base64url characters:
// base64 of "tok:…").
export const intercomToken = keyedToken({
  kind: 'intercom-access-token',
  title: 'Intercom access token',
  providers: ['intercom'],
  value: '[A-Za-z0-9=_-]{60}',
  summary: '60 base64url characters assigned to INTERCOM_ACCESS_TOKEN / intercom…token.',
});

// Reference: Linear developer docs, "OAuth 2.0 authentication" (32-hex client secrets; personal
// API keys lin_api_… have their own rule).
export const linearClientSecret = keyedToken({
  kind: 'linear-client-secret',
  title: 'Linear OAuth client secret',
  providers: ['linear'],
  value: '[a-f0-9]{32}',
  summary: '32 hex characters assigned to LINEAR_CLIENT_SECRET / a linear…secret/token/key name.',
});

// Reference: LinkedIn Developers, "Authenticating with OAuth 2.0" (16-character client secrets,
// shown in the app's Auth tab).
export const linkedinClientSecret = keyedToken({
  kind: 'linkedin-client-secret',
  title: 'LinkedIn client secret',
  providers: ['linkedin'],
  value: '[A-Za-z0-9]{16}',
  summary:
    '16 letters and digits assigned to LINKEDIN_CLIENT_SECRET / a linkedin…secret/token/key name. Ignores 14-character client IDs (their own warning rule).',
});

// Reference: Looker docs, "API authentication" (API3 client secrets: 24 characters, with
// LOOKERSDK_CLIENT_SECRET read by the SDKs).
export const lookerClientSecret = keyedToken({
  kind: 'looker-client-secret',
  title: 'Looker API client secret',
  providers: ['looker', 'lookersdk'],
  value: '[A-Za-z0-9]{24}',
  confirm: (_, { match }) => /secret/i.test(match.groups?.['name'] ?? ''),
  summary: '24 letters and digits assigned to LOOKERSDK_CLIENT_SECRET / looker…secret.',
});

// Reference: Discord Developer Portal docs, "OAuth2" (the client secret of an application, 32
// URL-safe characters; bot tokens and webhooks have their own rules).
export const discordClientSecret = keyedToken({
  kind: 'discord-client-secret',
  title: 'Discord OAuth client secret or API key',
  providers: ['discord'],
  value: '[a-f0-9]{64}|[A-Za-z0-9_-]{32}',
  summary:
    '32 URL-safe characters (letters and digits mixed) assigned to DISCORD_CLIENT_SECRET / a discord…secret/token name, and 64-hex application keys under a DISCORD_…KEY name. Ignores client IDs (digits).',
});

// Reference: Dropbox developer docs, "OAuth Guide" (legacy long-lived access tokens: 11
// characters, ten A's, 43 characters; they never expire).
export const dropboxLongLivedToken = keyedToken({
  kind: 'dropbox-long-lived-token',
  title: 'Dropbox long-lived access token',
  providers: ['dropbox'],
  value: '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}',
  mixed: false,
  randomPart: (token) => token.replace('AAAAAAAAAA', '-'),
  summary: '<11>AAAAAAAAAA<43> tokens assigned to a DROPBOX_…TOKEN name (the A-run alone is everywhere in base64).',
});
