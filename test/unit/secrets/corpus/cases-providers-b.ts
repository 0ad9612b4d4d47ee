// Corpus cases for the provider formats M–Z (and digits) of issue 15, plus the rules they extended
// (OpenAI, SonarQube/SonarCloud, Sentry). Same rules as cases.ts: tokens are a documented prefix
// joined at runtime to a seeded body, and every near miss must yield nothing at all.
import { crc32 } from '../../../../src/secrets/formats/crc32.js';
import type { Cases, Positive } from './cases.js';
import { alphabet as A, body, uuid } from './gen.js';

const bare = (secret: string): Positive => ({ text: secret, secret });
const inText = (before: string, secret: string, after = ''): Positive => ({ text: before + secret + after, secret });

const hex = (n: number, seed: string): string => body(A.hex, n, seed);
const alnum = (n: number, seed: string): string => body(A.alnum, n, seed);
const urlSafe = (n: number, seed: string): string => body(A.urlSafe, n, seed);
const upperAlnum = (n: number, seed: string): string => body(A.upperAlnum, n, seed);
const lowerAlnum = (n: number, seed: string): string => body(A.lowerAlnum, n, seed);
const letters = (n: number, seed: string): string => body(A.letters, n, seed);

/** A Private Packagist token with its CRC-32 checksum, as the provider computes it. */
function packagist(type: string, seed: string, corrupt = false): string {
  const head = `packagist_${type}_${hex(60, seed)}`;
  const sum = crc32(head).toString(16).padStart(8, '0');
  return head + (corrupt ? sum.replace(/./, (c) => (c === '0' ? '1' : '0')) : sum);
}

const sidekiqUser = hex(8, 'sidekiq-user');
const sidekiqPass = hex(8, 'sidekiq-pass');
/** Twitter's app-only bearer tokens: 22 A's, then URL-encoded base64. */
const twitterBearer = 'A'.repeat(22) + alnum(30, 'tw-bearer-a') + '%2F' + alnum(20, 'tw-bearer-b') + '%3D' + alnum(40, 'tw-bearer-c');
const onepasswordKey = `A3-${upperAlnum(6, '1p-acct')}-${upperAlnum(6, '1p-a')}-${upperAlnum(5, '1p-b')}-${upperAlnum(5, '1p-c')}-${upperAlnum(5, '1p-d')}-${upperAlnum(5, '1p-e')}`;

export const PROVIDER_CASES_B: Record<string, Cases> = {
  // ── Extended rules ──────────────────────────────────────────────────────────────────────────
  'openai-api-key': {
    positives: [inText('OPENAI_API_KEY=', 'sk-service-' + urlSafe(64, 'openai-service'))],
    negatives: [{ why: 'sk-service- too short', text: 'sk-service-' + urlSafe(20, 'openai-service-short') }],
  },
  'sonarqube-token': {
    positives: [
      inText('mvn sonar:sonar -Dsonar.login=', hex(40, 'sonarcloud')),
      inText('SONAR_TOKEN: ', hex(40, 'sonarcloud-2')),
      inText("sonarToken = '", hex(40, 'sonarcloud-3'), "'"),
    ],
    negatives: [
      { why: 'a user name in sonar.login', text: 'sonar.login=admin' },
      { why: '40 hex under another name', text: `SONAR_PROJECT_KEY=${hex(40, 'sonar-project')}` },
    ],
  },
  'netlify-token': {
    positives: [inText('netlifyAccessToken: "', urlSafe(43, 'netlify-camel'), '"')],
    negatives: [{ why: 'a site ID under a token-like name', text: `NETLIFY_SITE_ID=${uuid('netlify-site-2')}` }],
  },
  'okta-api-token': {
    positives: [inText('const oktaApiToken = "', '00' + urlSafe(40, 'okta-camel'), '";')],
    negatives: [{ why: 'an Okta org URL', text: 'OKTA_ORG_URL=https://acme.okta.com' }],
  },
  'mailgun-api-key': {
    positives: [inText('mailgunSigningKey: ', hex(32, 'mailgun-sign') + '-' + hex(8, 'mailgun-sign-2') + '-' + hex(8, 'mailgun-sign-3'))],
    negatives: [{ why: 'a Mailgun domain', text: 'MAILGUN_DOMAIN=mg.acme.lan' }],
  },
  'sentry-user-token': {
    positives: [inText('SENTRY_AUTH_TOKEN=', hex(64, 'sentry-legacy'))],
    negatives: [{ why: 'a digest', text: `sha256sum: ${hex(64, 'sentry-digest')}` }],
  },
  'telegram-bot-token': {
    positives: [inText('TELEGRAM_BOT_TOKEN=', `${body(A.digits, 6, 'tg-old')}:AA${urlSafe(33, 'tg-old-s')}`)],
    negatives: [{ why: 'a clock time before AA', text: `at 12:AA${urlSafe(33, 'tg-clock')}` }],
  },
  // ── AI ──────────────────────────────────────────────────────────────────────────────────────
  'openai-ephemeral-key': {
    positives: [inText('{"client_secret": {"value": "', 'ek_' + hex(32, 'openai-ek'), '", "expires_at": 1700000000}}')],
    negatives: [
      { why: 'glued to a word', text: 'week_' + alnum(32, 'openai-ek-glued') },
      { why: 'letters only', text: 'ek_' + letters(32, 'openai-ek-letters') },
    ],
  },
  'perplexity-api-key': {
    positives: [inText('PERPLEXITY_API_KEY=', 'pplx-' + alnum(48, 'pplx'))],
    negatives: [{ why: 'too short', text: 'pplx-' + alnum(30, 'pplx-short') }],
  },
  'replicate-api-token': {
    positives: [inText('REPLICATE_API_TOKEN=', 'r8_' + alnum(37, 'replicate'))],
    negatives: [{ why: 'single case', text: 'r8_' + lowerAlnum(37, 'replicate-lower') }],
  },
  'privateai-api-key': {
    positives: [inText('PRIVATEAI_API_KEY=', alnum(32, 'privateai'))],
    negatives: [
      { why: 'no Private AI name', text: `value = ${alnum(32, 'privateai-bare')}` },
      { why: 'placeholder', text: 'PRIVATEAI_API_KEY=<your-private-ai-key>' },
    ],
  },
  // ── Code analysis ───────────────────────────────────────────────────────────────────────────
  'snyk-token': {
    positives: [
      inText('SNYK_TOKEN=', uuid('snyk')),
      bare('snyk_uat.' + hex(8, 'snyk-pat-id') + '.' + urlSafe(120, 'snyk-pat-payload') + '.' + urlSafe(43, 'snyk-pat-sig')),
    ],
    negatives: [
      { why: 'a UUID under another name', text: `SNYK_ORG_ID=${uuid('snyk-org')}` },
      { why: 'cut after the id', text: 'snyk_uat.' + hex(8, 'snyk-cut') + '.' },
    ],
  },
  'sourcegraph-access-token': {
    positives: [bare('sgp_' + hex(16, 'sg-instance') + '_' + hex(40, 'sg-token')), inText('SRC_ACCESS_TOKEN=', hex(40, 'sg-legacy'))],
    negatives: [
      { why: 'a commit SHA', text: `commit ${hex(40, 'sg-sha')}` },
      { why: 'too short', text: 'sgp_' + hex(20, 'sg-short') },
    ],
  },
  // ── Platforms and CI ────────────────────────────────────────────────────────────────────────
  'openshift-user-token': {
    positives: [inText('oc login --server=https://api.ocp.lan:6443 --token ', 'sha256~' + urlSafe(43, 'openshift'))],
    negatives: [{ why: 'too short', text: 'sha256~' + urlSafe(20, 'openshift-short') }],
  },
  'scalingo-api-token': {
    positives: [inText('SCALINGO_API_TOKEN=', 'tk-us-' + urlSafe(48, 'scalingo'))],
    negatives: [{ why: 'too short', text: 'tk-us-' + urlSafe(20, 'scalingo-short') }],
  },
  'octopus-deploy-api-key': {
    positives: [inText('X-Octopus-ApiKey: ', 'API-' + upperAlnum(27, 'octopus'))],
    negatives: [
      { why: 'an upper-case word', text: 'see API-COMPATIBILITYGUARANTEESNOW' },
      { why: 'too short', text: 'API-' + upperAlnum(12, 'octopus-short') },
    ],
  },
  'travis-ci-token': {
    positives: [inText('TRAVIS_API_TOKEN=', alnum(22, 'travis'))],
    negatives: [
      { why: 'a Travis name that is not a token', text: `TRAVIS_COMMIT_RANGE=${alnum(22, 'travis-commit')}` },
      { why: 'a reference', text: 'TRAVIS_API_TOKEN=${TRAVIS_TOKEN}' },
    ],
  },
  'prefect-api-key': {
    positives: [inText('PREFECT_API_KEY=', 'pnu_' + alnum(36, 'prefect')), bare('pnb_' + alnum(36, 'prefect-sa'))],
    negatives: [{ why: 'too short', text: 'pnu_' + alnum(20, 'prefect-short') }],
  },
  'settlemint-token': {
    positives: [inText('SETTLEMINT_ACCESS_TOKEN=', 'sm_pat_' + alnum(16, 'settlemint'))],
    negatives: [
      { why: 'an identifier', text: 'sm_pat_' + 'loaderfunction1s' },
      { why: 'too short', text: 'sm_aat_' + alnum(8, 'settlemint-short') },
    ],
  },
  'sidekiq-credentials': {
    positives: [
      inText(`BUNDLE_GEMS__CONTRIBSYS__COM=${sidekiqUser}:`, sidekiqPass),
      { text: `source "https://${sidekiqUser}:${hex(8, 'sidekiq-pass-2')}@enterprise.contribsys.com/" do`, secret: hex(8, 'sidekiq-pass-2') },
      inText(`bundle config --global gems.contribsys.com ${hex(8, 'sidekiq-user-3')}:`, hex(8, 'sidekiq-pass-3')),
    ],
    negatives: [
      { why: 'the gem source without credentials', text: 'source "https://gems.contribsys.com/" do' },
      { why: 'a reference', text: 'BUNDLE_GEMS__CONTRIBSYS__COM=${SIDEKIQ_CREDENTIALS}' },
    ],
  },
  // ── Databases ───────────────────────────────────────────────────────────────────────────────
  'planetscale-token': {
    positives: [
      inText('PLANETSCALE_SERVICE_TOKEN=', 'pscale_tkn_' + urlSafe(43, 'pscale')),
      inText('password: ', 'pscale_pw_' + urlSafe(43, 'pscale-pw')),
    ],
    negatives: [{ why: 'too short', text: 'pscale_pw_' + urlSafe(12, 'pscale-short') }],
  },
  'mongodb-atlas-private-key': {
    positives: [inText('MONGODB_ATLAS_PRIVATE_KEY=', uuid('atlas'))],
    negatives: [
      { why: 'a project ID', text: `MONGODB_ATLAS_PROJECT_ID=${uuid('atlas-project')}` },
      { why: 'no Atlas name', text: `id: ${uuid('atlas-bare')}` },
    ],
  },
  // ── Messaging and support ───────────────────────────────────────────────────────────────────
  'mattermost-access-token': {
    positives: [inText('MATTERMOST_BOT_TOKEN=', lowerAlnum(26, 'mattermost'))],
    negatives: [{ why: 'a channel ID', text: `MATTERMOST_CHANNEL_ID=${lowerAlnum(26, 'mattermost-channel')}` }],
  },
  'messagebird-api-key': {
    positives: [inText('messageBirdAccessKey: "', alnum(25, 'messagebird'), '"')],
    negatives: [{ why: 'placeholder', text: 'MESSAGEBIRD_API_KEY=YOUR_ACCESS_KEY_HERE' }],
  },
  'sendbird-api-token': {
    positives: [inText('SENDBIRD_API_TOKEN=', hex(40, 'sendbird'))],
    negatives: [{ why: 'a channel URL', text: 'SENDBIRD_CHANNEL_URL=sendbird_group_channel_1234_abcd' }],
  },
  'zendesk-api-token': {
    positives: [inText('ZENDESK_API_TOKEN=', alnum(40, 'zendesk')), inText("ENV['ZENDESK_API_TOKEN'] ||= '", alnum(40, 'zendesk-ruby'), "'")],
    negatives: [{ why: 'a subdomain', text: 'ZENDESK_SUBDOMAIN=acme' }],
  },
  // ── Observability ───────────────────────────────────────────────────────────────────────────
  'sumologic-access-key': {
    positives: [inText('SUMOLOGIC_ACCESSKEY=', alnum(64, 'sumo'))],
    negatives: [{ why: 'the access ID', text: `SUMOLOGIC_ACCESSID=su${alnum(12, 'sumo-id')}` }],
  },
  'sumologic-http-source-url': {
    positives: [
      {
        text: `curl -d @log.json https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/${urlSafe(140, 'sumo-url')}==`,
        secret: `${urlSafe(140, 'sumo-url')}==`,
      },
    ],
    negatives: [{ why: 'a placeholder token', text: 'https://endpoint1.collection.sumologic.com/receiver/v1/http/<token>' }],
  },
  // ── Package registries ──────────────────────────────────────────────────────────────────────
  'packagist-token': {
    positives: [inText('composer config --global http-basic.repo.packagist.com token ', packagist('ort', 'packagist'))],
    negatives: [{ why: 'too short', text: 'packagist_' + 'ort_' + hex(40, 'packagist-short') }],
  },
  'nuget-config-password': {
    positives: [
      {
        text:
          '<packageSourceCredentials>\n  <corp>\n    <add key="Username" value="ci" />\n    <add key="ClearTextPassword" value="nu-' +
          alnum(12, 'nuget') +
          '" />\n  </corp>\n</packageSourceCredentials>\n',
        secret: 'nu-' + alnum(12, 'nuget'),
      },
    ],
    negatives: [{ why: 'an environment reference', text: '<add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />' }],
  },
  // ── Secret managers ─────────────────────────────────────────────────────────────────────────
  'onepassword-secret-key': {
    positives: [inText('Secret Key: ', onepasswordKey)],
    negatives: [{ why: 'too few groups', text: `A3-${upperAlnum(6, '1p-x')}-${upperAlnum(6, '1p-y')}` }],
  },
  // ── Payments ────────────────────────────────────────────────────────────────────────────────
  'shippo-live-token': {
    positives: [inText('SHIPPO_API_KEY=', 'shippo_live_' + hex(40, 'shippo'))],
    negatives: [{ why: 'too short', text: 'shippo_live_' + hex(20, 'shippo-short') }],
  },
  'shippo-test-token': {
    positives: [bare('shippo_test_' + hex(40, 'shippo-test'))],
    negatives: [{ why: 'not hex', text: 'shippo_test_' + letters(40, 'shippo-letters') }],
  },
  'plaid-secret': {
    positives: [inText('PLAID_SANDBOX_SECRET=', hex(30, 'plaid'))],
    negatives: [{ why: 'a webhook name', text: 'PLAID_WEBHOOK_NAME=transactions-hook' }],
  },
  // ── Web APIs ────────────────────────────────────────────────────────────────────────────────
  'typeform-token': {
    positives: [inText('Authorization: Bearer ', 'tfp_' + alnum(44, 'typeform-a') + '_' + alnum(14, 'typeform-b'))],
    negatives: [{ why: 'too short', text: 'tfp_' + alnum(20, 'typeform-short') }],
  },
  'readme-api-key': {
    positives: [inText('README_API_KEY=', 'rdme_' + lowerAlnum(70, 'readme'))],
    negatives: [{ why: 'too short', text: 'rdme_' + lowerAlnum(20, 'readme-short') }],
  },
  'rapidapi-key': {
    positives: [inText("headers: { 'X-RapidAPI-Key': '", alnum(50, 'rapidapi'), "' }")],
    negatives: [{ why: 'the host header', text: "'X-RapidAPI-Host': 'weather.p.rapidapi.com'" }],
  },
  'maxmind-license-key': {
    positives: [inText('LicenseKey ', alnum(6, 'maxmind-a') + '_' + alnum(29, 'maxmind-b') + '_mmk')],
    negatives: [
      { why: 'the packaged placeholder', text: 'AccountID 0\nLicenseKey 000000000000\n' },
      { why: 'too short', text: alnum(6, 'maxmind-c') + '_' + alnum(10, 'maxmind-d') + '_mmk' },
    ],
  },
  'squarespace-api-key': {
    positives: [inText('SQUARESPACE_API_KEY=', uuid('squarespace'))],
    negatives: [{ why: 'a site ID', text: `SQUARESPACE_SITE_ID=${uuid('squarespace-site')}` }],
  },
  // ── Social and media ────────────────────────────────────────────────────────────────────────
  'twitter-api-credential': {
    positives: [
      inText('TWITTER_CONSUMER_SECRET=', alnum(50, 'tw-secret')),
      inText('twitter_access_token: "', `${body(A.digits, 19, 'tw-user')}-${alnum(31, 'tw-access')}`, '"'),
      inText('curl -H "Authorization: Bearer ', twitterBearer, '" https://api.twitter.com/2/tweets/20'),
    ],
    negatives: [
      { why: 'a run of A in base64', text: 'data:application/octet-stream;base64,' + 'A'.repeat(40) + alnum(80, 'tw-blob') },
      { why: 'a handle', text: 'twitter_handle: "@acme"' },
    ],
  },
  'twitch-api-token': {
    positives: [
      inText('TWITCH_CLIENT_SECRET=', lowerAlnum(30, 'twitch')),
      inText('TWITCH_OAUTH=', 'oauth:' + lowerAlnum(30, 'twitch-chat')),
      inText('<twitchClientSecret>', lowerAlnum(30, 'twitch-xml'), '</twitchClientSecret>'),
    ],
    negatives: [{ why: 'a channel name', text: 'TWITCH_CHANNEL=acme_live' }],
  },
  'nytimes-api-key': {
    positives: [inText('NYTIMES_API_KEY=', alnum(32, 'nytimes')), inText('os.Setenv("NYTIMES_API_KEY", "', alnum(32, 'nytimes-go'), '")')],
    negatives: [{ why: 'no keyword', text: `key=${alnum(32, 'nytimes-bare')}` }],
  },
  'softlayer-api-key': {
    positives: [inText('export SL_API_KEY=', hex(64, 'softlayer')), inText('softlayer_api_key = "', hex(64, 'softlayer-2'), '"')],
    negatives: [
      { why: 'a digest', text: `sha256: ${hex(64, 'softlayer-digest')}` },
      { why: 'the user name', text: 'SL_USERNAME=acme-ops' },
    ],
  },
  // ── Yandex ──────────────────────────────────────────────────────────────────────────────────
  'yandex-api-key': {
    positives: [inText('YC_API_KEY=', 'AQVN' + urlSafe(36, 'yandex-api')), inText('YANDEX_S3_SECRET_KEY=', 'YC' + urlSafe(38, 'yandex-static'))],
    negatives: [
      { why: 'inside a base64 blob', text: alnum(40, 'yandex-blob-a') + 'AQVN' + alnum(36, 'yandex-blob-b') },
      { why: 'a static secret without a Yandex name', text: `value: YC${urlSafe(38, 'yandex-static-bare')}` },
    ],
  },
  'yandex-iam-token': {
    positives: [inText('Authorization: Bearer ', 't1.' + urlSafe(120, 'yandex-iam-a') + '.' + urlSafe(86, 'yandex-iam-b'))],
    negatives: [{ why: 'an instance type', text: 'instance_type = "t1.micro"' }],
  },
  'yandex-oauth-token': {
    positives: [inText('Authorization: OAuth ', 'y0_' + alnum(55, 'yandex-oauth'))],
    negatives: [{ why: 'an identifier', text: 'y0_offset_for_the_second_dimension_in_the_grid_layout' }],
  },
};
