// Client IDs, key IDs and publishable keys: halves of a credential pair, or keys meant to ship in
// browsers and apps. Alone they grant little, but where one sits the secret half is rarely far,
// and gitleaks and trivy report them: warnings, found only under a name that says the provider.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken, type FormatDetector } from './token.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const digits = (s: string): boolean => /^\d+$/.test(s) && !/^(\d)\1+$/.test(s);

// Reference: Asana developer docs, "OAuth — Register an application" (the client ID is a 16-digit number).
export const asanaClientId = keyedToken({
  kind: 'asana-client-id',
  title: 'Asana OAuth client ID',
  severity: 'warning',
  providers: ['asana'],
  // Workspace, project and task IDs are 16 digits too: only a client ID or token name counts.
  keys: ['client_id', 'clientid', 'token', 'key'],
  value: '\\d{16}',
  mixed: false,
  confirm: digits,
  summary: '16 digits assigned to ASANA_CLIENT_ID / an asana…id/token name. A warning: it identifies the app; the client secret is the credential.',
});

// Reference: Confluent Cloud docs, "Use API keys" (the key is a 16-character ID paired with a 64-character secret).
export const confluentApiKeyId = keyedToken({
  kind: 'confluent-api-key-id',
  title: 'Confluent Cloud API key (ID half)',
  severity: 'warning',
  providers: ['confluent'],
  lastWords: ['id'],
  value: '[A-Za-z0-9]{16}',
  summary:
    '16 letters and digits assigned to CONFLUENT_API_KEY / a confluent…key/id name. A warning: the 64-character secret is the credential (its own rule).',
});

// Reference: Discord Developer Portal docs, "OAuth2" (the client ID is the application's snowflake ID, 17–20 digits).
export const discordClientId = keyedToken({
  kind: 'discord-client-id',
  title: 'Discord client ID',
  severity: 'warning',
  providers: ['discord'],
  lastWords: ['id'],
  value: '\\d{17,20}',
  mixed: false,
  confirm: digits,
  summary:
    'A 17–20 digit snowflake assigned to DISCORD_CLIENT_ID / a discord…id/token name. A warning: public in every invite link; the client secret and bot token are the credentials.',
});

// Reference: LinkedIn developer docs, "Authorization Code Flow" (client IDs are 14 lower-case letters and digits).
export const linkedinClientId = keyedToken({
  kind: 'linkedin-client-id',
  title: 'LinkedIn client ID',
  severity: 'warning',
  providers: ['linkedin', 'linked_in'],
  lastWords: ['id'],
  value: '[A-Za-z0-9]{14}',
  summary: '14 letters and digits assigned to LINKEDIN_CLIENT_ID / a linkedin…id/token name. A warning: the client secret is the credential.',
});

// Reference: Plaid docs, "API — Keys" (client_id: 24 hex characters, sent with every request beside the secret).
export const plaidClientId = keyedToken({
  kind: 'plaid-client-id',
  title: 'Plaid client ID',
  severity: 'warning',
  providers: ['plaid'],
  lastWords: ['id'],
  value: '[A-Za-z0-9]{24}',
  summary:
    '24 letters and digits assigned to PLAID_CLIENT_ID / a plaid…id/token name. A warning: the secret (30 characters, its own rule) is the credential.',
});

// Reference: Sumo Logic docs, "Access Keys" (the access ID starts with su and is paired with a 64-character key).
export const sumologicAccessId = keyedToken({
  kind: 'sumologic-access-id',
  title: 'Sumo Logic access ID',
  severity: 'warning',
  providers: ['sumo'],
  lastWords: ['id'],
  value: 'su[A-Za-z0-9]{12}',
  confirm: (s) => mixed(s.slice(2)),
  summary:
    'su followed by 12 letters and digits, assigned to SUMO_ACCESS_ID / a sumo…id/token name. A warning: the access key (its own rule) is the secret half.',
});

// Reference: MessageBird (Bird) docs, "API access keys" (workspaces and clients are identified by UUIDs).
export const messagebirdClientId = keyedToken({
  kind: 'messagebird-client-id',
  title: 'MessageBird client ID',
  severity: 'warning',
  providers: ['messagebird', 'message_bird'],
  keywords: ['MessageBird'],
  lastWords: ['id'],
  value: UUID,
  mixed: false,
  summary: 'A UUID assigned to MESSAGEBIRD_CLIENT_ID / a messagebird…id/token name. A warning: the access key is the credential.',
});

// Reference: Sendbird docs, "Platform API — Authentication" (each application has a UUID application ID; the API token is separate).
export const sendbirdAppId = keyedToken({
  kind: 'sendbird-app-id',
  title: 'Sendbird application ID',
  severity: 'warning',
  providers: ['sendbird'],
  lastWords: ['id'],
  value: UUID,
  mixed: false,
  summary: 'A UUID assigned to SENDBIRD_APP_ID / a sendbird…id/token name. A warning: it names the app in API URLs; the API token is the credential.',
});

// Reference: Intercom developer docs, "Setting up OAuth" (client ID and client secret are UUIDs).
export const intercomClientCredential = keyedToken({
  kind: 'intercom-client-credential',
  title: 'Intercom OAuth client ID or secret',
  severity: 'warning',
  providers: ['intercom'],
  lastWords: ['id'],
  value: UUID,
  mixed: false,
  summary:
    'A UUID assigned to INTERCOM_CLIENT_ID / INTERCOM_CLIENT_SECRET / an intercom…token name. A warning: client credentials need a user’s authorisation to reach data.',
});

// Reference: Lob docs, "Authentication" (publishable keys live_pub_/test_pub_ + 31 hex, meant for browsers).
export const lobPublishableKey = keyedToken({
  kind: 'lob-publishable-key',
  title: 'Lob publishable API key',
  severity: 'warning',
  providers: ['lob'],
  value: '(?:live|test)_pub_[a-f0-9]{31}',
  summary: 'live_pub_/test_pub_ + 31 hex assigned to a LOB_…KEY name. A warning: publishable keys only verify addresses from a browser.',
});

// Reference: Mailgun docs, "API keys — Public validation key" (pubkey- + 32 hex, for address validation from browsers).
export const mailgunPublicKey = prefixedToken({
  kind: 'mailgun-public-key',
  title: 'Mailgun public validation key',
  severity: 'warning',
  keywords: ['pubkey-'],
  pattern: /pubkey-[a-f0-9]{32}(?![A-Za-z0-9])/y,
  confirm: (s) => mixed(s.slice(7)),
  summary: 'pubkey- followed by 32 hex characters. A warning: it only validates addresses, and is meant for browsers.',
});

// Reference: Mapbox docs, "Access tokens" (public tokens start pk., secret ones sk.; both are
// <prefix>.<base64 JSON>.<signature>). Public tokens ship in web maps: a warning, and only under a MAPBOX_ name.
export const mapboxPublicToken = keyedToken({
  kind: 'mapbox-public-token',
  title: 'Mapbox public access token',
  severity: 'warning',
  providers: ['mapbox'],
  keywords: ['pk.'],
  // Bare, a token needs the full shape: a 60+ character payload and a 22-character signature.
  patterns: [/pk\.[A-Za-z0-9]{60,300}\.[A-Za-z0-9_-]{22}(?![A-Za-z0-9_.-])/y],
  // MY_MAPBOX_TOKEN: an underscore may precede the name; a bare token may not continue a word.
  notAfter: /[A-Za-z0-9.]/,
  value: 'pk\\.[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{20,40}',
  summary:
    'pk.<payload>.<signature> assigned to a MAPBOX_…TOKEN name, or bare with a 60+ character payload and a 22-character signature. A warning: public tokens are meant for browsers; restrict them by URL. Secret sk. tokens have their own rule.',
});

// Reference: Flutterwave docs, "API keys" (public keys FLWPUBK-/FLWPUBK_TEST- + 32 characters + -X, used in checkout pages).
export const flutterwavePublicKey = prefixedToken({
  kind: 'flutterwave-public-key',
  title: 'Flutterwave public key',
  severity: 'warning',
  keywords: ['FLWPUBK'],
  pattern: /FLWPUBK(?:_TEST)?-[a-z0-9]{32}-X(?![A-Za-z0-9-])/y,
  confirm: (s) => mixed(s.slice(8)),
  summary: 'FLWPUBK-/FLWPUBK_TEST- followed by 32 characters and -X. A warning: public keys are meant for checkout pages.',
});

// Reference: Stripe docs, "API keys" (publishable keys pk_live_/pk_test_ identify the account in
// Stripe.js and are public by design).
export const stripePublishableKey = prefixedToken({
  kind: 'stripe-publishable-key',
  title: 'Stripe publishable key',
  severity: 'warning',
  keywords: ['pk_live_', 'pk_test_'],
  pattern: /pk_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/y,
  confirm: (s) => mixed(s.slice(8)),
  summary:
    'pk_live_/pk_test_ followed by 10+ letters and digits. A warning: publishable keys are meant for browsers; they say which Stripe account a build talks to.',
});

export const PROVIDER_ID_DETECTORS: readonly FormatDetector[] = [
  asanaClientId,
  confluentApiKeyId,
  discordClientId,
  linkedinClientId,
  plaidClientId,
  sumologicAccessId,
  messagebirdClientId,
  sendbirdAppId,
  intercomClientCredential,
  lobPublishableKey,
  mailgunPublicKey,
  mapboxPublicToken,
  flutterwavePublicKey,
  stripePublishableKey,
];
