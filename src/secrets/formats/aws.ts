// Amazon Web Services credentials: access key IDs, secret access keys and STS session tokens.
import { ASSIGNMENT, assigned, prefixedToken } from './token.js';

/** AWS publishes these in its docs; they appear in countless READMEs and are never live keys. */
const AWS_DOC_EXAMPLE = /EXAMPLE/;

/** Random base64 of this length virtually always mixes all three classes; hashes and words do not. */
const mixesClasses = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

// Reference: AWS IAM User Guide, "IAM identifiers — Unique identifiers" (AKIA = long-term access
// key, ASIA = temporary STS access key; 20 upper-case characters).
export const awsAccessKeyId = prefixedToken({
  kind: 'aws-access-key-id',
  title: 'AWS access key ID',
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  pattern: /(?:A[KS]IA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/y,
  allow: [AWS_DOC_EXAMPLE],
  summary:
    'AKIA (long-term), ASIA (temporary), ABIA (STS service bearer), ACCA (context-specific) and older A3T… key IDs followed by 16 upper-case letters or digits. Ignores the documentation keys AWS publishes (ending in EXAMPLE) and lower-case look-alikes.',
});

// Reference: AWS IAM User Guide, "Manage access keys for IAM users" (the secret access key is
// 40 base64 characters, shown once at creation) and AWS CLI docs "Configuration and credential
// file settings" (the aws_secret_access_key setting). The value has no prefix of its own, so it
// only counts next to its keyword.
export const awsSecretAccessKey = prefixedToken({
  kind: 'aws-secret-access-key',
  title: 'AWS secret access key',
  trigger: '[sS]ecret[_-]?[aA]ccess[_-]?[kK]ey|SECRET[_-]?ACCESS[_-]?KEY|[aA]ws[_-]?[sS]ecret|AWS[_-]?SECRET',
  pattern: new RegExp(
    `(?:secret[_-]?access[_-]?key|aws[_-]?secret(?:[_-]?access)?(?:[_-]?key)?)${ASSIGNMENT}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    'iy',
  ),
  // awsSecretAccessKey, AWS_SECRET_ACCESS_KEY: the keyword may follow any character.
  notAfter: /(?!)/,
  confirm: mixesClasses,
  allow: [AWS_DOC_EXAMPLE],
  summary:
    '40 base64 characters assigned to a secret_access_key / SecretAccessKey / AWS_SECRET_KEY / aws_secret name. Ignores hex hashes, the documentation key, and 40-character values with no such name.',
});

/**
 * STS session tokens are long base64 blobs whose first bytes are fixed: "FwoGZXIvYXdz" (older
 * tokens) and "IQoJb3JpZ2luX2Vj" (tokens carrying region origin data) open most of those seen.
 */
const SESSION_TOKEN_SHAPE = /(?<secret>(?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj)[A-Za-z0-9/+=]{100,4000})(?![A-Za-z0-9/+=])/y;
const SESSION_TOKEN_NAMES = 'aws_session_token|AWS_SESSION_TOKEN|aws_security_token|AWS_SECURITY_TOKEN|SessionToken|sessionToken';

// Reference: AWS CLI docs, "Configuration and credential file settings" (aws_session_token) and
// AWS STS API Reference, "Credentials" (SessionToken returned by AssumeRole and GetSessionToken).
// Temporary, but valid for up to 36 hours and as powerful as the role that issued it.
export const awsSessionToken = prefixedToken({
  kind: 'aws-session-token',
  title: 'AWS session token',
  keywords: [
    'aws_session_token',
    'AWS_SESSION_TOKEN',
    'aws_security_token',
    'AWS_SECURITY_TOKEN',
    'SessionToken',
    'sessionToken',
    'FwoGZXIvYXdz',
    'IQoJb3JpZ2luX2Vj',
  ],
  pattern: [SESSION_TOKEN_SHAPE, assigned(SESSION_TOKEN_NAMES, '[A-Za-z0-9/+=]{100,4000}')],
  // The keyword may close a longer name (awsSessionToken); the bare shape may not continue a blob.
  notAfter: /(?!)/,
  confirm: (secret, { text, start }) => {
    const glued = start > 0 && /[A-Za-z0-9/+=]/.test(text[start - 1] ?? '');
    return mixesClasses(secret) && !(glued && text.startsWith(secret, start));
  },
  summary:
    'A 100+ character base64 session token: either opening with the fixed FwoGZXIvYXdz / IQoJb3JpZ2luX2Vj bytes, or assigned to aws_session_token / SessionToken. Ignores shorter values and blobs that merely contain the shape.',
});
