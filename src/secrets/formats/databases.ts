// Hosted database platforms: PlanetScale and MongoDB Atlas. Their credentials reach the data itself.
import { keyedToken } from './keyed.js';
import { prefixedToken } from './token.js';

// Reference: PlanetScale docs, "Service tokens", "Connection strings — passwords" and "OAuth
// applications" (pscale_tkn_ service tokens, pscale_pw_ database passwords, pscale_oauth_ and
// pscale_otkn_ OAuth tokens, each followed by 32–64 characters).
export const planetscaleToken = prefixedToken({
  kind: 'planetscale-token',
  title: 'PlanetScale token or password',
  keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_', 'pscale_otkn_'],
  // The body may hold dots, but a dot ending the match is sentence punctuation.
  pattern: /pscale_(?:tkn|pw|oauth|otkn)_[A-Za-z0-9_.=-]{31,63}[A-Za-z0-9_=-](?![A-Za-z0-9_=-]|\.[A-Za-z0-9_=-])/y,
  confirm: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s.slice(s.indexOf('_', 7) + 1)),
  summary: 'pscale_tkn_, pscale_pw_, pscale_oauth_ and pscale_otkn_ followed by 32–64 characters: API access or a database password.',
});

// Reference: MongoDB Atlas docs, "Grant programmatic access to an organization — API keys" (a
// public key of 8 characters and a private key that is a UUID) and the Atlas CLI / Terraform
// provider variables (MONGODB_ATLAS_PRIVATE_KEY, MCLI_PRIVATE_API_KEY).
export const mongodbAtlasApiKey = keyedToken({
  kind: 'mongodb-atlas-private-key',
  title: 'MongoDB Atlas API private key',
  providers: ['mongodb_atlas', 'atlas', 'mcli'],
  keys: ['private_key', 'private_api_key'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  summary: 'A UUID assigned to MONGODB_ATLAS_PRIVATE_KEY / MCLI_PRIVATE_API_KEY / atlas…private_key. Ignores public keys and project IDs.',
});
