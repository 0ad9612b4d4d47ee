// Microsoft Azure credentials beyond Storage: Entra ID (Azure AD) client secrets, Azure DevOps
// personal access tokens, Container Registry passwords, App Configuration connection strings and
// Azure AI services keys. Microsoft's newer secrets carry a fixed signature at a fixed offset
// (Q~ in client secrets, AZDO/ACOG/+ACR in 84- and 52-character keys); older ones only count next
// to a name that says what they are.
import { keyedToken } from './keyed.js';
import { prefixedToken } from './token.js';

const mixesClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

// Reference: Microsoft Entra docs, "Add credentials — Add a client secret" (secret values are shown
// once) and Microsoft's announcement of identifiable client secrets (2022: 40 characters, a 3-
// character identifier, a digit, "Q~", then 34 characters of [A-Za-z0-9_~.-]). Legacy secrets (32-44
// characters, no marker) count when assigned to AZURE_CLIENT_SECRET / ARM_CLIENT_SECRET.
export const azureAdClientSecret = keyedToken({
  kind: 'azure-ad-client-secret',
  title: 'Microsoft Entra ID (Azure AD) client secret',
  keywords: ['0Q~', '1Q~', '2Q~', '3Q~', '4Q~', '5Q~', '6Q~', '7Q~', '8Q~', '9Q~'],
  patterns: [/[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{34}(?![A-Za-z0-9_~.-])/y],
  lookback: { chars: /[A-Za-z0-9_~.]/, max: 3 },
  notAfter: /[A-Za-z0-9~.]/,
  providers: ['azure_client_secret', 'arm_client_secret', 'azure_ad_client_secret'],
  value: '[A-Za-z0-9_~.@:?=+/\\[\\]-]{32,44}',
  confirm: (s) => s.includes('Q~') || mixesClasses(s),
  summary:
    'Identifiable client secrets (3 characters, a digit, Q~, 34 characters), and 32–44 character legacy secrets assigned to AZURE_CLIENT_SECRET / ARM_CLIENT_SECRET. Ignores client and tenant IDs (UUIDs).',
});

// Reference: Azure DevOps docs, "Use personal access tokens" and the 2024 announcement of the new
// PAT format (84 characters with the "AZDO" signature at positions 76–79). Older PATs are 52
// lower-case base32 characters and count only under an Azure DevOps name.
export const azureDevopsPat = keyedToken({
  kind: 'azure-devops-pat',
  title: 'Azure DevOps personal access token',
  keywords: ['AZDO'],
  patterns: [/[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])/y],
  lookback: { chars: /[A-Za-z0-9]/, max: 76 },
  notAfter: /[A-Za-z0-9]/,
  providers: ['azure_devops', 'azuredevops', 'azdo', 'ado_pat', 'system_accesstoken', 'vsts'],
  value: '[a-z2-7]{52}',
  summary:
    '84-character PATs with the AZDO signature at position 76, and 52-character base32 PATs assigned to AZURE_DEVOPS_PAT / AZDO_… / SYSTEM_ACCESSTOKEN. Ignores 52-character values under other names.',
});

// Reference: Azure Container Registry docs, "Authenticate with an Azure container registry"
// (admin account passwords and repository-scoped token passwords, used with docker login
// <name>.azurecr.io) and Microsoft's identifiable-secret format for them (52 characters with
// "+ACR" followed by 6 characters at the end).
export const azureContainerRegistryPassword = prefixedToken({
  kind: 'azure-container-registry-password',
  title: 'Azure Container Registry password',
  keywords: ['+ACR'],
  pattern: /[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}(?![A-Za-z0-9+/=])/y,
  lookback: { chars: /[A-Za-z0-9+/]/, max: 42 },
  notAfter: /[A-Za-z0-9+/=]/,
  confirm: (s) => mixesClasses(s.slice(0, 42)),
  summary:
    'Admin and token passwords of the identifiable format: 42 base64 characters, +ACR and 6 characters. Ignores longer base64 runs that merely contain +ACR.',
});

// Reference: Azure App Configuration docs, "Access keys" / "Connect to an App Configuration store"
// (connection strings Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<base64 secret>).
export const azureAppConfigConnectionString = prefixedToken({
  kind: 'azure-app-configuration-connection-string',
  title: 'Azure App Configuration connection string',
  keywords: ['.azconfig.io;Id='],
  pattern: /\.azconfig\.io;Id=[A-Za-z0-9+/:=-]{4,64};Secret=(?<secret>[A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9+/=])/y,
  notAfter: /(?!)/,
  summary:
    'The Secret= of an Endpoint=https://….azconfig.io;Id=…;Secret=… connection string. Ignores connection strings whose secret is a placeholder.',
});

// Reference: Azure AI services docs, "Authenticate requests to Azure AI services" (keys sent as
// Ocp-Apim-Subscription-Key or api-key; classic keys are 32 hex characters, the identifiable
// format has 84 characters with the "ACOG" signature at positions 76–79) and Azure OpenAI docs
// (AZURE_OPENAI_API_KEY).
export const azureAiServicesKey = keyedToken({
  kind: 'azure-ai-services-key',
  title: 'Azure AI services (Cognitive Services / Azure OpenAI) key',
  keywords: ['ACOG'],
  patterns: [/[A-Za-z0-9]{76}ACOG[A-Za-z0-9]{4}(?![A-Za-z0-9])/y],
  lookback: { chars: /[A-Za-z0-9]/, max: 76 },
  notAfter: /[A-Za-z0-9]/,
  providers: [
    'Ocp-Apim-Subscription-Key',
    'azure_openai',
    'azureopenai',
    'azure_ai',
    'azure_cognitive',
    'cognitive_service',
    'azure_speech',
    'azure_translator',
    'azure_search',
  ],
  value: '[a-f0-9]{32}',
  summary:
    '84-character keys with the ACOG signature, and 32-hex keys sent as Ocp-Apim-Subscription-Key or assigned to AZURE_OPENAI_API_KEY / AZURE_AI_…KEY / COGNITIVE_SERVICE_KEY. Ignores 32-hex values under other names (hashes, IDs).',
});

// Reference: Azure Data Factory docs, "Create and configure a self-hosted integration runtime"
// (authentication keys IR@<runtime id>@<factory>@ServiceEndpoint=<host>@<base64 key>; whoever has
// one can register a node that runs the factory's pipelines).
export const azureDataFactoryShirKey = prefixedToken({
  kind: 'azure-data-factory-integration-runtime-key',
  title: 'Azure Data Factory self-hosted integration runtime key',
  keywords: ['IR@'],
  pattern:
    /IR@[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}@[^@\s"']{1,100}@[^@\s"']{1,200}@[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/y,
  summary: 'IR@<runtime UUID>@<factory>@<endpoint>@<44-character base64 key>.',
});
