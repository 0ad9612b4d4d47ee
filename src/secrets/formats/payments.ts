// Payment and commerce APIs: Stripe, Square, Braintree, Plaid, Shopify, Shippo. These keys move money
// or read customers' financial data.
import { createHash } from 'node:crypto';
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken } from './token.js';

/**
 * SHA-256 of the test-mode secret keys Stripe prints in its API reference and quickstarts: they
 * belong to Stripe's own demo account and appear in countless tutorials and SDK examples. Kept as
 * hashes so the repository holds no key-shaped text.
 */
const STRIPE_DOC_KEYS = new Set([
  '2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326',
  'f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397',
]);
const isStripeDocKey = (key: string): boolean => STRIPE_DOC_KEYS.has(createHash('sha256').update(key).digest('hex'));

// Reference: Stripe docs, "API keys" (secret keys sk_live_…/sk_test_…, restricted keys
// rk_live_…/rk_test_…). Live keys move real money; test keys are reported as their own kind.
export const stripeLiveKey = prefixedToken({
  kind: 'stripe-secret-key',
  title: 'Stripe live secret key',
  keywords: ['sk_live_', 'rk_live_', 'sk_prod_', 'rk_prod_'],
  pattern: /[rs]k_(?:live|prod)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/y,
  confirm: (key) => mixed(key.slice(8)),
  summary:
    'Live secret (sk_live_) and restricted (rk_live_) keys (10+ characters, also the sk_prod_/rk_prod_ spelling some tools use). Ignores publishable keys (pk_live_), which are public by design.',
});

// Reference: Stripe docs, "API keys — Test mode and live mode keys" (sk_test_/rk_test_ reach test data only).
export const stripeTestKey = prefixedToken({
  kind: 'stripe-test-key',
  title: 'Stripe test secret key',
  severity: 'warning',
  keywords: ['sk_test_', 'rk_test_'],
  pattern: /[rs]k_test_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/y,
  confirm: (key) => mixed(key.slice(8)) && !isStripeDocKey(key),
  summary:
    'Test-mode secret and restricted keys. A warning: they reach test data only and move no money. Ignores the demo keys printed in Stripe’s API reference.',
});

// Reference: Stripe docs, "Check the webhook signatures" (endpoint signing secrets start with
// whsec_; with one, anyone can forge events your endpoint will trust).
export const stripeWebhookSecret = prefixedToken({
  kind: 'stripe-webhook-secret',
  title: 'Stripe webhook signing secret',
  keywords: ['whsec_'],
  pattern: /whsec_[A-Za-z0-9+/]{32,64}={0,2}(?![A-Za-z0-9+/=])/y,
  summary: 'whsec_ followed by 32–64 base64 characters. Ignores shorter strings.',
});

// Reference: Square Developer docs, "Access tokens and other Square credentials" (production
// access tokens start with EAAA, 64 characters; legacy personal access tokens with sq0atp-; OAuth
// application secrets with sq0csp-).
export const squareAccessToken = prefixedToken({
  kind: 'square-access-token',
  title: 'Square access token',
  keywords: ['EAAA', 'sq0atp-'],
  pattern: /(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_+/=-])/y,
  // Zero bytes encode to runs of A, so EAAA is common inside base64 blobs: the token must not
  // continue one ("+", "/" around it).
  confirm: (s, { text, start }) => /[0-9]/.test(s) && /[a-z]/.test(s) && !/[+/]/.test(text[start - 1] ?? ''),
  summary: 'EAAA + 60 characters (access tokens) and sq0atp- + 22 (legacy). Ignores other lengths and base64 runs of A (EAAAAAAA…).',
});

// Reference: Square Developer docs, "OAuth API — Application secret" (sq0csp- + 43).
export const squareOAuthSecret = prefixedToken({
  kind: 'square-oauth-secret',
  title: 'Square OAuth application secret',
  keywords: ['sq0csp-'],
  pattern: /sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y,
  summary: 'sq0csp- followed by 43 URL-safe characters.',
});

// Reference: Braintree developer docs, "Access tokens" for PayPal-linked Braintree accounts
// (access_token$production$<merchant id>$<32 hex>).
export const braintreeAccessToken = prefixedToken({
  kind: 'braintree-access-token',
  title: 'Braintree production access token',
  keywords: ['access_token$production$'],
  pattern: /access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}(?![A-Za-z0-9])/y,
  summary: 'access_token$production$<16>$<32 hex>. Ignores sandbox tokens, which reach no real money.',
});

// Reference: Plaid docs, "API — Tokens" (access tokens look like access-<environment>-<UUID>).
export const plaidAccessToken = prefixedToken({
  kind: 'plaid-access-token',
  title: 'Plaid access token',
  keywords: ['access-production-', 'access-development-', 'access-sandbox-'],
  pattern: /access-(?:production|development|sandbox)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9-])/y,
  summary:
    'access-production-/access-development-/access-sandbox- followed by a UUID: a linked bank account (sandbox ones reach test data of the same Plaid account). Ignores other UUIDs.',
});

// Reference: Shopify docs, "About authentication and authorization — Access tokens" (shpat_ admin
// API, shpca_ custom app, shppa_ private app access tokens, shpss_ shared secrets; 32 hex).
export const shopifyAccessToken = prefixedToken({
  kind: 'shopify-access-token',
  title: 'Shopify access token',
  keywords: ['shpat_', 'shpca_', 'shppa_'],
  pattern: /shp(?:at|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/y,
  summary: 'shpat_, shpca_ or shppa_ followed by 32 hex characters.',
});

// Reference: Shopify docs, "About client secrets" (shpss_ shared secrets sign webhooks and OAuth requests).
export const shopifySharedSecret = prefixedToken({
  kind: 'shopify-shared-secret',
  title: 'Shopify app shared secret',
  keywords: ['shpss_'],
  pattern: /shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9])/y,
  summary: 'shpss_ followed by 32 hex characters: signs webhooks and OAuth for the app.',
});

// Reference: Shippo docs, "Authentication" (live tokens shippo_live_…, test tokens shippo_test_…,
// followed by 40 hex characters).
export const shippoLiveToken = prefixedToken({
  kind: 'shippo-live-token',
  title: 'Shippo live API token',
  keywords: ['shippo_live_'],
  pattern: /shippo_live_[a-fA-F0-9]{40}(?![A-Za-z0-9])/y,
  summary: 'shippo_live_ followed by 40 hex characters: buys real shipping labels.',
});

// Reference: Shippo docs, "Authentication — Test mode" (shippo_test_ tokens create no real labels).
export const shippoTestToken = prefixedToken({
  kind: 'shippo-test-token',
  title: 'Shippo test API token',
  severity: 'warning',
  keywords: ['shippo_test_'],
  pattern: /shippo_test_[a-fA-F0-9]{40}(?![A-Za-z0-9])/y,
  summary: 'shippo_test_ followed by 40 hex characters. A warning: test mode buys nothing.',
});

// Reference: Plaid docs, "API — Keys" (each environment has a secret of 30 hex characters, sent
// with the client ID; no prefix, so it counts only under a PLAID_…SECRET name).
export const plaidSecret = keyedToken({
  kind: 'plaid-secret',
  title: 'Plaid API secret',
  providers: ['plaid'],
  value: '[A-Za-z0-9]{30}',
  summary:
    '30 letters and digits (hex in practice) assigned to PLAID_SECRET / PLAID_<ENV>_SECRET / a plaid…token/key name. Ignores client IDs (24 hex).',
});
