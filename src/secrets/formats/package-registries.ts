// Publish tokens of package registries: npm and PyPI.
import { prefixedToken } from './token.js';

// Reference: npm docs, "About access tokens" and GitHub blog "New npm token format" (2021):
// npm_ followed by 36 base62 characters.
export const npmToken = prefixedToken({
  kind: 'npm-token',
  title: 'npm access token',
  trigger: 'npm_',
  pattern: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y,
});

// Reference: PyPI docs, "Help — API tokens" (tokens are macaroons prefixed "pypi-"; the
// serialized macaroon starts with the base64 of its location, "pypi.org" → AgEIcHlwaS5vcmc,
// "test.pypi.org" → AgENdGVzdC5weXBpLm9yZw).
export const pypiToken = prefixedToken({
  kind: 'pypi-token',
  title: 'PyPI API token',
  trigger: 'pypi-AgE',
  pattern: /pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/y,
});
