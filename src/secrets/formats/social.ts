// Social and media APIs: Twitter/X, Twitch, The New York Times. A leaked key posts, reads private
// messages or spends the owner's rate limits.
import { keyedPattern, keyedToken, mixed, providerKeywords } from './keyed.js';
import { prefixedToken } from './token.js';

/** App-only bearer tokens open with 22 A's, then URL-encoded base64 (%2B, %2F, %3D). */
const TWITTER_BEARER = 'A{22}[A-Za-z0-9%]{60,140}';

// Reference: X (Twitter) Developer Platform docs, "Authentication — API key and secret, access token
// and secret, bearer token" (consumer key 25 characters, consumer secret 50, access token
// <numeric user id>-<random>, access token secret 45, app-only bearer token AAAA…%…). None has a
// provider prefix, so they count only under a TWITTER_ key or as an Authorization: Bearer header.
export const twitterCredential = prefixedToken({
  kind: 'twitter-api-credential',
  title: 'Twitter/X API credential',
  keywords: [...providerKeywords(['twitter']), 'Bearer AAAAAAAAAAAAAAAAAAAAA'],
  pattern: [
    keyedPattern(
      ['twitter'],
      ['key', 'secret', 'token'],
      `${TWITTER_BEARER}|[0-9]{15,25}-[A-Za-z0-9]{20,40}|[A-Za-z0-9]{50}|[A-Za-z0-9]{45}|[a-f0-9]{35,44}|[A-Za-z0-9]{25}`,
    ),
    new RegExp(`Bearer (?<secret>${TWITTER_BEARER})(?![A-Za-z0-9%+/=_-])`, 'y'),
  ],
  notAfter: /(?!)/,
  fillerSkip: /^A{22}/,
  // A bearer token carries URL-encoded characters; base64 runs of zero bytes (AAAA…) do not.
  // Alone after "Bearer ", a bearer token must carry URL-encoding: base64 runs of zero bytes do not.
  confirm: (s, { match }) =>
    match[0].startsWith('Bearer ') ? /%[0-9A-F]{2}/.test(s) && mixed(s.slice(22)) : mixed(s.startsWith('A'.repeat(22)) ? s.slice(22) : s),
  summary:
    'Consumer keys and secrets, access tokens and secrets (by length; also 35–44 hex) assigned to a TWITTER_…KEY/SECRET/TOKEN name, and app-only bearer tokens (22 A\'s then URL-encoded base64) under such a name or after "Bearer ". Ignores the same shapes elsewhere and base64 runs of A.',
});

// Reference: Twitch Developers docs, "Authentication — Registering your app" (client secrets and
// OAuth access tokens are 30 lower-case letters and digits; chat bots log in with oauth:<token>).
export const twitchToken = keyedToken({
  kind: 'twitch-api-token',
  title: 'Twitch client secret or OAuth token',
  providers: ['twitch'],
  keys: ['secret', 'token', 'oauth', 'password', 'key'],
  value: '(?:oauth:)?[A-Za-z0-9]{30}',
  summary: '30 letters and digits (optionally oauth:…) assigned to a TWITCH_…SECRET/TOKEN/OAUTH name. Ignores client IDs under other names.',
});

// Reference: NYT Developer Network, "Get started — API keys" (each app gets a 32-character key
// passed as api-key; no prefix, so it counts only under an NYTIMES_/NYT_ name).
export const nytimesApiKey = keyedToken({
  kind: 'nytimes-api-key',
  title: 'New York Times API key',
  providers: ['nytimes', 'nyt_api', 'new_york_times'],
  keywords: ['NyTimes', 'NYTimes', 'newYorkTimes'],
  keys: ['key', 'secret', 'token'],
  value: '[A-Za-z0-9_=-]{32}',
  summary: '32 URL-safe characters assigned to an NYTIMES_/NYT_API_…KEY name. Ignores the same shape under other names.',
});
