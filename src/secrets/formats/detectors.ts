// The single-line detectors every text, value and file is run through (the prefilter's automaton is
// built from their triggers). The catalogue of every kind reported, for docs and meta-tests, is
// ../catalogue.ts: kept apart so the scanner does not import the credential-file parsers.
import { ageSecretKey, dopplerToken, onepasswordServiceAccountToken, vaultToken } from './secrets-managers.js';
import {
  anthropicAdminKey,
  anthropicApiKey,
  huggingfaceToken,
  openaiApiKey,
  openaiEphemeralKey,
  perplexityApiKey,
  privateaiApiKey,
  replicateApiToken,
} from './ai.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } from './aws.js';
import { azureSasToken, azureStorageKey } from './azure.js';
import { alibabaAccessKeyId, digitaloceanToken, tencentSecretId } from './cloud.js';
import { snykToken, sourcegraphToken } from './code-analysis.js';
import { mattermostToken, messagebirdApiKey, sendbirdApiToken, zendeskApiToken } from './customer-messaging.js';
import { mongodbAtlasApiKey, planetscaleToken } from './databases.js';
import { databricksToken, postmanApiKey, pulumiAccessToken, sonarqubeToken, tailscaleKey, terraformCloudToken } from './devops.js';
import { bitbucketAppPassword, githubToken, gitlabCiJobToken, gitlabRunnerRegistrationToken, gitlabToken } from './git-hosts.js';
import { gcpServiceAccountKey, googleApiKey, googleOAuthClientSecret } from './google.js';
import { cloudflareApiToken, cloudflareGlobalApiKey, flyioToken, herokuApiKey, netlifyToken, vercelToken } from './hosting.js';
import { commandLinePassword, curlUserPassword, httpAuthHeader, httpKeyHeader } from './commands.js';
import { jwt, jwtBase64 } from './jwt.js';
import { sumologicAccessKey, sumologicHttpSource } from './log-management.js';
import {
  brevoApiKey,
  discordBotToken,
  discordWebhook,
  mailchimpApiKey,
  mailgunApiKey,
  sendgridApiKey,
  slackAppToken,
  slackToken,
  slackWebhook,
  teamsWebhook,
  telegramBotToken,
  twilioApiKey,
  twilioAuthToken,
} from './messaging.js';
import {
  datadogApiKey,
  datadogAppKey,
  dynatraceToken,
  grafanaApiKey,
  grafanaCloudToken,
  grafanaServiceAccountToken,
  newrelicAdminKey,
  newrelicBrowserKey,
  newrelicInsightsKey,
  newrelicLicenseKey,
  newrelicUserKey,
  sentryDsnSecret,
  sentryOrgToken,
  sentryUserToken,
} from './observability.js';
import {
  artifactoryToken,
  dockerHubToken,
  npmToken,
  nugetApiKey,
  nugetConfigPassword,
  packagistToken,
  pypiToken,
  rubygemsApiKey,
} from './package-registries.js';
import {
  braintreeAccessToken,
  plaidAccessToken,
  plaidSecret,
  shippoLiveToken,
  shippoTestToken,
  shopifyAccessToken,
  shopifySharedSecret,
  squareAccessToken,
  squareOAuthSecret,
  stripeLiveKey,
  stripeTestKey,
  stripeWebhookSecret,
} from './payments.js';
import {
  octopusDeployApiKey,
  openshiftUserToken,
  prefectApiKey,
  scalingoApiToken,
  settlemintToken,
  sidekiqCredentials,
  travisCiToken,
} from './platforms.js';
import { nytimesApiKey, twitchToken, twitterCredential } from './social.js';
import { softlayerApiKey } from './softlayer.js';
import { PROVIDER_DETECTORS_A_L } from './providers-a-l.js';
import { MORE_PROVIDER_DETECTORS } from './providers-more.js';
import { KEYED_PROVIDER_DETECTORS } from './keyed-providers.js';
import { PROVIDER_ID_DETECTORS } from './provider-ids.js';
import type { FormatDetector } from './token.js';
import { urlCredentials } from './url-credentials.js';
import { connectionStringPassword } from './connection-strings.js';
import {
  atlassianApiToken,
  contentfulToken,
  dropboxAccessToken,
  figmaToken,
  frameioToken,
  hubspotPrivateAppToken,
  linearApiKey,
  mapboxSecretToken,
  notionToken,
  oktaApiToken,
} from './workspace.js';
import { maxmindLicenseKey, rapidapiKey, readmeApiKey, squarespaceApiKey, typeformToken } from './web-apis.js';
import { yandexApiKey, yandexIamToken, yandexOAuthToken } from './yandex.js';

/** Provider formats: each names exactly what to revoke. */
export const PROVIDER_DETECTORS: readonly FormatDetector[] = [
  // cloud
  awsAccessKeyId,
  awsSecretAccessKey,
  awsSessionToken,
  googleApiKey,
  googleOAuthClientSecret,
  gcpServiceAccountKey,
  azureStorageKey,
  azureSasToken,
  alibabaAccessKeyId,
  tencentSecretId,
  digitaloceanToken,
  herokuApiKey,
  flyioToken,
  netlifyToken,
  vercelToken,
  cloudflareApiToken,
  cloudflareGlobalApiKey,
  yandexApiKey,
  yandexIamToken,
  yandexOAuthToken,
  openshiftUserToken,
  scalingoApiToken,
  softlayerApiKey,
  // source hosting and packages
  githubToken,
  gitlabToken,
  gitlabCiJobToken,
  gitlabRunnerRegistrationToken,
  bitbucketAppPassword,
  npmToken,
  pypiToken,
  rubygemsApiKey,
  nugetApiKey,
  dockerHubToken,
  artifactoryToken,
  packagistToken,
  nugetConfigPassword,
  // AI
  openaiApiKey,
  anthropicApiKey,
  anthropicAdminKey,
  huggingfaceToken,
  openaiEphemeralKey,
  perplexityApiKey,
  replicateApiToken,
  privateaiApiKey,
  // payments
  stripeLiveKey,
  stripeTestKey,
  stripeWebhookSecret,
  squareAccessToken,
  squareOAuthSecret,
  braintreeAccessToken,
  plaidAccessToken,
  shopifyAccessToken,
  shopifySharedSecret,
  plaidSecret,
  shippoLiveToken,
  shippoTestToken,
  // messaging
  slackToken,
  slackAppToken,
  slackWebhook,
  twilioApiKey,
  twilioAuthToken,
  sendgridApiKey,
  mailgunApiKey,
  mailchimpApiKey,
  brevoApiKey,
  telegramBotToken,
  discordBotToken,
  discordWebhook,
  teamsWebhook,
  mattermostToken,
  messagebirdApiKey,
  sendbirdApiToken,
  zendeskApiToken,
  // observability
  datadogApiKey,
  datadogAppKey,
  newrelicUserKey,
  newrelicLicenseKey,
  newrelicInsightsKey,
  newrelicAdminKey,
  newrelicBrowserKey,
  sentryDsnSecret,
  sentryOrgToken,
  sentryUserToken,
  grafanaCloudToken,
  grafanaServiceAccountToken,
  grafanaApiKey,
  dynatraceToken,
  sumologicAccessKey,
  sumologicHttpSource,
  // secret managers and infrastructure tools
  vaultToken,
  dopplerToken,
  onepasswordServiceAccountToken,
  ageSecretKey,
  terraformCloudToken,
  pulumiAccessToken,
  databricksToken,
  sonarqubeToken,
  tailscaleKey,
  postmanApiKey,
  snykToken,
  sourcegraphToken,
  octopusDeployApiKey,
  travisCiToken,
  prefectApiKey,
  settlemintToken,
  sidekiqCredentials,
  planetscaleToken,
  mongodbAtlasApiKey,
  // workspace SaaS
  atlassianApiToken,
  linearApiKey,
  notionToken,
  figmaToken,
  frameioToken,
  contentfulToken,
  hubspotPrivateAppToken,
  mapboxSecretToken,
  dropboxAccessToken,
  oktaApiToken,
  typeformToken,
  readmeApiKey,
  rapidapiKey,
  maxmindLicenseKey,
  squarespaceApiKey,
  // social and media
  twitterCredential,
  twitchToken,
  nytimesApiKey,
  ...PROVIDER_DETECTORS_A_L,
  ...MORE_PROVIDER_DETECTORS,
  ...KEYED_PROVIDER_DETECTORS,
  ...PROVIDER_ID_DETECTORS,
];

/** Generic shapes: reported when no provider format claims the same secret. */
export const GENERIC_DETECTORS: readonly FormatDetector[] = [
  jwt,
  jwtBase64,
  urlCredentials,
  connectionStringPassword,
  curlUserPassword,
  httpAuthHeader,
  httpKeyHeader,
  commandLinePassword,
];

export const FORMAT_DETECTORS: readonly FormatDetector[] = [...PROVIDER_DETECTORS, ...GENERIC_DETECTORS];
