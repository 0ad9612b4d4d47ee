// Log management: Sumo Logic. Its access keys run searches over everything a company logs, and an
// HTTP source URL lets anyone write into those logs.
import { keyedToken } from './keyed.js';
import { prefixedToken } from './token.js';

// Reference: Sumo Logic docs, "Access Keys" (an access ID of 14 characters and an access key of
// 64 characters; the Terraform provider reads SUMOLOGIC_ACCESSID / SUMOLOGIC_ACCESSKEY).
export const sumologicAccessKey = keyedToken({
  kind: 'sumologic-access-key',
  title: 'Sumo Logic access key',
  providers: ['sumo'],
  keys: ['access_key', 'accesskey', 'secret', 'token', 'key'],
  value: '[A-Za-z0-9]{64}',
  summary:
    '64 letters and digits assigned to SUMO_ACCESS_KEY / SUMOLOGIC_ACCESSKEY / a sumo…token name. Ignores access IDs, which are public halves of the pair.',
});

// Reference: Sumo Logic docs, "HTTP Logs and Metrics Source — HTTP Source Address" (the URL
// https://endpoint….collection….sumologic.com/receiver/v1/http/<token> securely encodes the
// collector and source; anyone holding it can post data).
export const sumologicHttpSource = prefixedToken({
  kind: 'sumologic-http-source-url',
  title: 'Sumo Logic HTTP source URL',
  keywords: ['sumologic.com/receiver/v1/'],
  pattern: /sumologic\.com\/receiver\/v1\/(?:[a-z]+\/){1,2}(?<secret>[A-Za-z0-9_=-]{40,400})(?![A-Za-z0-9_=-])/y,
  notAfter: /[A-Za-z0-9-]/,
  confirm: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
  summary: 'The token of a …sumologic.com/receiver/v1/http/<token> source URL. Ignores URLs whose token is cut or a placeholder.',
});
