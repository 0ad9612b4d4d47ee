// Build, infrastructure and data-platform tools: Terraform Cloud, Pulumi, Databricks, SonarQube/SonarCloud,
// Tailscale, Postman. Their tokens change infrastructure or read the code and data behind it.
import { keyedPattern, mixed, providerKeywords } from './keyed.js';
import { prefixedToken } from './token.js';

// Reference: HCP Terraform docs, "API tokens" (user, team and organization tokens:
// <14 characters>.atlasv1.<60+ characters>), found from the ".atlasv1." marker.
export const terraformCloudToken = prefixedToken({
  kind: 'terraform-cloud-token',
  title: 'Terraform Cloud / HCP Terraform API token',
  keywords: ['.atlasv1.'],
  pattern: /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/y,
  lookback: { chars: /[A-Za-z0-9]/, max: 14 },
  summary: '<14>.atlasv1.<60–70> tokens, found from the .atlasv1. marker. Ignores the marker alone.',
});

// Reference: Pulumi docs, "Access tokens" (pul- followed by 40 hex characters).
export const pulumiAccessToken = prefixedToken({
  kind: 'pulumi-access-token',
  title: 'Pulumi access token',
  keywords: ['pul-'],
  pattern: /pul-[a-f0-9]{40}(?![A-Za-z0-9])/y,
  summary: 'pul- followed by 40 hex characters.',
});

// Reference: Databricks docs, "Databricks personal access token authentication" (dapi followed
// by 32 hex characters, sometimes with a -2 style suffix).
export const databricksToken = prefixedToken({
  kind: 'databricks-token',
  title: 'Databricks personal access token',
  keywords: ['dapi'],
  pattern: /dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9-])/y,
  summary: 'dapi followed by 32 hex characters. Ignores words such as dapi_version.',
});

// Reference: SonarQube docs, "Managing your tokens" (squ_ user, sqp_ project analysis, sqa_ global
// analysis tokens; 40 hex characters) and SonarQube Cloud (SonarCloud) docs "Managing your tokens"
// (unprefixed 40-hex tokens, passed as SONAR_TOKEN or sonar.token / the older sonar.login).
export const sonarqubeToken = prefixedToken({
  kind: 'sonarqube-token',
  title: 'SonarQube / SonarCloud token',
  keywords: ['squ_', 'sqp_', 'sqa_', ...providerKeywords(['sonar'])],
  pattern: [/sq[upa]_[a-f0-9]{40}(?![A-Za-z0-9])/y, keyedPattern(['sonar'], ['token', 'login'], '[A-Za-z0-9_-]{40}')],
  // A 40-character login is a token, not a user name: it mixes letters and digits.
  confirm: (s) => mixed(s),
  // Maven and the scanner CLI pass properties as -Dsonar.login=…: a D may precede the keyword.
  notAfter: /[A-CE-Za-z0-9]/,
  summary:
    'squ_/sqp_/sqa_ followed by 40 hex characters, or unprefixed SonarCloud tokens (40 characters) assigned to SONAR_TOKEN / sonar.token / sonar.login / sonarToken. Ignores user names in sonar.login and 40-hex strings under other names.',
});

// Reference: Tailscale docs, "Auth keys" and "API access tokens" (tskey-auth-, tskey-api-,
// tskey-client- …: a key ID, a dash and the secret).
export const tailscaleKey = prefixedToken({
  kind: 'tailscale-key',
  title: 'Tailscale key',
  keywords: ['tskey-'],
  pattern: /tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64}(?![A-Za-z0-9])/y,
  summary:
    'tskey-auth-/api-/client-/scim-/webhook- keys: an ID and a 20+ character secret. A device joining with a leaked auth key lands in your tailnet.',
});

// Reference: Postman Learning Center, "Generate and use Postman API keys" (PMAK-<24 hex>-<34 hex>).
export const postmanApiKey = prefixedToken({
  kind: 'postman-api-key',
  title: 'Postman API key',
  keywords: ['PMAK-'],
  pattern: /PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])/y,
  summary: 'PMAK-<24 hex>-<34 hex>.',
});
