// Cloud provider credentials: AWS access key pairs and Google API keys.
import { prefixedToken } from './token.js';

/** AWS publishes these in its docs; they appear in countless READMEs and are never live keys. */
const AWS_DOC_EXAMPLE = /EXAMPLE/;

// Reference: AWS IAM User Guide, "IAM identifiers — Unique identifiers" (AKIA = long-term access
// key, ASIA = temporary STS access key; 20 upper-case characters).
export const awsAccessKeyId = prefixedToken({
  kind: 'aws-access-key-id',
  title: 'AWS access key ID',
  trigger: 'A[KS]IA',
  pattern: /A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])/y,
  confirm: (s) => !AWS_DOC_EXAMPLE.test(s),
});

// Reference: AWS IAM User Guide, "Manage access keys for IAM users" (the secret access key is
// 40 base64 characters, shown once at creation) and AWS CLI docs "Configuration and credential
// file settings" (the aws_secret_access_key setting). The value has no prefix of its own, so it
// only counts next to its keyword.
export const awsSecretAccessKey = prefixedToken({
  kind: 'aws-secret-access-key',
  title: 'AWS secret access key',
  trigger: '[sS]ecret[_-]?[aA]ccess[_-]?[kK]ey|SECRET[_-]?ACCESS[_-]?KEY',
  pattern:
    /secret[_-]?access[_-]?key["']?(?:[ \t]*(?:=>|:=|[:=])[ \t]*|[ \t]+)["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/iy,
  // awsSecretAccessKey, AWS_SECRET_ACCESS_KEY: the keyword may follow any character.
  notAfter: /(?!)/,
  // Random base64 of this length virtually always mixes all three classes; hashes and words do not.
  confirm: (s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && !AWS_DOC_EXAMPLE.test(s),
});

// Reference: Google Cloud docs, "Manage API keys" (API key strings start with "AIza" and are
// 39 characters long).
export const googleApiKey = prefixedToken({
  kind: 'google-api-key',
  title: 'Google API key',
  trigger: 'AIza',
  pattern: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y,
});
