// The corpus: for every catalogued format, texts that must yield exactly that secret, and near
// misses (too short, wrong alphabet, placeholders, glued to a word, missing keyword) that must
// yield nothing. Tokens are assembled at runtime (see gen.ts); none is a real credential.
import { fake, opensshKey, pemKey, puttyKey as ppk } from '../fixtures.js';
import { alphabet as A, body, uuid, wrap } from './gen.js';
import { PROVIDER_CASES_B } from './cases-providers-b.js';
import { STRUCTURED_CASES } from './structured-cases.js';

/**
 * How a case is scanned: free text (scanValue and a plain file, the default), a named file, an
 * env entry, or only as a metadata value (history line, label) through scanValue.
 */
export type Via = { file: string } | { env: string } | 'value' | undefined;

export interface Positive {
  text: string;
  secret: string;
  via?: Via;
  /** 'latin1': the text is a binary file's bytes, one char per byte (keystores); scanned as a file only. */
  encoding?: 'latin1';
}

export interface Negative {
  why: string;
  text: string;
  via?: Via;
  encoding?: 'latin1';
}

export interface Cases {
  positives: Positive[];
  negatives: Negative[];
}

/** A case whose whole text is the secret. */
const bare = (secret: string): Positive => ({ text: secret, secret });
/** A case where the secret sits inside `before` … `after`. */
const inText = (before: string, secret: string, after = ''): Positive => ({ text: before + secret + after, secret });

const hex = (n: number, seed: string): string => body(A.hex, n, seed);
const alnum = (n: number, seed: string): string => body(A.alnum, n, seed);
const urlSafe = (n: number, seed: string): string => body(A.urlSafe, n, seed);
const b64 = (n: number, seed: string): string => body(A.base64, n, seed);

// Values reused by positives and negatives.
const awsSecret = b64(40, 'aws-secret');
const sessionShape = 'IQoJb3JpZ2luX2Vj' + b64(320, 'aws-session');
const sessionOld = 'FwoGZXIvYXdz' + b64(240, 'aws-session-old');
const azureKey = b64(86, 'azure') + '==';
const sasSig = encodeURIComponent(b64(43, 'sas') + '=');
const sasUrl = (sig: string, version = 'sv=2022-11-02&'): string =>
  `https://acct.blob.core.windows.net/c/b.txt?${version}ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`;
const herokuNew = 'HRKU-AA' + urlSafe(58, 'heroku');
const herokuUuid = uuid('heroku-legacy');
const vercel = alnum(24, 'vercel');
const openaiProject = 'sk-proj-' + urlSafe(74, 'openai-a') + 'T3BlbkFJ' + urlSafe(74, 'openai-b');
const openaiLegacy = 'sk-' + alnum(20, 'openai-c') + 'T3BlbkFJ' + alnum(20, 'openai-d');
const grafanaLegacy = Buffer.from(JSON.stringify({ k: alnum(32, 'grafana-k'), n: 'deploy', id: 1 })).toString('base64');

const kubeToken = urlSafe(48, 'kube-token');
const clientKeyData = Buffer.from(pemKey('sec1')).toString('base64');
const pgpassPassword = 'pg-' + alnum(14, 'pgpass');
const mavenPassword = 'mvn-' + alnum(12, 'maven');
const apr1 = '$apr1$' + body(A.alnum, 8, 'apr-salt') + '$' + body(A.alnum + './', 22, 'apr-hash');

export const CORPUS: Record<string, Cases> = {
  // ── AWS ──────────────────────────────────────────────────────────────────────────────────────
  'aws-access-key-id': {
    positives: [inText('aws_access_key_id = ', fake.awsKeyId()), inText('"AccessKeyId": "', fake.awsTempKeyId(), '"')],
    negatives: [
      { why: 'too short', text: 'AKIA' + body(A.upperAlnum, 15, 'akia-short') },
      { why: 'lower case', text: 'AKIA' + body(A.lowerAlnum, 16, 'akia-lower') },
      { why: 'glued to a word', text: 'X' + fake.awsKeyId() },
      { why: 'AWS documentation key', text: 'aws_access_key_id = AKIA' + 'IOSFODNN7' + 'EXAMPLE' },
    ],
  },
  'aws-secret-access-key': {
    positives: [inText('aws_secret_access_key = ', awsSecret), inText('export AWS_SECRET_ACCESS_KEY="', awsSecret, '"')],
    negatives: [
      { why: 'no keyword', text: `value = ${awsSecret}` },
      { why: 'a hex digest', text: `aws_secret_access_key = ${hex(40, 'aws-hex')}` },
      { why: 'AWS documentation key', text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY' },
    ],
  },
  'aws-session-token': {
    positives: [
      inText('aws_session_token = ', sessionShape),
      inText('{"Credentials": {"SessionToken": "', sessionOld, '"}}'),
      inText('AWS_SESSION_TOKEN=', b64(180, 'aws-session-plain')),
    ],
    negatives: [
      { why: 'too short', text: `aws_session_token = ${b64(60, 'aws-session-short')}` },
      { why: 'shape inside a longer blob', text: b64(40, 'blob') + sessionShape },
      { why: 'variable reference', text: 'AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}' },
    ],
  },
  // ── Google ───────────────────────────────────────────────────────────────────────────────────
  'google-api-key': {
    positives: [inText('maps?key=', fake.google(), '&v=3')],
    negatives: [{ why: 'too short', text: 'AIza' + urlSafe(20, 'aiza-short') }],
  },
  'google-oauth-client-secret': {
    positives: [inText('"client_secret": "', 'GOCSPX-' + urlSafe(28, 'gocspx'), '"')],
    negatives: [{ why: 'too short', text: 'GOCSPX-' + urlSafe(27, 'gocspx-short') }],
  },
  'gcp-service-account-key': {
    positives: [
      inText(
        '{"type": "service_account", "project_id": "demo", "private_key_id": "',
        hex(40, 'gcp'),
        '", "client_email": "ci@demo.iam.gserviceaccount.com"}',
      ),
    ],
    negatives: [
      { why: 'empty key id', text: '{"type": "service_account", "private_key_id": ""}' },
      { why: 'wrong length', text: `{"private_key_id": "${hex(39, 'gcp-short')}"}` },
    ],
  },
  // ── Azure ────────────────────────────────────────────────────────────────────────────────────
  'azure-storage-key': {
    positives: [inText('DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=', azureKey, ';EndpointSuffix=core.windows.net')],
    negatives: [
      {
        why: 'the published Azurite emulator key',
        text:
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' +
          'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1' +
          'OUzFT50uSRZ6IFsuFq2UVErCz4I6tq' +
          '/K1SZFPTOtr/KBHBeksoGMGw==;',
      },
      { why: 'too short', text: `AccountKey=${b64(40, 'azure-short')}==` },
    ],
  },
  'azure-sas-token': {
    positives: [{ text: sasUrl(sasSig), secret: sasSig }],
    negatives: [
      { why: 'no signed version', text: sasUrl(sasSig, '') },
      { why: 'signature of the wrong size', text: sasUrl(encodeURIComponent(b64(50, 'sas-long') + '=')) },
      { why: 'sig= of some other API', text: `https://img.example.org/thumb?w=200&sig=${hex(40, 'thumb')}` },
    ],
  },
  // ── Other clouds ─────────────────────────────────────────────────────────────────────────────
  'alibaba-access-key-id': {
    positives: [inText('ALIBABA_CLOUD_ACCESS_KEY_ID=', 'LTAI' + alnum(20, 'ltai'))],
    negatives: [
      { why: 'an upper-case word', text: 'LTAIRPORTSERVICEZONE' },
      { why: 'too short', text: 'LTAI' + alnum(8, 'ltai-short') },
    ],
  },
  'tencent-secret-id': {
    positives: [inText('SecretId: ', 'AKID' + alnum(32, 'akid'))],
    negatives: [{ why: 'too short', text: 'AKID' + alnum(20, 'akid-short') }],
  },
  'digitalocean-token': {
    positives: [inText('DIGITALOCEAN_ACCESS_TOKEN=', 'dop_v1_' + hex(64, 'do')), bare('dor_v1_' + hex(64, 'do-refresh'))],
    negatives: [
      { why: 'too short', text: 'dop_v1_' + hex(63, 'do-short') },
      { why: 'upper-case hex', text: 'dop_v1_' + hex(64, 'do-upper').toUpperCase() },
    ],
  },
  // ── Hosting ──────────────────────────────────────────────────────────────────────────────────
  'heroku-api-key': {
    positives: [bare(herokuNew), inText('HEROKU_API_KEY=', herokuUuid), inText('heroku_auth_token: "', uuid('heroku-yaml'), '"')],
    negatives: [
      { why: 'a UUID without the Heroku name', text: `request_id=${herokuUuid}` },
      { why: 'a Heroku name that is not a key', text: `HEROKU_APP_ID=${herokuUuid}` },
      { why: 'HRKU- too short', text: 'HRKU-AA' + urlSafe(20, 'heroku-short') },
    ],
  },
  'flyio-token': {
    positives: [inText('Authorization: FlyV1 ', 'fm2_' + b64(220, 'fly')), bare('fo1_' + urlSafe(43, 'fly-old'))],
    negatives: [{ why: 'too short', text: 'FlyV1 fm2_' + b64(30, 'fly-short') }],
  },
  'netlify-token': {
    positives: [inText('NETLIFY_AUTH_TOKEN=', 'nfp_' + alnum(36, 'netlify')), inText('NETLIFY_AUTH_TOKEN=', urlSafe(43, 'netlify-old'))],
    negatives: [
      { why: 'a site ID', text: `NETLIFY_SITE_ID=${uuid('netlify-site')}` },
      { why: 'too short', text: 'nfp_' + alnum(20, 'netlify-short') },
    ],
  },
  'vercel-token': {
    positives: [inText('VERCEL_TOKEN=', vercel)],
    negatives: [
      { why: 'a project ID', text: `VERCEL_PROJECT_ID=prj_${alnum(28, 'vercel-prj')}` },
      { why: 'single-case value', text: `VERCEL_TOKEN: ${body(A.lowerAlnum, 24, 'vercel-lower')}` },
    ],
  },
  'cloudflare-api-token': {
    positives: [inText('CLOUDFLARE_API_TOKEN=', urlSafe(40, 'cf-token'))],
    negatives: [{ why: 'a zone ID', text: `CLOUDFLARE_ZONE_ID=${hex(32, 'cf-zone')}` }],
  },
  'cloudflare-global-api-key': {
    positives: [inText('CF_API_KEY=', hex(37, 'cf-global'))],
    negatives: [{ why: 'wrong length', text: `CLOUDFLARE_API_KEY: ${hex(32, 'cf-global-short')}` }],
  },
  // ── Source hosting ───────────────────────────────────────────────────────────────────────────
  'github-token': {
    positives: [inText('git clone https://x-access-token:', fake.github(), '@github.com/o/r'), bare(fake.githubFineGrained())],
    negatives: [
      { why: 'too short', text: 'ghp_' + alnum(35, 'ghp-short') },
      { why: 'docs filler', text: 'ghp_' + 'x'.repeat(36) },
    ],
  },
  'gitlab-token': {
    positives: [inText('PRIVATE-TOKEN: ', fake.gitlab()), bare('gloas-' + hex(64, 'gloas'))],
    negatives: [{ why: 'too short', text: 'glpat-' + alnum(12, 'glpat-short') }],
  },
  'gitlab-ci-job-token': {
    positives: [inText('CI_JOB_TOKEN=', 'glcbt-64_' + urlSafe(20, 'glcbt'))],
    negatives: [{ why: 'too short', text: 'glcbt-' + alnum(10, 'glcbt-short') }],
  },
  'gitlab-runner-registration-token': {
    positives: [inText('gitlab-runner register --registration-token ', 'GR1348941' + urlSafe(20, 'gr'))],
    negatives: [{ why: 'too short', text: 'GR1348941' + urlSafe(19, 'gr-short') }],
  },
  'bitbucket-app-password': {
    positives: [inText('BITBUCKET_APP_PASSWORD=', 'ATBB' + alnum(32, 'atbb'))],
    negatives: [
      { why: 'an upper-case word', text: 'ATBBQUOTECONSTANTSANDMOREWORDSHEREOK' },
      { why: 'too short', text: 'ATBB' + alnum(20, 'atbb-short') },
    ],
  },
  // ── Package registries ───────────────────────────────────────────────────────────────────────
  'npm-token': {
    positives: [inText('//registry.npmjs.org/:_authToken=', fake.npm())],
    negatives: [{ why: 'npm config variable', text: 'npm_' + 'config_cache=/tmp/npm' }],
  },
  'pypi-token': {
    positives: [inText('twine upload -p ', fake.pypi())],
    negatives: [{ why: 'a package name', text: 'pypi-' + 'hello-world-package' }],
  },
  'rubygems-api-key': {
    positives: [inText(':rubygems_api_key: ', 'rubygems_' + hex(48, 'gem'))],
    negatives: [{ why: 'an identifier', text: 'rubygems_version = "3.5.0"' }],
  },
  'nuget-api-key': {
    positives: [inText('dotnet nuget push pkg.nupkg --api-key ', 'oy2' + body(A.lowerAlnum, 43, 'nuget'))],
    negatives: [{ why: 'mixed case', text: 'oy2' + alnum(43, 'nuget-mixed') }],
  },
  'docker-hub-token': {
    positives: [inText('echo ', 'dckr_pat_' + urlSafe(27, 'dckr'), ' | docker login -u ci --password-stdin')],
    negatives: [{ why: 'too short', text: 'dckr_pat_' + urlSafe(12, 'dckr-short') }],
  },
  'artifactory-token': {
    positives: [bare('AKCp' + alnum(69, 'akcp')), inText('JFROG_ACCESS_TOKEN=', 'cmVmdGtuOjAxOj' + alnum(50, 'reftkn'))],
    negatives: [{ why: 'too short', text: 'AKCp' + alnum(20, 'akcp-short') }],
  },
  // ── AI ───────────────────────────────────────────────────────────────────────────────────────
  'openai-api-key': {
    positives: [inText('OPENAI_API_KEY=', openaiProject), bare(openaiLegacy)],
    negatives: [
      { why: 'too short', text: 'sk-proj-' + urlSafe(20, 'openai-short') },
      { why: 'glued to a word', text: 'x' + openaiLegacy },
      { why: 'an sk- string without the marker', text: 'sk-' + alnum(48, 'openai-nomarker') },
    ],
  },
  'anthropic-api-key': {
    positives: [inText('ANTHROPIC_API_KEY=', 'sk-ant-api03-' + urlSafe(93, 'anthropic') + 'AA')],
    negatives: [{ why: 'truncated in a dashboard', text: 'sk-ant-api03-' + urlSafe(8, 'anthropic-short') + '...' }],
  },
  'anthropic-admin-key': {
    positives: [bare('sk-ant-admin01-' + urlSafe(93, 'anthropic-admin') + 'AA')],
    negatives: [{ why: 'too short', text: 'sk-ant-admin01-' + urlSafe(30, 'anthropic-admin-short') }],
  },
  'huggingface-token': {
    positives: [inText('HF_TOKEN=', 'hf_' + body(A.letters, 34, 'hf'))],
    negatives: [
      { why: 'an identifier', text: 'from huggingface_hub import hf_hub_download' },
      { why: 'single case', text: 'hf_' + body('abcdefghijklmnopqrstuvwxyz', 34, 'hf-lower') },
    ],
  },
  // ── Payments ─────────────────────────────────────────────────────────────────────────────────
  'stripe-secret-key': {
    positives: [inText('stripe.api_key = "', fake.stripeLive(), '"'), bare(fake.stripeRestricted())],
    negatives: [{ why: 'too short', text: 'sk_' + 'live_' + alnum(6, 'stripe-short') }],
  },
  'stripe-test-key': {
    positives: [inText('key=', fake.stripeTest())],
    negatives: [{ why: 'too short', text: 'sk_' + 'test_' + alnum(8, 'stripe-test-short') }],
  },
  'stripe-webhook-secret': {
    positives: [inText('STRIPE_WEBHOOK_SECRET=', 'whsec_' + alnum(32, 'whsec'))],
    negatives: [{ why: 'too short', text: 'whsec_' + alnum(12, 'whsec-short') }],
  },
  'square-access-token': {
    positives: [inText('SQUARE_ACCESS_TOKEN=', 'EAAA' + urlSafe(60, 'square')), bare('sq0atp-' + urlSafe(22, 'square-old'))],
    negatives: [
      {
        why: 'inside a base64 blob',
        text: 'data:font/woff2;base64,' + b64(40, 'sq-blob') + '+EAAA' + alnum(60, 'sq-blob2') + '/' + b64(20, 'sq-blob3'),
      },
      { why: 'too short', text: 'EAAA' + urlSafe(30, 'square-short') },
    ],
  },
  'square-oauth-secret': {
    positives: [bare('sq0csp-' + urlSafe(43, 'square-secret'))],
    negatives: [{ why: 'too short', text: 'sq0csp-' + urlSafe(20, 'square-secret-short') }],
  },
  'braintree-access-token': {
    positives: [bare('access_token$production$' + body(A.lowerAlnum, 16, 'bt') + '$' + hex(32, 'bt-secret'))],
    negatives: [{ why: 'sandbox token', text: 'access_token$sandbox$' + body(A.lowerAlnum, 16, 'bt-sb') + '$' + hex(32, 'bt-sb-secret') }],
  },
  'plaid-access-token': {
    positives: [inText('"access_token": "', 'access-production-' + uuid('plaid'), '"')],
    negatives: [{ why: 'not a UUID', text: 'access-sandbox-' + hex(20, 'plaid-sb') }],
  },
  'shopify-access-token': {
    positives: [inText('X-Shopify-Access-Token: ', 'shpat_' + hex(32, 'shpat'))],
    negatives: [{ why: 'too short', text: 'shpat_' + hex(31, 'shpat-short') }],
  },
  'shopify-shared-secret': {
    positives: [bare('shpss_' + hex(32, 'shpss'))],
    negatives: [{ why: 'not hex', text: 'shpss_' + body(A.letters, 32, 'shpss-letters') }],
  },
  // ── Messaging ────────────────────────────────────────────────────────────────────────────────
  'slack-token': {
    positives: [inText('SLACK=', fake.slackBot())],
    negatives: [{ why: 'docs placeholder', text: 'xoxb-' + 'your-bot-token-here' }],
  },
  'slack-app-token': {
    positives: [bare('xapp-1-A0' + body(A.upperAlnum, 8, 'xapp') + '-' + body(A.digits, 13, 'xapp-n') + '-' + hex(64, 'xapp-h'))],
    negatives: [{ why: 'docs placeholder', text: 'xapp-' + 'your-app-level-token' }],
  },
  'slack-webhook': {
    positives: [
      { text: `curl -X POST ${fake.slackWebhook()}`, secret: fake.slackWebhook().replace('https://', '') },
      {
        text:
          'https://hooks.slack.com/workflows/T0' +
          body(A.upperAlnum, 8, 'wf-t') +
          '/A0' +
          body(A.upperAlnum, 8, 'wf-a') +
          '/' +
          body(A.digits, 18, 'wf-n') +
          '/' +
          alnum(24, 'wf-s'),
        secret:
          'hooks.slack.com/workflows/T0' +
          body(A.upperAlnum, 8, 'wf-t') +
          '/A0' +
          body(A.upperAlnum, 8, 'wf-a') +
          '/' +
          body(A.digits, 18, 'wf-n') +
          '/' +
          alnum(24, 'wf-s'),
      },
    ],
    negatives: [{ why: 'no secret part', text: 'https://hooks.slack.com/services/' + 'T0ABC1234/' }],
  },
  'twilio-api-key': {
    positives: [inText('TWILIO_API_KEY_SID=', 'SK' + hex(32, 'twilio-sk'))],
    negatives: [{ why: 'upper-case hex', text: 'SK' + hex(32, 'twilio-upper').toUpperCase() }],
  },
  'twilio-auth-token': {
    positives: [
      inText('TWILIO_AUTH_TOKEN=', hex(32, 'twilio-auth')),
      inText(`curl -u AC${hex(32, 'twilio-ac')}:`, hex(32, 'twilio-auth-2'), ' https://api.twilio.com/2010-04-01/Accounts.json'),
    ],
    negatives: [{ why: 'an account SID alone', text: `TWILIO_ACCOUNT_SID=AC${hex(32, 'twilio-sid')}` }],
  },
  'sendgrid-api-key': {
    positives: [inText('SENDGRID_API_KEY=', 'SG.' + urlSafe(22, 'sg-a') + '.' + urlSafe(43, 'sg-b'))],
    negatives: [{ why: 'too short', text: 'SG.' + urlSafe(22, 'sg-c') + '.' + urlSafe(20, 'sg-d') }],
  },
  'mailgun-api-key': {
    positives: [inText('MAILGUN_API_KEY=', 'key-' + hex(32, 'mailgun'))],
    negatives: [{ why: 'no Mailgun name', text: `the value key-${hex(32, 'mailgun-prose')} in prose` }],
  },
  'mailchimp-api-key': {
    positives: [inText('MAILCHIMP_KEY=', hex(32, 'mailchimp') + '-us6')],
    negatives: [
      { why: 'a locale', text: '<html lang="en-us1">' },
      { why: 'too short', text: hex(31, 'mailchimp-short') + '-us6' },
    ],
  },
  'brevo-api-key': {
    positives: [bare('xkeysib-' + hex(64, 'brevo') + '-' + alnum(16, 'brevo-s'))],
    negatives: [{ why: 'too short', text: 'xkeysib-' + hex(40, 'brevo-short') }],
  },
  'telegram-bot-token': {
    positives: [
      {
        text: `https://api.telegram.org/bot${body(A.digits, 10, 'tg')}:AA${urlSafe(33, 'tg-s')}/getMe`,
        secret: `${body(A.digits, 10, 'tg')}:AA${urlSafe(33, 'tg-s')}`,
      },
      inText('TELEGRAM_TOKEN=', `${body(A.digits, 9, 'tg-2')}:AA${urlSafe(33, 'tg-s2')}`),
    ],
    negatives: [{ why: 'bot ID too short', text: `${body(A.digits, 5, 'tg-short')}:AA${urlSafe(33, 'tg-s3')}` }],
  },
  'discord-bot-token': {
    positives: [inText('DISCORD_BOT_TOKEN=', 'M' + alnum(25, 'discord') + '.' + urlSafe(6, 'discord-t') + '.' + urlSafe(38, 'discord-h'))],
    negatives: [{ why: 'a channel name', text: 'DISCORD_CHANNEL=general-chat' }],
  },
  'discord-webhook': {
    positives: [
      {
        text: `https://discord.com/api/webhooks/${body(A.digits, 18, 'dw')}/${urlSafe(68, 'dw-s')}`,
        secret: `discord.com/api/webhooks/${body(A.digits, 18, 'dw')}/${urlSafe(68, 'dw-s')}`,
      },
    ],
    negatives: [{ why: 'no token', text: `https://discord.com/api/webhooks/${body(A.digits, 18, 'dw')}` }],
  },
  'teams-webhook': {
    positives: [
      {
        text: `https://contoso.webhook.office.com/webhookb2/${uuid('t1')}@${uuid('t2')}/IncomingWebhook/${hex(32, 't3')}/${uuid('t4')}`,
        secret: `webhook.office.com/webhookb2/${uuid('t1')}@${uuid('t2')}/IncomingWebhook/${hex(32, 't3')}/${uuid('t4')}`,
      },
    ],
    negatives: [{ why: 'cut before the secret', text: `https://contoso.webhook.office.com/webhookb2/${uuid('t1')}@${uuid('t2')}/` }],
  },
  // ── Observability ────────────────────────────────────────────────────────────────────────────
  'datadog-api-key': {
    positives: [inText('DD_API_KEY=', hex(32, 'dd')), inText('datadog_api_key: "', hex(32, 'dd-2'), '"')],
    negatives: [
      { why: 'an MD5 sum', text: `md5=${hex(32, 'dd-md5')}` },
      { why: 'docs placeholder', text: 'DD_API_KEY=<YOUR_API_KEY>' },
    ],
  },
  'datadog-app-key': {
    positives: [inText('DD_APP_KEY=', hex(40, 'ddapp'))],
    negatives: [{ why: 'a commit SHA', text: `commit ${hex(40, 'ddapp-sha')}` }],
  },
  'newrelic-user-key': {
    positives: [inText('NEW_RELIC_API_KEY=', 'NRAK-' + body(A.upperAlnum, 27, 'nrak'))],
    negatives: [{ why: 'too short', text: 'NRAK-' + body(A.upperAlnum, 20, 'nrak-short') }],
  },
  'newrelic-license-key': {
    positives: [inText('NEW_RELIC_LICENSE_KEY=', hex(36, 'nral') + 'NRAL')],
    negatives: [{ why: 'too short', text: hex(20, 'nral-short') + 'NRAL' }],
  },
  'newrelic-insights-key': {
    positives: [bare('NRII-' + urlSafe(32, 'nrii'))],
    negatives: [{ why: 'too short', text: 'NRII-' + urlSafe(20, 'nrii-short') }],
  },
  'newrelic-admin-key': {
    positives: [bare('NRAA-' + alnum(27, 'nraa'))],
    negatives: [{ why: 'too short', text: 'NRAA-' + alnum(10, 'nraa-short') }],
  },
  'newrelic-browser-key': {
    positives: [inText('licenseKey:"', 'NRJS-' + hex(19, 'nrjs'), '"')],
    negatives: [{ why: 'too short', text: 'NRJS-' + hex(10, 'nrjs-short') }],
  },
  'sentry-dsn-secret': {
    positives: [inText(`SENTRY_DSN=https://${hex(32, 'sentry-pub')}:`, hex(32, 'sentry-secret'), '@o12345.ingest.sentry.io/6789')],
    negatives: [{ why: 'a modern DSN (public key only)', text: `SENTRY_DSN=https://${hex(32, 'sentry-pub')}@o12345.ingest.sentry.io/6789` }],
  },
  'sentry-org-token': {
    positives: [inText('SENTRY_AUTH_TOKEN=', 'sntrys_eyJ' + b64(110, 'sntrys') + '_' + b64(43, 'sntrys-sig'))],
    negatives: [{ why: 'too short', text: 'sntrys_eyJ' + b64(20, 'sntrys-short') }],
  },
  'sentry-user-token': {
    positives: [bare('sntryu_' + hex(64, 'sntryu'))],
    negatives: [{ why: 'too short', text: 'sntryu_' + hex(40, 'sntryu-short') }],
  },
  'grafana-cloud-token': {
    positives: [inText('GRAFANA_CLOUD_TOKEN=', 'glc_eyJ' + body(A.alnum + '+/', 120, 'glc') + '==')],
    negatives: [{ why: 'too short', text: 'glc_eyJ' + alnum(10, 'glc-short') }],
  },
  'grafana-service-account-token': {
    positives: [bare('glsa_' + alnum(32, 'glsa') + '_' + hex(8, 'glsa-crc'))],
    negatives: [{ why: 'no checksum', text: 'glsa_' + alnum(32, 'glsa-nocrc') }],
  },
  'grafana-api-key': {
    positives: [inText('Authorization: Bearer ', grafanaLegacy)],
    negatives: [
      { why: 'base64 JSON without the key fields', text: Buffer.from(JSON.stringify({ k: 'x', n: alnum(60, 'grafana-n') })).toString('base64') },
    ],
  },
  'dynatrace-token': {
    positives: [bare('dt0c01.' + body(A.upperAlnum, 24, 'dt-pub') + '.' + body(A.upperAlnum, 64, 'dt-sec'))],
    negatives: [{ why: 'secret portion cut', text: 'dt0c01.' + body(A.upperAlnum, 24, 'dt-pub') + '.' }],
  },
  // ── Secret managers ──────────────────────────────────────────────────────────────────────────
  'vault-token': {
    positives: [
      inText('VAULT_TOKEN=', 'hvs.' + urlSafe(90, 'hvs')),
      inText('X-Vault-Token: ', 's.' + alnum(24, 'vault-legacy')),
      inText('token: ', 's.7' + alnum(23, 'vault-token-key')),
    ],
    negatives: [
      { why: 'legacy shape without a Vault name', text: 'value s.' + alnum(24, 'vault-bare') },
      { why: 'member access after a token key, not a generated token', text: 'token = s.makeKubeConfigController' },
      { why: 'too short', text: 'hvs.' + urlSafe(10, 'hvs-short') },
    ],
  },
  'doppler-token': {
    positives: [inText('DOPPLER_TOKEN=', 'dp.st.prd.' + alnum(40, 'doppler'))],
    negatives: [{ why: 'too short', text: 'dp.pt.' + alnum(20, 'doppler-short') }],
  },
  'onepassword-service-account-token': {
    positives: [inText('OP_SERVICE_ACCOUNT_TOKEN=', 'ops_eyJ' + b64(300, 'ops'))],
    negatives: [{ why: 'too short', text: 'ops_eyJ' + b64(40, 'ops-short') }],
  },
  'age-secret-key': {
    positives: [inText('# created: 2024-01-01\n', 'AGE-SECRET-KEY-1' + body(A.bech32, 58, 'age'))],
    negatives: [{ why: 'a public recipient', text: 'age1' + body(A.bech32.toLowerCase(), 58, 'age-pub') }],
  },
  // ── Infrastructure tools ─────────────────────────────────────────────────────────────────────
  'terraform-cloud-token': {
    positives: [inText('token = "', alnum(14, 'tfc') + '.atlasv1.' + urlSafe(67, 'tfc-s'), '"')],
    negatives: [{ why: 'marker alone', text: 'the .atlasv1. marker' }],
  },
  'pulumi-access-token': {
    positives: [inText('PULUMI_ACCESS_TOKEN=', 'pul-' + hex(40, 'pulumi'))],
    negatives: [{ why: 'too short', text: 'pul-' + hex(20, 'pulumi-short') }],
  },
  'databricks-token': {
    positives: [inText('DATABRICKS_TOKEN=', 'dapi' + hex(32, 'dapi'))],
    negatives: [{ why: 'an identifier', text: 'dapi_version = 2' }],
  },
  'sonarqube-token': {
    positives: [inText('SONAR_TOKEN=', 'squ_' + hex(40, 'sonar'))],
    negatives: [{ why: 'too short', text: 'squ_' + hex(20, 'sonar-short') }],
  },
  'tailscale-key': {
    positives: [inText('TS_AUTHKEY=', 'tskey-auth-' + alnum(12, 'ts-id') + '-' + alnum(30, 'ts-s'))],
    negatives: [{ why: 'docs placeholder', text: 'use a key like tskey-auth-' + 'XXXXXXXX' + ' here' }],
  },
  'postman-api-key': {
    positives: [bare('PMAK-' + hex(24, 'pmak') + '-' + hex(34, 'pmak-s'))],
    negatives: [{ why: 'too short', text: 'PMAK-' + hex(24, 'pmak') + '-' + hex(10, 'pmak-short') }],
  },
  // ── Workspace SaaS ───────────────────────────────────────────────────────────────────────────
  'atlassian-api-token': {
    positives: [inText('JIRA_API_TOKEN=', 'ATATT3' + urlSafe(186, 'atatt'))],
    negatives: [{ why: 'too short', text: 'ATATT3' + urlSafe(40, 'atatt-short') }],
  },
  'linear-api-key': {
    positives: [bare('lin_api_' + alnum(40, 'linear'))],
    negatives: [{ why: 'too short', text: 'lin_api_' + alnum(20, 'linear-short') }],
  },
  'notion-token': {
    positives: [inText('NOTION_TOKEN=', 'ntn_' + alnum(46, 'notion')), inText('NOTION_API_KEY=', 'secret_' + alnum(43, 'notion-old'))],
    negatives: [
      { why: 'a Rails setting', text: 'secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>' },
      { why: 'secret_ without a Notion name', text: 'value secret_' + alnum(43, 'notion-bare') },
    ],
  },
  'figma-token': {
    positives: [bare('figd_' + urlSafe(40, 'figma'))],
    negatives: [{ why: 'too short', text: 'figd_' + urlSafe(12, 'figma-short') }],
  },
  'frameio-token': {
    positives: [bare('fio-u-' + urlSafe(64, 'frameio'))],
    negatives: [{ why: 'too short', text: 'fio-u-' + urlSafe(30, 'frameio-short') }],
  },
  'contentful-token': {
    positives: [bare('CFPAT-' + urlSafe(43, 'contentful'))],
    negatives: [{ why: 'too short', text: 'CFPAT-' + urlSafe(20, 'contentful-short') }],
  },
  'hubspot-private-app-token': {
    positives: [inText('Authorization: Bearer ', 'pat-na1-' + uuid('hubspot'))],
    negatives: [{ why: 'not a UUID', text: 'pat-na1-' + alnum(12, 'hubspot-short') }],
  },
  'mapbox-secret-token': {
    positives: [bare('sk.eyJ' + urlSafe(60, 'mapbox') + '.' + urlSafe(22, 'mapbox-s'))],
    negatives: [{ why: 'a secret token cut before its signature', text: 'sk.eyJ' + urlSafe(60, 'mapbox') }],
  },
  'dropbox-access-token': {
    positives: [inText('DROPBOX_TOKEN=', 'sl.B' + urlSafe(140, 'dropbox'))],
    negatives: [{ why: 'too short', text: 'sl.B' + urlSafe(40, 'dropbox-short') }],
  },
  'okta-api-token': {
    positives: [inText('OKTA_API_TOKEN=', '00' + urlSafe(40, 'okta'))],
    negatives: [
      { why: 'a client ID', text: 'OKTA_CLIENT_ID=0oa' + alnum(17, 'okta-client') },
      { why: 'placeholder', text: 'OKTA_API_TOKEN=changeme' },
    ],
  },
  // ── Key blocks ───────────────────────────────────────────────────────────────────────────────
  'private-key': {
    // secret '': the whole block is the secret.
    positives: [
      { text: pemKey('pkcs8'), secret: '' },
      { text: opensshKey('none'), secret: '' },
    ],
    negatives: [{ why: 'a public key', text: '-----BEGIN PUBLIC KEY-----\n' + wrap(b64(120, 'pub')) + '\n-----END PUBLIC KEY-----\n' }],
  },
  'private-key-encrypted': {
    positives: [
      { text: pemKey('encrypted'), secret: '' },
      { text: opensshKey('aes256-ctr'), secret: '' },
    ],
    negatives: [{ why: 'header mentioned in code', text: 'if line.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----"):\n    pass\n' }],
  },
  'putty-private-key': {
    positives: [{ text: ppk(false), secret: ppk(false) }],
    negatives: [{ why: 'header in code', text: 'HEADER = "PuTTY-User-Key-File-3: "\nif line.startswith(HEADER): parse()\n' }],
  },
  'putty-private-key-encrypted': {
    positives: [{ text: ppk(true), secret: ppk(true) }],
    negatives: [
      {
        why: 'a PuTTY public key file',
        text: '---- BEGIN SSH2 PUBLIC KEY ----\nComment: "ed25519-key"\n' + b64(68, 'putty-pub') + '\n---- END SSH2 PUBLIC KEY ----\n',
      },
    ],
  },
  // ── Credential files ─────────────────────────────────────────────────────────────────────────
  'npmrc-auth': {
    positives: [
      { text: '//npm.corp.lan/:_authToken=' + 'c0rp-' + alnum(12, 'npmrc'), secret: 'c0rp-' + alnum(12, 'npmrc'), via: { file: '/root/.npmrc' } },
    ],
    negatives: [{ why: 'variable reference', text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', via: { file: '/root/.npmrc' } }],
  },
  'pypirc-password': {
    positives: [
      {
        text: '[corp]\nusername = ci\npassword = ' + 'pw-' + alnum(10, 'pypirc'),
        secret: 'pw-' + alnum(10, 'pypirc'),
        via: { file: '/root/.pypirc' },
      },
    ],
    negatives: [{ why: 'placeholder', text: '[pypi]\nusername = __token__\npassword = <your-token>\n', via: { file: '/root/.pypirc' } }],
  },
  'netrc-password': {
    positives: [
      {
        text: 'machine api.corp.lan login ci password ' + 'n3-' + alnum(10, 'netrc'),
        secret: 'n3-' + alnum(10, 'netrc'),
        via: { file: '/root/.netrc' },
      },
    ],
    negatives: [{ why: 'placeholder', text: 'machine a login b password changeme\n', via: { file: '/root/.netrc' } }],
  },
  'git-credentials': {
    positives: [
      {
        text: 'https://ci:' + 'g1t-' + alnum(10, 'gitcred') + '@git.corp.lan\n',
        secret: 'g1t-' + alnum(10, 'gitcred'),
        via: { file: '/root/.git-credentials' },
      },
    ],
    negatives: [{ why: 'no password', text: 'https://anon@git.corp.lan\n', via: { file: '/root/.git-credentials' } }],
  },
  'docker-config-auth': {
    positives: [
      {
        text: `{"auths": {"registry.corp.lan": {"auth": "${Buffer.from('ci:' + alnum(12, 'docker')).toString('base64')}"}}}`,
        secret: Buffer.from('ci:' + alnum(12, 'docker')).toString('base64'),
        via: { file: '/root/.docker/config.json' },
      },
    ],
    negatives: [{ why: 'credential store', text: '{"auths": {"a.lan": {}}, "credsStore": "desktop"}', via: { file: '/root/.docker/config.json' } }],
  },
  'kubeconfig-credential': {
    positives: [
      {
        text: ['apiVersion: v1', 'kind: Config', 'users:', '- name: ci', '  user:', `    token: ${kubeToken}`].join('\n'),
        secret: kubeToken,
        via: { file: '/root/.kube/config' },
      },
      {
        text: ['users:', '- name: admin', '  user:', `    client-key-data: ${clientKeyData}`].join('\n'),
        secret: clientKeyData,
        via: { file: '/etc/kubernetes/admin.conf' },
      },
    ],
    negatives: [
      {
        why: 'public certificate data and a templated token',
        text: [
          'clusters:',
          '- cluster:',
          `    certificate-authority-data: ${b64(200, 'kube-ca')}`,
          'users:',
          '- user:',
          '    token: ${KUBE_TOKEN}',
        ].join('\n'),
        via: { file: '/root/.kube/config' },
      },
      {
        why: 'client-key-data that is not a key',
        text: `    client-key-data: ${Buffer.from('hello world, not a key').toString('base64')}`,
        via: { file: '/root/.kube/config' },
      },
    ],
  },
  'pgpass-password': {
    positives: [{ text: `# prod\ndb.internal:5432:app:app:${pgpassPassword}\n`, secret: pgpassPassword, via: { file: '/root/.pgpass' } }],
    negatives: [{ why: 'comment and short line', text: '# host:port:db:user:password\nlocalhost:5432:app\n', via: { file: '/root/.pgpass' } }],
  },
  'maven-settings-password': {
    positives: [
      {
        text: [
          '<settings>',
          '  <servers>',
          '    <server>',
          '      <id>corp</id>',
          '      <username>ci</username>',
          `      <password>${mavenPassword}</password>`,
          '    </server>',
          '  </servers>',
          '</settings>',
        ].join('\n'),
        secret: mavenPassword,
        via: { file: '/root/.m2/settings.xml' },
      },
    ],
    negatives: [
      {
        // An encrypted {…} value is a warning now (places-cases.ts): settings-security.xml decrypts it.
        why: 'commented example and env reference',
        text: [
          '<settings>',
          '  <!--',
          '  <server><id>x</id><password>repopwd</password></server>',
          '  -->',
          '  <server><id>a</id><password>${env.REPO_PASSWORD}</password></server>',
          '</settings>',
        ].join('\n'),
        via: { file: '/root/.m2/settings.xml' },
      },
    ],
  },
  'htpasswd-hash': {
    positives: [{ text: `# users\nadmin:${apr1}\n`, secret: apr1, via: { file: '/etc/nginx/.htpasswd' } }],
    negatives: [{ why: 'comment and empty hash', text: '# admin:secret\nguest:\n', via: { file: '/etc/nginx/.htpasswd' } }],
  },
  // ── Generic rules ────────────────────────────────────────────────────────────────────────────
  jwt: {
    positives: [inText('Authorization: Bearer ', fake.jwt())],
    negatives: [{ why: 'the jwt.io sample', text: fake.jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }) }],
  },
  'url-credentials': {
    positives: [inText('DATABASE_URL=postgres://app:', 'Zt8q' + alnum(6, 'url'), '@db.internal:5432/app')],
    negatives: [{ why: 'template', text: 'url = `https://${user}:${pass}@${host}`' }],
  },
  'dotenv-secret': {
    positives: [
      {
        text: 'DB_HOST=db\nDB_PASSWORD="' + 'Tr0ub4dor-' + alnum(4, 'dotenv') + '"\n',
        secret: 'Tr0ub4dor-' + alnum(4, 'dotenv'),
        via: { file: '/app/.env' },
      },
    ],
    negatives: [{ why: 'a template file', text: 'DB_PASSWORD=Tr0ub4dor-3\n', via: { file: '/app/.env.example' } }],
  },
  'secret-assignment': {
    positives: [
      {
        text: '|1 DB_PASSWORD=' + 'Tr0ub4dor-' + alnum(4, 'assign') + ' /bin/sh -c ./setup',
        secret: 'Tr0ub4dor-' + alnum(4, 'assign'),
        via: 'value',
      },
    ],
    negatives: [{ why: 'placeholder', text: 'DB_PASSWORD=changeme ./setup', via: 'value' }],
  },
  'secret-named-env': {
    positives: [{ text: 'Tr0ub4dor-' + alnum(4, 'env'), secret: 'Tr0ub4dor-' + alnum(4, 'env'), via: { env: 'DB_PASSWORD' } }],
    negatives: [{ why: 'variable reference', text: '${DB_PASSWORD}', via: { env: 'DB_PASSWORD' } }],
  },
  ...STRUCTURED_CASES,
};

// Provider formats M–Z live in their own file; their cases join (or extend) the ones above.
for (const [id, cases] of Object.entries(PROVIDER_CASES_B)) {
  const known = CORPUS[id];
  if (known === undefined) CORPUS[id] = cases;
  else {
    known.positives.push(...cases.positives);
    known.negatives.push(...cases.negatives);
  }
}
