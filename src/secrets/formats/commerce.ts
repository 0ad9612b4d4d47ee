// Commerce, billing, shipping and banking APIs, A–L: Chargebee, Duffel, EasyPost, Finicity,
// Flutterwave, Freemius, GoCardless, Lob. Their keys move money or read customers' data.
import { keyedToken } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

// Reference: Chargebee API docs, "Authentication" (API keys live_…/test_…, used as the Basic
// auth user).
export const chargebeeApiKey = keyedToken({
  kind: 'chargebee-api-key',
  title: 'Chargebee API key',
  providers: ['chargebee'],
  value: '(?:live|test)_[A-Za-z0-9]{20,40}',
  summary: 'live_/test_ keys assigned to a CHARGEBEE_…KEY name.',
});

// Reference: Duffel docs, "Authentication — Access tokens" (duffel_test_/duffel_live_ + 43).
export const duffelToken = prefixedToken({
  kind: 'duffel-access-token',
  title: 'Duffel access token',
  keywords: ['duffel_test_', 'duffel_live_'],
  pattern: /duffel_(?:test|live)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])/y,
  summary: 'duffel_live_ and duffel_test_ followed by 43 characters.',
});

// Reference: EasyPost docs, "Authentication" (production keys start with EZAK, test keys with
// EZTK; 54 characters follow).
export const easypostApiKey = prefixedToken({
  kind: 'easypost-api-key',
  title: 'EasyPost production API key',
  keywords: ['EZAK'],
  pattern: /EZAK[A-Za-z0-9]{54}(?![A-Za-z0-9])/y,
  summary: 'EZAK followed by 54 letters and digits.',
});

// Reference: as above (test keys reach EasyPost's test environment only).
export const easypostTestApiKey = prefixedToken({
  kind: 'easypost-test-api-key',
  title: 'EasyPost test API key',
  severity: 'warning',
  keywords: ['EZTK'],
  pattern: /EZTK[A-Za-z0-9]{54}(?![A-Za-z0-9])/y,
  summary: 'EZTK followed by 54 letters and digits. A warning: test keys buy no postage.',
});

// Reference: Finicity (Mastercard Open Banking) docs, "Authentication" (Finicity-App-Key: 32 hex;
// partner secret: 20 characters).
export const finicityCredential = keyedToken({
  kind: 'finicity-credential',
  title: 'Finicity app key or partner secret',
  providers: ['finicity'],
  value: '[a-f0-9]{32}|[A-Za-z0-9]{20}',
  summary: '32-hex app keys and 20-character partner secrets assigned to FINICITY_APP_KEY / FINICITY_…SECRET or sent as Finicity-App-Key.',
});

// Reference: Flutterwave docs, "API keys" (secret keys FLWSECK-<32>-X, test keys FLWSECK_TEST-<32>-X;
// encryption keys FLWSECK<12> / FLWSECK_TEST<12>; public keys FLWPUBK… are public by design).
export const flutterwaveSecretKey = prefixedToken({
  kind: 'flutterwave-secret-key',
  title: 'Flutterwave secret or encryption key',
  keywords: ['FLWSECK'],
  pattern: /FLWSECK(?:_TEST)?(?:-[a-z0-9]{32}-X|-?[a-z0-9]{12})(?![A-Za-z0-9-])/y,
  confirm: (s) => /[0-9]/.test(s.slice(7)) && /[a-z]/.test(s.slice(7)),
  summary: 'FLWSECK-/FLWSECK_TEST- secret keys (32 characters, -X) and FLWSECK… encryption keys (12 characters). Ignores public keys (FLWPUBK).',
});

// Reference: Freemius docs, "SDK integration" (the plugin's secret key sk_ + 29 characters, written
// into fs_dynamic_init as 'secret_key').
export const freemiusSecretKey = prefixedToken({
  kind: 'freemius-secret-key',
  title: 'Freemius secret key',
  keywords: ['secret_key'],
  pattern: assigned('secret_key', 'sk_[A-Za-z0-9!#$%&()*+,./:;<>?@\\[\\]^_{|}~-]{29}'),
  notAfter: /[A-Za-z0-9]/,
  summary: "sk_ followed by 29 characters assigned to 'secret_key' (the Freemius SDK init array).",
});

// Reference: GoCardless docs, "API — Authentication" (access tokens live_… / sandbox_…, 40+).
export const gocardlessToken = keyedToken({
  kind: 'gocardless-access-token',
  title: 'GoCardless access token',
  providers: ['gocardless'],
  value: '(?:live|sandbox)_[A-Za-z0-9_=-]{40}',
  summary: 'live_/sandbox_ access tokens assigned to GOCARDLESS_ACCESS_TOKEN / gocardless…token.',
});

// Reference: Lob docs, "Authentication" (secret API keys live_/test_ + 35 hex; publishable keys
// live_pub_/test_pub_ are meant for browsers and ignored).
export const lobApiKey = keyedToken({
  kind: 'lob-api-key',
  title: 'Lob secret API key',
  // LOB_API_KEY, lobToken…: "lob" inside "global" and "blob" is rejected as glued to a word.
  providers: ['lob'],
  value: '(?:live|test)_[a-f0-9]{35}',
  summary: 'live_/test_ + 35 hex assigned to LOB_API_KEY. Ignores publishable keys (live_pub_…).',
});
