// Corpus cases for the kinds added to match gitleaks' and trivy's rule families
// (src/secrets/formats/provider-ids.ts, keyed-providers.ts) and for the alphabets and key
// spellings the older rules were widened to. Tokens are assembled at runtime (see gen.ts).
import type { Cases, Positive } from './cases.js';
import { alphabet as A, body, uuid } from './gen.js';

const bare = (secret: string): Positive => ({ text: secret, secret });
const inText = (before: string, secret: string, after = ''): Positive => ({ text: before + secret + after, secret });
const alnum = (n: number, seed: string): string => body(A.alnum, n, seed);
const lower = (n: number, seed: string): string => body(A.lowerAlnum, n, seed);
const hex = (n: number, seed: string): string => body(A.hex, n, seed);
const digits = (n: number, seed: string): string => body(A.digits, n, seed);
const urlSafe = (n: number, seed: string): string => body(A.urlSafe, n, seed);
const b64 = (n: number, seed: string): string => body(A.base64, n, seed);

const dockerConfig = Buffer.from(
  JSON.stringify({ auths: { 'registry.lan': { auth: Buffer.from('ci:' + alnum(16, 'dcfg-pw')).toString('base64') } } }),
).toString('base64');

export const PROVIDER_CASES_D: Record<string, Cases> = {
  // Identifier halves and publishable keys (warnings).
  'asana-client-id': {
    positives: [inText('ASANA_CLIENT_ID=', digits(16, 'asana-cid')), inText('asanaToken := "', digits(16, 'asana-cid2'), '"')],
    negatives: [{ why: 'a project ID', text: `ASANA_PROJECT_ID=${digits(16, 'asana-proj')}` }],
  },
  'confluent-api-key-id': {
    positives: [inText('CONFLUENT_API_KEY=', alnum(16, 'confluent-id').toUpperCase())],
    negatives: [{ why: 'a cluster name', text: 'CONFLUENT_CLUSTER_ID=lkc-abcde' }],
  },
  'discord-client-id': {
    positives: [inText('DISCORD_CLIENT_ID=', digits(18, 'discord-cid'))],
    negatives: [{ why: 'too short for a snowflake', text: `DISCORD_CLIENT_ID=${digits(10, 'discord-short')}` }],
  },
  'linkedin-client-id': {
    positives: [inText('LINKEDIN_CLIENT_ID=', lower(14, 'linkedin-cid'))],
    negatives: [{ why: 'a word, not an ID', text: 'linkedin_client_id: linkedinclient' }],
  },
  'plaid-client-id': {
    positives: [inText('PLAID_CLIENT_ID=', hex(24, 'plaid-cid'))],
    negatives: [{ why: 'an environment name', text: 'PLAID_ENV=sandbox' }],
  },
  'sumologic-access-id': {
    positives: [inText('SUMO_ACCESS_ID=', 'su' + alnum(12, 'sumo-id')), inText("sumoToken = '", 'su' + alnum(12, 'sumo-id2'), "'")],
    negatives: [{ why: 'a word starting su', text: 'SUMO_ACCESS_ID=supercalifragi' }],
  },
  'messagebird-client-id': {
    positives: [inText('MESSAGEBIRD_CLIENT_ID=', uuid('mbird-cid'))],
    negatives: [{ why: 'a UUID under another provider', text: `REQUEST_ID=${uuid('mbird-req')}` }],
  },
  'sendbird-app-id': {
    positives: [inText('SENDBIRD_APP_ID=', uuid('sendbird-app').toUpperCase())],
    negatives: [{ why: 'not a UUID', text: `SENDBIRD_APP_ID=${hex(20, 'sendbird-app-short')}` }],
  },
  'intercom-client-credential': {
    positives: [inText('"intercom_client_secret": "', uuid('intercom-cs'), '"')],
    negatives: [{ why: 'a UUID under another name', text: `CORRELATION_ID=${uuid('intercom-corr')}` }],
  },
  'lob-publishable-key': {
    positives: [inText('LOB_PUBLISHABLE_KEY=', 'live_pub_' + hex(31, 'lob-pub'))],
    negatives: [{ why: 'inside "global"', text: `global_key=live_pub_${hex(31, 'lob-global')}` }],
  },
  'mailgun-public-key': {
    positives: [bare('pubkey-' + hex(32, 'mailgun-pub'))],
    negatives: [{ why: 'too short', text: 'pubkey-' + hex(20, 'mailgun-pub-short') }],
  },
  'mapbox-public-token': {
    positives: [
      bare('pk.' + lower(60, 'mapbox-bare') + '.' + lower(22, 'mapbox-bare-sig')),
      inText('MAPBOX_ACCESS_TOKEN=', 'pk.eyJ' + urlSafe(60, 'mapbox-pk') + '.' + urlSafe(22, 'mapbox-pk-sig')),
    ],
    negatives: [
      { why: 'no MAPBOX_ name and a short payload', text: 'token = pk.eyJ' + urlSafe(30, 'mapbox-pk2') + '.' + urlSafe(22, 'mapbox-pk2-sig') },
    ],
  },
  'flutterwave-public-key': {
    positives: [bare('FLWPUBK_TEST-' + lower(32, 'flw-pub') + '-X')],
    negatives: [{ why: 'without the -X suffix', text: 'FLWPUBK_TEST-' + lower(32, 'flw-pub2') }],
  },
  'stripe-publishable-key': {
    positives: [bare('pk_' + 'live_' + alnum(30, 'stripe-pk')), inText('STRIPE_PUBLISHABLE_KEY=', 'pk_' + 'test_' + alnum(24, 'stripe-pkt'))],
    negatives: [{ why: 'a word, not a key', text: 'pk_' + 'live_mode_enabled' }],
  },

  // Keyed provider credentials.
  'cisco-meraki-api-key': {
    positives: [inText('MERAKI_DASHBOARD_API_KEY=', hex(40, 'meraki')), inText('merakiToken := "', hex(40, 'meraki2'), '"')],
    negatives: [{ why: 'a commit SHA under another name', text: `GIT_COMMIT=${hex(40, 'meraki-sha')}` }],
  },
  'jfrog-api-key': {
    positives: [inText('JFROG_ACCESS_TOKEN=', alnum(64, 'jfrog-id')), inText('artifactory_api_key: ', lower(73, 'jfrog-api'))],
    negatives: [{ why: 'a 64-hex digest under another name', text: `CHECKSUM_SHA256=${hex(64, 'jfrog-sha')}` }],
  },
  'dropbox-app-secret': {
    positives: [inText('DROPBOX_APP_SECRET=', lower(15, 'dropbox-app'))],
    negatives: [{ why: 'a folder path', text: 'DROPBOX_ROOT_FOLDER=/apps/backup' }],
  },
  'facebook-app-access-token': {
    positives: [inText('FACEBOOK_ACCESS_TOKEN=', digits(15, 'fb-app') + '%7C' + urlSafe(32, 'fb-app-secret'))],
    negatives: [{ why: 'an app ID alone', text: `FACEBOOK_APP_ID=${digits(15, 'fb-app-id')}` }],
  },
  'newrelic-unprefixed-key': {
    positives: [inText('NEW_RELIC_API_KEY=', alnum(64, 'nr-key'))],
    negatives: [{ why: 'an app name', text: 'NEW_RELIC_APP_NAME=checkout-service' }],
  },
  'docker-config-base64': {
    positives: [inText('imagePullSecret:\n  .dockerconfigjson: ', dockerConfig)],
    negatives: [{ why: 'a Helm template', text: '.dockerconfigjson: {{ template "imagePullSecret" . }}' }],
  },

  // Credentials in commands.
  'http-api-key-header': {
    positives: [
      inText('curl -sS -H "X-API-Key: ', alnum(32, 'hdr-key'), '" https://api.example.com/v1/items'),
      inText("curl --header 'PRIVATE-TOKEN: ", urlSafe(24, 'hdr-private'), "' https://git.lan/api/v4/projects"),
    ],
    negatives: [
      { why: 'a $VAR reference', text: 'curl -H "X-API-Key: $API_KEY" https://api.example.com' },
      { why: 'a placeholder', text: 'curl -H "X-Api-Key: your-api-key-here" https://api.example.com' },
    ],
  },
  'curl-user-password': {
    positives: [inText('curl https://api.example.com/v1/charges -u ', alnum(32, 'curl-key-user'), ':')],
    negatives: [{ why: 'a user name alone with an empty password', text: 'curl -u deploy: https://files.lan/' }],
  },
  'http-authorization-header': {
    positives: [inText('curl -H "Authorization: Token ', alnum(40, 'hdr-token-scheme'), '" https://api.example.com')],
    negatives: [{ why: 'a Token scheme with a variable', text: 'curl -H "Authorization: Token ${API_TOKEN}" https://api.example.com' }],
  },

  // Older rules, widened to the alphabets and key spellings gitleaks and trivy use.
  'cloudflare-api-token': {
    positives: [inText('cloudflareToken := "', alnum(40, 'cf-camel'), '"')],
    negatives: [{ why: 'a zone ID (32 hex)', text: `cloudflare_zone_id = "${hex(32, 'cf-zone')}"` }],
  },
  'heroku-api-key': {
    positives: [inText('herokuKey: ', uuid('heroku-camel'))],
    negatives: [{ why: 'an app ID', text: `heroku_app_id: ${uuid('heroku-app')}` }],
  },
  'sentry-user-token': {
    positives: [inText('<sentryToken>', hex(64, 'sentry-xml'), '</sentryToken>')],
    negatives: [{ why: 'a release digest', text: `sentry_release_digest: ${hex(64, 'sentry-digest')}` }],
  },
  'slack-token': {
    positives: [
      bare('xoxp-' + alnum(30, 'slack-single')),
      bare('xoxa-2-' + alnum(12, 'slack-workspace')),
      bare('xoxo-' + digits(6, 'slack-o1') + '-' + digits(6, 'slack-o2') + '-' + digits(6, 'slack-o3') + '-' + hex(18, 'slack-o4')),
    ],
    negatives: [
      { why: 'a single lower-case word', text: 'xoxp-placeholdertoken' },
      { why: 'the same ID typed three times', text: 'xoxp-' + '4321-'.repeat(3) + hex(32, 'slack-filler') },
      { why: 'IDs too short for a workspace', text: 'xoxb-' + digits(5, 'slack-short') + '-' + lower(7, 'slack-short2') },
    ],
  },
  'stripe-test-key': {
    positives: [bare('sk_' + 'test_' + lower(12, 'stripe-test-short'))],
    negatives: [{ why: 'a word', text: 'sk_' + 'test_fixtures' }],
  },
  'dynatrace-token': {
    positives: [bare('dt0c01.' + alnum(24, 'dt-mixed') + '.' + alnum(64, 'dt-mixed-secret'))],
    negatives: [{ why: 'secret portion cut', text: 'dt0c01.' + alnum(24, 'dt-cut') + '.' + alnum(30, 'dt-cut-secret') }],
  },
  'twitter-api-credential': {
    positives: [inText('twitter_secret = "', hex(40, 'twitter-hex'), '"')],
    negatives: [{ why: 'hex under another name', text: `build_hash = "${hex(40, 'twitter-other')}"` }],
  },
  'packagist-token': {
    positives: [bare('packagist_' + 'uut_' + hex(68, 'packagist-unverified'))],
    negatives: [{ why: 'an unknown prefix shape', text: 'packagist_' + 'token_' + hex(68, 'packagist-prefix') }],
  },
  'aws-access-key-id': {
    positives: [bare('ABIA' + body(A.upperAlnum, 16, 'aws-abia')), inText('aws_key = "', 'ACCA' + body(A.upperAlnum, 16, 'aws-acca'), '"')],
    negatives: [{ why: 'an IAM user ID (not a credential)', text: 'AIDA' + body(A.upperAlnum, 16, 'aws-aida') }],
  },
  'aws-secret-access-key': {
    positives: [inText('AWS_SECRET_KEY: ', b64(40, 'aws-secret-key'))],
    negatives: [{ why: 'a hex digest', text: `aws_secret = ${hex(40, 'aws-secret-hex')}` }],
  },
  'github-token': {
    positives: [bare('ghr_' + alnum(76, 'ghr-76'))],
    negatives: [{ why: 'a refresh token cut short', text: 'ghr_' + alnum(50, 'ghr-50') }],
  },
  'telegram-bot-token': {
    positives: [inText('TELEGRAM_BOT_TOKEN=', digits(9, 'tg-id') + ':A' + urlSafe(34, 'tg-secret'))],
    negatives: [{ why: 'without a TELEGRAM_ name the secret must start AA', text: digits(9, 'tg-id2') + ':AB' + urlSafe(33, 'tg-secret2') }],
  },
  'gitter-token': {
    positives: [inText('gitter_token: ', lower(40, 'gitter-lower'))],
    negatives: [{ why: 'too short', text: `gitter_token: ${lower(30, 'gitter-short')}` }],
  },
  'algolia-api-key': {
    positives: [inText('ALGOLIA_ADMIN_KEY=', alnum(32, 'algolia-alnum'))],
    negatives: [{ why: 'the search-only key', text: `ALGOLIA_SEARCH_KEY=${alnum(32, 'algolia-search')}` }],
  },
  'codecov-token': {
    positives: [inText('CODECOV_TOKEN=', alnum(32, 'codecov-alnum'))],
    negatives: [{ why: 'upload flags', text: 'CODECOV_FLAGS=unittests' }],
  },
  'atlassian-legacy-api-token': {
    positives: [inText('JIRA_API_TOKEN=', lower(20, 'jira-a') + hex(4, 'jira-b'))],
    negatives: [{ why: 'a project key', text: 'JIRA_PROJECT_KEY=PLATFORM' }],
  },
  'datadog-app-key': {
    positives: [inText('datadog_token = "', lower(40, 'datadog-lower'), '"')],
    negatives: [{ why: 'a site name', text: 'DATADOG_SITE=datadoghq.eu' }],
  },
  'dropbox-access-token': {
    positives: [inText('DROPBOX_TOKEN=', 'sl.' + urlSafe(135, 'dropbox-sl'))],
    negatives: [{ why: 'a redirect URL', text: 'DROPBOX_REDIRECT_URL=https://app.example/sl.callback' }],
  },
  'launchdarkly-key': {
    positives: [inText('LAUNCHDARKLY_ACCESS_TOKEN=', urlSafe(40, 'ld-token'))],
    negatives: [{ why: 'a project key', text: 'LAUNCHDARKLY_PROJECT_KEY=default' }],
  },
  'grafana-api-key': {
    positives: [bare('eyJrIjoi' + alnum(80, 'grafana-random'))],
    negatives: [{ why: 'too short', text: 'eyJrIjoi' + alnum(30, 'grafana-short') }],
  },
  'teams-webhook': {
    positives: [
      inText(
        'https://acme.',
        `webhook.office.com/webhookb2/${uuid('teams-a')}@${uuid('teams-b')}/IncomingWebhook/${lower(32, 'teams-c')}/${uuid('teams-d')}`,
      ),
    ],
    negatives: [{ why: 'cut before IncomingWebhook', text: `https://acme.webhook.office.com/webhookb2/${uuid('teams-e')}@${uuid('teams-f')}/` }],
  },
  'artifactory-token': {
    positives: [bare('cmVmd' + alnum(59, 'artifactory-ref'))],
    negatives: [{ why: 'inside a longer base64 blob', text: b64(40, 'artifactory-blob') + 'cmVmd' + alnum(59, 'artifactory-ref2') }],
  },
};
