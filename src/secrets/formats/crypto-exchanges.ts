// Cryptocurrency exchange API credentials: Bittrex, Coinbase, Kraken, KuCoin. None has a prefix,
// so each counts only under a name that says the exchange; a leak can empty the account.
import { keyedToken } from './keyed.js';

// Reference: Bittrex API v3 docs, "Authentication" (32-character API key and secret).
export const bittrexKey = keyedToken({
  kind: 'bittrex-api-key',
  title: 'Bittrex API key or secret',
  providers: ['bittrex'],
  value: '[a-z0-9]{32}',
  summary: '32 lower-case letters and digits assigned to BITTREX_API_KEY / BITTREX_…SECRET.',
});

// Reference: Coinbase developer docs, "API key authentication" (API secrets, 64 URL-safe characters).
export const coinbaseKey = keyedToken({
  kind: 'coinbase-api-secret',
  title: 'Coinbase API secret',
  providers: ['coinbase'],
  value: '[A-Za-z0-9_-]{64}',
  summary: '64 URL-safe characters assigned to COINBASE_API_SECRET / coinbase…key.',
});

// Reference: Kraken API docs, "Authentication" (private keys are base64 of 64 bytes: 88 characters).
export const krakenKey = keyedToken({
  kind: 'kraken-private-key',
  title: 'Kraken API private key',
  providers: ['kraken'],
  value: '[A-Za-z0-9/+_-]{80,90}={0,2}',
  summary: '88-character base64 keys assigned to KRAKEN_PRIVATE_KEY / KRAKEN_API_SECRET.',
});

// Reference: KuCoin API docs, "Creating an API" (key: 24 hex; secret: a UUID; plus a passphrase).
export const kucoinKey = keyedToken({
  kind: 'kucoin-api-secret',
  title: 'KuCoin API key or secret',
  providers: ['kucoin'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-f0-9]{24}',
  summary: 'UUID secrets and 24-hex keys assigned to KUCOIN_API_SECRET / KUCOIN_API_KEY.',
});
