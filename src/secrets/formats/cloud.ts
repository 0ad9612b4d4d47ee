// Other cloud providers' API credentials: Alibaba Cloud, Tencent Cloud, DigitalOcean.
import { keyedToken } from './keyed.js';
import { prefixedToken } from './token.js';

// Reference: Alibaba Cloud docs, "Create an AccessKey pair" (AccessKey IDs start with LTAI; the
// secret is shown next to the ID when the pair is created).
export const alibabaAccessKeyId = prefixedToken({
  kind: 'alibaba-access-key-id',
  title: 'Alibaba Cloud AccessKey ID',
  keywords: ['LTAI'],
  pattern: /LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/y,
  confirm: (s) => /[0-9]/.test(s.slice(4)) && /[A-Za-z]/.test(s.slice(4)),
  summary: 'LTAI followed by 12–20 letters and digits, mixing digits and letters. Ignores words that merely start with LTAI.',
});

// Reference: Tencent Cloud docs, "API Key Management" and "Signature v3" (SecretId values start
// with AKID and are 36 characters long).
export const tencentSecretId = prefixedToken({
  kind: 'tencent-secret-id',
  title: 'Tencent Cloud SecretId',
  keywords: ['AKID'],
  pattern: /AKID[A-Za-z0-9]{32}(?![A-Za-z0-9])/y,
  confirm: (s) => /[0-9]/.test(s.slice(4)) && /[a-z]/.test(s.slice(4)),
  summary: 'AKID followed by 32 letters and digits. Ignores shorter runs and single-case words.',
});

// Reference: DigitalOcean docs, "How to Create a Personal Access Token" and the DigitalOcean blog
// post introducing token prefixes (dop_v1_ personal, doo_v1_ OAuth, dor_v1_ OAuth refresh tokens,
// then 64 hex characters).
export const digitaloceanToken = prefixedToken({
  kind: 'digitalocean-token',
  title: 'DigitalOcean token',
  keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
  pattern: /do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/y,
  summary: 'dop_v1_, doo_v1_ or dor_v1_ followed by 64 lower-case hex characters. Ignores other lengths and upper-case hex.',
});

// Reference: Alibaba Cloud docs, "Create an AccessKey pair" (the AccessKey secret: 30 letters and
// digits, shown once next to its LTAI… ID; read from ALIBABA_CLOUD_ACCESS_KEY_SECRET).
export const alibabaAccessKeySecret = keyedToken({
  kind: 'alibaba-access-key-secret',
  title: 'Alibaba Cloud AccessKey secret',
  providers: ['alibaba', 'aliyun', 'alicloud'],
  value: '[A-Za-z0-9]{30}',
  summary: '30 letters and digits (mixed) assigned to ALIBABA_CLOUD_ACCESS_KEY_SECRET / an aliyun…secret/token/key name.',
});
