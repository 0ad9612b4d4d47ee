// Provider formats added from the issue 15 gap list: Adyen, CAST AI, Chief Tools.
import { keyedToken, mixed } from './keyed.js';
import { prefixedToken, type FormatDetector } from './token.js';

// Reference: Adyen docs, "API credentials — API key" (keys generated in the Customer Area start
// with AQE and hold dot-separated base64url parts; sent as X-API-Key).
export const adyenApiKey = prefixedToken({
  kind: 'adyen-api-key',
  title: 'Adyen API key',
  keywords: ['AQE'],
  pattern: /AQE[A-Za-z0-9]{5,40}\.[A-Za-z0-9_=-]{50,80}(?:\.[A-Za-z0-9_=-]{4,80})*(?![A-Za-z0-9_=.-])/y,
  confirm: mixed,
  summary: 'AQE, 5–40 letters and digits, then dot-separated base64url parts (50–80 characters in the first). Ignores AQE inside longer words.',
});

// Reference: Adyen docs, "Client key" (test_/live_ + 32 characters; used by the browser, so it is
// public by design once allowed origins are set: a warning).
export const adyenClientKey = keyedToken({
  kind: 'adyen-client-key',
  title: 'Adyen client key',
  severity: 'warning',
  providers: ['adyen'],
  value: '(?:test|live)_[A-Za-z0-9]{30,40}',
  summary:
    'test_/live_ keys of 30–40 characters assigned to an ADYEN_…KEY name. A warning: client keys are meant for the browser and limited to allowed origins.',
});

// Reference: CAST AI docs, "API access keys" (castai_v1_ + 64 characters + _ + 8-character checksum part).
export const castaiApiKey = prefixedToken({
  kind: 'castai-api-key',
  title: 'CAST AI API key',
  keywords: ['castai_v1_'],
  pattern: /castai_v1_[A-Za-z0-9]{64}_[A-Za-z0-9]{8}(?![A-Za-z0-9])/y,
  summary: 'castai_v1_, 64 letters and digits, _ and 8 more.',
});

// Reference: Chief Tools docs, "Tokens" (personal access ctp_, OAuth access cto_ and refresh ctr_
// tokens, followed by 30 or more letters and digits).
export const chieftoolsToken = prefixedToken({
  kind: 'chieftools-token',
  title: 'Chief Tools token',
  keywords: ['ctp_', 'cto_', 'ctr_'],
  pattern: /ct[por]_[A-Za-z0-9]{30,248}(?![A-Za-z0-9])/y,
  confirm: mixed,
  summary: 'ctp_ (personal access), cto_ (access) and ctr_ (refresh) followed by 30–248 letters and digits.',
});

export const MORE_PROVIDER_DETECTORS: readonly FormatDetector[] = [adyenApiKey, adyenClientKey, castaiApiKey, chieftoolsToken];
