// AI platform API keys: OpenAI, Anthropic, Hugging Face, Cohere and others, Perplexity, Replicate, Private AI. They bill to the owner's account.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken } from './token.js';

/** Base64 of "OpenAI": OpenAI embeds it in the middle of the keys it issues. */
const OPENAI_MARKER = 'T3BlbkFJ';

// Reference: OpenAI Platform docs, "API keys" and "Project API keys" (keys start with sk-;
// project keys with sk-proj-, service-account keys with sk-svcacct- or sk-service-, admin keys
// with sk-admin-).
export const openaiApiKey = prefixedToken({
  kind: 'openai-api-key',
  title: 'OpenAI API key',
  keywords: ['sk-proj-', 'sk-svcacct-', 'sk-service-', 'sk-admin-', 'sk-None-', OPENAI_MARKER],
  pattern: [
    /sk-(?:proj|svcacct|service|admin|None)-[A-Za-z0-9_-]{40,300}(?![A-Za-z0-9_-])/y,
    // Legacy user keys: sk- + 20 + marker + 20, found from the marker.
    /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9])/y,
  ],
  // From the marker, walk back over the 20 characters and "sk-" of a legacy key.
  lookback: { chars: /[A-Za-z0-9-]/, max: 23 },
  summary:
    'sk-proj-, sk-svcacct-, sk-service-, sk-admin- keys (40+ characters after the prefix) and legacy sk- keys with the T3BlbkFJ marker. Ignores other sk- strings (Stripe keys have their own rules).',
});

// Reference: Anthropic docs, "API keys" in the Console and "Admin API" (API keys start with
// sk-ant-api03-, Admin API keys with sk-ant-admin01-).
export const anthropicApiKey = prefixedToken({
  kind: 'anthropic-api-key',
  title: 'Anthropic API key',
  keywords: ['sk-ant-api'],
  pattern: /sk-ant-api\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/y,
  summary: 'sk-ant-api03- followed by 80–120 URL-safe characters. Ignores truncated keys shown in dashboards.',
});

// Reference: Anthropic docs, "Admin API" (Admin API keys, sk-ant-admin01-, manage the organisation).
export const anthropicAdminKey = prefixedToken({
  kind: 'anthropic-admin-key',
  title: 'Anthropic Admin API key',
  keywords: ['sk-ant-admin'],
  pattern: /sk-ant-admin\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/y,
  summary: 'sk-ant-admin01- followed by 80–120 URL-safe characters: organisation-wide admin access.',
});

// Reference: Hugging Face docs, "User access tokens" (tokens start with hf_).
export const huggingfaceToken = prefixedToken({
  kind: 'huggingface-token',
  title: 'Hugging Face access token',
  keywords: ['hf_'],
  pattern: /hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9_])/y,
  confirm: (s) => /[a-z]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)),
  summary: 'hf_ followed by 34–40 mixed-case letters (and digits). Ignores identifiers like hf_hub_download and single-case runs.',
});

// Reference: OpenAI API reference, "Realtime — Client secrets" (POST /v1/realtime/client_secrets
// returns an ephemeral key ek_… for browsers; it expires after at most two hours).
export const openaiEphemeralKey = prefixedToken({
  kind: 'openai-ephemeral-key',
  title: 'OpenAI Realtime ephemeral key',
  severity: 'warning',
  keywords: ['ek_'],
  pattern: /ek_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_-])/y,
  confirm: (s) => mixed(s.slice(3)),
  summary:
    'ek_ followed by 32–64 letters and digits. A warning: Realtime client secrets expire within minutes to two hours. Ignores identifiers ending in ek_ (week_, peek_).',
});

// Reference: Perplexity docs, "API key management" (keys start with pplx- followed by 48 characters).
export const perplexityApiKey = prefixedToken({
  kind: 'perplexity-api-key',
  title: 'Perplexity API key',
  keywords: ['pplx-'],
  pattern: /pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/y,
  confirm: (s) => mixed(s.slice(5)),
  summary: 'pplx- followed by 48 letters and digits. Ignores other lengths.',
});

// Reference: Replicate docs, "Authentication — API tokens" (tokens start with r8_, 40 characters in all).
export const replicateApiToken = prefixedToken({
  kind: 'replicate-api-token',
  title: 'Replicate API token',
  keywords: ['r8_'],
  pattern: /r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])/y,
  confirm: (s) => /[0-9]/.test(s.slice(3)) && /[a-z]/.test(s) && /[A-Z]/.test(s),
  summary: 'r8_ followed by 37 mixed-case letters and digits. Ignores identifiers such as r8_value.',
});

// Reference: Private AI docs, "Authentication" (the API key, 32 characters, is sent as x-api-key;
// it has no prefix, so it counts only under a PRIVATEAI / PRIVATE_AI key name).
export const privateaiApiKey = keyedToken({
  kind: 'privateai-api-key',
  title: 'Private AI API key',
  providers: ['privateai', 'private_ai'],
  keywords: ['PrivateAI', 'private-ai'],
  keys: ['key', 'token', 'secret'],
  value: '[A-Za-z0-9]{32}',
  summary: '32 letters and digits assigned to a PRIVATEAI_/PRIVATE_AI_…KEY name. Ignores the same shape under other names.',
});

// Reference: Hugging Face docs, "Organization API tokens" (legacy org tokens start with api_org_,
// then 34 letters; they act for the whole organisation).
export const huggingfaceOrgToken = prefixedToken({
  kind: 'huggingface-org-token',
  title: 'Hugging Face organization API token',
  keywords: ['api_org_'],
  pattern: /api_org_[A-Za-z]{34}(?![A-Za-z0-9_])/y,
  confirm: (s) => /[a-z]/.test(s.slice(8)) && /[A-Z]/.test(s.slice(8)),
  summary: 'api_org_ followed by 34 mixed-case letters. Ignores identifiers such as api_org_settings.',
});

// Reference: Cohere docs, "API keys" (40-character trial and production keys, read from
// CO_API_KEY / COHERE_API_KEY; no prefix).
export const cohereApiKey = keyedToken({
  kind: 'cohere-api-key',
  title: 'Cohere API key',
  providers: ['cohere', 'co_api'],
  value: '[A-Za-z0-9]{40}',
  summary: '40 letters and digits assigned to COHERE_API_KEY / CO_API_KEY.',
});

// Reference: GroqCloud docs, "API keys" (keys start with gsk_, then 52 characters).
export const groqApiKey = prefixedToken({
  kind: 'groq-api-key',
  title: 'Groq API key',
  keywords: ['gsk_'],
  pattern: /gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9])/y,
  confirm: (s) => /[a-z]/.test(s.slice(4)) && /[A-Z]/.test(s.slice(4)) && /[0-9]/.test(s.slice(4)),
  summary: 'gsk_ followed by 52 mixed-case letters and digits.',
});

// Reference: LangSmith docs, "Create an account and API key" (personal access tokens lsv2_pt_ and
// service keys lsv2_sk_: 32 hex, "_", 10 hex).
export const langsmithApiKey = prefixedToken({
  kind: 'langsmith-api-key',
  title: 'LangSmith API key',
  keywords: ['lsv2_pt_', 'lsv2_sk_'],
  pattern: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}(?![A-Za-z0-9])/y,
  summary: 'lsv2_pt_/lsv2_sk_ followed by 32 hex, an underscore and 10 hex.',
});

// Reference: Anthropic docs, "Claude Code — Authentication" (claude setup-token prints a long-lived
// OAuth access token sk-ant-oat01-…; refresh tokens start with sk-ant-ort01-).
export const anthropicOauthToken = prefixedToken({
  kind: 'anthropic-oauth-token',
  title: 'Anthropic (Claude) OAuth token',
  keywords: ['sk-ant-oat', 'sk-ant-ort'],
  pattern: /sk-ant-o[ar]t\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/y,
  summary: 'sk-ant-oat01- access and sk-ant-ort01- refresh tokens (80–120 URL-safe characters): act as the Claude subscription that issued them.',
});
