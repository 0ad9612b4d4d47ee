// Team chat, customer messaging and support desks: Mattermost, MessageBird, Sendbird, Zendesk.
// None of their keys has a prefix, so each counts only under a key that names the provider.
import { keyedToken } from './keyed.js';

// Reference: Mattermost docs, "Personal access tokens" and "Bot accounts" (tokens are 26 lower-case
// letters and digits, the same shape as Mattermost IDs, so only a …TOKEN name tells them apart).
export const mattermostToken = keyedToken({
  kind: 'mattermost-access-token',
  title: 'Mattermost access token',
  providers: ['mattermost'],
  keys: ['token'],
  value: '[A-Za-z0-9]{26}',
  summary: '26 letters and digits assigned to a MATTERMOST_…TOKEN name. Ignores user, team and channel IDs (same shape, other names).',
});

// Reference: MessageBird (Bird) developer docs, "Authentication — Access keys" (25-character live
// and test access keys sent as "Authorization: AccessKey …").
export const messagebirdApiKey = keyedToken({
  kind: 'messagebird-api-key',
  title: 'MessageBird access key',
  providers: ['messagebird', 'message_bird'],
  keywords: ['MessageBird', 'messageBird'],
  keys: ['key', 'token', 'secret'],
  value: '[A-Za-z0-9]{25}',
  summary: '25 letters and digits assigned to a MESSAGEBIRD_…KEY name. Ignores client and channel IDs.',
});

// Reference: Sendbird docs, "Platform API — Authentication" (the master or secondary API token,
// 40 hex characters, sent as Api-Token).
export const sendbirdApiToken = keyedToken({
  kind: 'sendbird-api-token',
  title: 'Sendbird API token',
  providers: ['sendbird'],
  keywords: ['SendBird'],
  keys: ['token', 'key', 'secret'],
  value: '[0-9a-f]{40}',
  summary: '40 hex characters assigned to a SENDBIRD_…TOKEN name. Ignores application IDs (UUIDs).',
});

// Reference: Zendesk developer docs, "API token" authentication (40-character tokens used as
// <email>/token:<token>).
export const zendeskApiToken = keyedToken({
  kind: 'zendesk-api-token',
  title: 'Zendesk API token',
  providers: ['zendesk'],
  keys: ['token', 'key', 'secret'],
  value: '[A-Za-z0-9]{40}',
  summary: '40 letters and digits assigned to a ZENDESK_…TOKEN name. Ignores subdomains and e-mail addresses.',
});
