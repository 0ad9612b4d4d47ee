// Chat, SMS and e-mail APIs: Slack, Twilio, SendGrid, Mailgun, Mailchimp, Brevo, Telegram, Discord,
// Microsoft Teams. A leaked key sends messages (phishing, spam) in the owner's name.
import { keyedPattern, providerKeywords } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

/** Docs write xoxb-your-token and xoxp-1234-1234-…; real tokens carry long, distinct numeric IDs. */
function isSlackToken(s: string): boolean {
  const rest = s.replace(/^(?:xoxe\.)?xox[a-z]-/, '');
  if (/^(?:\d-)?[A-Za-z0-9]{10,48}$/.test(rest)) {
    // Random: letters with digits; a short run may lack digits by chance, a long one without any
    // is words (xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere). Not digits alone (xoxp-1234567890).
    const body = rest.replace(/^\d-/, '');
    if (!/[A-Za-z]/.test(body)) return false;
    return /[0-9]/.test(body) || (body.length <= 16 && /[A-Z]/.test(body) && /[a-z]/.test(body));
  }
  // The numeric IDs, past the one-digit version some forms carry (xoxe.xoxp-1-…, xoxa-2-…).
  const ids = rest
    .replace(/^\d-/, '')
    .split('-')
    .filter((part) => /^\d+$/.test(part));
  if (ids.length >= 2 && ids.every((id) => id === ids[0])) return false;
  if (ids.length > 0 && ids.every((id) => id.length < 6)) return false;
  return s.length >= 24 && (s.match(/[0-9]/g)?.length ?? 0) >= 8;
}

// Reference: Slack API docs, "Token types" (xoxb- bot, xoxp- user, xoxa- app/workspace, xoxr-
// refresh, xoxs- legacy session tokens; dash-separated numeric IDs then a random part; xoxe.xoxp-
// and xoxe- are the rotating and refresh forms of token rotation).
export const slackToken = prefixedToken({
  kind: 'slack-token',
  title: 'Slack token',
  keywords: ['xoxa-', 'xoxb-', 'xoxo-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxe.xox', 'xoxe-'],
  pattern: [
    /(?:xoxe\.)?xox[abeoprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+){1,5}(?![A-Za-z0-9-])/y,
    // The single-run form older tokens (and trivy) have: xoxa-2-<letters and digits>, xoxp-<…>.
    /xox[abprs]-(?:\d-)?[A-Za-z0-9]{10,48}(?![A-Za-z0-9-])/y,
  ],
  // xoxe.xoxp-…: the inner xoxp- is part of the configuration token, not a second one.
  notAfter: /[A-Za-z0-9.]/,
  // The numeric ids are counters (they repeat digits: xoxa-2-511111111-…) and isSlackToken judges
  // them; the filler check looks at the random part after the last dash.
  randomPart: (s) => s.slice(s.lastIndexOf('-') + 1),
  confirm: isSlackToken,
  summary:
    'Bot, user, app, refresh, session, legacy and rotating tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxo-, xoxe-), dash-separated or as one run of 10–48 letters and digits. Ignores documentation forms such as xoxb-your-token and fillers such as xoxp-1234-1234-1234-….',
});

// Reference: Slack API docs, "Using Socket Mode — App-level tokens" (xapp-<n>-<app id>-<number>-<hex>).
export const slackAppToken = prefixedToken({
  kind: 'slack-app-token',
  title: 'Slack app-level token',
  keywords: ['xapp-'],
  pattern: /xapp-\d-[A-Z0-9]{8,12}-\d{10,16}-[a-zA-Z0-9]{32,80}(?![A-Za-z0-9])/y,
  summary: 'xapp-<version>-<app ID>-<number>-<32+ characters>. Ignores placeholders like xapp-your-token.',
});

// Reference: Slack API docs, "Sending messages using incoming webhooks" (the webhook URL
// https://hooks.slack.com/services/T…/B…/… is itself the credential) and Slack Help "Workflow
// Builder — webhook triggers" (hooks.slack.com/workflows/… and /triggers/… URLs).
export const slackWebhook = prefixedToken({
  kind: 'slack-webhook',
  title: 'Slack webhook URL',
  keywords: ['hooks.slack.com/'],
  pattern:
    /hooks\.slack\.com\/(?:services\/[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{20,32}|(?:workflows|triggers)\/[A-Z0-9]{8,12}\/(?:[A-Z0-9]{8,12}\/)?\d{8,24}\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/y,
  notAfter: /[A-Za-z0-9-]/,
  summary: 'Incoming-webhook (services/T…/B…/…) and workflow (workflows/…, triggers/…) URLs. Ignores URLs cut before their secret part.',
});

// Reference: Twilio docs, "API keys overview" (API key SIDs are SK + 32 hex; the key's secret is
// shown next to it once). Like an AWS key ID, the SID says a secret is close by.
export const twilioApiKey = prefixedToken({
  kind: 'twilio-api-key',
  title: 'Twilio API key SID',
  trigger: 'SK[0-9a-f][0-9a-f]',
  pattern: /SK[0-9a-f]{32}(?![A-Za-z0-9])/y,
  confirm: (s) => /[a-f]/.test(s.slice(2)) && /[0-9]/.test(s.slice(2)),
  summary: 'SK followed by 32 lower-case hex characters. Ignores upper-case hex and other lengths.',
});

// Reference: Twilio docs, "Auth Tokens and How to Change Them" (32 hex characters; HTTP basic auth
// as AccountSid:AuthToken, the SID being AC + 32 hex).
export const twilioAuthToken = prefixedToken({
  kind: 'twilio-auth-token',
  title: 'Twilio auth token',
  trigger: 'TWILIO_|twilio_|AC[0-9a-f][0-9a-f]',
  pattern: [
    assigned('(?:TWILIO|twilio)_(?:[A-Za-z]+_){0,2}?(?:AUTH_TOKEN|auth_token|SECRET|secret)', '[0-9a-f]{32}'),
    /AC[0-9a-f]{32}:(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])/y,
  ],
  summary: '32 hex characters assigned to TWILIO_AUTH_TOKEN, or after AccountSid: in basic-auth form (AC…:token). Ignores account SIDs alone.',
});

// Reference: Twilio SendGrid docs, "API Keys" (SG.<22 characters>.<43 characters>).
export const sendgridApiKey = prefixedToken({
  kind: 'sendgrid-api-key',
  title: 'SendGrid API key',
  keywords: ['SG.'],
  pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
  summary: 'SG.<22>.<43> URL-safe characters. Ignores other SG. strings.',
});

// Reference: Mailgun docs, "API Keys" (the private API key; older keys read key-<32 hex>). Mailgun
// keys are matched only when a MAILGUN_ name holds them: "key-" alone is an ordinary word.
export const mailgunApiKey = prefixedToken({
  kind: 'mailgun-api-key',
  title: 'Mailgun API key',
  keywords: providerKeywords(['mailgun']),
  pattern: keyedPattern(['mailgun'], ['key', 'token', 'secret'], 'key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}'),
  notAfter: /(?!)/,
  summary:
    'key-<32 hex> or <32 hex>-<8 hex>-<8 hex> (private API and webhook signing keys) assigned to MAILGUN_API_KEY / a mailgun…Key name. Ignores the same shapes under other names and public pubkey- validation keys.',
});

// Reference: Mailchimp Marketing API docs, "Quick start — API keys" (32 hex characters, a dash and
// the data center, e.g. -us6). Found from the "-us<digit>" suffix.
export const mailchimpApiKey = prefixedToken({
  kind: 'mailchimp-api-key',
  title: 'Mailchimp API key',
  trigger: '-us[0-9]',
  pattern: /[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/y,
  lookback: { chars: /[0-9a-f]/, max: 32 },
  summary: '32 hex characters followed by -us<data center>. Ignores locale strings such as en-us and hex of other lengths.',
});

// Reference: Brevo (formerly Sendinblue) developer docs, "Authentication — API keys" (keys start
// with xkeysib-; SMTP keys with xsmtpsib-).
export const brevoApiKey = prefixedToken({
  kind: 'brevo-api-key',
  title: 'Brevo API key',
  keywords: ['xkeysib-', 'xsmtpsib-'],
  pattern: /x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9])/y,
  summary: 'xkeysib- / xsmtpsib- followed by 64 hex characters and a 16-character suffix.',
});

// Reference: Telegram Bot API docs, "Authorizing your bot" (token = bot ID, a colon, then a
// 35-character secret starting AA; used as https://api.telegram.org/bot<token>/…).
export const telegramBotToken = prefixedToken({
  kind: 'telegram-bot-token',
  title: 'Telegram bot token',
  keywords: [':AA', ...providerKeywords(['telegram'])],
  pattern: [
    // Bot IDs are 8–10 digits today; the oldest bots have shorter ones.
    /\d{6,16}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y,
    // Under a TELEGRAM_…TOKEN name the secret part need only start with A (the docs' own example).
    keyedPattern(['telegram'], ['token', 'key', 'secret'], '\\d{5,16}:A[A-Za-z0-9_-]{34}'),
  ],
  lookback: { chars: /[0-9]/, max: 16 },
  notAfter: /(?!)/,
  // The ID may follow "bot" in an API URL; otherwise it may not continue a word or number.
  confirm: (_, { text, start }) => start === 0 || !/[A-Za-z0-9]/.test(text[start - 1] ?? '') || text.slice(Math.max(0, start - 4), start) === '/bot',
  summary:
    'A numeric bot ID (6–16 digits), a colon and AA + 33 URL-safe characters, bare or in api.telegram.org/bot… URLs; under a TELEGRAM_…TOKEN name any 35-character secret starting A. Ignores IDs of other lengths.',
});

// Reference: Discord Developer Portal docs, "Reference — Authentication" (bot tokens: base64 user
// ID, a timestamp and an HMAC, dot-separated). Unprefixed, so only a DISCORD_ name gives it away.
export const discordBotToken = prefixedToken({
  kind: 'discord-bot-token',
  title: 'Discord bot token',
  keywords: ['DISCORD_', 'discord_'],
  pattern: assigned('(?:DISCORD|discord)_(?:[A-Za-z]+_){0,2}?(?:TOKEN|token)', '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}'),
  summary: 'A three-part bot token (base64 ID . timestamp . HMAC) assigned to DISCORD_TOKEN / DISCORD_BOT_TOKEN. Ignores client IDs and public keys.',
});

// Reference: Discord Developer docs, "Webhook resource — Execute Webhook" (the URL
// discord.com/api/webhooks/<id>/<token> posts as the webhook without further auth).
export const discordWebhook = prefixedToken({
  kind: 'discord-webhook',
  title: 'Discord webhook URL',
  keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
  pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}(?![A-Za-z0-9_-])/y,
  notAfter: /[A-Za-z0-9-]/,
  summary: 'discord(app).com/api/webhooks/<id>/<60–68 character token>. Ignores URLs without the token.',
});

// Reference: Microsoft Learn, "Create an Incoming Webhook" for Microsoft Teams (the connector URL
// <tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<32 hex>/<GUID> posts
// to the channel without further auth).
export const teamsWebhook = prefixedToken({
  kind: 'teams-webhook',
  title: 'Microsoft Teams incoming webhook URL',
  keywords: ['webhook.office.com/webhookb2/'],
  pattern:
    /webhook\.office\.com\/webhookb2\/[0-9a-z-]{36}@[0-9a-z-]{36}\/IncomingWebhook\/[0-9a-z]{32}\/[0-9a-z-]{36}(?:\/[A-Za-z0-9_-]{20,80})?(?![A-Za-z0-9_-])/y,
  notAfter: /[A-Za-z0-9-]/,
  summary: 'webhook.office.com/webhookb2/…/IncomingWebhook/<32 characters>/<GUID> URLs. Ignores URLs cut before the IncomingWebhook part.',
});
