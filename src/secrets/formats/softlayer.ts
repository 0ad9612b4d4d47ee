// IBM Cloud classic infrastructure (SoftLayer) API keys: they order, reload and cancel servers.
import { keyedToken } from './keyed.js';

// Reference: IBM Cloud docs, "Managing classic infrastructure API keys" (a user's classic API key
// is 64 hex characters, used with the user name as SL_USERNAME / SL_API_KEY by the slcli and the
// SoftLayer SDKs; no prefix, so it counts only under a SOFTLAYER_ key or SL_API_KEY).
export const softlayerApiKey = keyedToken({
  kind: 'softlayer-api-key',
  title: 'IBM SoftLayer (classic infrastructure) API key',
  providers: ['softlayer', 'sl_api'],
  keywords: ['SoftLayer'],
  keys: ['key', 'token', 'secret'],
  value: '[a-f0-9]{64}',
  summary: '64 hex characters assigned to SL_API_KEY / SOFTLAYER_API_KEY / softlayer…Key. Ignores 64-hex digests under other names.',
});
