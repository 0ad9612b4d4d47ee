// Google Cloud credentials: API keys, OAuth client secrets and service-account key files.
import { prefixedToken } from './token.js';

// Reference: Google Cloud docs, "Manage API keys" (API key strings start with "AIza" and are
// 39 characters long).
export const googleApiKey = prefixedToken({
  kind: 'google-api-key',
  title: 'Google API key',
  keywords: ['AIza'],
  pattern: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y,
  summary: 'AIza followed by 35 URL-safe base64 characters. Ignores shorter or longer runs.',
});

// Reference: Google Cloud docs, "Manage OAuth clients" (client secrets created since 2021 start
// with GOCSPX- and can be shown only once).
export const googleOAuthClientSecret = prefixedToken({
  kind: 'google-oauth-client-secret',
  title: 'Google OAuth client secret',
  keywords: ['GOCSPX-'],
  pattern: /GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/y,
  summary: 'GOCSPX- followed by 28 URL-safe characters. Ignores older unprefixed client secrets, which have no shape to tell them apart.',
});

// Reference: Google Cloud IAM docs, "Create and delete service account keys" (the JSON key file
// holds "type": "service_account", "private_key_id" — 40 hex characters naming the key — and the
// PEM "private_key"). The key ID is what the console lists and what to delete; the private key
// itself is also reported, as private-key.
export const gcpServiceAccountKey = prefixedToken({
  kind: 'gcp-service-account-key',
  title: 'Google Cloud service account key',
  keywords: ['"private_key_id"'],
  pattern: /"private_key_id"[ \t]*:[ \t]*"(?<secret>[0-9a-f]{40})"/y,
  summary:
    'The "private_key_id" (40 hex characters) of a service-account JSON key file, naming the key to delete. Ignores files where the field is empty or templated.',
});
