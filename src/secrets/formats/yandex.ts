// Yandex Cloud and Yandex ID credentials: API keys, IAM tokens, OAuth tokens and static access keys.
import { keyedPattern, mixed, providerKeywords } from './keyed.js';
import { prefixedToken } from './token.js';

/** Characters of a base64 run that an AQVN key standing alone cannot follow ('=' only pads the end). */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

// Reference: Yandex Cloud docs, "IAM — API key" (service-account API keys start with AQVN, about
// 40 URL-safe characters) and "Static access keys" (the secret key of an S3-compatible key pair
// starts with YC, 40 characters; without a Yandex key name it looks like any base64).
export const yandexApiKey = prefixedToken({
  kind: 'yandex-api-key',
  title: 'Yandex Cloud API key or static access key secret',
  keywords: ['AQVN', ...providerKeywords(['yandex'])],
  pattern: [/AQVN[A-Za-z0-9_-]{35,38}(?![A-Za-z0-9+/=_-])/y, keyedPattern(['yandex'], ['secret', 'key', 'token'], 'YC[A-Za-z0-9_-]{38}')],
  // A key name may run into the provider name (MY_YANDEX_SECRET); a bare AQVN key may not continue base64.
  notAfter: /(?!)/,
  confirm: (s, { text, start }) =>
    /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s.slice(4)) && !(s.startsWith('AQVN') && BASE64_CHAR.test(text[start - 1] ?? '')),
  summary:
    'AQVN… API keys (39–42 characters) standing alone, and YC… static-key secrets under a YANDEX_…SECRET/KEY name. Ignores AQVN inside longer base64 blobs.',
});

// Reference: Yandex Cloud docs, "IAM token" (t1.<payload>.<signature>; valid for at most 12 hours).
export const yandexIamToken = prefixedToken({
  kind: 'yandex-iam-token',
  title: 'Yandex Cloud IAM token',
  severity: 'warning',
  keywords: ['t1.'],
  pattern: /t1\.[A-Za-z0-9_-]{4,400}={0,2}\.[A-Za-z0-9_-]{86}={0,2}(?![A-Za-z0-9_=-])/y,
  notAfter: /[A-Za-z0-9_.-]/,
  confirm: (s) => mixed(s.slice(3)),
  summary: 't1.<payload>.<86-character signature>. A warning: IAM tokens expire within 12 hours. Ignores names such as t1.micro.',
});

// Reference: Yandex ID docs, "OAuth token" (tokens issued since 2022 start with y0_).
export const yandexOAuthToken = prefixedToken({
  kind: 'yandex-oauth-token',
  title: 'Yandex OAuth token',
  keywords: ['y0_'],
  pattern: /y0_[A-Za-z0-9_-]{40,80}(?![A-Za-z0-9_-])/y,
  confirm: (s) => /[0-9]/.test(s.slice(3)) && /[a-z]/.test(s) && /[A-Z]/.test(s),
  summary: 'y0_ followed by 40–80 mixed-case URL-safe characters. Ignores identifiers such as y0_offset.',
});
