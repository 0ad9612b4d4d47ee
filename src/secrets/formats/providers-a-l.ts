// Provider formats added for providers A–L (Azure services, developer platforms, business,
// commerce, crypto exchanges, AI): one list, spread into the registry in index.ts.
import { alibabaAccessKeySecret } from './cloud.js';
import { cohereApiKey, groqApiKey, huggingfaceOrgToken, langsmithApiKey } from './ai.js';
import {
  azureAdClientSecret,
  azureAiServicesKey,
  azureAppConfigConnectionString,
  azureContainerRegistryPassword,
  azureDevopsPat,
} from './azure-services.js';
import {
  contentfulDeliveryToken,
  etsyApiKey,
  facebookAccessToken,
  facebookAppSecret,
  fastlyApiToken,
  finnhubApiKey,
  flickrApiKey,
  freshbooksToken,
  hubspotApiKey,
  intercomToken,
  linearClientSecret,
  linkedinClientSecret,
  lookerClientSecret,
} from './business-apps.js';
import {
  chargebeeApiKey,
  duffelToken,
  easypostApiKey,
  easypostTestApiKey,
  finicityCredential,
  flutterwaveSecretKey,
  freemiusSecretKey,
  gocardlessToken,
  lobApiKey,
} from './commerce.js';
import { bittrexKey, coinbaseKey, krakenKey, kucoinKey } from './crypto-exchanges.js';
import {
  adafruitIoKey,
  adobeClientId,
  adobeClientSecret,
  airtableToken,
  algoliaAdminKey,
  asanaToken,
  authressKey,
  beamerApiKey,
  clickhouseCloudKey,
  clojarsToken,
  codecovToken,
  confluentApiSecret,
  definedNetworkingKey,
  djangoSecretKey,
  droneToken,
  gitterToken,
  harnessToken,
  infracostApiKey,
  intra42Secret,
  ionicToken,
  launchdarklyKey,
} from './dev-platforms.js';
import { bitbucketAccessToken, bitbucketClientSecret, gitlabSessionCookie } from './git-hosts.js';
import { cloudflareOriginCaKey } from './hosting.js';
import { onepasswordSecretKey } from './secrets-managers.js';
import type { FormatDetector } from './token.js';

export const PROVIDER_DETECTORS_A_L: readonly FormatDetector[] = [
  // Azure
  azureAdClientSecret,
  azureDevopsPat,
  azureContainerRegistryPassword,
  azureAppConfigConnectionString,
  azureAiServicesKey,
  // other clouds and hosting
  alibabaAccessKeySecret,
  cloudflareOriginCaKey,
  // source hosting
  bitbucketAccessToken,
  bitbucketClientSecret,
  gitlabSessionCookie,
  // AI
  huggingfaceOrgToken,
  cohereApiKey,
  groqApiKey,
  langsmithApiKey,
  // secret managers
  onepasswordSecretKey,
  // developer platforms
  adafruitIoKey,
  adobeClientSecret,
  adobeClientId,
  airtableToken,
  algoliaAdminKey,
  asanaToken,
  authressKey,
  beamerApiKey,
  clickhouseCloudKey,
  clojarsToken,
  codecovToken,
  confluentApiSecret,
  definedNetworkingKey,
  djangoSecretKey,
  droneToken,
  gitterToken,
  harnessToken,
  infracostApiKey,
  intra42Secret,
  ionicToken,
  launchdarklyKey,
  // business and social
  facebookAccessToken,
  facebookAppSecret,
  contentfulDeliveryToken,
  etsyApiKey,
  fastlyApiToken,
  finnhubApiKey,
  flickrApiKey,
  freshbooksToken,
  hubspotApiKey,
  intercomToken,
  linearClientSecret,
  linkedinClientSecret,
  lookerClientSecret,
  // commerce
  chargebeeApiKey,
  duffelToken,
  easypostApiKey,
  easypostTestApiKey,
  finicityCredential,
  flutterwaveSecretKey,
  freemiusSecretKey,
  gocardlessToken,
  lobApiKey,
  // crypto exchanges
  bittrexKey,
  coinbaseKey,
  krakenKey,
  kucoinKey,
];
