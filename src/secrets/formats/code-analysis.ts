// Code-analysis and code-search services: Snyk, Sourcegraph (SonarQube lives with the build tools).
// Their tokens read a company's source and its known vulnerabilities.
import { keyedPattern, providerKeywords } from './keyed.js';
import { assigned, prefixedToken } from './token.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// Reference: Snyk docs, "Authentication for API" and "Snyk API token permissions" (personal access
// tokens snyk_uat.<8 hex>.<payload>.<signature>, service-account tokens snyk_sat.…) and "Environment
// variables for Snyk CLI" (SNYK_TOKEN; classic API tokens are UUIDs, so they count only there).
export const snykToken = prefixedToken({
  kind: 'snyk-token',
  title: 'Snyk API token',
  keywords: ['snyk_uat.', 'snyk_sat.', ...providerKeywords(['snyk'])],
  pattern: [
    /snyk_[us]at\.[0-9a-f]{8}\.[A-Za-z0-9_-]{20,2000}\.[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_.-])/y,
    keyedPattern(['snyk'], ['token', 'api_key', 'key'], UUID),
  ],
  notAfter: /[A-Za-z0-9]/,
  summary:
    'Personal and service-account tokens (snyk_uat./snyk_sat.<8 hex>.<payload>.<signature>), or a UUID assigned to SNYK_TOKEN / SNYK_API_KEY. Ignores UUIDs under other names (org and project IDs).',
});

// Reference: Sourcegraph docs, "Creating an access token" / "Revoking an access token" (tokens
// start with sgp_: sgp_<16-hex instance id>_<40 hex>, sgp_local_<40 hex>, or sgp_<40 hex>; older
// tokens are the 40 hex alone, used as SRC_ACCESS_TOKEN).
export const sourcegraphToken = prefixedToken({
  kind: 'sourcegraph-access-token',
  title: 'Sourcegraph access token',
  keywords: ['sgp_', 'SRC_ACCESS_TOKEN', 'src_access_token', ...providerKeywords(['sourcegraph'])],
  pattern: [
    /sgp_(?:[0-9a-fA-F]{16}_|local_)?[0-9a-fA-F]{40}(?![A-Za-z0-9_])/y,
    assigned('SRC_ACCESS_TOKEN|src_access_token', '[0-9a-f]{40}'),
    keyedPattern(['sourcegraph'], ['token'], '[0-9a-f]{40}'),
  ],
  summary:
    'sgp_ tokens (with an instance id, local_ or bare, then 40 hex), or 40 hex assigned to SRC_ACCESS_TOKEN / SOURCEGRAPH_…TOKEN. Ignores 40-hex commit SHAs anywhere else.',
});
