// Corpus cases for the provider formats of providers A–L added with issue 15 (see cases.ts for the
// shape). Every token is assembled at runtime from a documented prefix and a seeded body.
import { fake } from '../fixtures.js';
import { alphabet as A, body, uuid } from './gen.js';
import type { Cases, Positive } from './cases.js';

const bare = (secret: string): Positive => ({ text: secret, secret });
const inText = (before: string, secret: string, after = ''): Positive => ({ text: before + secret + after, secret });

const hex = (n: number, seed: string): string => body(A.hex, n, seed);
const alnum = (n: number, seed: string): string => body(A.alnum, n, seed);
const lowerAlnum = (n: number, seed: string): string => body(A.lowerAlnum, n, seed);
const urlSafe = (n: number, seed: string): string => body(A.urlSafe, n, seed);
const b64 = (n: number, seed: string): string => body(A.base64, n, seed);

const entraSecret = alnum(3, 'entra-id') + '8Q~' + body(A.alnum + '_~.-', 34, 'entra');
const adoPat = alnum(76, 'ado') + 'AZDO' + alnum(4, 'ado-crc');
const acrPassword = alnum(42, 'acr') + '+ACR' + alnum(6, 'acr-crc');
const aiKey = alnum(76, 'acog') + 'ACOG' + alnum(4, 'acog-crc');
const fbToken = 'EAAG' + alnum(180, 'fb');

export const PROVIDER_CASES_A: Record<string, Cases> = {
  // ── Azure ────────────────────────────────────────────────────────────────────────────────────
  'azure-ad-client-secret': {
    positives: [
      inText('AZURE_CLIENT_SECRET=', entraSecret),
      inText('"clientSecret": "', entraSecret.replace('8Q~', '2Q~'), '"'),
      inText('ARM_CLIENT_SECRET: ', alnum(34, 'arm-legacy')),
    ],
    negatives: [
      { why: 'a client ID (UUID)', text: `AZURE_CLIENT_ID=${uuid('entra-client')}` },
      { why: 'marker too early', text: alnum(2, 'entra-x') + '8Q~' + alnum(34, 'entra-y') },
      { why: 'legacy shape without the name', text: `value: ${alnum(34, 'entra-bare')}` },
    ],
  },
  'azure-devops-pat': {
    positives: [
      inText('AZURE_DEVOPS_EXT_PAT=', adoPat),
      inText('AZDO_PERSONAL_ACCESS_TOKEN=', body('abcdefghijklmnopqrstuvwxyz234567', 52, 'ado-legacy')),
    ],
    negatives: [
      { why: 'signature at the wrong place', text: alnum(70, 'ado-short') + 'AZDO' + alnum(4, 'ado-s2') },
      { why: 'base32 without the name', text: `cache_key=${body('abcdefghijklmnopqrstuvwxyz234567', 52, 'ado-bare')}` },
    ],
  },
  'azure-container-registry-password': {
    positives: [inText('docker login corp.azurecr.io -u puller --password-stdin <<< ', acrPassword)],
    negatives: [{ why: '+ACR inside a longer base64 run', text: b64(60, 'acr-blob') + '+ACR' + alnum(6, 'acr-blob2') + 'Zz' }],
  },
  'azure-app-configuration-connection-string': {
    positives: [
      inText(
        'Endpoint=https://corp-config.azconfig.io;Id=' + alnum(4, 'appcs-id') + '-l0-s0:' + alnum(20, 'appcs-id2') + ';Secret=',
        b64(43, 'appcs') + '=',
      ),
    ],
    negatives: [{ why: 'placeholder secret', text: 'Endpoint=https://corp-config.azconfig.io;Id=abcd;Secret=<secret>' }],
  },
  'azure-ai-services-key': {
    positives: [inText('AZURE_OPENAI_API_KEY=', aiKey), inText('Ocp-Apim-Subscription-Key: ', hex(32, 'cog'))],
    negatives: [
      { why: '32 hex under another name', text: `checksum: ${hex(32, 'cog-md5')}` },
      { why: 'an endpoint', text: 'AZURE_OPENAI_ENDPOINT=https://corp.openai.azure.com/' },
    ],
  },
  'azure-data-factory-integration-runtime-key': {
    positives: [bare('IR@' + uuid('adf') + '@corp-adf@ServiceEndpoint=corp-adf.westeurope.datafactory.azure.net@' + b64(43, 'adf-key') + '=')],
    negatives: [{ why: 'key part missing', text: 'IR@' + uuid('adf') + '@corp-adf@ServiceEndpoint=corp-adf.westeurope.datafactory.azure.net@' }],
  },
  // More cases for formats of cases.ts.
  'azure-storage-key': {
    positives: [inText('AZURE_STORAGE_KEY=', b64(86, 'azure-env') + '=='), inText('"storageAccountKey": "', b64(86, 'azure-json') + '==', '"')],
    negatives: [{ why: 'a key name without a key', text: 'AZURE_STORAGE_ACCOUNT=corpstorage1' }],
  },
  'azure-sas-token': {
    positives: [
      { text: `AZURE_SAS="sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${b64(43, 'sas-bare')}="`, secret: b64(43, 'sas-bare') + '=' },
      {
        text: `BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2021-06-08&ss=b&sp=rl&sig=${encodeURIComponent(b64(43, 'sas-cs') + '=')}`,
        secret: encodeURIComponent(b64(43, 'sas-cs') + '='),
      },
    ],
    negatives: [{ why: 'a signature without sv=', text: `?sig=${b64(43, 'sas-nosv')}=` }],
  },
  'github-token': {
    positives: [inText('GITHUB_TOKEN=', 'ghs_' + alnum(36, 'ghs'))],
    negatives: [{ why: 'typed filler', text: 'ghs_' + 'abc123xyz'.repeat(4) }],
  },
  'grafana-service-account-token': {
    positives: [bare('glsa_' + alnum(32, 'glsa-up') + '_' + hex(8, 'glsa-crc-up').toUpperCase())],
    negatives: [{ why: 'too short', text: 'glsa_' + alnum(20, 'glsa-short') + '_' + hex(8, 'glsa-c') }],
  },
  'grafana-cloud-token': {
    positives: [inText('GRAFANA_CLOUD_ACCESS_POLICY_TOKEN=', 'glc_' + alnum(60, 'glc-plain'))],
    negatives: [{ why: 'an identifier', text: 'glc_config_loader_for_the_service_module_x' }],
  },
  // ── Other clouds, hosting, source hosting ────────────────────────────────────────────────────
  'alibaba-access-key-id': {
    positives: [inText('"AccessKeyId": "', 'LTAI' + body(A.upperAlnum, 20, 'ltai-upper'), '"')],
    negatives: [{ why: 'a word without digits', text: 'LTAIRPORTSHUTTLESERVICES' }],
  },
  'alibaba-access-key-secret': {
    positives: [inText('ALIBABA_CLOUD_ACCESS_KEY_SECRET=', alnum(30, 'ali-secret'))],
    negatives: [{ why: 'the key ID name', text: `ALIBABA_CLOUD_ACCESS_KEY_ID=${alnum(30, 'ali-id')}` }],
  },
  'cloudflare-origin-ca-key': {
    positives: [inText('CF_ORIGIN_CA_KEY=', 'v1.0-' + hex(24, 'cfca') + '-' + hex(146, 'cfca-s'))],
    negatives: [{ why: 'a version string', text: 'v1.0-' + hex(24, 'cfca-v') + '-release' }],
  },
  'bitbucket-access-token': {
    positives: [inText('Authorization: Bearer ', 'ATCTT3xFfGN0' + urlSafe(180, 'bbat'))],
    negatives: [{ why: 'too short', text: 'ATCTT3xFfGN0' + urlSafe(20, 'bbat-short') }],
  },
  'bitbucket-client-secret': {
    positives: [inText('BITBUCKET_CLIENT_SECRET=', alnum(32, 'bbcs'))],
    negatives: [{ why: 'the client ID', text: `BITBUCKET_CLIENT_ID=${alnum(32, 'bbci')}` }],
  },
  'gitlab-session-cookie': {
    positives: [inText('Cookie: _gitlab_session=', hex(32, 'gls'))],
    negatives: [{ why: 'too short', text: `_gitlab_session=${hex(20, 'gls-short')}` }],
  },
  // ── AI ───────────────────────────────────────────────────────────────────────────────────────
  'huggingface-org-token': {
    positives: [bare('api_org_' + body(A.letters, 34, 'hforg'))],
    negatives: [{ why: 'an identifier', text: 'api_org_settings_update_handler_and_more' }],
  },
  'anthropic-oauth-token': {
    positives: [inText('CLAUDE_CODE_OAUTH_TOKEN=', 'sk-ant-oat01-' + urlSafe(93, 'claude-oat') + 'AA')],
    negatives: [{ why: 'truncated', text: 'sk-ant-oat01-' + urlSafe(20, 'claude-short') + '…' }],
  },
  'cohere-api-key': {
    positives: [inText('CO_API_KEY=', alnum(40, 'cohere'))],
    negatives: [{ why: 'a model name', text: 'COHERE_MODEL=command-r-plus' }],
  },
  'groq-api-key': {
    positives: [inText('GROQ_API_KEY=', 'gsk_' + alnum(52, 'groq'))],
    negatives: [{ why: 'too short', text: 'gsk_' + alnum(30, 'groq-short') }],
  },
  'langsmith-api-key': {
    positives: [inText('LANGSMITH_API_KEY=', 'lsv2_pt_' + hex(32, 'ls') + '_' + hex(10, 'ls2'))],
    negatives: [{ why: 'no tail', text: 'lsv2_pt_' + hex(32, 'ls-x') }],
  },
  // ── Secret managers ──────────────────────────────────────────────────────────────────────────
  'onepassword-secret-key': {
    positives: [
      inText(
        'Secret Key: ',
        'A3-' +
          body(A.upperAlnum, 6, 'op1') +
          '-' +
          body(A.upperAlnum, 6, 'op2') +
          '-' +
          body(A.upperAlnum, 5, 'op3') +
          '-' +
          body(A.upperAlnum, 5, 'op4') +
          '-' +
          body(A.upperAlnum, 5, 'op5') +
          '-' +
          body(A.upperAlnum, 5, 'op6'),
      ),
      inText('OP_SECRET_KEY=', 'A3-' + body(A.upperAlnum, 6, 'op7') + '-' + body(A.upperAlnum, 26, 'op8')),
    ],
    negatives: [
      { why: 'the sample in 1Password’s help pages', text: 'A3-' + 'ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB' },
      { why: 'a paper size', text: 'print on A3-size paper' },
    ],
  },
  // ── Developer platforms ──────────────────────────────────────────────────────────────────────
  'adafruit-io-key': {
    positives: [bare('aio_' + alnum(28, 'aio')), inText('ADAFRUIT_IO_KEY=', lowerAlnum(32, 'aio-old'))],
    negatives: [{ why: 'a username', text: `ADAFRUIT_IO_USERNAME=${lowerAlnum(32, 'aio-user')}` }],
  },
  'adobe-client-secret': {
    positives: [inText('ADOBE_CLIENT_SECRET=', 'p8e-' + alnum(32, 'adobe'))],
    negatives: [{ why: 'too short', text: 'p8e-' + alnum(10, 'adobe-short') }],
  },
  'adobe-client-id': {
    positives: [inText('ADOBE_CLIENT_ID=', hex(32, 'adobe-id'))],
    negatives: [{ why: 'an org ID', text: `ADOBE_ORG=${hex(24, 'adobe-org')}@AdobeOrg` }],
  },
  'airtable-token': {
    positives: [bare('pat' + alnum(14, 'at') + '.' + hex(64, 'at2')), inText('AIRTABLE_API_KEY=', 'key' + alnum(14, 'at-old'))],
    negatives: [{ why: 'a base ID', text: `AIRTABLE_BASE_ID=app${alnum(14, 'at-base')}` }],
  },
  'algolia-api-key': {
    positives: [inText('ALGOLIA_ADMIN_KEY=', hex(32, 'algolia'))],
    negatives: [{ why: 'the public search-only key', text: `ALGOLIA_SEARCH_KEY=${hex(32, 'algolia-s')}` }],
  },
  'asana-token': {
    positives: [inText('ASANA_ACCESS_TOKEN=', '2/' + body(A.digits, 16, 'asana-u') + '/' + body(A.digits, 16, 'asana-i') + ':' + hex(32, 'asana'))],
    negatives: [{ why: 'a workspace ID', text: `ASANA_WORKSPACE_ID=${body(A.digits, 16, 'asana-w')}` }],
  },
  'atlassian-legacy-api-token': {
    positives: [inText('JIRA_API_TOKEN=', alnum(24, 'jira')), inText('"atlassian": "', alnum(24, 'atl-bare'), '"')],
    negatives: [{ why: 'a site URL', text: 'ATLASSIAN_SITE=corp.atlassian.net' }],
  },
  'authress-service-client-key': {
    positives: [bare('sc_' + lowerAlnum(12, 'au1') + '.' + lowerAlnum(5, 'au2') + '.acc_' + lowerAlnum(16, 'au3') + '.' + b64(60, 'au4'))],
    negatives: [
      { why: 'secret part missing', text: 'sc_' + lowerAlnum(12, 'au1') + '.' + lowerAlnum(5, 'au2') + '.acc_' + lowerAlnum(16, 'au3') + '.' },
    ],
  },
  'beamer-api-key': {
    positives: [inText('BEAMER_API_KEY=', 'b_' + urlSafe(44, 'beamer'))],
    negatives: [{ why: 'no b_ prefix', text: `BEAMER_API_KEY ${urlSafe(44, 'beamer-x')}`, via: { file: '/app/beamer.txt' } }],
  },
  'clickhouse-cloud-api-secret': {
    positives: [inText('CLICKHOUSE_KEY_SECRET=', '4b1d' + alnum(38, 'ch'))],
    negatives: [{ why: 'inside a hex string', text: `sha=${hex(10, 'ch-x')}4b1d${hex(38, 'ch-y')}` }],
  },
  'clojars-deploy-token': {
    positives: [bare('CLOJARS_' + alnum(60, 'clojars'))],
    negatives: [{ why: 'a variable name', text: 'CLOJARS_USERNAME=ci' }],
  },
  'codecov-token': {
    positives: [inText('CODECOV_TOKEN=', uuid('codecov'))],
    negatives: [{ why: 'a UUID without the name', text: `trace=${uuid('codecov-x')}` }],
  },
  'confluent-api-secret': {
    positives: [inText('CONFLUENT_CLOUD_API_SECRET=', b64(64, 'confluent'))],
    negatives: [{ why: 'a cluster ID', text: `CONFLUENT_CLUSTER_ID=lkc-${b64(64, 'confluent-id')}` }],
  },
  'defined-networking-api-key': {
    positives: [bare('dnkey-' + urlSafe(26, 'dn1') + '-' + urlSafe(52, 'dn2'))],
    negatives: [{ why: 'too short', text: 'dnkey-' + urlSafe(26, 'dn1') + '-' + urlSafe(10, 'dn3') }],
  },
  'django-secret-key': {
    positives: [inText("SECRET_KEY = '", 'django-insecure-' + body('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50, 'django'), "'")],
    negatives: [{ why: 'the startproject template', text: "SECRET_KEY = 'django-insecure-{{ secret_key }}'" }],
  },
  'drone-ci-token': {
    positives: [inText('DRONE_TOKEN=', alnum(32, 'drone'))],
    negatives: [{ why: 'the server URL', text: 'DRONE_SERVER=https://drone.corp.lan' }],
  },
  'gitter-token': {
    positives: [inText('GITTER_TOKEN=', hex(40, 'gitter'))],
    negatives: [{ why: 'a room ID', text: `GITTER_ROOM_ID=${hex(24, 'gitter-room')}` }],
  },
  'harness-token': {
    positives: [inText('HARNESS_PLATFORM_API_KEY=', 'pat.' + urlSafe(22, 'h1') + '.' + hex(24, 'h2') + '.' + alnum(20, 'h3'))],
    negatives: [{ why: 'secret part missing', text: 'pat.' + urlSafe(22, 'h1') + '.' + hex(24, 'h2') + '.' }],
  },
  'infracost-api-key': {
    positives: [inText('INFRACOST_API_KEY=', 'ico-' + alnum(32, 'ico'))],
    negatives: [{ why: 'an icon name', text: 'ico-' + 'arrow-left-small-and-more-words' }],
  },
  'intra42-client-secret': {
    positives: [bare('s-s4t2ud-' + hex(64, 'intra'))],
    negatives: [{ why: 'too short', text: 's-s4t2ud-' + hex(40, 'intra-short') }],
  },
  'ionic-token': {
    positives: [bare('ion_' + alnum(42, 'ionic'))],
    negatives: [{ why: 'an identifier', text: 'ion_channel_configuration_for_the_sensor_x' }],
  },
  'launchdarkly-key': {
    positives: [inText('LD_SDK_KEY=', 'sdk-' + uuid('ld')), bare('api-' + uuid('ld-api'))],
    negatives: [{ why: 'a mobile key', text: 'mob-' + uuid('ld-mob') }],
  },
  // ── Business and social ──────────────────────────────────────────────────────────────────────
  'facebook-access-token': {
    positives: [inText('FB_PAGE_ACCESS_TOKEN=', fbToken)],
    negatives: [
      { why: 'base64 of zero bytes', text: 'AAAAEAA' + 'A'.repeat(20) + alnum(100, 'fb-blob') },
      { why: 'too short', text: 'EAAG' + alnum(40, 'fb-short') },
    ],
  },
  'facebook-app-secret': {
    positives: [inText('FACEBOOK_APP_SECRET=', hex(32, 'fbsec'))],
    negatives: [{ why: 'the app ID', text: `FACEBOOK_APP_ID=${body(A.digits, 16, 'fb-app-id')}` }],
  },
  'contentful-delivery-token': {
    positives: [inText('CONTENTFUL_DELIVERY_TOKEN=', urlSafe(43, 'cda'))],
    negatives: [{ why: 'a space ID', text: `CONTENTFUL_SPACE_ID=${lowerAlnum(12, 'cda-space')}` }],
  },
  'discord-client-secret': {
    positives: [inText('DISCORD_CLIENT_SECRET=', urlSafe(32, 'discord-secret')), inText('discord_api_key = "', hex(64, 'discord-key'), '"')],
    negatives: [{ why: 'a channel name', text: 'DISCORD_CHANNEL_NAME=general' }],
  },
  'dropbox-long-lived-token': {
    positives: [inText('DROPBOX_ACCESS_TOKEN=', lowerAlnum(11, 'dbx') + 'AAAAAAAAAA' + urlSafe(43, 'dbx-2'))],
    negatives: [{ why: 'a base64 run without the name', text: 'data=' + lowerAlnum(11, 'dbx') + 'AAAAAAAAAA' + urlSafe(43, 'dbx-3') }],
  },
  'etsy-api-key': {
    positives: [inText('ETSY_API_KEY=', lowerAlnum(24, 'etsy'))],
    negatives: [{ why: 'a shop name', text: 'ETSY_SHOP_NAME=handmadecorner' }],
  },
  'fastly-api-token': {
    positives: [inText('FASTLY_API_TOKEN=', urlSafe(32, 'fastly'))],
    negatives: [{ why: 'a service ID', text: `FASTLY_SERVICE_ID=${alnum(22, 'fastly-svc')}` }],
  },
  'finnhub-api-key': {
    positives: [inText('FINNHUB_API_KEY=', lowerAlnum(20, 'finnhub'))],
    negatives: [{ why: 'not a key name', text: `FINNHUB_SYMBOLS=${lowerAlnum(20, 'finnhub-up')}` }],
  },
  'flickr-api-key': {
    positives: [inText('FLICKR_API_KEY=', hex(32, 'flickr'))],
    negatives: [{ why: 'a user ID', text: 'FLICKR_USER_ID=12345678@N01' }],
  },
  'freshbooks-token': {
    positives: [inText('FRESHBOOKS_CLIENT_SECRET=', hex(64, 'freshbooks'))],
    negatives: [{ why: 'a redirect URI', text: 'FRESHBOOKS_REDIRECT_URI=https://corp.lan/cb' }],
  },
  'hubspot-api-key': {
    positives: [
      inText('HUBSPOT_API_KEY=', uuid('hubspot-legacy')),
      { text: `https://api.hubapi.com/contacts/v1/lists?hapikey=${uuid('hapikey')}`, secret: uuid('hapikey') },
    ],
    negatives: [{ why: 'a portal ID', text: 'HUBSPOT_PORTAL_ID=1234567' }],
  },
  'intercom-access-token': {
    positives: [inText('INTERCOM_ACCESS_TOKEN=', 'dG9rOj' + urlSafe(54, 'intercom'))],
    negatives: [{ why: 'an app ID', text: 'INTERCOM_APP_ID=' + lowerAlnum(8, 'intercom-app') }],
  },
  'linear-client-secret': {
    positives: [inText('LINEAR_CLIENT_SECRET=', hex(32, 'linear-secret'))],
    negatives: [{ why: 'a client ID', text: `LINEAR_CLIENT_ID=${hex(32, 'linear-id')}` }],
  },
  'linkedin-client-secret': {
    positives: [inText('LINKEDIN_CLIENT_SECRET=', alnum(16, 'linkedin'))],
    negatives: [{ why: 'a profile URL', text: 'LINKEDIN_PROFILE_URL=https://www.linkedin.com/in/someone' }],
  },
  'looker-client-secret': {
    positives: [inText('LOOKERSDK_CLIENT_SECRET=', alnum(24, 'looker'))],
    negatives: [{ why: 'the client ID', text: `LOOKERSDK_CLIENT_ID=${alnum(20, 'looker-id')}` }],
  },
  // ── Commerce ─────────────────────────────────────────────────────────────────────────────────
  'chargebee-api-key': {
    positives: [inText('CHARGEBEE_API_KEY=', 'live_' + alnum(32, 'chargebee'))],
    negatives: [{ why: 'the site name', text: 'CHARGEBEE_SITE=corp-test' }],
  },
  'duffel-access-token': {
    positives: [bare('duffel_live_' + urlSafe(43, 'duffel'))],
    negatives: [{ why: 'too short', text: 'duffel_test_' + urlSafe(20, 'duffel-short') }],
  },
  'easypost-api-key': {
    positives: [bare('EZAK' + alnum(54, 'ezak'))],
    negatives: [{ why: 'too short', text: 'EZAK' + alnum(30, 'ezak-short') }],
  },
  'easypost-test-api-key': {
    positives: [bare('EZTK' + alnum(54, 'eztk'))],
    negatives: [{ why: 'too short', text: 'EZTK' + alnum(30, 'eztk-short') }],
  },
  'finicity-credential': {
    positives: [inText('FINICITY_APP_KEY=', hex(32, 'finicity'))],
    negatives: [{ why: 'a partner ID', text: 'FINICITY_PARTNER_ID=2445582695152' }],
  },
  'flutterwave-secret-key': {
    positives: [bare('FLWSECK_TEST-' + lowerAlnum(32, 'flw') + '-X'), inText('FLW_ENCRYPTION_KEY=', 'FLWSECK_TEST' + lowerAlnum(12, 'flw-enc'))],
    negatives: [{ why: 'too short', text: 'FLWSECK_TEST-' + lowerAlnum(8, 'flw-short') }],
  },
  'freemius-secret-key': {
    positives: [inText("'secret_key' => '", 'sk_' + alnum(29, 'freemius'), "',")],
    negatives: [{ why: 'a public key', text: "'public_key' => 'pk_" + alnum(29, 'freemius-pk') + "'," }],
  },
  'gocardless-access-token': {
    positives: [inText('GOCARDLESS_ACCESS_TOKEN=', 'live_' + urlSafe(40, 'gocardless'))],
    negatives: [{ why: 'live_ without the name', text: `ref: live_${urlSafe(40, 'gocardless-x')}` }],
  },
  'lob-api-key': {
    positives: [inText('LOB_API_KEY=', 'live_' + hex(35, 'lob'))],
    negatives: [{ why: 'an API version', text: 'LOB_API_VERSION=2020-02-11' }],
  },
  // ── Crypto exchanges ─────────────────────────────────────────────────────────────────────────
  'bittrex-api-key': {
    positives: [inText('BITTREX_API_SECRET=', lowerAlnum(32, 'bittrex'))],
    negatives: [{ why: 'a market name', text: 'BITTREX_MARKET=BTC-ETH' }],
  },
  'coinbase-api-secret': {
    positives: [inText('COINBASE_API_SECRET=', urlSafe(64, 'coinbase'))],
    negatives: [{ why: 'an account UUID', text: `COINBASE_ACCOUNT_ID=${uuid('coinbase-acct')}` }],
  },
  'kraken-private-key': {
    positives: [inText('KRAKEN_PRIVATE_KEY=', b64(86, 'kraken') + '==')],
    negatives: [{ why: 'not a key name', text: `KRAKEN_NONCE=${b64(86, 'kraken-short')}==` }],
  },
  'kucoin-api-secret': {
    positives: [inText('KUCOIN_API_SECRET=', uuid('kucoin'))],
    negatives: [{ why: 'a passphrase placeholder', text: 'KUCOIN_API_PASSPHRASE=changeme' }],
  },
  // ── Credentials in commands ──────────────────────────────────────────────────────────────────
  'curl-user-password': {
    positives: [
      inText('curl -fsS -u deploy:', 'Zt8q-' + alnum(8, 'curl-u'), ' https://repo.corp.lan/upload'),
      {
        text: 'ls\ncurl --user "ci:' + alnum(12, 'curl-hist') + '" https://api.corp.lan\nexit\n',
        secret: alnum(12, 'curl-hist'),
        via: { file: '/root/.bash_history' },
      },
    ],
    negatives: [
      { why: 'a variable', text: 'curl -u "deploy:${DEPLOY_PASSWORD}" https://repo.corp.lan' },
      { why: 'no password (curl prompts)', text: 'curl -u deploy https://repo.corp.lan' },
      {
        why: 'names standing for the values, as docs write them',
        text: 'curl -X POST https://api.corp.lan/2010-04-01/Messages.json -u ACCOUNT_SID:AUTH_TOKEN',
      },
    ],
  },
  'http-authorization-header': {
    positives: [
      inText('curl -H "Authorization: Basic ', Buffer.from('ci:' + alnum(12, 'basic')).toString('base64'), '" https://api.corp.lan'),
      {
        text: "deploy:\n  script:\n    - curl --header 'Authorization: Bearer " + alnum(32, 'bearer') + "' https://api.corp.lan/deploy\n",
        secret: alnum(32, 'bearer'),
        via: { file: '/app/.gitlab-ci.yml' },
      },
    ],
    negatives: [
      { why: 'a variable', text: 'curl -H "Authorization: Bearer $API_TOKEN" https://api.corp.lan' },
      { why: 'a header outside a command', text: `HTTP/1.1 401\nAuthorization: Bearer ${alnum(32, 'bearer-doc')}` },
      {
        why: 'Basic of a user without a password',
        text: `curl -H "Authorization: Basic ${Buffer.from('ci').toString('base64')}" https://x.corp.lan`,
      },
    ],
  },
  'command-line-password': {
    positives: [
      inText('RUN mysql -uroot -p', 'My5ql-' + alnum(8, 'mysql'), ' app < schema.sql'),
      inText('wget --user=ci --password=', alnum(14, 'wget'), ' https://files.corp.lan/a.tgz'),
      inText('sshpass -p "', alnum(12, 'sshpass'), '" ssh deploy@10.0.0.5'),
      inText('docker login -u ci -p ', alnum(16, 'docker-login'), ' registry.corp.lan'),
    ],
    negatives: [
      { why: 'mysql prompts for the password', text: 'mysql -u root -p app' },
      { why: '--password-stdin', text: 'echo "$PW" | docker login -u ci --password-stdin registry.corp.lan' },
      { why: 'a variable', text: 'sshpass -p "$SSH_PASS" ssh deploy@10.0.0.5' },
    ],
  },
  // ── Generic ──────────────────────────────────────────────────────────────────────────────────
  'jwt-base64': {
    positives: [inText('  token: ', Buffer.from(fake.jwt()).toString('base64'))],
    negatives: [
      { why: 'the jwt.io sample, encoded', text: Buffer.from(fake.jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })).toString('base64') },
    ],
  },
};
